package d2l.sequence;

import java.util.Random;

/**
 * The sequence section's synthetic data: x_t = sin(0.01 t) + noise for t = 1, ..., T, with
 * Gaussian noise of standard deviation {@code noiseStd}.
 *
 * @param time the time steps 1, ..., T
 * @param x the noisy observations, x[i] at time[i]
 */
public record SineSeries(double[] time, double[] x) {
    public static final int CHAPTER_LENGTH = 1000;
    public static final double CHAPTER_NOISE = 0.2;
    public static final long DEFAULT_SEED = 42;

    /** The chapter's series: T = 1000, noise standard deviation 0.2, fixed seed. */
    public static SineSeries chapter() {
        return generate(CHAPTER_LENGTH, CHAPTER_NOISE, DEFAULT_SEED);
    }

    public static SineSeries generate(int length, double noiseStd, long seed) {
        if (length < 1) throw new IllegalArgumentException("length must be >= 1, got " + length);
        if (noiseStd < 0) throw new IllegalArgumentException("noiseStd must be >= 0, got " + noiseStd);
        var random = new Random(seed);
        double[] time = new double[length];
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            time[i] = i + 1;
            x[i] = Math.sin(0.01 * time[i]) + noiseStd * random.nextGaussian();
        }
        return new SineSeries(time, x);
    }

    /** The noise-free signal sin(0.01 t) at every time step. */
    public double[] signal() {
        double[] s = new double[time.length];
        for (int i = 0; i < s.length; i++) s[i] = Math.sin(0.01 * time[i]);
        return s;
    }

    public int length() {
        return x.length;
    }
}
