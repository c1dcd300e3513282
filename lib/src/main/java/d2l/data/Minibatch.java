package d2l.data;

import java.util.Arrays;

/**
 * One minibatch of token indices: {@code inputs[b][t]} is the t-th token of sequence b, and
 * {@code targets[b][t]} is the token that follows it. Both are batchSize x numSteps.
 */
public record Minibatch(int[][] inputs, int[][] targets) {
    public int batchSize() {
        return inputs.length;
    }

    public int numSteps() {
        return inputs.length == 0 ? 0 : inputs[0].length;
    }
    /** Number of predicted tokens in this minibatch. */
    public int tokenCount() {
        return batchSize() * numSteps();
    }

    // Arrays compare by identity in records; minibatches compare (and print) by content.
    @Override
    public boolean equals(Object other) {
        return other instanceof Minibatch m
                && Arrays.deepEquals(inputs, m.inputs)
                && Arrays.deepEquals(targets, m.targets);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(inputs) + Arrays.deepHashCode(targets);
    }

    @Override
    public String toString() {
        return "Minibatch[inputs=" + Arrays.deepToString(inputs) + ", targets=" + Arrays.deepToString(targets) + "]";
    }
}
