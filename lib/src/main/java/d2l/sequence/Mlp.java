package d2l.sequence;

import java.util.List;
import java.util.Random;

/**
 * The sequence section's network, written out by hand: a hidden layer of {@code hidden} ReLU
 * units and one linear output,
 *
 * <pre>  z = W1 x + b1,   h = max(z, 0),   y_hat = w2 . h + b2,</pre>
 *
 * trained on the squared loss. Weights start Xavier-uniform (seeded), biases at zero.
 */
public final class Mlp implements SequenceModel {
    private final int inputs;
    private final int hidden;
    // W1 is stored row-major: w1[j * inputs + i] connects input i to hidden unit j.
    private final double[] w1;
    private final double[] b1;
    private final double[] w2;
    private final double[] b2 = new double[1];

    /** The gradients of the loss, shaped like the parameters. */
    public record Gradients(double[] w1, double[] b1, double[] w2, double[] b2) {
        public List<double[]> asList() {
            return List.of(w1, b1, w2, b2);
        }
    }

    public Mlp(int inputs, int hidden, long seed) {
        if (inputs < 1 || hidden < 1) throw new IllegalArgumentException("inputs and hidden must be >= 1");
        this.inputs = inputs;
        this.hidden = hidden;
        var random = new Random(seed);
        w1 = xavierUniform(inputs, hidden, random);
        b1 = new double[hidden];
        w2 = xavierUniform(hidden, 1, random);
    }

    private static double[] xavierUniform(int fanIn, int fanOut, Random random) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        double[] w = new double[fanIn * fanOut];
        for (int i = 0; i < w.length; i++) w[i] = (2 * random.nextDouble() - 1) * bound;
        return w;
    }

    public int inputs() {
        return inputs;
    }

    public int hidden() {
        return hidden;
    }

    /** The parameter arrays W1, b1, w2, b2; an optimizer updates them in place. */
    public List<double[]> parameters() {
        return List.of(w1, b1, w2, b2);
    }

    /** Pre-activations z = W1 x + b1 of the hidden layer. */
    private double[] hiddenPreActivation(double[] x) {
        if (x.length != inputs) throw new IllegalArgumentException("expected " + inputs + " inputs, got " + x.length);
        double[] z = b1.clone();
        for (int j = 0; j < hidden; j++) {
            for (int i = 0; i < inputs; i++) z[j] += w1[j * inputs + i] * x[i];
        }
        return z;
    }

    private double output(double[] z) {
        double y = b2[0];
        for (int j = 0; j < hidden; j++) y += w2[j] * Math.max(z[j], 0);
        return y;
    }

    @Override
    public double predict(double[] window) {
        return output(hiddenPreActivation(window));
    }

    /** Predictions for several windows. */
    public double[] predict(double[][] windows) {
        double[] y = new double[windows.length];
        for (int n = 0; n < windows.length; n++) y[n] = predict(windows[n]);
        return y;
    }

    /** Mean squared error (1/N) sum (y_hat - y)^2 over a set of examples. */
    public double loss(double[][] features, double[] labels) {
        double sum = 0;
        for (int n = 0; n < labels.length; n++) {
            double error = predict(features[n]) - labels[n];
            sum += error * error;
        }
        return sum / labels.length;
    }

    /**
     * The mean squared error of a minibatch and its gradient with respect to every parameter
     * (backpropagation through the two layers).
     */
    public double lossAndGradients(double[][] features, double[] labels, Gradients grads) {
        for (double[] g : grads.asList()) java.util.Arrays.fill(g, 0);
        int batch = labels.length;
        double loss = 0;
        for (int n = 0; n < batch; n++) {
            double[] x = features[n];
            double[] z = hiddenPreActivation(x);
            double error = output(z) - labels[n];
            loss += error * error / batch;

            double dOut = 2 * error / batch; // dL/dy_hat
            grads.b2()[0] += dOut;
            for (int j = 0; j < hidden; j++) {
                double h = Math.max(z[j], 0);
                grads.w2()[j] += dOut * h;
                double dz = z[j] > 0 ? dOut * w2[j] : 0; // ReLU passes gradient only where active
                grads.b1()[j] += dz;
                for (int i = 0; i < inputs; i++) grads.w1()[j * inputs + i] += dz * x[i];
            }
        }
        return loss;
    }

    /** Zero gradients shaped like this network's parameters. */
    public Gradients newGradients() {
        return new Gradients(new double[w1.length], new double[b1.length], new double[w2.length], new double[1]);
    }
}
