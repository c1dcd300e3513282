package d2l.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class ClippingTest {

    @Test
    void scalesTheGlobalNormDownToTheBound() {
        var a = Nd4j.createFromArray(3.0, 0.0);
        var b = Nd4j.createFromArray(new double[][] {{0.0, 4.0}}); // global norm sqrt(9 + 16) = 5
        double before = Clipping.clipGradients(List.of(a, b), 1.0);
        assertEquals(5.0, before, 1e-12);
        assertEquals(1.0, Clipping.globalNorm(List.of(a, b)), 1e-12);
        assertEquals(0.6, a.getDouble(0), 1e-12); // direction kept: 3/5
        assertEquals(0.8, b.getDouble(0, 1), 1e-12);
    }

    @Test
    void leavesSmallGradientsAlone() {
        var a = Nd4j.createFromArray(0.3f, 0.4f);
        assertEquals(0.5, Clipping.clipGradients(List.of(a), 1.0), 1e-6);
        assertEquals(0.3f, a.getFloat(0), 0);
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThrows(IllegalArgumentException.class, () -> Clipping.clipGradients(List.of(Nd4j.ones(2)), 0));
    }
}
