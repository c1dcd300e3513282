package d2l.rnn;

import d2l.engine.Fast;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer y = x W + b (PyTorch's {@code nn.Linear}): x is n x in, W in x out, b a
 * vector of out, y n x out; W ~ U(-1/sqrt(in), 1/sqrt(in)) and b likewise. Output and
 * input-gradient arrays are reused while the number of rows stays the same; the products go
 * through the engine's {@link Fast} operations.
 */
public final class Dense {

    private final int inputSize, outputSize;
    private final INDArray weight, bias, gradWeight, gradBias;
    private INDArray input, output, gradInput;

    public Dense(int inputSize, int outputSize) {
        this(inputSize, outputSize, 0, DataType.FLOAT);
    }

    public Dense(int inputSize, int outputSize, long seed, DataType type) {
        Init.checkSizes(inputSize, outputSize);
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        var random = new Random(seed);
        double bound = 1 / Math.sqrt(inputSize);
        weight = Init.uniform(random, bound, type, inputSize, outputSize);
        bias = Init.uniform(random, bound, type, outputSize);
        gradWeight = weight.ulike();
        gradBias = bias.ulike();
    }

    /** A layer with {@code shared}'s parameters (the same arrays) and its own buffers and gradients. */
    private Dense(Dense shared) {
        inputSize = shared.inputSize;
        outputSize = shared.outputSize;
        weight = shared.weight;
        bias = shared.bias;
        gradWeight = weight.ulike();
        gradBias = bias.ulike();
    }

    /** A replica for data-parallel training: shared parameters, its own passes and gradients. */
    Dense replica() {
        return new Dense(this);
    }

    public List<INDArray> parameters() {
        return List.of(weight, bias);
    }

    public List<INDArray> gradients() {
        return List.of(gradWeight, gradBias);
    }

    /** y = x W + b for an n x inputSize input; the result is valid until the next forward. */
    public INDArray forward(INDArray x) {
        if (x.columns() != inputSize) {
            throw new IllegalArgumentException("expected " + inputSize + " input columns, got " + x.columns());
        }
        if (output == null || output.rows() != x.rows()) {
            output = Nd4j.create(weight.dataType(), x.rows(), outputSize);
            gradInput = Nd4j.create(weight.dataType(), x.rows(), inputSize);
        }
        input = x;
        Fast.multiply(x, weight, output); // y = x W
        Fast.addToEveryRow(output, bias); //   + b
        return output;
    }

    /** From dL/dy (n x out): stores dL/dW = x^T dy and dL/db = column sums of dy; returns dL/dx = dy W^T. */
    public INDArray backward(INDArray dy) {
        if (input == null) throw new IllegalStateException("backward needs a forward pass first");
        Fast.multiply(input, true, dy, false, gradWeight);
        Fast.columnSums(dy, gradBias);
        return Fast.multiply(dy, false, weight, true, gradInput);
    }

    /** y = x W + b for a single row, allocating (for generation). */
    public INDArray apply(INDArray x) {
        return x.mmul(weight).addiRowVector(bias);
    }
}
