package d2l.engine;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products handed straight to OpenBLAS, the library ND4J's own CPU gemm ends in. Nd4j.gemm
 * builds and runs a custom op for every call, which on this machine costs 40-50 us on top of a
 * 16 x 512 by 512 x 512 product that itself takes about 230 us; the recurrence makes two such calls
 * per step. Operands are contiguous row-major blocks (whole arrays or ranges of their rows), wrapped
 * in a {@link Matrix}; OpenBLAS runs the product on the calling thread (OMP_NUM_THREADS=1), so
 * two threads may multiply at once.
 *
 * <p>A block's address is computed from its buffer's address and its offset: ND4J's
 * {@code addressPointer()} of a view costs 0.3-1.3 us under the kernels' C1 JIT, which for three
 * operands would be a tenth of a 32 x 256 by 256 x 256 product.
 */
final class Gemm {

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans, TRANS = openblas_nolapack.CblasTrans;

    private Gemm() {}

    /**
     * A c-order float or double matrix, or a block of its rows and columns, with its native address
     * and leading dimension (the parent's row length); holding the array keeps the memory alive.
     */
    static final class Matrix {
        final INDArray array;
        final int rows, cols, ld;
        final boolean single; // float32, else float64
        private final long address;
        private final FloatPointer floats;
        private final DoublePointer doubles;

        /** A contiguous array ({@link #fits}), its shape read from ND4J's shape information. */
        private Matrix(INDArray array, long[] shape) {
            this.array = array;
            boolean vector = shape[0] == 1; // a vector is one row
            rows = vector ? 1 : (int) shape[1];
            cols = (int) shape[vector ? 1 : 2];
            ld = cols;
            single = array.dataType() == DataType.FLOAT;
            address = array.data().address() + array.offset() * (single ? Float.BYTES : Double.BYTES);
            floats = single ? new FloatAt(address) : null;
            doubles = single ? null : new DoubleAt(address);
        }

        private Matrix(Matrix parent, int row, int rowCount, int col, int colCount) {
            if (row < 0
                    || col < 0
                    || rowCount < 1
                    || colCount < 1
                    || row + rowCount > parent.rows
                    || col + colCount > parent.cols) {
                throw new IllegalArgumentException("block " + rowCount + " x " + colCount + " at (" + row + ", " + col
                        + ") outside a " + parent.rows + " x " + parent.cols + " matrix");
            }
            array = parent.array;
            rows = rowCount;
            cols = colCount;
            ld = parent.ld;
            single = parent.single;
            address = parent.address + ((long) row * parent.ld + col) * (single ? Float.BYTES : Double.BYTES);
            floats = single ? new FloatAt(address) : null;
            doubles = single ? null : new DoubleAt(address);
        }

        /** Columns [from, to) of all rows: a block with this matrix's leading dimension. */
        Matrix columns(int from, int to) {
            return new Matrix(this, 0, rows, from, to - from);
        }

        /** Rows [from, to) of all columns. */
        Matrix rows(int from, int to) {
            return new Matrix(this, from, to - from, 0, cols);
        }
    }

    /** JavaCPP pointers at a given address (the address field is protected; no memory is owned). */
    private static final class FloatAt extends FloatPointer {
        FloatAt(long at) {
            address = at;
        }
    }

    private static final class DoubleAt extends DoublePointer {
        DoubleAt(long at) {
            address = at;
        }
    }

    /** Wraps a contiguous c-order float or double matrix (a whole array, or a range of its rows), or a vector as one row. */
    static Matrix of(INDArray a) {
        long[] shape = a.shapeInfoJava();
        if (!fits(a, shape)) {
            throw new IllegalArgumentException("expected a contiguous c-order float or double matrix, got "
                    + a.dataType() + " " + java.util.Arrays.toString(a.shape()) + " strides "
                    + java.util.Arrays.toString(a.stride()));
        }
        return new Matrix(a, shape);
    }

    /** c = alpha op(a) op(b) + beta c, op transposing when asked. */
    static void gemm(Matrix a, boolean transA, Matrix b, boolean transB, Matrix c, double alpha, double beta) {
        int m = transA ? a.cols : a.rows, k = transA ? a.rows : a.cols;
        int kb = transB ? b.cols : b.rows, n = transB ? b.rows : b.cols;
        if (k != kb || c.rows != m || c.cols != n || a.single != c.single || b.single != c.single) {
            throw new IllegalArgumentException("gemm operands do not fit: " + m + " x " + k + " times " + kb + " x " + n
                    + " into " + c.rows + " x " + c.cols + " (" + a.array.dataType() + ", " + b.array.dataType()
                    + ", " + c.array.dataType() + ")");
        }
        int ta = transA ? TRANS : NO_TRANS, tb = transB ? TRANS : NO_TRANS;
        if (c.single) {
            openblas_nolapack.cblas_sgemm(
                    ROW_MAJOR,
                    ta,
                    tb,
                    m,
                    n,
                    k,
                    (float) alpha,
                    a.floats,
                    a.ld,
                    b.floats,
                    b.ld,
                    (float) beta,
                    c.floats,
                    c.ld);
        } else {
            openblas_nolapack.cblas_dgemm(
                    ROW_MAJOR, ta, tb, m, n, k, alpha, a.doubles, a.ld, b.doubles, b.ld, beta, c.doubles, c.ld);
        }
    }

    /** The same on arrays; falls back to Nd4j.gemm when one is not a contiguous block (e.g. a strided view). */
    static INDArray gemm(
            INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double alpha, double beta) {
        long[] sa = a.shapeInfoJava(), sb = b.shapeInfoJava(), sc = c.shapeInfoJava();
        if (fits(a, sa) && fits(b, sb) && fits(c, sc) && a.dataType() == c.dataType() && b.dataType() == c.dataType()) {
            gemm(new Matrix(a, sa), transA, new Matrix(b, sb), transB, new Matrix(c, sc), alpha, beta);
        } else {
            Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
        }
        return c;
    }

    /**
     * Whether {@code a} is a non-empty contiguous c-order float or double matrix or vector, from its
     * shape information {@code [rank, shape..., strides..., extras, element-wise stride, order]}:
     * one array read instead of the ten getters, each tens of nanoseconds under C1.
     */
    private static boolean fits(INDArray a, long[] shape) {
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) return false;
        if (shape[0] == 1) return shape[1] > 0 && (shape[2] == 1 || shape[1] == 1);
        long rows = shape[1], cols = shape[2];
        return shape[0] == 2
                && rows > 0
                && cols > 0
                && shape[7] == 'c'
                && (shape[4] == 1 || cols == 1)
                && (shape[3] == cols || rows == 1);
    }
}
