package d2l.train;

import d2l.plot.Animator;

/** Receives progress once per epoch, e.g. to draw the live perplexity curves. */
@FunctionalInterface
public interface TrainingListener {

    /**
     * @param epoch           1-based epoch number
     * @param perplexity      training perplexity of the epoch
     * @param validPerplexity validation perplexity after the epoch, NaN when it was not evaluated this
     *                        epoch (see {@link Trainer#validateOn})
     */
    void onEpoch(int epoch, double perplexity, double validPerplexity, double tokensPerSecond);

    TrainingListener NONE = (epoch, perplexity, validPerplexity, tokensPerSecond) -> {};

    /**
     * Adds a point every {@code every} epochs to an {@link Animator}, which redraws the chart in
     * place in a notebook: d2l's live training plot. A one-series animator gets the training
     * perplexity; a two-series one (e.g. "train", "valid") gets training and validation perplexity.
     */
    static TrainingListener plot(Animator animator, int every) {
        if (every < 1) throw new IllegalArgumentException("plot interval must be >= 1, got " + every);
        int series = animator.names().size();
        if (series > 2) {
            throw new IllegalArgumentException(
                    "the plot listener draws 'train' and optionally 'valid', but the animator has " + series
                            + " series " + animator.names());
        }
        return (epoch, perplexity, validPerplexity, tokensPerSecond) -> {
            if (epoch % every != 0) return;
            if (series == 1) animator.add(epoch, perplexity);
            else animator.add(epoch, perplexity, validPerplexity);
        };
    }

    /** Calls this listener, then {@code next}. */
    default TrainingListener andThen(TrainingListener next) {
        return (epoch, perplexity, validPerplexity, speed) -> {
            onEpoch(epoch, perplexity, validPerplexity, speed);
            next.onEpoch(epoch, perplexity, validPerplexity, speed);
        };
    }
}
