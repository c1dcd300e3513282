package d2l.rnn;

import d2l.data.Minibatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares the gradient Deeplearning4j's truncated BPTT computes for one segment with the gradient of
 * our {@link RnnModel} (whose backward pass is checked numerically) after copying DL4J's weights into
 * it, in double precision. With a zero state before the segment the two agree to rounding; with the
 * state a previous segment left behind, DL4J's recurrent layer does not.
 */
public final class Dl4jGradientCheck {

    /** DL4J's score (loss summed over steps, averaged over sequences) and each parameter's relative gradient error. */
    public record Result(double dl4jScore, double ourScore, Map<String, Double> relativeErrors) {

        public double maxError() {
            return relativeErrors.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(0);
        }
    }

    private static final List<String> DL4J_KEYS = List.of("0_W", "0_RW", "0_b", "1_W", "1_b");

    private Dl4jGradientCheck() {}

    /**
     * Random minibatch of {@code batch} sequences and {@code 2 * steps} tokens; runs the first half
     * forward to get the state if {@code carried} (else starts from zeros) and compares the gradients
     * on the second half.
     */
    public static Result run(int vocab, int hidden, int batch, int steps, boolean carried, long seed) {
        MultiLayerNetwork net = Dl4jLanguageModel.network(vocab, hidden, steps, 1.0, 1e9, seed, DataType.DOUBLE);
        var ours = new RnnModel(
                new RnnLayer(vocab, hidden, seed, DataType.DOUBLE),
                new Dense(hidden, vocab, seed + 1, DataType.DOUBLE),
                DataType.DOUBLE);
        List<INDArray> params = ours.parameters();
        for (int i = 0; i < DL4J_KEYS.size(); i++) {
            params.get(i)
                    .assign(net.getParam(DL4J_KEYS.get(i)).reshape(params.get(i).shape()));
        }
        Minibatch whole = randomBatch(vocab, batch, 2 * steps, seed);
        Minibatch first = slice(whole, 0, steps), second = slice(whole, steps, 2 * steps);

        INDArray state = ours.beginState(batch);
        if (carried) ours.logits(first.inputs(), state); // state after the first segment
        var layer = (RecurrentLayer) net.getLayer(0);
        layer.rnnSetTBPTTState(new java.util.HashMap<>(Map.of(SimpleRnn.STATE_KEY_PREV_ACTIVATION, state.dup())));

        var wrapper = new Dl4jLanguageModel(net, vocab);
        var data = wrapper.dataSet(List.of(second));
        net.setInput(data.getFeatures());
        net.setLabels(data.getLabels());
        net.computeGradientAndScore(); // the call net.fit makes for each segment

        double ourLoss = ours.lossAndGradients(second, state, Truncation.full()); // mean per token
        var errors = new LinkedHashMap<String, Double>();
        List<INDArray> grads = ours.gradients();
        for (int i = 0; i < DL4J_KEYS.size(); i++) {
            // DL4J's gradient is of the loss summed over steps and sequences (its updater divides by
            // the number of sequences later); ours is of the mean per token.
            INDArray expected = grads.get(i).reshape(grads.get(i).length()).mul(steps * batch);
            INDArray actual = net.gradient().getGradientFor(DL4J_KEYS.get(i)).reshape(expected.length());
            errors.put(
                    ours.parameterNames().get(i),
                    actual.sub(expected).norm2Number().doubleValue()
                            / expected.norm2Number().doubleValue());
        }
        return new Result(net.score(), ourLoss * steps, errors);
    }

    private static Minibatch randomBatch(int vocab, int batch, int steps, long seed) {
        var random = new Random(seed);
        int[][] x = new int[batch][steps], y = new int[batch][steps];
        for (int b = 0; b < batch; b++) {
            int[] seq = random.ints(steps + 1, 0, vocab).toArray();
            System.arraycopy(seq, 0, x[b], 0, steps);
            System.arraycopy(seq, 1, y[b], 0, steps);
        }
        return new Minibatch(x, y);
    }

    private static Minibatch slice(Minibatch m, int from, int to) {
        int n = m.batchSize();
        int[][] x = new int[n][], y = new int[n][];
        for (int b = 0; b < n; b++) {
            x[b] = java.util.Arrays.copyOfRange(m.inputs()[b], from, to);
            y[b] = java.util.Arrays.copyOfRange(m.targets()[b], from, to);
        }
        return new Minibatch(x, y);
    }
}
