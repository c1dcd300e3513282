package d2l.data;

/**
 * One minibatch of token indices: {@code inputs[b][t]} is the t-th token of sequence b, and
 * {@code targets[b][t]} is the token that follows it. Both are batchSize x numSteps.
 */
public record Minibatch(int[][] inputs, int[][] targets) {
    public int batchSize() { return inputs.length; }
    public int numSteps() { return inputs.length == 0 ? 0 : inputs[0].length; }
    /** Number of predicted tokens in this minibatch. */
    public int tokenCount() { return batchSize() * numSteps(); }
}
