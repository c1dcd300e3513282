package d2l.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GemmTest {

    static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    /** Rows [from, from + rows) of a larger random matrix: a view that starts inside its buffer. */
    static INDArray block(DataType type, int from, int rows, int cols, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(type, from + rows + 2, cols).get(interval(from, from + rows), all());
    }

    @Test
    void productsOfRowBlocksMatchNd4j() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tolerance = type == DataType.FLOAT ? 1e-4 : 1e-12;
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    INDArray a = ta ? block(type, 3, 5, 4, 1) : block(type, 3, 4, 5, 1);
                    INDArray b = tb ? block(type, 2, 6, 5, 2) : block(type, 2, 5, 6, 2);
                    INDArray c = block(type, 4, 4, 6, 3);
                    INDArray expected = (ta ? a.transpose() : a)
                            .mmul(tb ? b.transpose() : b)
                            .muli(0.5)
                            .addi(c.mul(2));
                    Gemm.gemm(Gemm.of(a), ta, Gemm.of(b), tb, Gemm.of(c), 0.5, 2.0);
                    assertArrayEquals(flat(expected), flat(c), tolerance, type + " " + ta + " " + tb);
                }
            }
        }
    }

    @Test
    void aVectorIsOneRow() {
        INDArray a = block(DataType.FLOAT, 1, 3, 4, 6), v = Nd4j.create(DataType.FLOAT, 4);
        Gemm.gemm(Nd4j.ones(DataType.FLOAT, 1, 3), false, a, false, v, 1.0, 0.0);
        assertArrayEquals(flat(a.sum(0)), flat(v), 1e-6);
    }

    @Test
    void stridedViewsFallBackAndMismatchesAreRejected() {
        INDArray wide = block(DataType.FLOAT, 0, 4, 6, 4);
        INDArray columns = wide.get(all(), interval(1, 4)); // 4 x 3, rows 6 apart: not a block
        INDArray b = block(DataType.FLOAT, 1, 3, 2, 5), c = Nd4j.create(DataType.FLOAT, 4, 2);
        Gemm.gemm(columns, false, b, false, c, 1.0, 0.0);
        assertArrayEquals(flat(columns.mmul(b)), flat(c), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> Gemm.of(columns));
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Gemm.gemm(Gemm.of(b), false, Gemm.of(b), false, Gemm.of(c), 1.0, 0.0));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    }
}
