package d2l.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import d2l.data.Minibatch;
import d2l.rnn.Init;
import d2l.rnn.RecurrentModel;
import d2l.rnn.SoftmaxCrossEntropy;
import d2l.rnn.Truncation;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The chapter's {@link d2l.rnn.RnnScratch} made fast: the same model, verified equal to it (from
 * the same seed the same loss, gradients and perplexities within float32 rounding; FastRnnTest).
 * It draws its parameters from the seed as RnnScratch does and has the same public fields and
 * methods, so a notebook can swap one for the other.
 *
 * <pre>
 *   h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h)      x_t one-hot (1 x V), h_t (1 x H)
 *   o_t = h_t W_hq + b_q                          logits over the vocabulary
 *   L   = mean over t and the batch of -log softmax(o_t)[y_t]
 * </pre>
 *
 * What differs is how it computes:
 * <ul>
 * <li>Everything that does not depend on the previous step is done for all steps at once: the
 * one-hot product x_t W_xh is a gather of rows of W_xh, and the output layer, its loss and the
 * weight gradients are single large matrix products over all steps. Only the recurrence itself (one
 * batchSize x H times H x H product per step, forward and backward) runs step by step.
 * <li>Products go straight to OpenBLAS ({@link Gemm}); tanh, its derivative and the softmax run in
 * plain Java loops, float32's tanh as an approximation within 3e-7 ({@link Elementwise}); all
 * intermediate arrays live in a {@link Workspace} reused across minibatches of the same shape.
 * <li>Training and evaluation share each minibatch out over {@link #threads()} threads of the
 * engine's {@link Pool}, working in lockstep: at every step of the recurrence each thread computes
 * its block of the hidden units (columns of h_t) for the whole batch, then waits for the others
 * before the next step; the all-steps products are cut into blocks of rows or columns the same way.
 * Each thread multiplies the whole batch by its part of W_hh, which keeps the small per-step
 * products efficient, and every number is the same sum as on one thread: at the chapter's sizes
 * the results are the same bit for bit on an AVX-512 CPU (OpenBLAS's Haswell kernels, and its
 * small-matrix kernels below about 96 hidden units, may add in another order for a block, which
 * differs by float rounding).
 * </ul>
 */
public final class FastRnn implements RecurrentModel {

    public final INDArray W_xh, W_hh, b_h, W_hq, b_q;
    public final INDArray dW_xh, dW_hh, db_h, dW_hq, db_q;
    final int vocabSize, hiddenSize;
    final DataType type;
    private Workspace workspace, previous; // the last two minibatch shapes (training and validation)
    private int threads; // 0: Threads.available(), asked at every minibatch
    private boolean recordNorms;
    private double[] hiddenGradientNorms = new double[0];

    /** float32 model with weights drawn from N(0, 0.01^2) and zero biases, as {@link d2l.rnn.RnnScratch}. */
    public FastRnn(int vocabSize, int hiddenSize, long seed) {
        this(vocabSize, hiddenSize, seed, DataType.FLOAT);
    }

    public FastRnn(int vocabSize, int hiddenSize, long seed, DataType type) {
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

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int hiddenSize() {
        return hiddenSize;
    }

    @Override
    public DataType dataType() {
        return type;
    }

    @Override
    public INDArray beginState(int batchSize) {
        return Nd4j.zeros(type, batchSize, hiddenSize);
    }

    @Override
    public List<INDArray> parameters() {
        return List.of(W_xh, W_hh, b_h, W_hq, b_q);
    }

    @Override
    public List<String> parameterNames() {
        return List.of("W_xh", "W_hh", "b_h", "W_hq", "b_q");
    }

    @Override
    public List<INDArray> gradients() {
        return List.of(dW_xh, dW_hh, db_h, dW_hq, db_q);
    }

    /**
     * Threads each minibatch is shared out over: those set by {@link #threads(int)}, else
     * {@link Threads#available()} at this minibatch.
     */
    @Override
    public int threads() {
        return threads > 0 ? threads : Threads.available();
    }

    /** Shares each minibatch out over {@code n} threads; 1 runs on the calling thread alone. */
    @Override
    public FastRnn threads(int n) {
        threads = Threads.check(n);
        return this;
    }

    @Override
    public double lossAndGradients(Minibatch batch, INDArray state, Truncation truncation) {
        int[][] x = batch.inputs();
        var w = workspaceFor(x);
        checkState(state, x.length);
        w.loadInputs(x);
        w.loadTargets(batch.targets());
        truncation.factors(w.xi); // drawn once, before the team starts
        prepareInputs(w, state);
        int count = batch.tokenCount();
        Pool.run(teamSize(w), member -> {
            var share = w.share(member);
            forward(w, share, member);
            outputLayer(w, share, member, count);
            backward(w, share, member);
            return 0;
        });
        state.assign(w.h[w.steps]); // carry the last state; no gradient flows back into it
        if (recordNorms) collectNorms(w);
        double sum = 0;
        for (double loss : w.rowLosses) sum += loss; // in row order: the same total for any team
        return sum / count;
    }

    /**
     * Forward pass only: the logits for every step, (numSteps * batchSize) x V in time-major order
     * (row (t-1) * batchSize + b is step t of sequence b); {@code state} is advanced to the last step.
     */
    @Override
    public INDArray logits(int[][] inputs, INDArray state) {
        var w = workspaceFor(inputs);
        checkState(state, inputs.length);
        w.loadInputs(inputs);
        prepareInputs(w, state);
        Pool.run(teamSize(w), member -> {
            var share = w.share(member);
            forward(w, share, member);
            outputScores(w, share);
            return 0;
        });
        state.assign(w.h[w.steps]);
        return w.O.dup();
    }

    /** x_t W_xh + b_h for every step at once into w.H (a one-hot x_t times W_xh is a row of W_xh), and h_0. */
    private void prepareInputs(Workspace w, INDArray state) {
        Rows.gatherWithBias(W_xh, b_h, w.inputs, w.H);
        w.h[0].assign(state);
    }

    /** The recurrence, h_t = tanh(x_t W_xh + b_h + h_{t-1} W_hh), this member's hidden units of every step. */
    private void forward(Workspace w, Share s, Pool.Member member) {
        for (int t = 1; t <= w.steps; t++) {
            Gemm.gemm(w.hBlocks[t - 1], false, s.recurrentColumns, false, s.hColumns[t], 1.0, 1.0);
            s.elementwise.tanh(w.h[t], s.from, s.to);
            member.sync(); // step t + 1 reads all of h_t
        }
    }

    /**
     * Output layer, loss and dL/dh from the output, for this member's rows of all steps: O = H W_hq + b_q,
     * then O becomes dL/dO and dAll = dL/dO W_hq^T; each row's loss goes into w.rowLosses.
     */
    private void outputLayer(Workspace w, Share s, Pool.Member member, int count) {
        outputScores(w, s);
        SoftmaxCrossEntropy.sumOfLossesAndGradientInPlace(w.O, w.targets, count, s.rowFrom, s.rowTo, w.rowLosses);
        Gemm.gemm(s.oRows, false, w.outputWeights, true, s.dRows, 1.0, 0.0);
        member.sync(); // the weight gradients below read all of dL/dO
    }

    /**
     * O = H W_hq + b_q for this member's rows, as two OpenBLAS products (b_q broadcast as a column of
     * ones times b_q, then H W_hq added): pool members make no ND4J calls, only BLAS and plain Java.
     */
    private static void outputScores(Workspace w, Share s) {
        Gemm.gemm(s.onesRows, false, w.outputBias, false, s.oRows, 1.0, 0.0);
        Gemm.gemm(s.hRows, false, w.outputWeights, false, s.oRows, 1.0, 1.0);
    }

    /**
     * Backpropagation through time for this member's hidden units: fills its columns of dW_xh, dW_hh
     * and db_h and its rows of dW_hq (member 0 also db_q), with {@code w.xi[t]} the truncation factor
     * handed from step t back to step t-1.
     */
    private void backward(Workspace w, Share s, Pool.Member member) {
        int T = w.steps;
        // Output layer: dL/dW_hq = H^T dO (this member's rows: its hidden units) and dL/db_q = column sums of dO.
        Gemm.gemm(s.hColumnsAllSteps, true, w.dO, false, s.dW_hqRows, 1.0, 0.0);
        if (member.rank() == 0) Gemm.gemm(w.ones, false, w.dO, false, w.db_qRow, 1.0, 0.0);
        // Walk back in time. a_t = x_t W_xh + h_{t-1} W_hh + b_h is the pre-activation of step t;
        // dA[t] holds dL/dh_t from the output and becomes dL/da_t.
        for (int t = T; t >= 1; t--) {
            if (t < T && w.xi[t + 1] != 0) {
                // h_t also feeds a_{t+1}: dL/dh_t += xi * dL/da_{t+1} W_hh^T (xi: truncation weight).
                Gemm.gemm(w.dABlocks[t + 1], false, s.recurrentRows, true, s.dAColumns[t], w.xi[t + 1], 1.0);
            }
            if (recordNorms) s.normSquares[t] = s.elementwise.sumOfSquares(w.dA[t], s.from, s.to);
            s.elementwise.multiplyByTanhDerivative(w.dA[t], w.h[t], s.from, s.to); // dL/da_t = dL/dh_t * (1 - h_t^2)
            if (t > 1) member.sync(); // step t - 1 reads all of dL/da_t
        }
        // Recurrent weights, one product over all steps: dL/dW_hh = sum_t h_{t-1}^T dL/da_t (this member's columns).
        Gemm.gemm(w.hPrevious, true, s.dAColumnsAllSteps, false, s.dW_hhColumns, 1.0, 0.0);
        // Input weights: x_t is one-hot, so dL/dW_xh adds the row dL/da_t into the row of token x_t.
        Rows.scatterColumns(dW_xh, w.inputs, w.dAll, s.from, s.to);
        // b_h enters every step just like the gathered row of W_xh, so dL/db_h sums the rows of dL/dW_xh.
        Gemm.gemm(w.vocabOnes, false, s.dW_xhColumns, false, s.db_hColumns, 1.0, 0.0);
    }

    /** ||dL/dh_t|| over the whole minibatch from the members' squared norms. */
    private void collectNorms(Workspace w) {
        var norms = new double[w.steps + 1];
        for (var share : w.sharesOfLastJob()) for (int t = 1; t < norms.length; t++) norms[t] += share.normSquares[t];
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
        var w = workspaceFor(batch.inputs());
        w.loadInputs(batch.inputs());
        w.loadTargets(batch.targets());
        prepareInputs(w, beginState(batch.batchSize()));
        Truncation.full().factors(w.xi);
        int lastStepRows = (w.steps - 1) * w.batch;
        boolean was = recordNorms;
        recordNorms = true;
        try {
            Pool.run(teamSize(w), member -> {
                var share = w.share(member);
                forward(w, share, member);
                if (member.rank() == 0) { // the caller's thread: the others wait at the barrier below
                    Gemm.gemm(w.H, false, W_hq, false, w.O, 1.0, 0.0);
                    w.O.addiRowVector(b_q);
                    SoftmaxCrossEntropy.lossAndGradientInPlace(w.O, w.targets);
                    if (lastStepRows > 0)
                        w.O.get(interval(0, lastStepRows), all()).assign(0); // keep only dL_T/do_T
                    Gemm.gemm(w.O, false, W_hq, true, w.dAll, 1.0, 0.0);
                }
                member.sync();
                backward(w, share, member);
                return 0;
            });
        } finally {
            recordNorms = was;
        }
        collectNorms(w);
        return hiddenGradientNorms();
    }

    /**
     * Norms of dL/dh_t (over the whole minibatch) for t = 1..numSteps of the last minibatch,
     * recorded while {@link #recordGradientNorms} is on. Index 0 is unused.
     */
    public double[] hiddenGradientNorms() {
        return hiddenGradientNorms.clone();
    }

    /** Turns on recording the per-step gradient norms (costs one pass over dL/dh_t per step). */
    public FastRnn recordGradientNorms(boolean on) {
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

    /** The workspace for minibatches of this shape: one of the last two shapes' is reused. */
    private Workspace workspaceFor(int[][] inputs) {
        int batch = inputs.length, steps = TimeMajor.steps(inputs);
        if (workspace != null && workspace.fits(batch, steps)) return workspace;
        var other = previous != null && previous.fits(batch, steps) ? previous : new Workspace(this, batch, steps);
        previous = workspace;
        workspace = other;
        return other;
    }

    /**
     * Members for a minibatch: no more than there are hidden units or rows to share out. Their shares
     * are made here, on the calling thread, for every team size up to it (a worker may not join).
     */
    private int teamSize(Workspace w) {
        int size = Math.min(threads(), Math.min(hiddenSize, w.batch * w.steps));
        w.prepareShares(size);
        return size;
    }

    private void checkState(INDArray state, int batch) {
        if (state.rank() != 2 || state.rows() != batch || state.columns() != hiddenSize) {
            throw new IllegalArgumentException("state must be " + batch + " x " + hiddenSize + " (beginState(" + batch
                    + ")), got " + java.util.Arrays.toString(state.shape()));
        }
    }
}
