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
 * <p>Training and evaluation share each minibatch out over {@link #threads()} threads, a {@link Team}
 * working in lockstep: at every step of the recurrence each thread computes its block of the hidden
 * units (columns of h_t) for the whole batch, then waits for the others before the next step; the
 * all-steps products are cut into blocks of rows or columns the same way. Each thread multiplies the
 * whole batch by its part of W_hh, which keeps the small per-step products efficient, and every
 * number is the same sum as on one thread: at the chapter's sizes the results are the same bit for
 * bit on an AVX-512 CPU (OpenBLAS's Haswell kernels, and its small-matrix kernels below about 96
 * hidden units, may add in another order for a block, which differs by float rounding).
 */
public final class RnnScratch implements RecurrentModel {

    public final INDArray W_xh, W_hh, b_h, W_hq, b_q;
    public final INDArray dW_xh, dW_hh, db_h, dW_hq, db_q;

    private final int vocabSize, hiddenSize;
    private final DataType type;
    private Workspace workspace, previous;      // the last two minibatch shapes (training and validation)
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

    /** Threads each minibatch is shared out over (default {@link Threads#available()}). */
    @Override public int threads() { return threads; }

    /** Shares each minibatch out over {@code n} threads; 1 runs on the calling thread alone. */
    @Override
    public RnnScratch threads(int n) {
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
        truncation.factors(w.xi);            // drawn once, before the team starts
        prepareInputs(w, state);
        int count = batch.tokenCount();
        Team.run(teamSize(w), member -> {
            var share = w.share(member);
            forward(w, share, member);
            outputLayer(w, share, member, count);
            backward(w, share, member);
            return 0;
        });
        state.assign(w.h[w.steps]);          // carry the last state; no gradient flows back into it
        if (recordNorms) collectNorms(w);
        double sum = 0;
        for (double loss : w.rowLosses) sum += loss;   // in row order: the same total for any team
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
        Team.run(teamSize(w), member -> {
            var share = w.share(member);
            forward(w, share, member);
            outputScores(w, share);
            return 0;
        });
        state.assign(w.h[w.steps]);
        return w.O.dup();
    }

    /** x_t W_xh + b_h for every step at once into w.H, and the initial state into h_0. */
    private void prepareInputs(Workspace w, INDArray state) {
        // A one-hot x_t times W_xh is a row of W_xh, so this is a gather of rows of the small table W_xh + b_h.
        Rows.addToEveryRow(W_xh, b_h, w.inputTable);
        Rows.gather(w.inputTable, w.inputs, w.H);
        w.h[0].assign(state);
    }

    /** The recurrence, h_t = tanh(x_t W_xh + b_h + h_{t-1} W_hh), this member's hidden units of every step. */
    private void forward(Workspace w, Share s, Team.Member member) {
        for (int t = 1; t <= w.steps; t++) {
            Gemm.gemm(w.hBlocks[t - 1], false, s.recurrentColumns, false, s.hColumns[t], 1.0, 1.0);
            s.elementwise.tanh(w.h[t], s.from, s.to);
            member.sync();                   // step t + 1 reads all of h_t
        }
    }

    /**
     * Output layer, loss and dL/dh from the output, for this member's rows of all steps: O = H W_hq + b_q,
     * then O becomes dL/dO and dAll = dL/dO W_hq^T; each row's loss goes into w.rowLosses.
     */
    private void outputLayer(Workspace w, Share s, Team.Member member, int count) {
        outputScores(w, s);
        SoftmaxCrossEntropy.sumOfLossesAndGradientInPlace(w.O, w.targets, count, s.rowFrom, s.rowTo, w.rowLosses);
        Gemm.gemm(s.oRows, false, w.outputWeights, true, s.dRows, 1.0, 0.0);
        member.sync();                       // the weight gradients below read all of dL/dO
    }

    /**
     * O = H W_hq + b_q for this member's rows, as two OpenBLAS products (b_q broadcast as a column of
     * ones times b_q, then H W_hq added): team members make no ND4J calls, only BLAS and plain Java.
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
    private void backward(Workspace w, Share s, Team.Member member) {
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
            s.elementwise.multiplyByTanhDerivative(w.dA[t], w.h[t], s.from, s.to);   // dL/da_t = dL/dh_t * (1 - h_t^2)
            if (t > 1) member.sync();        // step t - 1 reads all of dL/da_t
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
            Team.run(teamSize(w), member -> {
                var share = w.share(member);
                forward(w, share, member);
                if (member.rank() == 0) {
                    Gemm.gemm(w.H, false, W_hq, false, w.O, 1.0, 0.0);
                    w.O.addiRowVector(b_q);
                    SoftmaxCrossEntropy.lossAndGradientInPlace(w.O, w.targets);
                    if (lastStepRows > 0) w.O.get(interval(0, lastStepRows), all()).assign(0);   // keep only dL_T/do_T
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
        int size = Math.min(threads, Math.min(hiddenSize, w.batch * w.steps));
        w.prepareShares(size);
        return size;
    }

    private void checkState(INDArray state, int batch) {
        if (state.rank() != 2 || state.rows() != batch || state.columns() != hiddenSize) {
            throw new IllegalArgumentException("state must be " + batch + " x " + hiddenSize + " (beginState("
                    + batch + ")), got " + java.util.Arrays.toString(state.shape()));
        }
    }

    /**
     * Buffers for one minibatch shape, rows in time-major order: row (t-1)*B + b belongs to step t of
     * sequence b. h[t] and dA[t] are views of the B rows of step t. Each team member works through its
     * {@link Share}: blocks of these arrays (and of the model's weights and gradients) it alone writes.
     */
    private static final class Workspace {
        final RnnScratch model;
        final int batch, steps, vocab, hiddenSize;
        final int[] inputs, targets;
        final INDArray hidden;          // h_0 .. h_T stacked: (T+1)B x H
        final INDArray H;               // h_1..h_T: a view of hidden, TB x H
        final INDArray O;               // logits, then dL/dO: TB x V
        final INDArray dAll;            // dL/dh_t from the output, then dL/da_t, for all steps: TB x H
        final INDArray inputTable;      // W_xh + b_h: V x H
        final INDArray[] h, dA;
        final Gemm.Matrix[] hBlocks, dABlocks;   // h[t] and dA[t] for the per-step products
        final Gemm.Matrix hAll, hPrevious, dO, dAllMatrix, outputWeights, outputBias, ones, onesColumn, vocabOnes, db_qRow;
        final double[] xi, rowLosses;
        private final java.util.Map<Long, Share> shares = new java.util.HashMap<>();
        private volatile int lastSize = 1;

        Workspace(RnnScratch model, int batch, int steps) {
            this.model = model;
            this.batch = batch;
            this.steps = steps;
            this.vocab = model.vocabSize;
            this.hiddenSize = model.hiddenSize;
            var type = model.type;
            int rows = batch * steps;
            inputs = new int[rows];
            targets = new int[rows];
            hidden = Nd4j.create(type, (long) (steps + 1) * batch, hiddenSize);
            H = hidden.get(interval(batch, (steps + 1) * batch), all());
            O = Nd4j.create(type, rows, vocab);
            dAll = Nd4j.create(type, rows, hiddenSize);
            inputTable = Nd4j.create(type, vocab, hiddenSize);
            h = new INDArray[steps + 1];
            dA = new INDArray[steps + 1];
            hBlocks = new Gemm.Matrix[steps + 1];
            dABlocks = new Gemm.Matrix[steps + 1];
            for (int t = 0; t <= steps; t++) {
                h[t] = hidden.get(interval(t * batch, (t + 1) * batch), all());
                hBlocks[t] = Gemm.of(h[t]);
                if (t > 0) {
                    dA[t] = dAll.get(interval((t - 1) * batch, t * batch), all());
                    dABlocks[t] = Gemm.of(dA[t]);
                }
            }
            hAll = Gemm.of(H);
            hPrevious = Gemm.of(hidden.get(interval(0, steps * batch), all()));
            dO = Gemm.of(O);
            dAllMatrix = Gemm.of(dAll);
            outputWeights = Gemm.of(model.W_hq);
            outputBias = Gemm.of(model.b_q.reshape(1, vocab));
            onesColumn = Gemm.of(Nd4j.ones(type, rows, 1));
            ones = Gemm.of(Nd4j.ones(type, 1, rows));   // column sums as products: much faster than sum(0)
            vocabOnes = Gemm.of(Nd4j.ones(type, 1, vocab));
            db_qRow = Gemm.of(model.db_q.reshape(1, vocab));
            xi = new double[steps + 1];
            rowLosses = new double[rows];
        }

        /** Makes the shares of teams of 1..size members (ND4J views: on the calling thread, once). */
        void prepareShares(int size) {
            synchronized (shares) {
                for (int n = 1; n <= size; n++) {
                    for (int r = 0; r < n; r++) shares.computeIfAbsent(key(n, r), k -> new Share(this, k));
                }
            }
        }

        /** This member's share for the job it is in (made by {@link #prepareShares}). */
        Share share(Team.Member member) {
            if (member.rank() == 0) lastSize = member.size();
            synchronized (shares) {
                var share = shares.get(key(member.size(), member.rank()));
                if (share == null) throw new IllegalStateException("no share for a team of " + member.size());
                return share;
            }
        }

        private static long key(int size, int rank) { return (long) size << 32 | rank; }

        /** The shares of the members of the last job (for the gradient norms). */
        List<Share> sharesOfLastJob() {
            synchronized (shares) {
                var list = new java.util.ArrayList<Share>();
                for (int r = 0; r < lastSize; r++) list.add(shares.get(key(lastSize, r)));
                return list;
            }
        }

        boolean fits(int batch, int steps) { return this.batch == batch && this.steps == steps; }

        /** Copies the tokens into time-major order, checking they fit the vocabulary. */
        void loadInputs(int[][] x) { TimeMajor.flatten(x, inputs, vocab); }

        void loadTargets(int[][] y) { TimeMajor.flatten(y, targets, vocab); }
    }

    /**
     * One member's blocks: hidden units (columns) [from, to) of every step, rows [rowFrom, rowTo) of
     * the all-steps arrays, and the matching blocks of the weights and gradients.
     */
    private static final class Share {
        final int from, to, rowFrom, rowTo;
        final Gemm.Matrix recurrentColumns, recurrentRows;       // W_hh[:, from..to) and W_hh[from..to, :]
        final Gemm.Matrix[] hColumns, dAColumns;                  // h[t][:, from..to), dA[t][:, from..to)
        final Gemm.Matrix hRows, oRows, dRows;                    // rows of H, O and dAll
        final Gemm.Matrix onesRows;                                // rows of a column of ones, for b_q
        final Gemm.Matrix hColumnsAllSteps, dAColumnsAllSteps;   // H[:, from..to), dAll[:, from..to)
        final Gemm.Matrix dW_hqRows, dW_hhColumns, dW_xhColumns, db_hColumns;
        final Elementwise elementwise;
        final double[] normSquares;

        /** The share of member {@code key & 0xffffffff} of a team of {@code key >>> 32}. */
        Share(Workspace w, long key) {
            var model = w.model;
            int size = (int) (key >>> 32), rank = (int) key;
            int hidden = w.hiddenSize, rows = w.batch * w.steps;
            from = Team.shareStart(hidden, rank, size);
            to = Team.shareStart(hidden, rank + 1, size);
            rowFrom = Team.shareStart(rows, rank, size);
            rowTo = Team.shareStart(rows, rank + 1, size);
            var recurrent = Gemm.of(model.W_hh);
            recurrentColumns = recurrent.columns(from, to);
            recurrentRows = recurrent.rows(from, to);
            hColumns = new Gemm.Matrix[w.steps + 1];
            dAColumns = new Gemm.Matrix[w.steps + 1];
            for (int t = 1; t <= w.steps; t++) {
                hColumns[t] = w.hBlocks[t].columns(from, to);
                dAColumns[t] = w.dABlocks[t].columns(from, to);
            }
            hRows = w.hAll.rows(rowFrom, rowTo);
            oRows = w.dO.rows(rowFrom, rowTo);
            dRows = w.dAllMatrix.rows(rowFrom, rowTo);
            onesRows = w.onesColumn.rows(rowFrom, rowTo);
            hColumnsAllSteps = w.hAll.columns(from, to);
            dAColumnsAllSteps = w.dAllMatrix.columns(from, to);
            dW_hqRows = Gemm.of(model.dW_hq).rows(from, to);
            dW_hhColumns = Gemm.of(model.dW_hh).columns(from, to);
            dW_xhColumns = Gemm.of(model.dW_xh).columns(from, to);
            db_hColumns = Gemm.of(model.db_h.reshape(1, hidden)).columns(from, to);
            elementwise = new Elementwise(w.batch * (to - from), model.type);
            normSquares = new double[w.steps + 1];
        }
    }
}
