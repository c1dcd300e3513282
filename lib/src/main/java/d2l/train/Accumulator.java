package d2l.train;

import java.util.Arrays;

/** Sums several quantities at once, e.g. (total loss, token count) over an epoch. */
public final class Accumulator {

    private final double[] sums;

    public Accumulator(int n) {
        if (n < 1) throw new IllegalArgumentException("an accumulator needs at least one slot, got " + n);
        sums = new double[n];
    }

    /** Adds {@code values[i]} to slot i; exactly one value per slot. */
    public void add(double... values) {
        if (values.length != sums.length) {
            throw new IllegalArgumentException("expected " + sums.length + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) sums[i] += values[i];
    }

    public double get(int i) {
        return sums[i];
    }

    public void reset() {
        Arrays.fill(sums, 0);
    }
}
