package d2l.train;

import java.util.Locale;

/**
 * Outcome of a training run: the last epoch's training and validation perplexity, the training
 * throughput, and the work done.
 *
 * @param validPerplexity   validation perplexity after the last epoch, NaN if the run had no validation data
 * @param tokensPerSecond   training tokens per second of training time (validation passes excluded)
 * @param seconds           wall time of the whole run, validation included
 * @param validationSeconds time spent in validation passes
 */
public record TrainingResult(
        double perplexity,
        double validPerplexity,
        double tokensPerSecond,
        int epochs,
        double seconds,
        double validationSeconds,
        long tokens,
        long minibatches) {

    public double msPerMinibatch() {
        return minibatches == 0 ? 0 : 1000 * (seconds - validationSeconds) / minibatches;
    }

    @Override
    public String toString() {
        String valid =
                Double.isNaN(validPerplexity) ? "" : String.format(Locale.ROOT, ", validation %.2f", validPerplexity);
        return String.format(
                Locale.ROOT,
                "perplexity %.2f%s, %.0f tokens/sec, %d epochs in %.1f s (%.2f ms/minibatch)",
                perplexity,
                valid,
                tokensPerSecond,
                epochs,
                seconds,
                msPerMinibatch());
    }
}
