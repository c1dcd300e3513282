package d2l.train;

/** Receives progress once per epoch, e.g. to draw the live perplexity curve. */
@FunctionalInterface
public interface TrainingListener {

    /** @param epoch 1-based epoch number */
    void onEpoch(int epoch, double perplexity, double tokensPerSecond);

    TrainingListener NONE = (epoch, perplexity, tokensPerSecond) -> {};
}
