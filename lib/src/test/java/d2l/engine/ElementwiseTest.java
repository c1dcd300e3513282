package d2l.engine;

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
        var kernels = new Elementwise();
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
    void scratchSpaceGrowsWithTheBlock() {
        var kernels = new Elementwise();
        for (int rows : new int[] {1, 7, 3}) {
            var x = Nd4j.linspace(-2, 2, rows * 5, DataType.FLOAT).reshape(rows, 5);
            var expected = x.dup();
            kernels.tanh(x);
            for (int i = 0; i < rows * 5; i++) {
                assertEquals(Math.tanh(expected.getFloat(i)), x.getFloat(i), 5e-7, rows + " rows, element " + i);
            }
        }
    }

    @Test
    void rejectsStridedViews() {
        var column = Nd4j.ones(DataType.FLOAT, 4, 4).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new Elementwise().tanh(column));
    }
}
