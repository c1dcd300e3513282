package d2l.train;

import d2l.rnn.RecurrentModel;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient clipping by global norm: if ||g|| (over all parameters together) exceeds theta, every
 * gradient is scaled by theta / ||g|| so the norm becomes theta; the direction is kept.
 */
public final class Clipping {

    private Clipping() {}

    /** Clips in place and returns the global norm before clipping. */
    public static double clipGradients(List<INDArray> gradients, double theta) {
        if (!(theta > 0)) {
            throw new IllegalArgumentException("clipping bound theta must be positive, got " + theta);
        }
        double norm = globalNorm(gradients);
        if (norm > theta) {
            for (INDArray g : gradients) g.muli(theta / norm);
        }
        return norm;
    }

    /** Clips the model's gradients in place and returns the global norm before clipping. */
    public static double clipGradients(RecurrentModel model, double theta) {
        return clipGradients(model.gradients(), theta);
    }

    /** sqrt of the sum of squares of all entries of all gradients. */
    public static double globalNorm(List<INDArray> gradients) {
        double squares = 0;
        for (INDArray g : gradients) {
            double n = g.norm2Number().doubleValue();
            squares += n * n;
        }
        return Math.sqrt(squares);
    }
}
