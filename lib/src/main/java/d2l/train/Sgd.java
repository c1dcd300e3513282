package d2l.train;

import d2l.rnn.RecurrentModel;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/** Minibatch stochastic gradient descent: w <- w - lr * g, in place. */
public final class Sgd {

    private Sgd() {}

    public static void step(List<INDArray> parameters, List<INDArray> gradients, double lr) {
        if (parameters.size() != gradients.size()) {
            throw new IllegalArgumentException(
                    parameters.size() + " parameters but " + gradients.size() + " gradients");
        }
        for (int i = 0; i < parameters.size(); i++) {
            INDArray w = parameters.get(i);
            Nd4j.exec(new Axpy(gradients.get(i), w, w, -lr)); // w = -lr * g + w, in one pass, no temporary
        }
    }

    public static void step(RecurrentModel model, double lr) {
        step(model.parameters(), model.gradients(), lr);
    }
}
