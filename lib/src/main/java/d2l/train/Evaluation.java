package d2l.train;

import d2l.data.Minibatch;
import d2l.data.Sampling;
import d2l.rnn.RecurrentModel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Perplexity of a language model on data it does not train on: forward passes only, so the
 * parameters and gradients stay as they are. The hidden state follows the same policy as in
 * training: carried over between minibatches for {@link Sampling#SEQUENTIAL}, reset to zero for
 * {@link Sampling#RANDOM}; every pass starts from zeros.
 */
public final class Evaluation {

    private Evaluation() {}

    /** exp of the mean cross-entropy per predicted token over one pass of {@code loader}. */
    public static double perplexity(RecurrentModel model, Iterable<Minibatch> loader, Sampling sampling) {
        double loss = 0;
        long tokens = 0;
        INDArray state = null;
        for (Minibatch batch : loader) {
            if (state == null || state.rows() != batch.batchSize()) {
                state = model.beginState(batch.batchSize());
            } else if (sampling == Sampling.RANDOM) {
                state.assign(0);
            }
            loss += crossEntropySum(model.logits(batch.inputs(), state), batch.targets());
            tokens += batch.tokenCount();
        }
        if (tokens == 0) {
            throw new IllegalArgumentException("the evaluation loader yielded no minibatches; give it a longer corpus");
        }
        return Math.exp(loss / tokens);
    }

    /**
     * Sum over the minibatch of -log softmax(o)[y], for logits in time-major order (row
     * t * batchSize + b is step t of sequence b) and targets batchSize x numSteps.
     */
    static double crossEntropySum(INDArray logits, int[][] targets) {
        int batch = targets.length;
        int steps = batch == 0 ? 0 : targets[0].length;
        if (logits.rows() != (long) batch * steps) {
            throw new IllegalArgumentException("expected " + batch * steps + " rows of logits, got " + logits.rows());
        }
        double[][] o = logits.toDoubleMatrix();
        double sum = 0;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                double[] row = o[t * batch + b];
                double max = Double.NEGATIVE_INFINITY;
                for (double v : row) max = Math.max(max, v);
                double z = 0;
                for (double v : row) z += Math.exp(v - max);
                sum += max + Math.log(z) - row[targets[b][t]];
            }
        }
        return sum;
    }
}
