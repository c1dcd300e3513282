package d2l.rnn;

import d2l.data.Minibatch;
import d2l.engine.FastRnn;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The chapter's character-level RNN written from scratch, with its gradients from an explicit
 * backpropagation-through-time pass.
 *
 * <pre>
 *   h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)      x_t one-hot (1 x V), h_t (1 x H)
 *   o_t = h_t W_hq + b_q                          logits over the vocabulary
 *   L   = mean over t and the batch of -log softmax(o_t)[y_t]
 * </pre>
 *
 * This version hands every call to the engine's {@link FastRnn} (the fields are its arrays); the
 * readable plain-ND4J model takes its place.
 */
public final class RnnScratch implements RecurrentModel {

    public final INDArray W_xh, W_hh, b_h, W_hq, b_q;
    public final INDArray dW_xh, dW_hh, db_h, dW_hq, db_q;
    private final FastRnn fast;

    /** float32 model with weights drawn from N(0, 0.01^2) and zero biases. */
    public RnnScratch(int vocabSize, int hiddenSize, long seed) {
        this(vocabSize, hiddenSize, seed, DataType.FLOAT);
    }

    public RnnScratch(int vocabSize, int hiddenSize, long seed, DataType type) {
        fast = new FastRnn(vocabSize, hiddenSize, seed, type);
        W_xh = fast.W_xh;
        W_hh = fast.W_hh;
        b_h = fast.b_h;
        W_hq = fast.W_hq;
        b_q = fast.b_q;
        dW_xh = fast.dW_xh;
        dW_hh = fast.dW_hh;
        db_h = fast.db_h;
        dW_hq = fast.dW_hq;
        db_q = fast.db_q;
    }

    @Override public int vocabSize() { return fast.vocabSize(); }
    @Override public int hiddenSize() { return fast.hiddenSize(); }
    @Override public DataType dataType() { return fast.dataType(); }
    @Override public INDArray beginState(int batchSize) { return fast.beginState(batchSize); }
    @Override public List<INDArray> parameters() { return fast.parameters(); }
    @Override public List<String> parameterNames() { return fast.parameterNames(); }
    @Override public List<INDArray> gradients() { return fast.gradients(); }
    @Override public int threads() { return fast.threads(); }

    @Override
    public RnnScratch threads(int n) {
        fast.threads(n);
        return this;
    }

    @Override
    public double lossAndGradients(Minibatch batch, INDArray state, Truncation truncation) {
        return fast.lossAndGradients(batch, state, truncation);
    }

    @Override public INDArray logits(int[][] inputs, INDArray state) { return fast.logits(inputs, state); }

    /** ||dL_T/dh_t|| for t = 1..T (index 0 unused): how the last step's gradient spreads back in time. */
    public double[] gradientNormsThroughTime(Minibatch batch) { return fast.gradientNormsThroughTime(batch); }

    /** Norms of dL/dh_t for t = 1..numSteps of the last minibatch, while {@link #recordGradientNorms} is on. */
    public double[] hiddenGradientNorms() { return fast.hiddenGradientNorms(); }

    public RnnScratch recordGradientNorms(boolean on) {
        fast.recordGradientNorms(on);
        return this;
    }

    @Override public INDArray step(int token, INDArray state) { return fast.step(token, state); }
}
