package d2l.engine;

/**
 * Flattens batchSize x numSteps token indices into time-major order, row (t * batchSize + b): all
 * sequences' step 0 first, then step 1, ... so that the rows of one step are contiguous and a step
 * of the recurrence is one block of rows (PyTorch's (steps, batch) layout).
 */
public final class TimeMajor {

    private TimeMajor() {}

    /** Number of steps of a non-empty, rectangular batchSize x numSteps token array. */
    public static int steps(int[][] tokens) {
        int steps = tokens.length == 0 ? 0 : tokens[0].length;
        if (steps == 0) throw new IllegalArgumentException("empty minibatch");
        for (int b = 1; b < tokens.length; b++) {
            if (tokens[b].length != steps) {
                throw new IllegalArgumentException(
                        "ragged minibatch: row " + b + " has " + tokens[b].length + " tokens, expected " + steps);
            }
        }
        return steps;
    }

    /**
     * Writes {@code tokens[b][t]} to {@code out[t * batchSize + b]}, checking that every token is in
     * [0, vocabSize) and that {@code out} has batchSize * numSteps entries.
     */
    public static void flatten(int[][] tokens, int[] out, int vocabSize) {
        int batch = tokens.length;
        int steps = batch == 0 ? 0 : tokens[0].length;
        if (out.length != batch * steps) {
            throw new IllegalArgumentException("expected " + out.length + " tokens, got " + batch + " x " + steps);
        }
        for (int b = 0; b < batch; b++) {
            if (tokens[b].length != steps) {
                throw new IllegalArgumentException(
                        "ragged minibatch: row " + b + " has " + tokens[b].length + " tokens, expected " + steps);
            }
            for (int t = 0; t < steps; t++) {
                int token = tokens[b][t];
                if (token < 0 || token >= vocabSize) {
                    throw new IllegalArgumentException("token index " + token + " outside the model's vocabulary [0, "
                            + vocabSize + "); build the model with the vocabulary's size");
                }
                out[t * batch + b] = token;
            }
        }
    }
}
