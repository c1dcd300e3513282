package d2l.sequence;

import java.util.ArrayList;
import java.util.List;

/**
 * The Adam optimizer (Kingma and Ba) on plain parameter arrays: per-coordinate step sizes from
 * running averages of the gradient and of its square, with bias correction.
 */
public final class Adam {
    private final double learningRate;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double epsilon = 1e-8;
    private final List<double[]> firstMoments = new ArrayList<>();
    private final List<double[]> secondMoments = new ArrayList<>();
    private int steps;

    public Adam(double learningRate) {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        this.learningRate = learningRate;
    }

    /** One update of every parameter array with its gradient (same order, same shapes). */
    public void step(List<double[]> parameters, List<double[]> gradients) {
        if (firstMoments.isEmpty()) {
            for (double[] p : parameters) {
                firstMoments.add(new double[p.length]);
                secondMoments.add(new double[p.length]);
            }
        }
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (int k = 0; k < parameters.size(); k++) {
            double[] p = parameters.get(k), g = gradients.get(k);
            double[] m = firstMoments.get(k), v = secondMoments.get(k);
            for (int i = 0; i < p.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                p[i] -= learningRate * (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + epsilon);
            }
        }
    }
}
