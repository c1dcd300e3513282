package d2l.rnn;

import d2l.data.Minibatch;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Forwards every call to another model; tests override single methods to simulate bugs. */
class Delegating implements RecurrentModel {
    final RecurrentModel inner;

    Delegating(RecurrentModel inner) {
        this.inner = inner;
    }

    @Override
    public int vocabSize() {
        return inner.vocabSize();
    }

    @Override
    public int hiddenSize() {
        return inner.hiddenSize();
    }

    @Override
    public DataType dataType() {
        return inner.dataType();
    }

    @Override
    public INDArray beginState(int batchSize) {
        return inner.beginState(batchSize);
    }

    @Override
    public double lossAndGradients(Minibatch b, INDArray s, Truncation t) {
        return inner.lossAndGradients(b, s, t);
    }

    @Override
    public List<INDArray> parameters() {
        return inner.parameters();
    }

    @Override
    public List<String> parameterNames() {
        return inner.parameterNames();
    }

    @Override
    public List<INDArray> gradients() {
        return inner.gradients();
    }

    @Override
    public INDArray step(int token, INDArray state) {
        return inner.step(token, state);
    }

    @Override
    public INDArray logits(int[][] x, INDArray state) {
        return inner.logits(x, state);
    }
}
