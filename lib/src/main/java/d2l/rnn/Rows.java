package d2l.rnn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row gathers and scatter-sums: multiplying a one-hot row by a matrix just selects a row, so the
 * input projection is a gather of rows and its weight gradient is a scatter-add of rows.
 */
final class Rows {

    private Rows() {}

    /**
     * destination[i] = source[rows[i]] for every i, written in place (destination may be a contiguous
     * block of rows of a larger array). Plain copies, no ND4J operation: ND4J's pullRows and
     * broadcasts go through its shape-descriptor cache, where the chapter's long runs crashed twice
     * (SIGSEGV in libnd4jcpu under execBroadcast, 2026-12-01 and 12-02).
     */
    static void gather(INDArray source, int[] rows, INDArray destination) {
        checkWhole(source);
        int width = (int) source.columns(), vocab = (int) source.rows();
        if (destination.columns() != width || destination.rows() != rows.length || destination.dataType() != source.dataType()) {
            throw new IllegalArgumentException("destination must be a contiguous " + rows.length + " x " + width + " "
                    + source.dataType() + " block, got " + java.util.Arrays.toString(destination.shape()));
        }
        int base = Elementwise.offsetOf(destination);   // rejects a strided view
        if (source.dataType() == DataType.FLOAT) {
            FloatBuffer in = source.data().asNioFloat(), out = destination.data().asNioFloat();
            float[] row = new float[width];
            for (int i = 0; i < rows.length; i++) {
                in.get(checkRow(rows[i], vocab) * width, row);
                out.put(base + i * width, row);
            }
        } else {
            DoubleBuffer in = source.data().asNioDouble(), out = destination.data().asNioDouble();
            double[] row = new double[width];
            for (int i = 0; i < rows.length; i++) {
                in.get(checkRow(rows[i], vocab) * width, row);
                out.put(base + i * width, row);
            }
        }
    }

    /** matrix[r] += vector for every row r, in place (a bias added to every row), without ND4J's broadcast. */
    static void addToEveryRow(INDArray matrix, INDArray vector) {
        addToEveryRow(matrix, vector, matrix);
    }

    /** target[r] = source[r] + vector for every row r (target may be source), in plain Java. */
    static void addToEveryRow(INDArray source, INDArray vector, INDArray target) {
        checkWhole(source);
        checkWhole(target);
        int width = (int) source.columns(), count = (int) source.rows();
        if (target.rows() != count || target.columns() != width || target.dataType() != source.dataType()
                || vector.length() != width || vector.dataType() != source.dataType() || vector.offset() != 0
                || vector.length() != vector.data().length()) {
            throw new IllegalArgumentException("expected a " + count + " x " + width + " " + source.dataType()
                    + " target and a whole vector of " + width + ", got " + java.util.Arrays.toString(target.shape())
                    + " and " + java.util.Arrays.toString(vector.shape()));
        }
        if (source.dataType() == DataType.FLOAT) {
            FloatBuffer in = source.data().asNioFloat(), out = target.data().asNioFloat();
            float[] add = new float[width], row = new float[width];
            vector.data().asNioFloat().get(0, add);
            for (int r = 0; r < count; r++) {
                in.get(r * width, row);
                for (int j = 0; j < width; j++) row[j] += add[j];
                out.put(r * width, row);
            }
        } else {
            DoubleBuffer in = source.data().asNioDouble(), out = target.data().asNioDouble();
            double[] add = new double[width], row = new double[width];
            vector.data().asNioDouble().get(0, add);
            for (int r = 0; r < count; r++) {
                in.get(r * width, row);
                for (int j = 0; j < width; j++) row[j] += add[j];
                out.put(r * width, row);
            }
        }
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
