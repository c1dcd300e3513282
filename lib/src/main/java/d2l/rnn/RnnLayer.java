package d2l.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A single-layer tanh recurrent layer with a framework-style API, in the spirit of PyTorch's
 * {@code nn.RNN}: {@code forward} runs all time steps and returns every hidden state, {@code backward}
 * takes the gradient with respect to those outputs and fills the layer's parameter gradients.
 *
 * <p>Inputs are one-hot vectors over {@code inputSize} categories, passed as their indices
 * (batchSize x numSteps); multiplying a one-hot vector by the input weights selects a row, so the
 * layer gathers rows instead. Outputs are time-major: row {@code t * batchSize + b} is the hidden
 * state of sequence b after step t (PyTorch's (steps, batch, hidden) flattened). Weights are drawn
 * from U(-1/sqrt(hidden), 1/sqrt(hidden)) as in PyTorch; one bias stands for PyTorch's two
 * (b_ih + b_hh, their sum is all that matters).
 */
public final class RnnLayer {

    private final int inputSize, hiddenSize;
    private final DataType type;
    private final INDArray weightInput, weightHidden, bias;             // inputSize x H, H x H, H
    private final INDArray gradWeightInput, gradWeightHidden, gradBias;
    private final Gemm.Matrix recurrent;                                 // weightHidden for the per-step products
    private Buffers buf;

    public RnnLayer(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 0, DataType.FLOAT);
    }

    public RnnLayer(int inputSize, int hiddenSize, long seed, DataType type) {
        Init.checkSizes(inputSize, hiddenSize);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.type = type;
        var random = new Random(seed);
        double bound = 1 / Math.sqrt(hiddenSize);
        weightInput = Init.uniform(random, bound, type, inputSize, hiddenSize);
        weightHidden = Init.uniform(random, bound, type, hiddenSize, hiddenSize);
        bias = Init.uniform(random, bound, type, hiddenSize);
        gradWeightInput = weightInput.ulike();
        gradWeightHidden = weightHidden.ulike();
        gradBias = bias.ulike();
        recurrent = Gemm.of(weightHidden);
    }

    /** A layer with {@code shared}'s parameters (the same arrays) and its own buffers and gradients. */
    private RnnLayer(RnnLayer shared) {
        inputSize = shared.inputSize;
        hiddenSize = shared.hiddenSize;
        type = shared.type;
        weightInput = shared.weightInput;
        weightHidden = shared.weightHidden;
        bias = shared.bias;
        gradWeightInput = weightInput.ulike();
        gradWeightHidden = weightHidden.ulike();
        gradBias = bias.ulike();
        recurrent = Gemm.of(weightHidden);
    }

    /**
     * A replica for data-parallel training: it shares this layer's parameters, so updates to them
     * show in both, but runs its own forward and backward passes into its own gradients.
     */
    RnnLayer replica() { return new RnnLayer(this); }

    public int inputSize() { return inputSize; }
    public int hiddenSize() { return hiddenSize; }
    public List<INDArray> parameters() { return List.of(weightInput, weightHidden, bias); }
    public List<INDArray> gradients() { return List.of(gradWeightInput, gradWeightHidden, gradBias); }
    public static List<String> parameterNames() { return List.of("rnn.weightInput", "rnn.weightHidden", "rnn.bias"); }

    /**
     * Runs the layer over all steps.
     *
     * @param inputs token indices, batchSize x numSteps
     * @param state  batchSize x hiddenSize state before the first step; overwritten with the last state
     * @return all hidden states, (numSteps * batchSize) x hiddenSize, time-major; valid until the next forward
     */
    public INDArray forward(int[][] inputs, INDArray state) {
        int batch = inputs.length, steps = batch == 0 ? 0 : inputs[0].length;
        if (batch == 0 || steps == 0) throw new IllegalArgumentException("empty input");
        if (state.rows() != batch || state.columns() != hiddenSize) {
            throw new IllegalArgumentException("state must be " + batch + " x " + hiddenSize + ", got "
                    + java.util.Arrays.toString(state.shape()));
        }
        if (buf == null || buf.batch != batch || buf.steps != steps) buf = new Buffers(batch, steps, inputSize, hiddenSize, type);
        TimeMajor.flatten(inputs, buf.tokens, inputSize);
        Rows.addToEveryRow(weightInput, bias, buf.inputTable);
        Rows.gather(buf.inputTable, buf.tokens, buf.outputs);   // input contribution of every step at once
        buf.h[0].assign(state);
        for (int t = 1; t <= steps; t++) {
            Gemm.gemm(buf.hBlocks[t - 1], false, recurrent, false, buf.hBlocks[t], 1.0, 1.0);
            buf.elementwise.tanh(buf.h[t]);
        }
        state.assign(buf.h[steps]);
        return buf.outputs;
    }

    /**
     * Backpropagates {@code dOutputs} = dL/d(outputs of the last forward) through time and stores the
     * parameter gradients (overwriting the previous ones).
     */
    public void backward(INDArray dOutputs, Truncation truncation) {
        if (buf == null) throw new IllegalStateException("backward needs a forward pass first");
        truncation.factors(buf.xi);
        backward(dOutputs, buf.xi);
    }

    /** The same with the truncation factors already drawn: xi[t] scales the gradient from step t to t-1. */
    void backward(INDArray dOutputs, double[] xi) {
        if (buf == null) throw new IllegalStateException("backward needs a forward pass first");
        if (!java.util.Arrays.equals(dOutputs.shape(), buf.outputs.shape())) {
            throw new IllegalArgumentException("dOutputs must have the outputs' shape "
                    + java.util.Arrays.toString(buf.outputs.shape()));
        }
        int steps = buf.steps;
        if (xi.length != steps + 1) throw new IllegalArgumentException("expected " + (steps + 1) + " truncation factors");
        buf.grad.assign(dOutputs);                               // becomes dL/d(pre-activation) step by step
        for (int t = steps; t >= 1; t--) {
            if (t < steps && xi[t + 1] != 0) {
                Gemm.gemm(buf.gBlocks[t + 1], false, recurrent, true, buf.gBlocks[t], xi[t + 1], 1.0);
            }
            buf.elementwise.multiplyByTanhDerivative(buf.g[t], buf.h[t]);     // through tanh: 1 - h^2
        }
        Gemm.gemm(buf.previous, true, buf.grad, false, gradWeightHidden, 1.0, 0.0);
        Rows.scatterColumns(gradWeightInput, buf.tokens, buf.grad, 0, hiddenSize);
        // The bias is added at every step like the gathered input row: its gradient sums gradWeightInput's rows.
        Gemm.gemm(buf.inputOnes, false, gradWeightInput, false, gradBias.reshape(1, hiddenSize), 1.0, 0.0);
    }

    /** One step for a single sequence: returns the new state (1 x hiddenSize) and writes it into {@code state}. */
    public INDArray step(int input, INDArray state) {
        if (input < 0 || input >= inputSize) {
            throw new IllegalArgumentException("input index " + input + " outside [0, " + inputSize + ")");
        }
        INDArray a = weightInput.getRow(input).reshape(1, hiddenSize).add(bias.reshape(1, hiddenSize));
        a.addi(state.mmul(weightHidden));
        return state.assign(Transforms.tanh(a, false));
    }

    /** Arrays for one (batch, steps) shape, reused across minibatches. */
    private static final class Buffers {
        final int batch, steps;
        final int[] tokens;
        final INDArray hidden, outputs, previous, grad, inputOnes, inputTable;
        final INDArray[] h, g;
        final Gemm.Matrix[] hBlocks, gBlocks;
        final Elementwise elementwise;
        final double[] xi;

        Buffers(int batch, int steps, int inputSize, int hiddenSize, DataType type) {
            this.batch = batch;
            this.steps = steps;
            int rows = batch * steps;
            tokens = new int[rows];
            hidden = Nd4j.create(type, (long) (steps + 1) * batch, hiddenSize);
            outputs = hidden.get(interval(batch, (steps + 1) * batch), all());
            previous = hidden.get(interval(0, steps * batch), all());
            grad = Nd4j.create(type, rows, hiddenSize);
            inputTable = Nd4j.create(type, inputSize, hiddenSize);
            elementwise = new Elementwise(batch * hiddenSize, type);
            inputOnes = Nd4j.ones(type, 1, inputSize);
            h = new INDArray[steps + 1];
            g = new INDArray[steps + 1];
            for (int t = 0; t <= steps; t++) {
                h[t] = hidden.get(interval(t * batch, (t + 1) * batch), all());
                if (t > 0) g[t] = grad.get(interval((t - 1) * batch, t * batch), all());
            }
            hBlocks = new Gemm.Matrix[steps + 1];
            gBlocks = new Gemm.Matrix[steps + 1];
            for (int t = 0; t <= steps; t++) {
                hBlocks[t] = Gemm.of(h[t]);
                if (t > 0) gBlocks[t] = Gemm.of(g[t]);
            }
            xi = new double[steps + 1];
        }
    }
}
