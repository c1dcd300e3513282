package d2l.engine;

import static d2l.engine.GemmTest.flat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import d2l.rnn.OneHot;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Each of the engine's operations for layers does what the plain ND4J expression it stands for does. */
class FastTest {

    private static INDArray random(int rows, int cols, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, rows, cols).subi(0.5).muli(4);
    }

    @Test
    void productsAreNd4jsProducts() {
        INDArray a = random(4, 3, 1), b = random(3, 5, 2), c = random(4, 5, 3);
        assertArrayEquals(flat(a.mmul(b)), flat(Fast.multiply(a, b, Nd4j.create(DataType.DOUBLE, 4, 5))), 1e-12);
        INDArray at = random(3, 4, 4), bt = random(5, 3, 5);
        assertArrayEquals(
                flat(at.transpose().mmul(bt.transpose())),
                flat(Fast.multiply(at, true, bt, true, Nd4j.create(DataType.DOUBLE, 4, 5))),
                1e-12);
        INDArray expected = c.add(a.mmul(b).muli(0.25));
        assertArrayEquals(flat(expected), flat(Fast.addProduct(a, false, b, false, 0.25, c)), 1e-12);
    }

    @Test
    void aProductWritesIntoOneStepsRowsOfALargerArray() {
        INDArray hidden = Nd4j.zeros(DataType.DOUBLE, 9, 5), step = hidden.get(interval(3, 6), all());
        INDArray a = random(3, 4, 6), b = random(4, 5, 7);
        Fast.multiply(a, b, step);
        assertArrayEquals(flat(a.mmul(b)), flat(hidden.get(interval(3, 6), all())), 1e-12);
        assertEquals(0.0, hidden.get(interval(0, 3), all()).norm2Number().doubleValue(), "rows before untouched");
        assertEquals(0.0, hidden.get(interval(6, 9), all()).norm2Number().doubleValue(), "rows after untouched");
    }

    @Test
    void oneHotProductsAreProductsWithOneHotMatrices() {
        int[] tokens = {3, 0, 3, 1, 2};
        INDArray x = OneHot.encode(tokens, 4).castTo(DataType.DOUBLE); // 5 x 4
        INDArray w = random(4, 6, 8), bias = random(1, 6, 9).reshape(6), g = random(5, 6, 10);
        INDArray out = Nd4j.create(DataType.DOUBLE, 5, 6);
        Fast.oneHotTimes(tokens, w, bias, out);
        assertArrayEquals(flat(x.mmul(w).addiRowVector(bias)), flat(out), 1e-15);
        INDArray grad = Nd4j.create(DataType.DOUBLE, 4, 6);
        Fast.oneHotTransposedTimes(tokens, g, grad);
        assertArrayEquals(flat(x.transpose().mmul(g)), flat(grad), 1e-15);
    }

    @Test
    void rowAndColumnOperationsAreNd4jsBroadcastAndSum() {
        INDArray m = random(7, 5, 11), bias = random(1, 5, 12).reshape(5);
        INDArray expected = m.dup().addiRowVector(bias);
        Fast.addToEveryRow(m, bias);
        assertArrayEquals(flat(expected), flat(m), 0);
        INDArray sums = Nd4j.create(DataType.DOUBLE, 5);
        Fast.columnSums(m, sums);
        assertArrayEquals(flat(m.sum(0)), flat(sums), 1e-12);
        INDArray tall = random(1500, 3, 13),
                tallSums = Nd4j.create(DataType.DOUBLE, 3); // beyond the shared row of ones
        Fast.columnSums(tall, tallSums);
        assertArrayEquals(flat(tall.sum(0)), flat(tallSums), 1e-10);
    }

    @Test
    void tanhAndItsDerivativeAreNd4jsInDoubleAndCloseInFloat() {
        INDArray a = random(6, 9, 14), h = a.dup();
        Fast.tanh(h);
        assertArrayEquals(flat(Transforms.tanh(a, true)), flat(h), 1e-15);
        INDArray grad = random(6, 9, 15), expected = grad.mul(h.mul(h).rsubi(1));
        Fast.multiplyByTanhDerivative(grad, h);
        assertArrayEquals(flat(expected), flat(grad), 1e-15);
        INDArray single = a.castTo(DataType.FLOAT);
        Fast.tanh(single);
        assertArrayEquals(
                flat(Transforms.tanh(a, true)), flat(single), 5e-7, "float32: the approximation, within 3e-7");
    }

    @Test
    void mismatchedShapesAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Fast.multiply(random(2, 3, 1), random(2, 3, 2), Nd4j.create(DataType.DOUBLE, 2, 3)));
        assertThrows(
                IllegalArgumentException.class, () -> Fast.multiplyByTanhDerivative(random(2, 3, 1), random(3, 2, 2)));
    }
}
