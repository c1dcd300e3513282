package d2l.rnn;

import d2l.data.Minibatch;
import d2l.data.Vocab;
import d2l.train.Timer;
import d2l.train.TrainingListener;
import d2l.train.TrainingResult;
import d2l.train.ValidationSchedule;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The chapter's character-level language model in Deeplearning4j, ND4J's own network library: a
 * {@link MultiLayerNetwork} of a {@code SimpleRnn} and an {@code RnnOutputLayer}, fed the chapter's
 * minibatches as one-hot tensors in DL4J's (batch, features, time) layout.
 *
 * <p>Two ways to handle the state between minibatches (see {@link StateMode}). DL4J's own truncated
 * BPTT carries the state over, but its {@code SimpleRnn} computes the gradients as if each segment
 * started from a zero state (its backward pass re-runs the forward pass without the stored state), so
 * with a carried state the gradients do not match the loss; {@code Dl4jLanguageModelTest} measures this.
 */
public final class Dl4jLanguageModel {

    /** How the hidden state passes from one minibatch to the next during training. */
    public enum StateMode {
        /** One DataSet per epoch, DL4J's truncated BPTT over the chapter's segments: the state is carried over. */
        CARRY,
        /** One DataSet per minibatch: every minibatch starts from a zero state, so gradients match the loss. */
        RESET
    }

    private final MultiLayerNetwork net;
    private final int vocabSize;
    private final List<Double> segmentScores = new ArrayList<>();
    private ValidationSchedule validation; // null: no validation

    /** Wraps an initialised network whose input and output size is {@code vocabSize}. */
    public Dl4jLanguageModel(MultiLayerNetwork net, int vocabSize) {
        if (net.getLayers() == null || net.getLayers().length == 0) {
            throw new IllegalArgumentException("the network has no layers; call net.init() before wrapping it");
        }
        this.net = net;
        this.vocabSize = vocabSize;
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                segmentScores.add(model.score());
            }
        });
    }

    /**
     * The chapter's configuration in DL4J: tanh {@code SimpleRnn} with {@code hidden} units, softmax
     * output with cross-entropy, SGD at {@code lr}, gradients clipped to L2 norm {@code theta} per layer
     * (DL4J has no clipping over all layers together), weights uniform in +-1/sqrt(fan-in) as in PyTorch, and
     * truncated BPTT over {@code numSteps} steps.
     */
    public static MultiLayerNetwork network(
            int vocabSize, int hidden, int numSteps, double lr, double theta, long seed) {
        return network(vocabSize, hidden, numSteps, lr, theta, seed, DataType.FLOAT);
    }

    /** As above in {@code type} (DOUBLE for gradient checks). */
    static MultiLayerNetwork network(
            int vocabSize, int hidden, int numSteps, double lr, double theta, long seed, DataType type) {
        var conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(type)
                .updater(new Sgd(lr))
                .weightInit(WeightInit.UNIFORM)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(theta)
                .list()
                .layer(new SimpleRnn.Builder()
                        .nIn(vocabSize)
                        .nOut(hidden)
                        .activation(Activation.TANH)
                        .build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(hidden)
                        .nOut(vocabSize)
                        .activation(Activation.SOFTMAX)
                        .build())
                .backpropType(BackpropType.TruncatedBPTT)
                .tBPTTForwardLength(numSteps)
                .tBPTTBackwardLength(numSteps)
                .build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    public MultiLayerNetwork network() {
        return net;
    }

    /**
     * Measures validation perplexity on {@code loader} (same state policy as the training) after
     * every {@code every}-th epoch and after the last, as {@code Trainer.validateOn} does.
     */
    public Dl4jLanguageModel validateOn(Iterable<Minibatch> loader, int every) {
        this.validation = new ValidationSchedule(loader, every);
        return this;
    }

    /**
     * Trains for {@code epochs} passes over {@code loader} and reports every epoch's training
     * perplexity and tokens/s to {@code listener}, as {@code Trainer.fit} does for our models.
     */
    public TrainingResult fit(Iterable<Minibatch> loader, StateMode mode, int epochs, TrainingListener listener) {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        var total = new Timer();
        long tokens = 0, minibatches = 0;
        double perplexity = Double.NaN, validPerplexity = Double.NaN, validationSeconds = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            var timer = new Timer();
            List<Minibatch> batches = new ArrayList<>();
            loader.forEach(batches::add);
            if (batches.isEmpty()) {
                throw new IllegalArgumentException("the loader yielded no minibatches; the corpus is too short "
                        + "for its batch size and number of steps");
            }
            segmentScores.clear();
            if (mode == StateMode.CARRY) {
                net.fit(dataSet(batches)); // DL4J cuts it into numSteps-long segments
            } else {
                for (Minibatch batch : batches) net.fit(dataSet(List.of(batch)));
            }
            double loss = 0;
            long epochTokens = 0;
            for (int i = 0; i < batches.size(); i++) {
                // DL4J's score sums the loss over time steps and averages it over sequences.
                loss += segmentScores.get(i) * batches.get(i).batchSize();
                epochTokens += batches.get(i).tokenCount();
            }
            double seconds = timer.stop();
            perplexity = Math.exp(loss / epochTokens);
            tokens += epochTokens;
            minibatches += batches.size();
            double valid = Double.NaN;
            if (validation != null && validation.dueAt(epoch, epochs)) {
                var validationTimer = new Timer();
                valid = validPerplexity = perplexity(validation.loader(), mode);
                validationSeconds += validationTimer.stop();
            }
            listener.onEpoch(epoch, perplexity, valid, epochTokens / seconds);
        }
        double seconds = total.stop();
        return new TrainingResult(
                perplexity,
                validPerplexity,
                tokens / (seconds - validationSeconds),
                epochs,
                seconds,
                validationSeconds,
                tokens,
                minibatches);
    }

    /**
     * Perplexity of the network on {@code loader} without training: the state is carried from each
     * minibatch to the next ({@code CARRY}) or reset before each one ({@code RESET}).
     */
    public double perplexity(Iterable<Minibatch> loader, StateMode mode) {
        double loss = 0;
        long count = 0;
        net.rnnClearPreviousState();
        for (Minibatch batch : loader) {
            if (mode == StateMode.RESET) net.rnnClearPreviousState();
            INDArray probabilities = net.rnnTimeStep(oneHot(List.of(batch), false)); // batch x vocab x steps
            int[][] targets = batch.targets();
            for (int b = 0; b < targets.length; b++) {
                for (int t = 0; t < targets[b].length; t++) {
                    loss -= Math.log(Math.max(probabilities.getDouble(b, targets[b][t], t), 1e-30));
                    count++;
                }
            }
        }
        net.rnnClearPreviousState();
        if (count == 0) throw new IllegalArgumentException("the loader yielded no minibatches");
        return Math.exp(loss / count);
    }

    /** Greedy generation as {@code Prediction.predict}: warm up on {@code prefix}, then append the most likely characters. */
    public String predict(String prefix, int numPreds, Vocab vocab) {
        if (prefix.isEmpty()) throw new IllegalArgumentException("the prefix must have at least one character");
        if (numPreds < 0) throw new IllegalArgumentException("numPreds must be >= 0, got " + numPreds);
        if (vocab.size() != vocabSize) {
            throw new IllegalArgumentException("the network has " + vocabSize + " outputs but the vocabulary has "
                    + vocab.size() + " tokens; build the network with vocab.size()");
        }
        var text = new StringBuilder(prefix);
        net.rnnClearPreviousState();
        INDArray probabilities = null;
        for (int i = 0; i < prefix.length(); i++) {
            probabilities = step(vocab.index(String.valueOf(prefix.charAt(i))));
        }
        for (int i = 0; i < numPreds; i++) {
            int next = probabilities.argMax().getInt(0);
            text.append(vocab.token(next));
            if (i + 1 < numPreds) probabilities = step(next);
        }
        net.rnnClearPreviousState();
        return text.toString();
    }

    private INDArray step(int token) {
        INDArray input = Nd4j.zeros(net.params().dataType(), 1, vocabSize, 1);
        input.putScalar(new long[] {0, token, 0}, 1);
        return net.rnnTimeStep(input).reshape(vocabSize);
    }

    /** The minibatches side by side in time: features and labels one-hot, batch x vocab x (steps of all). */
    DataSet dataSet(List<Minibatch> batches) {
        return new DataSet(oneHot(batches, false), oneHot(batches, true));
    }

    private INDArray oneHot(List<Minibatch> batches, boolean targets) {
        int batch = batches.get(0).batchSize(), steps = 0;
        for (Minibatch m : batches) {
            if (m.batchSize() != batch) throw new IllegalArgumentException("minibatches differ in size");
            steps += m.numSteps();
        }
        INDArray out = Nd4j.zeros(net.params().dataType(), batch, vocabSize, steps);
        int offset = 0;
        for (Minibatch m : batches) {
            int[][] tokens = targets ? m.targets() : m.inputs();
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < tokens[b].length; t++) {
                    int token = tokens[b][t];
                    if (token < 0 || token >= vocabSize) {
                        throw new IllegalArgumentException("token index " + token + " outside [0, " + vocabSize + ")");
                    }
                    out.putScalar(new long[] {b, token, offset + t}, 1);
                }
            }
            offset += m.numSteps();
        }
        return out;
    }
}
