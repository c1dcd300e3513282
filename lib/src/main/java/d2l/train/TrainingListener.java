package d2l.train;

import d2l.plot.Animator;

/** Receives progress once per epoch, e.g. to draw the live perplexity curve. */
@FunctionalInterface
public interface TrainingListener {

    /** @param epoch 1-based epoch number */
    void onEpoch(int epoch, double perplexity, double tokensPerSecond);

    TrainingListener NONE = (epoch, perplexity, tokensPerSecond) -> {};

    /**
     * Adds (epoch, perplexity) to a one-series {@link Animator} every {@code every} epochs, which
     * redraws the chart in place in a notebook: d2l's live training plot.
     */
    static TrainingListener plot(Animator animator, int every) {
        if (every < 1) throw new IllegalArgumentException("plot interval must be >= 1, got " + every);
        return (epoch, perplexity, tokensPerSecond) -> {
            if (epoch % every == 0) animator.add(epoch, perplexity);
        };
    }

    /** Calls this listener, then {@code next}. */
    default TrainingListener andThen(TrainingListener next) {
        return (epoch, perplexity, speed) -> {
            onEpoch(epoch, perplexity, speed);
            next.onEpoch(epoch, perplexity, speed);
        };
    }
}
