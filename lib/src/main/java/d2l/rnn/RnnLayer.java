package d2l.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import d2l.engine.Fast;
import d2l.engine.TimeMajor;
import java.util.Arrays;
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
 * <pre>
 *   h_t = tanh(x_t W_xh + h_{t-1} W_hh + b)    x_t one-hot (B x V), h_t (B x H)
 *   W_xh: weightInput (V x H), W_hh: weightHidden (H x H), b: bias (H)
 * </pre>
 *
 * Inputs are the one-hot vectors' indices (B x T tokens); x_t W_xh is then row x_t of W_xh.
 * Outputs are time-major, (T * B) x H: row {@code (t-1) * B + b} is h_t of sequence b (PyTorch's
 * (steps, batch, hidden) flattened). Weights are drawn from U(-1/sqrt(H), 1/sqrt(H)) as in
 * PyTorch; one bias stands for PyTorch's two (b_ih + b_hh, their sum is all that matters). The
 * arithmetic goes through the engine's {@link Fast} operations, in float32 with its tanh
 * approximation.
 */
public final class RnnLayer {

    private final int inputSize, hiddenSize;
    private final DataType type;
    private final INDArray weightInput, weightHidden, bias;
    private final INDArray gradWeightInput, gradWeightHidden, gradBias;
    private Steps steps; // buffers of the last B x T shape

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
    }

    /**
     * A replica for data-parallel training: it shares this layer's parameters, so updates to them
     * show in both, but runs its own forward and backward passes into its own gradients.
     */
    RnnLayer replica() {
        return new RnnLayer(this);
    }

    public int inputSize() {
        return inputSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public List<INDArray> parameters() {
        return List.of(weightInput, weightHidden, bias);
    }

    public List<INDArray> gradients() {
        return List.of(gradWeightInput, gradWeightHidden, gradBias);
    }

    public static List<String> parameterNames() {
        return List.of("rnn.weightInput", "rnn.weightHidden", "rnn.bias");
    }

    /**
     * Runs the layer over all steps.
     *
     * @param inputs token indices, B x T
     * @param state  B x H state before the first step; overwritten with the last state
     * @return all hidden states, (T * B) x H, time-major; valid until the next forward
     */
    public INDArray forward(int[][] inputs, INDArray state) {
        var s = stepsFor(inputs, state);
        TimeMajor.flatten(inputs, s.tokens, inputSize);
        Fast.oneHotTimes(s.tokens, weightInput, bias, s.outputs); // x_t W_xh + b for every step at once
        s.h[0].assign(state);
        for (int t = 1; t <= s.count; t++) {
            Fast.addProduct(s.h[t - 1], false, weightHidden, false, 1, s.h[t]); // + h_{t-1} W_hh
            Fast.tanh(s.h[t]); // h_t
        }
        state.assign(s.h[s.count]);
        return s.outputs;
    }

    /**
     * Backpropagates {@code dOutputs} = dL/d(outputs of the last forward), (T * B) x H, through time
     * and stores the parameter gradients (overwriting the previous ones).
     */
    public void backward(INDArray dOutputs, Truncation truncation) {
        if (steps == null) throw new IllegalStateException("backward needs a forward pass first");
        truncation.factors(steps.xi);
        backward(dOutputs, steps.xi);
    }

    /** The same with the truncation factors already drawn: xi[t] scales the gradient from step t to t-1. */
    void backward(INDArray dOutputs, double[] xi) {
        var s = steps;
        if (s == null) throw new IllegalStateException("backward needs a forward pass first");
        if (!Arrays.equals(dOutputs.shape(), s.outputs.shape())) {
            throw new IllegalArgumentException(
                    "dOutputs must have the outputs' shape " + Arrays.toString(s.outputs.shape()));
        }
        if (xi.length != s.count + 1)
            throw new IllegalArgumentException("expected " + (s.count + 1) + " truncation factors");
        s.grad.assign(dOutputs); // dL/dh_t from above; becomes dL/da_t, a_t = the tanh's argument
        for (int t = s.count; t >= 1; t--) {
            if (t < s.count && xi[t + 1] != 0) {
                Fast.addProduct(s.g[t + 1], false, weightHidden, true, xi[t + 1], s.g[t]); // + xi dL/da_{t+1} W_hh^T
            }
            Fast.multiplyByTanhDerivative(s.g[t], s.h[t]); // dL/da_t = dL/dh_t (1 - h_t^2)
        }
        Fast.multiply(s.previous, true, s.grad, false, gradWeightHidden); // dW_hh = sum_t h_{t-1}^T dL/da_t
        Fast.oneHotTransposedTimes(s.tokens, s.grad, gradWeightInput); // dW_xh = sum_t x_t^T dL/da_t
        Fast.columnSums(gradWeightInput, gradBias); // db = sum_t dL/da_t, the rows of dW_xh summed
    }

    /** One step for a single sequence: returns the new state (1 x H) and writes it into {@code state}. */
    public INDArray step(int input, INDArray state) {
        if (input < 0 || input >= inputSize) {
            throw new IllegalArgumentException("input index " + input + " outside [0, " + inputSize + ")");
        }
        INDArray a = weightInput.getRow(input).reshape(1, hiddenSize).add(bias.reshape(1, hiddenSize));
        a.addi(state.mmul(weightHidden));
        return state.assign(Transforms.tanh(a, false));
    }

    /** The buffers for this input's shape, made when the shape changes; checks the state's shape. */
    private Steps stepsFor(int[][] inputs, INDArray state) {
        int batch = inputs.length, count = TimeMajor.steps(inputs);
        if (state.rows() != batch || state.columns() != hiddenSize) {
            throw new IllegalArgumentException(
                    "state must be " + batch + " x " + hiddenSize + ", got " + Arrays.toString(state.shape()));
        }
        if (steps == null || steps.batch != batch || steps.count != count)
            steps = new Steps(batch, count, hiddenSize, type);
        return steps;
    }

    /**
     * Arrays for one B x T shape, reused across minibatches: h_0..h_T stacked ((T+1)B x H, h[t] the
     * B rows of step t) and dL/da_1..dL/da_T (TB x H, g[t] the rows of step t).
     */
    private static final class Steps {
        final int batch, count;
        final int[] tokens;
        final INDArray outputs, previous, grad; // h_1..h_T, h_0..h_{T-1}, dL/da
        final INDArray[] h, g;
        final double[] xi;

        Steps(int batch, int count, int hiddenSize, DataType type) {
            this.batch = batch;
            this.count = count;
            tokens = new int[batch * count];
            INDArray hidden = Nd4j.create(type, (long) (count + 1) * batch, hiddenSize);
            outputs = hidden.get(interval(batch, (count + 1) * batch), all());
            previous = hidden.get(interval(0, count * batch), all());
            grad = Nd4j.create(type, (long) count * batch, hiddenSize);
            h = new INDArray[count + 1];
            g = new INDArray[count + 1];
            for (int t = 0; t <= count; t++) {
                h[t] = hidden.get(interval(t * batch, (t + 1) * batch), all());
                if (t > 0) g[t] = grad.get(interval((t - 1) * batch, t * batch), all());
            }
            xi = new double[count + 1];
        }
    }
}
