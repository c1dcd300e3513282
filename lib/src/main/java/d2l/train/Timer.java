package d2l.train;

import java.util.ArrayList;
import java.util.List;

/** Records running times: start/stop pairs, with their sum, average and running sums. */
public final class Timer {

    private final List<Double> times = new ArrayList<>();
    private long startNanos;

    /** A timer that is already running. */
    public Timer() {
        start();
    }

    public void start() {
        startNanos = System.nanoTime();
    }

    /** Stops the current interval, records it, and returns its length in seconds. */
    public double stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        times.add(seconds);
        return seconds;
    }

    /** Seconds since the last {@link #start()}, without recording anything. */
    public double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public double sum() {
        return times.stream().mapToDouble(Double::doubleValue).sum();
    }

    public double avg() {
        return times.isEmpty() ? 0 : sum() / times.size();
    }

    /** Running totals: entry i is the time up to and including interval i. */
    public double[] cumsum() {
        double[] out = new double[times.size()];
        double total = 0;
        for (int i = 0; i < out.length; i++) out[i] = total += times.get(i);
        return out;
    }
}
