package d2l.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link FastRnn}'s buffers for one minibatch shape, reused across minibatches, rows in time-major
 * order: row (t-1)*B + b belongs to step t of sequence b. h[t] and dA[t] are views of the B rows of
 * step t. Each pool member works through its {@link Share}: blocks of these arrays (and of the
 * model's weights and gradients) it alone writes.
 */
final class Workspace {
    final FastRnn model;
    final int batch, steps, vocab, hiddenSize;
    final int[] inputs, targets;
    final INDArray hidden; // h_0 .. h_T stacked: (T+1)B x H
    final INDArray H; // h_1..h_T: a view of hidden, TB x H
    final INDArray O; // logits, then dL/dO: TB x V
    final INDArray dAll; // dL/dh_t from the output, then dL/da_t, for all steps: TB x H
    final INDArray[] h, dA;
    final Gemm.Matrix[] hBlocks, dABlocks; // h[t] and dA[t] for the per-step products
    final Gemm.Matrix hAll, hPrevious, dO, dAllMatrix, outputWeights, outputBias, ones, onesColumn, vocabOnes, db_qRow;
    final double[] xi, rowLosses;
    private final Map<Long, Share> shares = new HashMap<>();
    private volatile int lastSize = 1;

    Workspace(FastRnn model, int batch, int steps) {
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
        outputBias = Gemm.of(model.b_q); // 1 x V
        onesColumn = Gemm.of(Nd4j.ones(type, rows, 1));
        ones = Gemm.of(Nd4j.ones(type, 1, rows)); // column sums as products: much faster than sum(0)
        vocabOnes = Gemm.of(Nd4j.ones(type, 1, vocab));
        db_qRow = Gemm.of(model.db_q);
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
    Share share(Pool.Member member) {
        if (member.rank() == 0) lastSize = member.size();
        synchronized (shares) {
            var share = shares.get(key(member.size(), member.rank()));
            if (share == null) throw new IllegalStateException("no share for a team of " + member.size());
            return share;
        }
    }

    private static long key(int size, int rank) {
        return (long) size << 32 | rank;
    }

    /** The shares of the members of the last job (for the gradient norms). */
    List<Share> sharesOfLastJob() {
        synchronized (shares) {
            var list = new ArrayList<Share>();
            for (int r = 0; r < lastSize; r++) list.add(shares.get(key(lastSize, r)));
            return list;
        }
    }

    boolean fits(int batch, int steps) {
        return this.batch == batch && this.steps == steps;
    }

    /** Copies the tokens into time-major order, checking they fit the vocabulary. */
    void loadInputs(int[][] x) {
        TimeMajor.flatten(x, inputs, vocab);
    }

    void loadTargets(int[][] y) {
        TimeMajor.flatten(y, targets, vocab);
    }
}
