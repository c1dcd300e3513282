package d2l.engine;

/**
 * One pool member's blocks of a {@link Workspace}: hidden units (columns) [from, to) of every step,
 * rows [rowFrom, rowTo) of the all-steps arrays, and the matching blocks of the weights and
 * gradients. Made on the calling thread (they wrap ND4J arrays), read by the member alone.
 */
final class Share {
    final int from, to, rowFrom, rowTo;
    final Gemm.Matrix recurrentColumns, recurrentRows; // W_hh[:, from..to) and W_hh[from..to, :]
    final Gemm.Matrix[] hColumns, dAColumns; // h[t][:, from..to), dA[t][:, from..to)
    final Gemm.Matrix hRows, oRows, dRows; // rows of H, O and dAll
    final Gemm.Matrix onesRows; // rows of a column of ones, for b_q
    final Gemm.Matrix hColumnsAllSteps, dAColumnsAllSteps; // H[:, from..to), dAll[:, from..to)
    final Gemm.Matrix dW_hqRows, dW_hhColumns, dW_xhColumns, db_hColumns;
    final Elementwise elementwise = new Elementwise();
    final double[] normSquares;

    /** The share of member {@code key & 0xffffffff} of a team of {@code key >>> 32}. */
    Share(Workspace w, long key) {
        var model = w.model;
        int size = (int) (key >>> 32), rank = (int) key;
        int hidden = w.hiddenSize, rows = w.batch * w.steps;
        from = Pool.shareStart(hidden, rank, size);
        to = Pool.shareStart(hidden, rank + 1, size);
        rowFrom = Pool.shareStart(rows, rank, size);
        rowTo = Pool.shareStart(rows, rank + 1, size);
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
        db_hColumns = Gemm.of(model.db_h).columns(from, to);
        normSquares = new double[w.steps + 1];
    }
}
