package d2l.rnn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row gathers and scatter-adds: multiplying a one-hot row by a matrix just selects a row, so the
 * input projection is a gather of rows and its weight gradient is a scatter-add of rows.
 */
final class Rows {

    private Rows() {}

    /** destination[i] = source[rows[i]] for every i, written in place (destination may be a contiguous view). */
    static void gather(INDArray source, int[] rows, INDArray destination) {
        Nd4j.pullRows(source, destination, 1, rows);
    }

    /** target[rows[i]] += updates[i] for every i, in place (one native call). */
    static void scatterAdd(INDArray target, int[] rows, INDArray updates) {
        var op = DynamicCustomOp.builder("scatter_add")
                .addInputs(target, Nd4j.createFromArray(rows), updates)
                .addOutputs(target)
                .build();
        Nd4j.exec(op);
    }
}
