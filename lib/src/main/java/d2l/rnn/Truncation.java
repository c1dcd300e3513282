package d2l.rnn;

import java.util.Random;

/**
 * How far gradients flow back through time inside one minibatch (the chapter's BPTT section).
 *
 * <p>Backpropagation passes the gradient from step t to step t-1 through h_t = f(x_t, h_{t-1}).
 * A truncation strategy multiplies that hand-over by a factor xi_t: 1 lets the gradient through,
 * 0 cuts the chain there (as if h_{t-1} were detached). Between minibatches the hidden state is
 * always detached, so with {@link #full()} and sequential sampling you get the chapter's default
 * "regular truncation every numSteps steps".
 */
public sealed interface Truncation {

    /** Gradients flow through every step of the minibatch. */
    static Truncation full() {
        return new Full();
    }

    /** Regular truncation: the chain is cut every {@code steps} steps (counted from the minibatch start). */
    static Truncation every(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("truncation length must be >= 1, got " + steps);
        }
        return new Regular(steps);
    }

    /**
     * Randomized truncation (Tallec and Ollivier, 2017): at each step the chain continues with
     * probability {@code keep} and is then reweighted by 1/keep, otherwise it is cut. The truncation
     * lengths are random (geometric, mean 1/(1-keep)) and the gradient stays unbiased in expectation.
     */
    static Truncation randomized(double keep, long seed) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep probability must be in (0, 1], got " + keep);
        }
        return new Randomized(keep, new Random(seed));
    }

    /**
     * Fills {@code xi[t]} for the steps t = 2..numSteps of a minibatch (counted from 1; the array has
     * numSteps + 1 entries) with the factor applied to the gradient handed from step t back to step t-1.
     * {@code xi[0]} and {@code xi[1]} are 0: the state before the minibatch is detached.
     */
    void factors(double[] xi);

    /** Full backpropagation within the minibatch. */
    record Full() implements Truncation {
        @Override
        public void factors(double[] xi) {
            java.util.Arrays.fill(xi, 1.0);
            xi[0] = 0;
            xi[1] = 0;
        }
    }

    /** Cut every {@code steps} steps. */
    record Regular(int steps) implements Truncation {
        @Override
        public void factors(double[] xi) {
            xi[0] = 0;
            for (int t = 1; t < xi.length; t++) {
                xi[t] = (t - 1) % steps == 0 ? 0.0 : 1.0; // steps 1, 1+steps, 1+2*steps, ... start a block
            }
        }
    }

    /** Continue with probability {@code keep} (weight 1/keep), cut otherwise. */
    record Randomized(double keep, Random random) implements Truncation {
        @Override
        public void factors(double[] xi) {
            xi[0] = 0;
            xi[1] = 0;
            for (int t = 2; t < xi.length; t++) {
                xi[t] = random.nextDouble() < keep ? 1.0 / keep : 0.0;
            }
        }
    }
}
