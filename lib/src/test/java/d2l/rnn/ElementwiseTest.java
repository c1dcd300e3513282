package d2l.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ElementwiseTest {

    @Test
    void fastFloatTanhIsAccurateOverTheWholeLine() {
        double worst = 0;
        for (double x = -20; x <= 20; x += 1e-4) {
            worst = Math.max(worst, Math.abs(Elementwise.tanh((float) x) - Math.tanh((float) x)));
        }
        assertTrue(worst < 5e-7, "max error " + worst);
        assertEquals(0f, Elementwise.tanh(0f));
        assertEquals(-Elementwise.tanh(0.7f), Elementwise.tanh(-0.7f));
    }

    @Test
    void kernelsWorkOnARowBlockOfALargerArray() {
        var all = Nd4j.linspace(-3, 3, 24, DataType.DOUBLE).reshape(6, 4);
        var block = all.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all());
        var expected = all.dup();
        var kernels = new Elementwise(8, DataType.DOUBLE);
        kernels.tanh(block);
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 4; c++) {
                double v = expected.getDouble(r, c);
                assertEquals(r >= 2 && r < 4 ? Math.tanh(v) : v, all.getDouble(r, c), 1e-15);
            }
        }
        var grad = Nd4j.ones(DataType.DOUBLE, 2, 4);
        kernels.multiplyByTanhDerivative(grad, block);
        double h = block.getDouble(0, 0);
        assertEquals(1 - h * h, grad.getDouble(0, 0), 1e-15);
    }

    @Test
    void rejectsStridedViews() {
        var column = Nd4j.ones(DataType.FLOAT, 4, 4).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new Elementwise(16, DataType.FLOAT).tanh(column));
    }

    @Test
    void truncationFactorsFollowTheirDefinition() {
        double[] xi = new double[8];
        Truncation.every(3).factors(xi);
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 1, 1, 0}, xi);
        Truncation.randomized(0.25, 1).factors(xi);
        for (int t = 2; t < 8; t++) assertTrue(xi[t] == 0 || xi[t] == 4, "factor " + xi[t]);
        assertThrows(IllegalArgumentException.class, () -> Truncation.every(0));
        assertThrows(IllegalArgumentException.class, () -> Truncation.randomized(0, 1));
    }
}
