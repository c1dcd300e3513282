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
 *
 * <p>The layers hold the parameters and gradients, and {@link #step} runs them. Training and
 * {@link #logits} run the two layers' arrays through {@link RnnScratch}'s passes (the mathematics is
 * the same: {@code RnnModelTest} checks they give the layers' own gradients), so the concise model
 * uses both cores the way the scratch model does: at every step of the recurrence each thread
 * computes its block of the hidden units for the whole batch.
 */
public final class RnnModel implements RecurrentModel {

    private final RnnLayer rnn;
    private final Dense output;
    private final DataType type;
    private final RnnScratch passes;        // forward and backward over the layers' own arrays

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
        passes = new RnnScratch(parameters(), gradients());
    }

    public RnnLayer rnn() { return rnn; }
    public Dense output() { return output; }

    @Override public int vocabSize() { return rnn.inputSize(); }
    @Override public int hiddenSize() { return rnn.hiddenSize(); }
    @Override public DataType dataType() { return type; }
    @Override public INDArray beginState(int batchSize) { return Nd4j.zeros(type, batchSize, rnn.hiddenSize()); }

    /** Threads each minibatch is shared out over in {@link #lossAndGradients} (default {@link Threads#available()}). */
    @Override public int threads() { return passes.threads(); }

    /** Shares each minibatch out over {@code n} threads; 1 trains on the calling thread alone. */
    @Override
    public RnnModel threads(int n) {
        passes.threads(n);
        return this;
    }

    @Override
    public double lossAndGradients(Minibatch batch, INDArray state, Truncation truncation) {
        return passes.lossAndGradients(batch, state, truncation);
    }

    @Override
    public INDArray logits(int[][] inputs, INDArray state) {
        return passes.logits(inputs, state);
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
