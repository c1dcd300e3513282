package d2l.rnn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import d2l.data.Minibatch;
import d2l.engine.DataParallel;
import d2l.engine.Threads;
import d2l.engine.TimeMajor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The concise language model: a recurrent layer followed by a dense output layer, as
 * {@code nn.RNN} + {@code nn.Linear} in PyTorch. Same interface as {@link RnnScratch}, so the same
 * trainer and {@code predict} work.
 *
 * <p>Training splits each minibatch over {@link #threads()} threads of the engine's pool
 * ({@link DataParallel}), as PyTorch's {@code DataParallel} does over devices: every thread runs a
 * replica of the two layers (sharing their parameters, with buffers and gradients of its own) on a
 * block of the sequences, and the replicas' gradients are summed into the layers' own.
 */
public final class RnnModel implements RecurrentModel {

    private final RnnLayer rnn;
    private final Dense output;
    private final DataType type;
    private final List<Replica> replicas = new ArrayList<>(); // replica 0 is the layers themselves
    private Replica inference; // for logits, keeping training's buffers
    private double[] xi = new double[0];
    private int threads; // 0: Threads.available(), asked at every minibatch

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
        replicas.add(new Replica(rnn, output));
    }

    /** One thread's copy of the network: layers sharing the parameters, with their own buffers and gradients. */
    private static final class Replica {
        final RnnLayer rnn;
        final Dense output;
        int[] targets = new int[0];

        Replica(RnnLayer rnn, Dense output) {
            this.rnn = rnn;
            this.output = output;
        }

        List<INDArray> gradients() {
            return concat(rnn.gradients(), output.gradients());
        }

        /**
         * Forward and backward over some sequences of the minibatch: the sum of their losses, the
         * gradients (of the whole minibatch's mean loss, {@code count} its tokens) in this replica's own.
         */
        double lossSum(int[][] inputs, int[][] outputs, INDArray state, int count, double[] xi) {
            INDArray logits = output.forward(rnn.forward(inputs, state)); // (T * rows) x V, time-major
            if (targets.length != logits.rows()) targets = new int[(int) logits.rows()];
            TimeMajor.flatten(outputs, targets, rnn.inputSize());
            double losses = SoftmaxCrossEntropy.sumOfLossesAndGradientInPlace(logits, targets, count);
            rnn.backward(output.backward(logits), xi); // logits now hold dL/dlogits
            return losses;
        }
    }

    public RnnLayer rnn() {
        return rnn;
    }

    public Dense output() {
        return output;
    }

    @Override
    public int vocabSize() {
        return rnn.inputSize();
    }

    @Override
    public int hiddenSize() {
        return rnn.hiddenSize();
    }

    @Override
    public DataType dataType() {
        return type;
    }

    @Override
    public INDArray beginState(int batchSize) {
        return Nd4j.zeros(type, batchSize, rnn.hiddenSize());
    }

    /**
     * Threads each minibatch is split over in {@link #lossAndGradients}: those set by {@link #threads(int)},
     * else {@link Threads#available()} at this minibatch.
     */
    @Override
    public int threads() {
        return threads > 0 ? threads : Threads.available();
    }

    /** Splits each training minibatch over {@code n} threads; 1 trains on the calling thread alone. */
    @Override
    public RnnModel threads(int n) {
        threads = Threads.check(n);
        return this;
    }

    @Override
    public double lossAndGradients(Minibatch batch, INDArray state, Truncation truncation) {
        int[][] x = batch.inputs(), y = batch.targets();
        int steps = TimeMajor.steps(x);
        checkState(state, x.length);
        if (xi.length != steps + 1) xi = new double[steps + 1];
        truncation.factors(xi); // drawn once: every replica must cut the chain at the same steps
        int[] bounds = DataParallel.bounds(x.length, threads()); // replica i takes rows [bounds[i], bounds[i+1])
        int parts = bounds.length - 1;
        while (replicas.size() < parts) replicas.add(new Replica(rnn.replica(), output.replica()));
        INDArray[] stateRows = new INDArray[parts];
        for (int i = 0; i < parts; i++) stateRows[i] = rows(state, bounds[i], bounds[i + 1]);
        int count = batch.tokenCount();
        double sum = DataParallel.sum(parts, i -> replicas.get(i)
                .lossSum(
                        rows(x, bounds[i], bounds[i + 1]), rows(y, bounds[i], bounds[i + 1]), stateRows[i], count, xi));
        var gradients = gradients();
        for (int i = 1; i < parts; i++) {
            var replica = replicas.get(i).gradients();
            for (int p = 0; p < gradients.size(); p++) gradients.get(p).addi(replica.get(p));
        }
        return sum / count;
    }

    /** Rows [from, to) of a B x T token array (the row arrays are shared, not copied). */
    private static int[][] rows(int[][] tokens, int from, int to) {
        return from == 0 && to == tokens.length ? tokens : Arrays.copyOfRange(tokens, from, to);
    }

    /** Rows [from, to) of a state matrix, as a view written in place. */
    private static INDArray rows(INDArray state, int from, int to) {
        return from == 0 && to == state.rows() ? state : state.get(interval(from, to), all());
    }

    @Override
    public INDArray logits(int[][] inputs, INDArray state) {
        TimeMajor.steps(inputs);
        checkState(state, inputs.length);
        if (inference == null) inference = new Replica(rnn.replica(), output.replica());
        return inference.output.forward(inference.rnn.forward(inputs, state)).dup();
    }

    private void checkState(INDArray state, int batch) {
        if (state.rank() != 2 || state.rows() != batch || state.columns() != hiddenSize()) {
            throw new IllegalArgumentException("state must be " + batch + " x " + hiddenSize() + " (beginState(" + batch
                    + ")), got " + Arrays.toString(state.shape()));
        }
    }

    @Override
    public INDArray step(int token, INDArray state) {
        return output.apply(rnn.step(token, state)).reshape(vocabSize());
    }

    @Override
    public List<INDArray> parameters() {
        return concat(rnn.parameters(), output.parameters());
    }

    @Override
    public List<INDArray> gradients() {
        return concat(rnn.gradients(), output.gradients());
    }

    @Override
    public List<String> parameterNames() {
        return concat(RnnLayer.parameterNames(), List.of("output.weight", "output.bias"));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        var all = new ArrayList<T>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
