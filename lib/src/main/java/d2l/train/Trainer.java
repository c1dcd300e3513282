package d2l.train;

import d2l.data.Minibatch;
import d2l.data.Sampling;
import d2l.data.SeqDataLoader;
import d2l.rnn.RecurrentModel;
import d2l.rnn.Truncation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The chapter's training loop for a character-level language model: for every minibatch, forward
 * and backpropagate through time, clip the gradients to norm theta, take an SGD step.
 *
 * <p>The hidden state follows the sampling: with {@link Sampling#SEQUENTIAL} minibatch i+1 continues
 * minibatch i, so the state is carried over (detached: gradients stop at the minibatch boundary);
 * with {@link Sampling#RANDOM} neighbouring minibatches are unrelated, so the state is reset to zero.
 * Each epoch starts from a zero state.
 *
 * <p>With {@link #validateOn} the trainer also measures the perplexity on validation data (forward
 * passes only, the same state policy, see {@link Evaluation}) every few epochs and after the last.
 */
public final class Trainer {

    private final double lr;
    private double theta = 1.0;
    private Truncation truncation = Truncation.full();
    private ValidationSchedule validation; // null: no validation
    private int threads; // 0: the model's own setting

    /** A trainer with learning rate {@code lr}, clipping at norm 1 and full backprop within each minibatch. */
    public Trainer(double lr) {
        if (!(lr > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        this.lr = lr;
    }

    /** Gradient clipping bound (default 1). */
    public Trainer clipAt(double theta) {
        if (!(theta > 0)) throw new IllegalArgumentException("clipping bound must be positive, got " + theta);
        this.theta = theta;
        return this;
    }

    /** How far gradients flow back inside a minibatch (default: through all of it). */
    public Trainer truncation(Truncation truncation) {
        this.truncation = truncation;
        return this;
    }

    /**
     * Trains on {@code n} threads, whatever the model was set to ({@link RecurrentModel#threads(int)});
     * a shared machine may pin it to 1. Without this the model's own setting holds (by default the
     * machine's cores, capped by {@code D2L_THREADS}).
     */
    public Trainer threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n
                    + "; use 1 for one thread or leave it out for the model's own setting");
        }
        this.threads = n;
        return this;
    }

    /**
     * Measures validation perplexity on {@code loader} after every {@code every}-th epoch and after
     * the last one (e.g. at the epochs a live chart plots); other epochs report NaN.
     */
    public Trainer validateOn(Iterable<Minibatch> loader, int every) {
        this.validation = new ValidationSchedule(loader, every);
        return this;
    }

    /** The chapter's defaults: clipping at 1, full backprop inside each minibatch. */
    public static TrainingResult train(
            RecurrentModel model,
            Iterable<Minibatch> loader,
            Sampling sampling,
            double lr,
            int epochs,
            TrainingListener listener) {
        return new Trainer(lr).fit(model, loader, sampling, epochs, listener);
    }

    /** Trains with the loader's own sampling mode, the chapter's defaults otherwise. */
    public static TrainingResult train(
            RecurrentModel model, SeqDataLoader loader, double lr, int epochs, TrainingListener listener) {
        return train(model, loader, loader.sampling(), lr, epochs, listener);
    }

    /** Trains with the loader's own sampling mode. */
    public TrainingResult fit(RecurrentModel model, SeqDataLoader loader, int epochs, TrainingListener listener) {
        return fit(model, loader, loader.sampling(), epochs, listener);
    }

    /**
     * Trains for {@code epochs} full passes over {@code loader} (each {@code iterator()} is one epoch)
     * and reports every epoch's perplexity (training, and validation where measured) and speed to
     * {@code listener}. {@code sampling} decides the state between minibatches (in validation too),
     * usually as the loader's own mode: {@code RANDOM} starts every minibatch from zeros,
     * {@code SEQUENTIAL} carries the state over (detached). Passing
     * {@code RANDOM} with a sequential loader isolates the cost of losing the state.
     */
    public TrainingResult fit(
            RecurrentModel model,
            Iterable<Minibatch> loader,
            Sampling sampling,
            int epochs,
            TrainingListener listener) {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (threads > 0) model.threads(threads);
        d2l.engine.BlasCore.adviseOnce(System.err); // a program without OPENBLAS_CORETYPE may get slow kernels
        var total = new Timer();
        long tokens = 0, minibatches = 0;
        double perplexity = Double.NaN, validPerplexity = Double.NaN, validationSeconds = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            var timer = new Timer();
            var lossAndTokens = new Accumulator(2);
            INDArray state = null;
            for (Minibatch batch : loader) {
                if (state == null || state.rows() != batch.batchSize()) {
                    state = model.beginState(batch.batchSize());
                } else if (sampling == Sampling.RANDOM) {
                    state.assign(0); // unrelated sequences: start from scratch
                } // SEQUENTIAL: keep the state (already detached)
                double loss = model.lossAndGradients(batch, state, truncation);
                Clipping.clipGradients(model.gradients(), theta);
                Sgd.step(model, lr);
                lossAndTokens.add(loss * batch.tokenCount(), batch.tokenCount());
                minibatches++;
            }
            if (lossAndTokens.get(1) == 0) {
                throw new IllegalArgumentException("the loader yielded no minibatches; the corpus is too short "
                        + "for its batch size and number of steps");
            }
            double seconds = timer.stop();
            perplexity = Math.exp(lossAndTokens.get(0) / lossAndTokens.get(1));
            tokens += (long) lossAndTokens.get(1);
            double valid = Double.NaN;
            if (validation != null && validation.dueAt(epoch, epochs)) {
                var validationTimer = new Timer();
                valid = validPerplexity = Evaluation.perplexity(model, validation.loader(), sampling);
                validationSeconds += validationTimer.stop();
            }
            listener.onEpoch(epoch, perplexity, valid, lossAndTokens.get(1) / seconds);
        }
        double seconds = total.stop();
        return new TrainingResult(
                perplexity,
                validPerplexity,
                tokens / (seconds - validationSeconds),
                epochs,
                seconds,
                validationSeconds,
                tokens,
                minibatches);
    }
}
