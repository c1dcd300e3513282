package d2l.train;

import d2l.data.Minibatch;
import d2l.data.Sampling;
import d2l.rnn.RecurrentModel;
import org.nd4j.linalg.api.buffer.DataType;
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
        int v = (int) logits.columns();
        double[] o = values(logits);
        double sum = 0;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int base = (t * batch + b) * v;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < v; j++) max = Math.max(max, o[base + j]);
                double z = 0;
                for (int j = 0; j < v; j++) z += Math.exp(o[base + j] - max);
                sum += max + Math.log(z) - o[base + targets[b][t]];
            }
        }
        return sum;
    }

    /** All entries in row-major order, copied in bulk (element-wise reads cost far more where the JIT does not inline them). */
    private static double[] values(INDArray array) {
        INDArray whole = array.dup('c');
        double[] out = new double[(int) whole.length()];
        if (whole.dataType() == DataType.DOUBLE) {
            whole.data().asNioDouble().get(0, out);
        } else {
            float[] floats = new float[out.length];
            whole.castTo(DataType.FLOAT).data().asNioFloat().get(0, floats);
            for (int i = 0; i < floats.length; i++) out[i] = floats[i];
        }
        return out;
    }
}
