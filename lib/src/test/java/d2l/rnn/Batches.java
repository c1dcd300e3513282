package d2l.rnn;

import d2l.data.Minibatch;
import java.util.Random;

/** Small random minibatches for tests: targets are the inputs shifted by one, as in a language model. */
public final class Batches {

    private Batches() {}

    public static Minibatch random(int vocab, int batchSize, int numSteps, long seed) {
        var random = new Random(seed);
        int[][] x = new int[batchSize][numSteps], y = new int[batchSize][numSteps];
        for (int b = 0; b < batchSize; b++) {
            int[] seq = random.ints(numSteps + 1, 0, vocab).toArray();
            System.arraycopy(seq, 0, x[b], 0, numSteps);
            System.arraycopy(seq, 1, y[b], 0, numSteps);
        }
        return new Minibatch(x, y);
    }

    /** Steps [from, to) of a minibatch. */
    public static Minibatch slice(Minibatch batch, int from, int to) {
        int n = batch.batchSize();
        int[][] x = new int[n][], y = new int[n][];
        for (int b = 0; b < n; b++) {
            x[b] = java.util.Arrays.copyOfRange(batch.inputs()[b], from, to);
            y[b] = java.util.Arrays.copyOfRange(batch.targets()[b], from, to);
        }
        return new Minibatch(x, y);
    }
}
