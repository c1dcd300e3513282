package d2l.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import d2l.data.Minibatch;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The chapter's character-level RNN from scratch: forward pass, loss and backpropagation through
 * time in plain ND4J, the same code the rnn-scratch notebook writes in its cells.
 *
 * <pre>
 *   H_t = tanh(X_t W_xh + H_{t-1} W_hh + b_h)     X_t: B x V one-hot inputs, H_t: B x H
 *   O_t = H_t W_hq + b_q                         B x V scores of the next token
 *   L   = mean over t and b of -log softmax(O_t)[y]
 * </pre>
 *
 * A minibatch of B sequences and T steps is laid out time-major: row t*B + b of X, H and O belongs
 * to step t of sequence b. What does not depend on the previous step is one product over all steps
 * at once (the input and output layers, the loss, the weight gradients); only the recurrence goes
 * step by step. {@link d2l.engine.FastRnn} computes the same, made fast.
 */
public final class RnnScratch implements RecurrentModel {

    public final INDArray W_xh, W_hh, b_h, W_hq, b_q;
    public final INDArray dW_xh, dW_hh, db_h, dW_hq, db_q;
    private final int vocabSize, hiddenSize;
    private final DataType type;
    private boolean recordNorms;
    private double[] hiddenGradientNorms = new double[0];

    /** float32 model with weights drawn from N(0, 0.01^2) and zero biases. */
    public RnnScratch(int vocabSize, int hiddenSize, long seed) {
        this(vocabSize, hiddenSize, seed, DataType.FLOAT);
    }

    public RnnScratch(int vocabSize, int hiddenSize, long seed, DataType type) {
        Init.checkSizes(vocabSize, hiddenSize);
        this.vocabSize = vocabSize;
        this.hiddenSize = hiddenSize;
        this.type = type;
        var random = new Random(seed);
        W_xh = Init.normal(random, 0.01, type, vocabSize, hiddenSize);
        W_hh = Init.normal(random, 0.01, type, hiddenSize, hiddenSize);
        b_h = Nd4j.zeros(type, hiddenSize);
        W_hq = Init.normal(random, 0.01, type, hiddenSize, vocabSize);
        b_q = Nd4j.zeros(type, vocabSize);
        dW_xh = W_xh.ulike();
        dW_hh = W_hh.ulike();
        db_h = b_h.ulike();
        dW_hq = W_hq.ulike();
        db_q = b_q.ulike();
    }

    // spotless:off -- the accessors one line each, and the equations' comments aligned beside the code
    @Override public int vocabSize() { return vocabSize; }
    @Override public int hiddenSize() { return hiddenSize; }
    @Override public DataType dataType() { return type; }
    @Override public INDArray beginState(int batchSize) { return Nd4j.zeros(type, batchSize, hiddenSize); }
    @Override public List<INDArray> parameters() { return List.of(W_xh, W_hh, b_h, W_hq, b_q); }
    @Override public List<String> parameterNames() { return List.of("W_xh", "W_hh", "b_h", "W_hq", "b_q"); }
    @Override public List<INDArray> gradients() { return List.of(dW_xh, dW_hh, db_h, dW_hq, db_q); }

    /** What the backward pass needs: X (TB x V), the state before the first step H0 (B x H), H (TB x H), O (TB x V). */
    public record Forward(INDArray X, INDArray H0, INDArray H, INDArray O) {}

    /** The forward pass over all T steps of one-hot inputs X (TB x V, time-major) from the state H0 (B x H). */
    public Forward forward(INDArray X, INDArray H0) {
        int B = (int) H0.rows(), T = (int) X.rows() / B;
        INDArray H = Nd4j.gemm(X, W_xh, false, false).addiRowVector(b_h);   // X_t W_xh + b_h, all steps at once
        INDArray h = H0;
        for (int t = 0; t < T; t++) {
            INDArray Ht = step(H, t, B);
            Nd4j.gemm(h, W_hh, Ht, false, false, 1.0, 1.0);                 // H_t += H_{t-1} W_hh
            h = Transforms.tanh(Ht, false);                                  // H_t = tanh(H_t), in place
        }
        INDArray O = Nd4j.gemm(H, W_hq, false, false).addiRowVector(b_q);
        return new Forward(X, H0, H, O);
    }

    /**
     * Backpropagation through time from dL/dO (TB x V): fills the five gradients. {@code xi[t]}
     * (t = 1..T) scales the gradient handed from step t back to step t-1 ({@link Truncation}).
     */
    public void backward(Forward f, INDArray dO, double[] xi) {
        int B = (int) f.H0().rows(), T = (int) f.H().rows() / B;
        INDArray H = f.H(), tanhDerivative = H.mul(H).rsubi(1);            // tanh'(A_t) = 1 - H_t^2
        INDArray dA = Nd4j.gemm(dO, W_hq, false, true);                    // dL/dH_t through O_t, all steps
        if (recordNorms) hiddenGradientNorms = new double[T + 1];
        for (int t = T - 1; t >= 0; t--) {                                  // dA_t becomes dL/dA_t
            INDArray dAt = step(dA, t, B);
            if (t < T - 1) Nd4j.gemm(step(dA, t + 1, B), W_hh, dAt, false, true, xi[t + 2], 1.0);   // + through H_{t+1}
            if (recordNorms) hiddenGradientNorms[t + 1] = dAt.norm2Number().doubleValue();
            dAt.muli(step(tanhDerivative, t, B));
        }
        Nd4j.gemm(H, dO, dW_hq, true, false, 1.0, 0.0);                     // sum_t H_t^T dO_t
        db_q.assign(dO.sum(0));
        Nd4j.gemm(previousStates(f, B, T), dA, dW_hh, true, false, 1.0, 0.0);   // sum_t H_{t-1}^T dA_t
        Nd4j.gemm(f.X(), dA, dW_xh, true, false, 1.0, 0.0);                      // sum_t X_t^T dA_t
        db_h.assign(dA.sum(0));
    }

    /** Softmax of each row of the scores O: P = exp(O) / row sums. */
    public static INDArray softmax(INDArray O) {
        INDArray E = Transforms.exp(O.subColumnVector(O.max(true, 1)), false);   // shifted: no overflow
        return E.diviColumnVector(E.sum(true, 1));
    }
    // spotless:on

    /** Mean cross-entropy of the probabilities P against one-hot targets Y (both N x V). */
    public static double crossEntropy(INDArray P, INDArray Y) {
        return -Transforms.log(P.mul(Y).sum(1), false).meanNumber().doubleValue();
    }

    @Override
    public double lossAndGradients(Minibatch batch, INDArray state, Truncation truncation) {
        checkState(state, batch.batchSize());
        var f = forward(oneHot(batch.inputs()), state);
        INDArray Y = oneHot(batch.targets()), P = softmax(f.O());
        double[] xi = new double[batch.numSteps() + 1];
        truncation.factors(xi);
        backward(f, P.sub(Y).divi(Y.rows()), xi); // dL/dO = (P - Y) / N for the mean loss
        state.assign(lastState(f)); // carried on, detached
        return crossEntropy(P, Y);
    }

    @Override
    public INDArray logits(int[][] inputs, INDArray state) {
        checkState(state, inputs.length);
        var f = forward(oneHot(inputs), state);
        state.assign(lastState(f));
        return f.O();
    }

    @Override
    public INDArray step(int token, INDArray state) {
        return logits(new int[][] {{token}}, state).reshape(vocabSize);
    }

    /**
     * How the gradient of the last step's loss spreads back in time: ||dL_T/dH_t|| for t = 1..T
     * (index 0 unused), from a zero state with full backpropagation. Overwrites the gradients.
     */
    public double[] gradientNormsThroughTime(Minibatch batch) {
        int B = batch.batchSize(), T = batch.numSteps();
        var f = forward(oneHot(batch.inputs()), beginState(B));
        INDArray Y = oneHot(batch.targets());
        INDArray dO = softmax(f.O()).subi(Y).divi(Y.rows());
        if (T > 1) dO.get(interval(0, (T - 1) * B), all()).assign(0); // keep only the last step's loss
        double[] xi = new double[T + 1];
        Truncation.full().factors(xi);
        boolean was = recordNorms;
        recordNorms = true;
        try {
            backward(f, dO, xi);
        } finally {
            recordNorms = was;
        }
        return hiddenGradientNorms();
    }

    /** Norms ||dL/dH_t|| of the last backward pass while {@link #recordGradientNorms} is on (index 0 unused). */
    public double[] hiddenGradientNorms() {
        return hiddenGradientNorms.clone();
    }

    /** Turns on recording the per-step gradient norms. */
    public RnnScratch recordGradientNorms(boolean on) {
        recordNorms = on;
        return this;
    }

    /** Tokens (B x T) as one-hot rows, time-major: (T*B) x V. */
    private INDArray oneHot(int[][] tokens) {
        return OneHot.timeMajor(tokens, vocabSize).castTo(type);
    }

    /** Rows of step t (0-based) of a time-major array: a view. */
    private static INDArray step(INDArray timeMajor, int t, int B) {
        return timeMajor.get(interval((long) t * B, (long) (t + 1) * B), all());
    }

    private static INDArray lastState(Forward f) {
        int B = (int) f.H0().rows();
        return step(f.H(), (int) f.H().rows() / B - 1, B);
    }

    /** H_0 .. H_{T-1}: the state each step started from. */
    private static INDArray previousStates(Forward f, int B, int T) {
        return T == 1 ? f.H0() : Nd4j.vstack(f.H0(), f.H().get(interval(0, (T - 1) * B), all()));
    }

    private void checkState(INDArray state, int batch) {
        if (state.rank() != 2 || state.rows() != batch || state.columns() != hiddenSize) {
            throw new IllegalArgumentException("state must be " + batch + " x " + hiddenSize + " (beginState(" + batch
                    + ")), got " + java.util.Arrays.toString(state.shape()));
        }
    }
}
