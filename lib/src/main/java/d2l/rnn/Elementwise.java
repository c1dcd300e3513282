package d2l.rnn;

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
 * <p>float32 uses a rational approximation of tanh (below); float64 uses {@link Math#tanh}, so the
 * double-precision gradient check sees the exact function.
 */
final class Elementwise {

    // tanh(x) ~= x P(u) / Q(u) with u = x^2 / 81 on |x| <= 9 (beyond 9, tanh is 1 in float32).
    // Coefficients fitted by us (iteratively reweighted least squares towards minimax);
    // max |error| 3e-7, a few float32 ulps.
    private static final float P0 = 0.9999999067747561f, P1 = 10.832289033978974f, P2 = 22.875438719839035f,
            P3 = 10.879497558624044f, P4 = 0.5675249703017127f;
    private static final float Q1 = 37.83225959513553f, Q2 = 169.54916655030505f, Q3 = 173.85432003899615f,
            Q4 = 33.15701047753704f;

    private final float[] a, b;
    private final double[] da, db;

    /** Scratch space for blocks of up to {@code maxLength} elements of the given type. */
    Elementwise(int maxLength, DataType type) {
        boolean single = type == DataType.FLOAT;
        a = new float[single ? maxLength : 0];
        b = new float[single ? maxLength : 0];
        da = new double[single ? 0 : maxLength];
        db = new double[single ? 0 : maxLength];
    }

    /** x = tanh(x), in place; x must be a contiguous block (e.g. the rows of one time step). */
    void tanh(INDArray x) {
        int n = (int) x.length(), offset = offsetOf(x);
        if (x.dataType() == DataType.FLOAT) {
            FloatBuffer buffer = x.data().asNioFloat();
            buffer.get(offset, a, 0, n);
            tanh(a, n);
            buffer.put(offset, a, 0, n);
        } else {
            DoubleBuffer buffer = x.data().asNioDouble();
            buffer.get(offset, da, 0, n);
            for (int i = 0; i < n; i++) da[i] = Math.tanh(da[i]);
            buffer.put(offset, da, 0, n);
        }
    }

    /** grad = grad * (1 - h^2), the chain rule through h = tanh(a), in place on grad. */
    void multiplyByTanhDerivative(INDArray grad, INDArray h) {
        int n = (int) grad.length(), offset = offsetOf(grad), hOffset = offsetOf(h);
        if (h.length() != n) throw new IllegalArgumentException("grad and h differ in size");
        if (grad.dataType() == DataType.FLOAT) {
            FloatBuffer g = grad.data().asNioFloat();
            g.get(offset, a, 0, n);
            h.data().asNioFloat().get(hOffset, b, 0, n);
            for (int i = 0; i < n; i++) a[i] *= 1f - b[i] * b[i];
            g.put(offset, a, 0, n);
        } else {
            DoubleBuffer g = grad.data().asNioDouble();
            g.get(offset, da, 0, n);
            h.data().asNioDouble().get(hOffset, db, 0, n);
            for (int i = 0; i < n; i++) da[i] *= 1 - db[i] * db[i];
            g.put(offset, da, 0, n);
        }
    }

    /**
     * Fast float32 tanh of {@code values[0..n)}, in place: clamp, then a ratio of two quartic
     * polynomials in x^2. Written out in the loop rather than called per element, because the
     * kernels' C1-only JIT does not inline a method this size (C2 inlines it either way).
     */
    static void tanh(float[] values, int n) {
        for (int i = 0; i < n; i++) {
            float v = values[i];
            float x = v < -9f ? -9f : v > 9f ? 9f : v;     // Math.max/min are calls under C1
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
    private static int offsetOf(INDArray x) {
        boolean contiguous = x.ordering() == 'c' && x.rank() == 2 && x.stride(1) == 1 && x.stride(0) == x.columns();
        if (!contiguous) throw new IllegalArgumentException("expected a contiguous row block, got strides "
                + java.util.Arrays.toString(x.stride()));
        return (int) x.offset();
    }
}
