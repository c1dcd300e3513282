package d2l.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row gathers and scatter-sums: multiplying a one-hot row by a matrix just selects a row, so the
 * input projection is a gather of rows and its weight gradient is a scatter-add of rows.
 *
 * <p>Plain copies and loops, no ND4J operation: ND4J's pullRows and broadcasts go through its
 * shape-descriptor cache, where the chapter's long runs crashed twice (SIGSEGV in libnd4jcpu under
 * execBroadcast, 2026-12-01 and 12-02), and these run on several threads at once.
 */
final class Rows {

    private Rows() {}

    /**
     * destination[i] = table[rows[i]] + vector for every i, written in place (destination may be a
     * contiguous block of rows of a larger array): table + vector is added up once for the table's
     * few rows, then its rows are copied.
     */
    static void gatherWithBias(INDArray table, INDArray vector, int[] rows, INDArray destination) {
        checkWhole(table);
        int width = (int) table.columns(), count = (int) table.rows();
        checkVector(vector, width, table.dataType());
        if (destination.columns() != width
                || destination.rows() != rows.length
                || destination.dataType() != table.dataType()) {
            throw new IllegalArgumentException("destination must be a contiguous " + rows.length + " x " + width + " "
                    + table.dataType() + " block, got " + java.util.Arrays.toString(destination.shape()));
        }
        int base = Elementwise.offsetOf(destination); // rejects a strided view
        if (table.dataType() == DataType.FLOAT) {
            float[] sums = new float[count * width], add = new float[width];
            table.data().asNioFloat().get(0, sums);
            vector.data().asNioFloat().get(0, add);
            for (int r = 0; r < count; r++) for (int j = 0; j < width; j++) sums[r * width + j] += add[j];
            FloatBuffer out = destination.data().asNioFloat();
            for (int i = 0; i < rows.length; i++)
                out.put(base + i * width, sums, checkRow(rows[i], count) * width, width);
        } else {
            double[] sums = new double[count * width], add = new double[width];
            table.data().asNioDouble().get(0, sums);
            vector.data().asNioDouble().get(0, add);
            for (int r = 0; r < count; r++) for (int j = 0; j < width; j++) sums[r * width + j] += add[j];
            DoubleBuffer out = destination.data().asNioDouble();
            for (int i = 0; i < rows.length; i++)
                out.put(base + i * width, sums, checkRow(rows[i], count) * width, width);
        }
    }

    /** matrix[r] += vector for every row r, in place (a bias added to every row). */
    static void addToEveryRow(INDArray matrix, INDArray vector) {
        checkWhole(matrix);
        int width = (int) matrix.columns(), count = (int) matrix.rows();
        checkVector(vector, width, matrix.dataType());
        if (matrix.dataType() == DataType.FLOAT) {
            FloatBuffer buffer = matrix.data().asNioFloat();
            float[] add = new float[width], row = new float[width];
            vector.data().asNioFloat().get(0, add);
            for (int r = 0; r < count; r++) {
                buffer.get(r * width, row);
                for (int j = 0; j < width; j++) row[j] += add[j];
                buffer.put(r * width, row);
            }
        } else {
            DoubleBuffer buffer = matrix.data().asNioDouble();
            double[] add = new double[width], row = new double[width];
            vector.data().asNioDouble().get(0, add);
            for (int r = 0; r < count; r++) {
                buffer.get(r * width, row);
                for (int j = 0; j < width; j++) row[j] += add[j];
                buffer.put(r * width, row);
            }
        }
    }

    /**
     * Columns [from, to) of target become the scatter-sum of the same columns of updates:
     * target[r][from..to) = sum of updates[i][from..to) over the i with rows[i] == r. Writes no
     * other column, so members of a {@link Pool} job may fill disjoint column ranges at once.
     */
    static void scatterColumns(INDArray target, int[] rows, INDArray updates, int from, int to) {
        int width = (int) target.columns(), vocab = (int) target.rows(), len = to - from;
        if (updates.columns() != width || updates.rows() != rows.length) {
            throw new IllegalArgumentException("updates must be " + rows.length + " x " + width);
        }
        if (from < 0 || to > width || len < 1)
            throw new IllegalArgumentException("columns [" + from + ", " + to + ") outside " + width);
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
        if (row < 0 || row >= rows)
            throw new IllegalArgumentException("row index " + row + " outside [0, " + rows + ")");
        return row;
    }

    private static void checkVector(INDArray vector, int width, DataType type) {
        if (vector.length() != width
                || vector.dataType() != type
                || vector.offset() != 0
                || vector.length() != vector.data().length()) {
            throw new IllegalArgumentException("expected a whole " + type + " vector of " + width + ", got "
                    + vector.dataType() + " " + java.util.Arrays.toString(vector.shape()));
        }
    }

    private static void checkWhole(INDArray a) {
        if (a.offset() != 0
                || a.ordering() != 'c'
                || a.rank() != 2
                || a.length() != a.data().length()) {
            throw new IllegalArgumentException("expected a whole c-order matrix, not a view");
        }
    }
}
