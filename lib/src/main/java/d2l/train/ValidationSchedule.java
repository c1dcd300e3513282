package d2l.train;

import d2l.data.Minibatch;

/**
 * Which data to validate on and when: after every {@code every}-th epoch and after the last one
 * (e.g. at the epochs a live chart plots). Shared by {@link Trainer} and the DL4J wrapper.
 */
public record ValidationSchedule(Iterable<Minibatch> loader, int every) {

    public ValidationSchedule {
        if (loader == null) throw new IllegalArgumentException("the validation loader is null; pass data.validation()");
        if (every < 1) throw new IllegalArgumentException("validation interval must be >= 1, got " + every);
    }

    /** Whether 1-based {@code epoch} of a run of {@code epochs} is validated. */
    public boolean dueAt(int epoch, int epochs) {
        return epoch % every == 0 || epoch == epochs;
    }
}
