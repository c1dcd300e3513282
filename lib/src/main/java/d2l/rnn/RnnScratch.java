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
 * The chapter's character-level RNN written from scratch, with its gradients from an explicit
 * backpropagation-through-time pass.
 *
 * <pre>
 *   h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)      x_t one-hot (1 x V), h_t (1 x H)
 *   o_t = h_t W_hq + b_q                          logits over the vocabulary
 *   L   = mean over t and the batch of -log softmax(o_t)[y_t]
 * </pre>
 *
 * Everything that does not depend on the previous step is done for all steps at once: the one-hot
 * product x_t W_xh is a gather of rows of W_xh, and the output layer, its loss and the weight
 * gradients are single large matrix products over all steps. Only the recurrence itself (one
 * batchSize x H times H x H product per step, forward and backward) runs step by step. All
 * intermediate arrays live in a {@link Workspace} reused across minibatches of the same shape.
 *
 * <p>Training splits each minibatch over {@link #threads()} threads (data parallelism): each thread
 * takes a block of the sequences with its own workspace and its rows of the state, runs forward and
 * backward, and the blocks' gradients are summed at the end, which gives the gradient of the whole
 * minibatch up to float rounding.
 */
public final class RnnScratch implements RecurrentModel {

    public final INDArray W_xh, W_hh, b_h, W_hq, b_q;
    public final INDArray dW_xh, dW_hh, db_h, dW_hq, db_q;

    private final Gemm.Matrix recurrent;            // W_hh as the recurrence's products take it
    private final int vocabSize, hiddenSize;
    private final DataType type;
    private Workspace whole;                        // the whole minibatch on one thread
    private Workspace[] split = new Workspace[0];   // one per thread, each a block of the sequences
    private int threads = Threads.available();
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
        recurrent = Gemm.of(W_hh);
        W_hq = Init.normal(random, 0.01, type, hiddenSize, vocabSize);
        b_q = Nd4j.zeros(type, vocabSize);
        dW_xh = W_xh.ulike();
        dW_hh = W_hh.ulike();
        db_h = b_h.ulike();
        dW_hq = W_hq.ulike();
        db_q = b_q.ulike();
    }

    @Override public int vocabSize() { return vocabSize; }
    @Override public int hiddenSize() { return hiddenSize; }
    @Override public DataType dataType() { return type; }
    @Override public INDArray beginState(int batchSize) { return Nd4j.zeros(type, batchSize, hiddenSize); }
    @Override public List<INDArray> parameters() { return List.of(W_xh, W_hh, b_h, W_hq, b_q); }
    @Override public List<String> parameterNames() { return List.of("W_xh", "W_hh", "b_h", "W_hq", "b_q"); }
    @Override public List<INDArray> gradients() { return List.of(dW_xh, dW_hh, db_h, dW_hq, db_q); }

    /** Threads each minibatch is split over in {@link #lossAndGradients} (default {@link Threads#available()}). */
    @Override public int threads() { return threads; }

    /** Splits each training minibatch over {@code n} threads; 1 trains on the calling thread alone. */
    @Override
    public RnnScratch threads(int n) {
        threads = Threads.check(n);
        return this;
    }

    @Override
    public double lossAndGradients(Minibatch batch, INDArray state, Truncation truncation) {
        int[][] x = batch.inputs(), y = batch.targets();
        Workspace[] parts = workspacesFor(x, threads);
        checkState(state, x.length);
        INDArray[] stateRows = new INDArray[parts.length];
        for (int i = 0; i < parts.length; i++) stateRows[i] = Shards.rows(state, parts[i].from, parts[i].to);
        double[] xi = parts[0].xi;
        truncation.factors(xi);              // drawn once: every block must cut the chain at the same steps
        int count = batch.tokenCount();
        double sum = Shards.run(parts.length, i -> {
            var w = parts[i];
            w.loadInputs(Shards.rows(x, w.from, w.to));
            w.loadTargets(Shards.rows(y, w.from, w.to));
            forward(w, stateRows[i]);
            double losses = SoftmaxCrossEntropy.sumOfLossesAndGradientInPlace(w.O, w.targets, count);  // w.O: dL/dO
            backward(w, xi);
            stateRows[i].assign(w.h[w.steps]);   // carry the last state; no gradient flows back into it
            return losses;
        });
        for (int i = 1; i < parts.length; i++) Shards.addInto(gradients(), parts[i].gradients());
        if (recordNorms) collectNorms(parts);
        return sum / count;
    }

    /**
     * Forward pass only: the logits for every step, (numSteps * batchSize) x V in time-major order
     * (row (t-1) * batchSize + b is step t of sequence b); {@code state} is advanced to the last step.
     */
    @Override
    public INDArray logits(int[][] inputs, INDArray state) {
        var w = workspacesFor(inputs, 1)[0];
        checkState(state, inputs.length);
        w.loadInputs(inputs);
        forward(w, state);
        state.assign(w.h[w.steps]);
        return w.O.dup();
    }

    /** Forward pass over all steps: hidden states into w.H, logits into w.O. */
    private void forward(Workspace w, INDArray state) {
        int T = w.steps;
        // x_t W_xh + b_h for every step at once: a one-hot x_t times W_xh is a row of W_xh,
        // so this is a gather of rows of the small table W_xh + b_h (V x H).
        w.inputTable.assign(W_xh).addiRowVector(b_h);
        Rows.gather(w.inputTable, w.inputs, w.H);
        w.h[0].assign(state);
        // The recurrence: h_t = tanh(x_t W_xh + b_h + h_{t-1} W_hh), accumulated in place into h_t.
        for (int t = 1; t <= T; t++) {
            Gemm.gemm(w.hBlocks[t - 1], false, recurrent, false, w.hBlocks[t], 1.0, 1.0);
            w.elementwise.tanh(w.h[t]);
        }
        // Output layer for all steps: O = H W_hq + b_q.
        Gemm.gemm(w.H, false, W_hq, false, w.O, 1.0, 0.0);
        w.O.addiRowVector(b_q);
    }

    /**
     * Backpropagation through time: fills the workspace's five gradients from dL/dO, with
     * {@code xi[t]} the truncation factor handed from step t back to step t-1.
     */
    private void backward(Workspace w, double[] xi) {
        int T = w.steps;
        INDArray dO = w.O;
        // Output layer: dL/dW_hq = H^T dO and dL/db_q = column sums of dO, over all steps at once.
        Gemm.gemm(w.H, true, dO, false, w.dW_hq, 1.0, 0.0);
        Gemm.gemm(w.ones, false, dO, false, w.db_q.reshape(1, vocabSize), 1.0, 0.0);   // column sums as ones * dO
        // dL/dh_t from the output at step t, for all steps: dO W_hq^T. Kept in dA, which becomes dL/da_t.
        Gemm.gemm(dO, false, W_hq, true, w.dAll, 1.0, 0.0);
        // Walk back in time. a_t = x_t W_xh + h_{t-1} W_hh + b_h is the pre-activation of step t.
        for (int t = T; t >= 1; t--) {
            if (t < T && xi[t + 1] != 0) {
                // h_t also feeds a_{t+1}: dL/dh_t += xi * dL/da_{t+1} W_hh^T (xi: truncation weight).
                Gemm.gemm(w.dABlocks[t + 1], false, recurrent, true, w.dABlocks[t], xi[t + 1], 1.0);
            }
            if (recordNorms) {
                double norm = w.dA[t].norm2Number().doubleValue();
                w.normSquares[t] = norm * norm;
            }
            w.elementwise.multiplyByTanhDerivative(w.dA[t], w.h[t]);   // dL/da_t = dL/dh_t * (1 - h_t^2)
        }
        // Recurrent weights, one product over all steps: dL/dW_hh = sum_t h_{t-1}^T dL/da_t.
        Gemm.gemm(w.Hprev, true, w.dAll, false, w.dW_hh, 1.0, 0.0);
        // Input weights: x_t is one-hot, so dL/dW_xh adds the row dL/da_t into the row of token x_t.
        w.dW_xh.assign(0);
        Rows.scatterAdd(w.dW_xh, w.inputs, w.dAll);
        // b_h enters every step just like the gathered row of W_xh, so dL/db_h sums the rows of dL/dW_xh.
        Gemm.gemm(w.vocabOnes, false, w.dW_xh, false, w.db_h.reshape(1, hiddenSize), 1.0, 0.0);
    }

    /** ||dL/dh_t|| over the whole minibatch from the blocks' squared norms. */
    private void collectNorms(Workspace[] parts) {
        var norms = new double[parts[0].steps + 1];
        for (var w : parts) for (int t = 1; t < norms.length; t++) norms[t] += w.normSquares[t];
        for (int t = 1; t < norms.length; t++) norms[t] = Math.sqrt(norms[t]);
        hiddenGradientNorms = norms;
    }

    /**
     * How the gradient of the last step's loss spreads back in time: ||dL_T/dh_t|| for t = 1..T
     * (index 0 unused), where L_T is the loss of the final step only, from a zero initial state and
     * full backpropagation. Each step back multiplies by W_hh^T and tanh'(a_t), so the norms shrink
     * or grow geometrically as W_hh is scaled down or up. Overwrites the gradients.
     */
    public double[] gradientNormsThroughTime(Minibatch batch) {
        var w = workspacesFor(batch.inputs(), 1)[0];
        w.loadInputs(batch.inputs());
        w.loadTargets(batch.targets());
        forward(w, beginState(batch.batchSize()));
        SoftmaxCrossEntropy.lossAndGradientInPlace(w.O, w.targets);
        int lastStepRows = (w.steps - 1) * w.batch;
        if (lastStepRows > 0) w.O.get(interval(0, lastStepRows), all()).assign(0);   // keep only dL_T/do_T
        boolean was = recordNorms;
        recordNorms = true;
        Truncation.full().factors(w.xi);
        backward(w, w.xi);
        recordNorms = was;
        collectNorms(new Workspace[] {w});
        return hiddenGradientNorms();
    }

    /**
     * Norms of dL/dh_t (over the whole minibatch) for t = 1..numSteps of the last minibatch,
     * recorded while {@link #recordGradientNorms} is on. Index 0 is unused.
     */
    public double[] hiddenGradientNorms() { return hiddenGradientNorms.clone(); }

    /** Turns on recording the per-step gradient norms (costs one scalar read per step). */
    public RnnScratch recordGradientNorms(boolean on) {
        recordNorms = on;
        return this;
    }

    @Override
    public INDArray step(int token, INDArray state) {
        INDArray a = W_xh.getRow(token).reshape(1, hiddenSize).add(b_h.reshape(1, hiddenSize));
        a.addi(state.mmul(W_hh));
        state.assign(Transforms.tanh(a, false));
        return state.mmul(W_hq).addiRowVector(b_q).reshape(vocabSize);
    }

    /**
     * Workspaces for {@code inputs} cut into {@code parts} blocks of sequences (fewer if the minibatch
     * has fewer sequences), reused while the shape stays the same. The first block writes its
     * gradients straight into the model's; the others keep their own, summed in afterwards.
     */
    private Workspace[] workspacesFor(int[][] inputs, int parts) {
        int batch = inputs.length, steps = TimeMajor.steps(inputs);
        int[] bounds = Shards.bounds(batch, parts);
        if (bounds.length == 2) {
            if (whole == null || whole.batch != batch || whole.steps != steps) whole = workspace(0, batch, steps, true);
            return new Workspace[] {whole};
        }
        boolean same = split.length == bounds.length - 1 && split[0].steps == steps;
        for (int i = 0; same && i < split.length; i++) same = split[i].from == bounds[i] && split[i].to == bounds[i + 1];
        if (!same) {
            split = new Workspace[bounds.length - 1];
            for (int i = 0; i < split.length; i++) split[i] = workspace(bounds[i], bounds[i + 1], steps, i == 0);
        }
        return split;
    }

    private Workspace workspace(int from, int to, int steps, boolean modelGradients) {
        List<INDArray> grads = modelGradients ? gradients() : gradients().stream().map(INDArray::ulike).toList();
        return new Workspace(from, to, steps, hiddenSize, vocabSize, type, grads);
    }

    private void checkState(INDArray state, int batch) {
        if (state.rank() != 2 || state.rows() != batch || state.columns() != hiddenSize) {
            throw new IllegalArgumentException("state must be " + batch + " x " + hiddenSize + " (beginState("
                    + batch + ")), got " + java.util.Arrays.toString(state.shape()));
        }
    }

    /**
     * Buffers for sequences [from, to) of a minibatch, rows in time-major order: row (t-1)*B + b
     * belongs to step t of sequence from + b (B = to - from). h[t] and dA[t] are views of the B rows of
     * step t. The gradients are this block's (the model's own for the first block).
     */
    private static final class Workspace {
        final int from, to, batch, steps, vocab;
        final int[] inputs, targets;
        final INDArray hidden;          // h_0 .. h_T stacked: (T+1)B x H
        final INDArray H, Hprev;        // h_1..h_T and h_0..h_{T-1}: views of hidden, TB x H
        final INDArray O;               // logits, then dL/dO: TB x V
        final INDArray dAll;            // dL/da_t for all steps: TB x H
        final INDArray inputTable;      // W_xh + b_h: V x H
        final INDArray ones, vocabOnes; // rows of ones (1 x TB, 1 x V): column sums as products, much faster than sum(0)
        final INDArray[] h, dA;
        final Gemm.Matrix[] hBlocks, dABlocks;  // h[t] and dA[t] wrapped for the per-step products
        final Elementwise elementwise;  // tanh and its derivative on one step's block
        final double[] xi, normSquares;
        final INDArray dW_xh, dW_hh, db_h, dW_hq, db_q;

        Workspace(int from, int to, int steps, int hiddenSize, int vocab, DataType type, List<INDArray> gradients) {
            this.from = from;
            this.to = to;
            int batch = to - from;
            this.batch = batch;
            this.steps = steps;
            this.vocab = vocab;
            int rows = batch * steps;
            inputs = new int[rows];
            targets = new int[rows];
            hidden = Nd4j.create(type, (long) (steps + 1) * batch, hiddenSize);
            H = hidden.get(interval(batch, (steps + 1) * batch), all());
            Hprev = hidden.get(interval(0, steps * batch), all());
            O = Nd4j.create(type, rows, vocab);
            dAll = Nd4j.create(type, rows, hiddenSize);
            inputTable = Nd4j.create(type, vocab, hiddenSize);
            elementwise = new Elementwise(batch * hiddenSize, type);
            ones = Nd4j.ones(type, 1, rows);
            vocabOnes = Nd4j.ones(type, 1, vocab);
            h = new INDArray[steps + 1];
            dA = new INDArray[steps + 1];
            for (int t = 0; t <= steps; t++) {
                h[t] = hidden.get(interval(t * batch, (t + 1) * batch), all());
                if (t > 0) dA[t] = dAll.get(interval((t - 1) * batch, t * batch), all());
            }
            hBlocks = new Gemm.Matrix[steps + 1];
            dABlocks = new Gemm.Matrix[steps + 1];
            for (int t = 0; t <= steps; t++) {
                hBlocks[t] = Gemm.of(h[t]);
                if (t > 0) dABlocks[t] = Gemm.of(dA[t]);
            }
            xi = new double[steps + 1];
            normSquares = new double[steps + 1];
            dW_xh = gradients.get(0);
            dW_hh = gradients.get(1);
            db_h = gradients.get(2);
            dW_hq = gradients.get(3);
            db_q = gradients.get(4);
        }

        List<INDArray> gradients() { return List.of(dW_xh, dW_hh, db_h, dW_hq, db_q); }

        /** Copies the tokens into time-major order, checking they fit the vocabulary. */
        void loadInputs(int[][] x) { TimeMajor.flatten(x, inputs, vocab); }

        void loadTargets(int[][] y) { TimeMajor.flatten(y, targets, vocab); }
    }
}
