package d2l.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's operations for layers: each does what its name says, in place on arrays the caller
 * owns, faster than the ND4J calls a reader would write for it (products straight to OpenBLAS,
 * element-wise steps and row gathers in plain Java; see {@link Gemm}, {@link Elementwise},
 * {@link Rows}). Matrices are float or double and c-order; products also take a block of rows of a
 * larger array (one time step) and fall back to {@code Nd4j.gemm} for other views. Otherwise they
 * make no ND4J call, so threads of the engine's pool may run them at once on arrays of their own.
 *
 * <p>In float32, {@link #tanh} is an approximation within 3e-7 of tanh (a few float32 ulps).
 */
public final class Fast {

    private static final ThreadLocal<Elementwise> ELEMENTWISE = ThreadLocal.withInitial(Elementwise::new);
    private static Gemm.Matrix onesFloat, onesDouble; // a row of ones, for column sums as products

    private Fast() {}

    /** c = a b, written into c (m x k times k x n into m x n); returns c. */
    public static INDArray multiply(INDArray a, INDArray b, INDArray c) {
        return Gemm.gemm(a, false, b, false, c, 1.0, 0.0);
    }

    /** c = op(a) op(b), where op transposes when asked (as {@code Nd4j.gemm}); returns c. */
    public static INDArray multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        return Gemm.gemm(a, transposeA, b, transposeB, c, 1.0, 0.0);
    }

    /** c += scale op(a) op(b); returns c. */
    public static INDArray addProduct(
            INDArray a, boolean transposeA, INDArray b, boolean transposeB, double scale, INDArray c) {
        return Gemm.gemm(a, transposeA, b, transposeB, c, scale, 1.0);
    }

    /** matrix[r] += bias for every row r, in place (matrix a whole array, bias a whole vector). */
    public static void addToEveryRow(INDArray matrix, INDArray bias) {
        Rows.addToEveryRow(matrix, bias);
    }

    /** sums = the column sums of m (sums a vector of m's width), as the product of a row of ones and m. */
    public static void columnSums(INDArray m, INDArray sums) {
        Gemm.gemm(ones(m.dataType(), (int) m.rows()), false, Gemm.of(m), false, Gemm.of(sums), 1.0, 0.0);
    }

    /**
     * out = X W + b for the one-hot rows X of {@code tokens}: row i of out is row tokens[i] of W plus
     * b (out: tokens.length x W's width, a whole array or a block of rows).
     */
    public static void oneHotTimes(int[] tokens, INDArray weight, INDArray bias, INDArray out) {
        Rows.gatherWithBias(weight, bias, tokens, out);
    }

    /**
     * out = X^T g for the one-hot rows X of {@code tokens}: row r of out sums the rows i of g with
     * tokens[i] == r (the gradient of the weight in {@link #oneHotTimes}).
     */
    public static void oneHotTransposedTimes(int[] tokens, INDArray g, INDArray out) {
        Rows.scatterColumns(out, tokens, g, 0, (int) out.columns());
    }

    /** x = tanh(x), in place (x a whole array or a block of rows). */
    public static void tanh(INDArray x) {
        ELEMENTWISE.get().tanh(x);
    }

    /** grad = grad * (1 - h^2), in place: the chain rule through h = tanh(a). */
    public static void multiplyByTanhDerivative(INDArray grad, INDArray h) {
        ELEMENTWISE.get().multiplyByTanhDerivative(grad, h);
    }

    /** A 1 x n row of ones, from one shared row grown as needed (its blocks are read only). */
    private static synchronized Gemm.Matrix ones(DataType type, int n) {
        boolean single = type == DataType.FLOAT;
        Gemm.Matrix ones = single ? onesFloat : onesDouble;
        if (ones == null || ones.cols < n) {
            ones = Gemm.of(Nd4j.ones(type, 1, Math.max(n, 2 * (ones == null ? 512 : ones.cols))));
            if (single) onesFloat = ones;
            else onesDouble = ones;
        }
        return ones.columns(0, n);
    }
}
