package d2l.rnn;

import d2l.data.Minibatch;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The concise language model: a recurrent layer followed by a dense output layer, as
 * {@code nn.RNN} + {@code nn.Linear} in PyTorch. Same interface as {@link RnnScratch}, so the same
 * trainer and {@code predict} work.
 */
public final class RnnModel implements RecurrentModel {

    private final RnnLayer rnn;
    private final Dense output;
    private final DataType type;
    private int[] targets = new int[0];

    /** float32 model; layers initialised from {@code seed}. */
    public RnnModel(int vocabSize, int hiddenSize, long seed) {
        this(vocabSize, hiddenSize, seed, DataType.FLOAT);
    }

    public RnnModel(int vocabSize, int hiddenSize, long seed, DataType type) {
        this(new RnnLayer(vocabSize, hiddenSize, seed, type), new Dense(hiddenSize, vocabSize, seed + 1, type), type);
    }

    /** Composes given layers; the dense layer maps the hidden state back to the vocabulary. */
    public RnnModel(RnnLayer rnn, Dense output, DataType type) {
        this.rnn = rnn;
        this.output = output;
        this.type = type;
    }

    public RnnLayer rnn() { return rnn; }
    public Dense output() { return output; }

    @Override public int vocabSize() { return rnn.inputSize(); }
    @Override public int hiddenSize() { return rnn.hiddenSize(); }
    @Override public DataType dataType() { return type; }
    @Override public INDArray beginState(int batchSize) { return Nd4j.zeros(type, batchSize, rnn.hiddenSize()); }

    @Override
    public double lossAndGradients(Minibatch batch, INDArray state, Truncation truncation) {
        INDArray hiddens = rnn.forward(batch.inputs(), state);         // (steps * batch) x hidden
        INDArray logits = output.forward(hiddens);                    // (steps * batch) x vocab
        if (targets.length != batch.tokenCount()) targets = new int[batch.tokenCount()];
        TimeMajor.flatten(batch.targets(), targets, vocabSize());
        double loss = SoftmaxCrossEntropy.lossAndGradientInPlace(logits, targets);   // logits now dL/dlogits
        rnn.backward(output.backward(logits), truncation);
        return loss;
    }

    @Override
    public INDArray logits(int[][] inputs, INDArray state) {
        return output.forward(rnn.forward(inputs, state)).dup();
    }

    @Override
    public INDArray step(int token, INDArray state) {
        return output.apply(rnn.step(token, state)).reshape(vocabSize());
    }

    @Override public List<INDArray> parameters() { return concat(rnn.parameters(), output.parameters()); }
    @Override public List<INDArray> gradients() { return concat(rnn.gradients(), output.gradients()); }

    @Override public List<String> parameterNames() {
        return concat(RnnLayer.parameterNames(), List.of("output.weight", "output.bias"));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        var all = new ArrayList<T>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
