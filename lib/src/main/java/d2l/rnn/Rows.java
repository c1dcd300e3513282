package d2l.rnn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    /**
     * target[rows[i]] += updates[i] for every i, in place. Plain Java over the native buffers: the
     * target is small (vocabulary x hidden), and ND4J's scatter_add op is several times slower.
     */
    static void scatterAdd(INDArray target, int[] rows, INDArray updates) {
        int width = (int) target.columns();
        if (updates.columns() != width || updates.rows() != rows.length) {
            throw new IllegalArgumentException("updates must be " + rows.length + " x " + width);
        }
        checkWhole(target);
        checkWhole(updates);
        int size = (int) target.length();
        if (target.dataType() == DataType.FLOAT) {
            FloatBuffer out = target.data().asNioFloat(), in = updates.data().asNioFloat();
            float[] sum = new float[size], row = new float[width];
            out.get(0, sum);
            for (int i = 0; i < rows.length; i++) {
                in.get(i * width, row);
                int base = rows[i] * width;
                for (int j = 0; j < width; j++) sum[base + j] += row[j];
            }
            out.put(0, sum);
        } else {
            DoubleBuffer out = target.data().asNioDouble(), in = updates.data().asNioDouble();
            double[] sum = new double[size], row = new double[width];
            out.get(0, sum);
            for (int i = 0; i < rows.length; i++) {
                in.get(i * width, row);
                int base = rows[i] * width;
                for (int j = 0; j < width; j++) sum[base + j] += row[j];
            }
            out.put(0, sum);
        }
    }

    private static void checkWhole(INDArray a) {
        if (a.offset() != 0 || a.ordering() != 'c' || a.rank() != 2 || a.length() != a.data().length()) {
            throw new IllegalArgumentException("expected a whole c-order matrix, not a view");
        }
    }
}
