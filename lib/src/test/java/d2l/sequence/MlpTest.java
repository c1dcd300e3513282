package d2l.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MlpTest {
    @Test
    void backpropagationMatchesFiniteDifferences() {
        var net = new Mlp(4, 10, 3);
        var random = new Random(9);
        // Shift the biases off zero so some hidden units are active and some are not.
        for (int j = 0; j < 10; j++) net.parameters().get(1)[j] = random.nextGaussian() * 0.5;
        double[][] x = new double[8][4];
        double[] y = new double[8];
        for (int n = 0; n < 8; n++) {
            for (int i = 0; i < 4; i++) x[n][i] = random.nextGaussian();
            y[n] = random.nextGaussian();
        }
        var grads = net.newGradients();
        double loss = net.lossAndGradients(x, y, grads);
        assertEquals(net.loss(x, y), loss, 1e-12, "the returned loss is the mean squared error");

        double h = 1e-6;
        List<double[]> params = net.parameters();
        List<double[]> analytic = grads.asList();
        double worst = 0;
        for (int k = 0; k < params.size(); k++) {
            double[] p = params.get(k);
            for (int i = 0; i < p.length; i++) {
                double saved = p[i];
                p[i] = saved + h;
                double plus = net.loss(x, y);
                p[i] = saved - h;
                double minus = net.loss(x, y);
                p[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                double a = analytic.get(k)[i];
                double relative = Math.abs(numeric - a) / Math.max(1e-8, Math.abs(numeric) + Math.abs(a));
                worst = Math.max(worst, relative);
            }
        }
        assertTrue(worst < 1e-6, "worst relative gradient error " + worst);
    }

    @Test
    void adamMinimizesAQuadratic() {
        double[] p = {3, -2};
        var adam = new Adam(0.1);
        for (int step = 0; step < 500; step++) {
            double[] g = {2 * (p[0] - 1), 2 * (p[1] + 0.5)};
            adam.step(List.of(p), List.of(g));
        }
        assertEquals(1, p[0], 1e-2);
        assertEquals(-0.5, p[1], 1e-2);
    }

    @Test
    void sameSeedSameNetwork() {
        double[] window = {0.1, 0.2, 0.3, 0.4};
        assertEquals(new Mlp(4, 10, 5).predict(window), new Mlp(4, 10, 5).predict(window));
        assertTrue(new Mlp(4, 10, 5).predict(window) != new Mlp(4, 10, 6).predict(window));
    }
}
