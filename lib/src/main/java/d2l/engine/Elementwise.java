package d2l.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two element-wise steps of the recurrence, tanh forward and its derivative backward, done in
 * plain Java on a copy of the block. ND4J 1.0.0-M2.1 spends 2-4 ns per element on tanh and on
 * products of two arrays; copying a step's block into a Java array, running a loop the JIT
 * vectorises, and copying back costs well under 1 ns per element.
 *
 * <p>float32 uses a rational approximation of tanh (below), within 3e-7 of it; float64 uses
 * {@link Math#tanh}, so the double-precision gradient check sees the exact function.
 *
 * <p>An instance holds the copies' scratch arrays (grown to the largest block it has seen), so it
 * belongs to one thread at a time.
 */
final class Elementwise {

    // tanh(x) ~= x P(u) / Q(u) with u = x^2 / 81 on |x| <= 9 (beyond 9, tanh is 1 in float32).
    // Coefficients fitted by us (iteratively reweighted least squares towards minimax);
    // max |error| 3e-7, a few float32 ulps.
    private static final float P0 = 0.9999999067747561f,
            P1 = 10.832289033978974f,
            P2 = 22.875438719839035f,
            P3 = 10.879497558624044f,
            P4 = 0.5675249703017127f;
    private static final float Q1 = 37.83225959513553f,
            Q2 = 169.54916655030505f,
            Q3 = 173.85432003899615f,
            Q4 = 33.15701047753704f;
    private float[] a = new float[0], b = new float[0];
    private double[] da = new double[0], db = new double[0];

    /** x = tanh(x), in place; x must be a contiguous block (e.g. the rows of one time step). */
    void tanh(INDArray x) {
        tanh(x, 0, (int) x.columns());
    }

    /** The same on columns [from, to) of every row of the contiguous block x (one member's share). */
    void tanh(INDArray x, int from, int to) {
        int rows = (int) x.rows(), cols = (int) x.columns(), offset = offsetOf(x), len = checkColumns(x, from, to);
        int n = rows * len;
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer buffer = x.data().asNioFloat();
            for (int r = 0; r < rows; r++) buffer.get(offset + r * cols + from, a, r * len, len);
            tanh(a, n);
            for (int r = 0; r < rows; r++) buffer.put(offset + r * cols + from, a, r * len, len);
        } else {
            DoubleBuffer buffer = x.data().asNioDouble();
            for (int r = 0; r < rows; r++) buffer.get(offset + r * cols + from, da, r * len, len);
            for (int i = 0; i < n; i++) da[i] = Math.tanh(da[i]);
            for (int r = 0; r < rows; r++) buffer.put(offset + r * cols + from, da, r * len, len);
        }
    }

    /** grad = grad * (1 - h^2), the chain rule through h = tanh(a), in place on grad. */
    void multiplyByTanhDerivative(INDArray grad, INDArray h) {
        multiplyByTanhDerivative(grad, h, 0, (int) grad.columns());
    }

    /** The same on columns [from, to) of every row of the two contiguous blocks of one shape. */
    void multiplyByTanhDerivative(INDArray grad, INDArray h, int from, int to) {
        if (h.rows() != grad.rows() || h.columns() != grad.columns() || h.dataType() != grad.dataType()) {
            throw new IllegalArgumentException(
                    "grad and h differ in size or type: " + java.util.Arrays.toString(grad.shape()) + " "
                            + grad.dataType() + " and " + java.util.Arrays.toString(h.shape()) + " " + h.dataType());
        }
        int rows = (int) grad.rows(), cols = (int) grad.columns(), len = checkColumns(grad, from, to);
        int offset = offsetOf(grad), hOffset = offsetOf(h), n = rows * len;
        if (grad.dataType() == DataType.FLOAT) {
            FloatBuffer g = grad.data().asNioFloat(), hb = h.data().asNioFloat();
            for (int r = 0; r < rows; r++) {
                g.get(offset + r * cols + from, a, r * len, len);
                hb.get(hOffset + r * cols + from, b, r * len, len);
            }
            for (int i = 0; i < n; i++) a[i] *= 1f - b[i] * b[i];
            for (int r = 0; r < rows; r++) g.put(offset + r * cols + from, a, r * len, len);
        } else {
            DoubleBuffer g = grad.data().asNioDouble(), hb = h.data().asNioDouble();
            for (int r = 0; r < rows; r++) {
                g.get(offset + r * cols + from, da, r * len, len);
                hb.get(hOffset + r * cols + from, db, r * len, len);
            }
            for (int i = 0; i < n; i++) da[i] *= 1 - db[i] * db[i];
            for (int r = 0; r < rows; r++) g.put(offset + r * cols + from, da, r * len, len);
        }
    }

    /** Sum of squares of columns [from, to) of every row of a contiguous block. */
    double sumOfSquares(INDArray x, int from, int to) {
        int rows = (int) x.rows(), cols = (int) x.columns(), offset = offsetOf(x), len = checkColumns(x, from, to);
        double sum = 0;
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer buffer = x.data().asNioFloat();
            for (int r = 0; r < rows; r++) {
                buffer.get(offset + r * cols + from, a, 0, len);
                for (int i = 0; i < len; i++) sum += (double) a[i] * a[i];
            }
        } else {
            DoubleBuffer buffer = x.data().asNioDouble();
            for (int r = 0; r < rows; r++) {
                buffer.get(offset + r * cols + from, da, 0, len);
                for (int i = 0; i < len; i++) sum += da[i] * da[i];
            }
        }
        return sum;
    }

    /** Checks the column range and grows the scratch arrays for the block's type to hold it. */
    private int checkColumns(INDArray x, int from, int to) {
        if (from < 0 || to > x.columns() || from >= to) {
            throw new IllegalArgumentException("columns [" + from + ", " + to + ") outside a block of " + x.columns());
        }
        int n = (int) (x.rows() * (to - from));
        if (x.dataType() == DataType.FLOAT && a.length < n) {
            a = new float[n];
            b = new float[n];
        } else if (x.dataType() != DataType.FLOAT && da.length < n) {
            da = new double[n];
            db = new double[n];
        }
        return to - from;
    }

    /**
     * Fast float32 tanh of {@code values[0..n)}, in place: clamp, then a ratio of two quartic
     * polynomials in x^2. Written out in the loop rather than called per element, because the
     * kernels' C1-only JIT does not inline a method this size (C2 inlines it either way).
     */
    static void tanh(float[] values, int n) {
        for (int i = 0; i < n; i++) {
            float v = values[i];
            float x = v < -9f ? -9f : v > 9f ? 9f : v; // Math.max/min are calls under C1
            float u = x * x * (1f / 81f);
            float p = (((P4 * u + P3) * u + P2) * u + P1) * u + P0;
            float q = (((Q4 * u + Q3) * u + Q2) * u + Q1) * u + 1f;
            values[i] = x * p / q;
        }
    }

    /** The same approximation for one value. */
    static float tanh(float v) {
        float[] one = {v};
        tanh(one, 1);
        return one[0];
    }

    /** Start of a contiguous c-order block in its buffer; rejects strided views. */
    static int offsetOf(INDArray x) {
        boolean contiguous = x.ordering() == 'c' && x.rank() == 2 && x.stride(1) == 1 && x.stride(0) == x.columns();
        if (!contiguous)
            throw new IllegalArgumentException(
                    "expected a contiguous row block, got strides " + java.util.Arrays.toString(x.stride()));
        return (int) x.offset();
    }
}
