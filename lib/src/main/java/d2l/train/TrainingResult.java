package d2l.train;

/**
 * Outcome of a training run: the last epoch's perplexity, the throughput over the whole run, and the
 * work done.
 */
public record TrainingResult(double perplexity, double tokensPerSecond, int epochs, double seconds,
                             long tokens, long minibatches) {

    public double msPerMinibatch() { return minibatches == 0 ? 0 : 1000 * seconds / minibatches; }

    @Override public String toString() {
        return String.format("perplexity %.2f, %.0f tokens/sec, %d epochs in %.1f s (%.2f ms/minibatch)",
                perplexity, tokensPerSecond, epochs, seconds, msPerMinibatch());
    }
}
