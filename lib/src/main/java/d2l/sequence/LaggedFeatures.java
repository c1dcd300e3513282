package d2l.sequence;

import java.util.Arrays;

/**
 * An autoregressive data set: example i has the tau previous observations
 * x[i], ..., x[i+tau-1] as features and x[i+tau] as its label.
 *
 * @param features (T - tau) x tau windows of past observations
 * @param labels the observation that follows each window
 * @param tau the window length (the Markov order)
 */
public record LaggedFeatures(double[][] features, double[] labels, int tau) {

    public static LaggedFeatures of(double[] x, int tau) {
        if (tau < 1 || tau >= x.length) {
            throw new IllegalArgumentException(
                    "tau must be in [1, " + (x.length - 1) + "] for a series of length " + x.length + ", got " + tau);
        }
        int n = x.length - tau;
        double[][] features = new double[n][];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            features[i] = Arrays.copyOfRange(x, i, i + tau);
            labels[i] = x[i + tau];
        }
        return new LaggedFeatures(features, labels, tau);
    }

    /** The first n examples: the training set (the chapter trains on the first 600). */
    public LaggedFeatures head(int n) {
        if (n < 1 || n > size()) throw new IllegalArgumentException("head needs 1 <= n <= " + size() + ", got " + n);
        return new LaggedFeatures(Arrays.copyOf(features, n), Arrays.copyOf(labels, n), tau);
    }

    public int size() {
        return labels.length;
    }
}
