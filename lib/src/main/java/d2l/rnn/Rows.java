package d2l.rnn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row gathers and scatter-sums: multiplying a one-hot row by a matrix just selects a row, so the
 * input projection is a gather of rows and its weight gradient is a scatter-add of rows.
 */
final class Rows {

    private Rows() {}

    /** destination[i] = source[rows[i]] for every i, written in place (destination may be a contiguous view). */
    static void gather(INDArray source, int[] rows, INDArray destination) {
        Nd4j.pullRows(source, destination, 1, rows);
    }

    /**
     * Columns [from, to) of target become the scatter-sum of the same columns of updates:
     * target[r][from..to) = sum of updates[i][from..to) over the i with rows[i] == r. Writes no
     * other column, so members of a {@link Team} may fill disjoint column ranges at once.
     */
    static void scatterColumns(INDArray target, int[] rows, INDArray updates, int from, int to) {
        int width = (int) target.columns(), vocab = (int) target.rows(), len = to - from;
        if (updates.columns() != width || updates.rows() != rows.length) {
            throw new IllegalArgumentException("updates must be " + rows.length + " x " + width);
        }
        if (from < 0 || to > width || len < 1) throw new IllegalArgumentException("columns [" + from + ", " + to + ") outside " + width);
        checkWhole(target);
        checkWhole(updates);
        if (target.dataType() == DataType.FLOAT) {
            FloatBuffer out = target.data().asNioFloat(), in = updates.data().asNioFloat();
            float[] sum = new float[vocab * len], row = new float[len];
            for (int i = 0; i < rows.length; i++) {
                in.get(i * width + from, row);
                int base = checkRow(rows[i], vocab) * len;
                for (int j = 0; j < len; j++) sum[base + j] += row[j];
            }
            for (int r = 0; r < vocab; r++) out.put(r * width + from, sum, r * len, len);
        } else {
            DoubleBuffer out = target.data().asNioDouble(), in = updates.data().asNioDouble();
            double[] sum = new double[vocab * len], row = new double[len];
            for (int i = 0; i < rows.length; i++) {
                in.get(i * width + from, row);
                int base = checkRow(rows[i], vocab) * len;
                for (int j = 0; j < len; j++) sum[base + j] += row[j];
            }
            for (int r = 0; r < vocab; r++) out.put(r * width + from, sum, r * len, len);
        }
    }

    private static int checkRow(int row, int rows) {
        if (row < 0 || row >= rows) throw new IllegalArgumentException("row index " + row + " outside [0, " + rows + ")");
        return row;
    }

    private static void checkWhole(INDArray a) {
        if (a.offset() != 0 || a.ordering() != 'c' || a.rank() != 2 || a.length() != a.data().length()) {
            throw new IllegalArgumentException("expected a whole c-order matrix, not a view");
        }
    }
}
