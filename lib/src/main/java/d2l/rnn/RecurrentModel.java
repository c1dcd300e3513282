package d2l.rnn;

import d2l.data.Minibatch;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A character-level recurrent language model as the trainer and the text generator see it. The
 * from-scratch {@link RnnScratch}, its fast twin {@link d2l.engine.FastRnn} and the layer-based
 * {@link RnnModel} implement it, so the same training loop and the same {@code predict} work for all.
 */
public interface RecurrentModel {

    int vocabSize();

    int hiddenSize();

    /** FLOAT for training, DOUBLE for gradient checks. */
    DataType dataType();

    /** A fresh all-zero hidden state for {@code batchSize} sequences (batchSize x hiddenSize). */
    INDArray beginState(int batchSize);

    /**
     * Runs the model over one minibatch and backpropagates through time.
     *
     * @param batch      inputs and targets, batchSize x numSteps token indices
     * @param state      hidden state before the first step; overwritten with the state after the last
     *                   step (no gradient flows back into it: the state is "detached")
     * @param truncation how far gradients flow back in time inside the minibatch
     * @return the mean cross-entropy loss per predicted token; the gradients are in {@link #gradients()}
     */
    double lossAndGradients(Minibatch batch, INDArray state, Truncation truncation);

    /**
     * How many threads {@link #lossAndGradients} shares a minibatch out over: {@link RnnModel} gives
     * each a block of the sequences and sums their gradients, {@link d2l.engine.FastRnn} gives each a
     * block of the hidden units at every step. A model that does not share its minibatches runs on
     * the calling thread: 1.
     */
    default int threads() {
        return 1;
    }

    /**
     * Sets {@link #threads()}; the result equals training on one thread up to float rounding. Models
     * that do not split minibatches accept only 1.
     */
    default RecurrentModel threads(int n) {
        if (n != 1) {
            throw new UnsupportedOperationException(getClass().getSimpleName()
                    + " trains on the calling thread only; threads(" + n + ") is not available, use threads(1)");
        }
        return this;
    }

    /**
     * Forward pass only: logits for every step, (numSteps * batchSize) x vocabSize in time-major
     * order (row t * batchSize + b is step t of sequence b); {@code state} is advanced to the last step.
     */
    INDArray logits(int[][] inputs, INDArray state);

    /** Parameters, updated in place by the optimizer. */
    List<INDArray> parameters();

    /** Names of the parameters, in the order of {@link #parameters()} (for reports such as gradient checks). */
    List<String> parameterNames();

    /** Gradients from the last {@link #lossAndGradients} call, in the order of {@link #parameters()}. */
    List<INDArray> gradients();

    /**
     * One step of inference for text generation: feeds {@code token} to the model, advances
     * {@code state} (1 x hiddenSize) in place and returns the logits for the next token (length vocabSize).
     */
    INDArray step(int token, INDArray state);
}
