package d2l.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.data.Minibatch;
import d2l.data.Sampling;
import d2l.data.TimeMachineData;
import d2l.rnn.RecurrentModel;
import d2l.rnn.RnnModel;
import d2l.rnn.RnnScratch;
import d2l.rnn.Truncation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {

    @Test
    void shortTrainingLowersPerplexity() {
        var data = TimeMachineData.load(32, 35, Sampling.SEQUENTIAL, 10_000);
        var model = new RnnScratch(data.vocab().size(), 128, 0);
        var perplexities = new ArrayList<Double>();
        var result = Trainer.train(model, data.loader(), 1.0, 15, (epoch, ppl, valid, speed) -> perplexities.add(ppl));
        assertEquals(15, perplexities.size());
        assertTrue(perplexities.get(0) > 15, "first epoch should be near chance: " + perplexities.get(0));
        assertTrue(result.perplexity() < 0.75 * perplexities.get(0), "no progress: " + perplexities);
        assertEquals(perplexities.get(14), result.perplexity());
        assertEquals(15L * data.loader().batchesPerEpoch(), result.minibatches());
        assertTrue(result.tokensPerSecond() > 0);
    }

    @Test
    void theTrainersThreadOptionSetsTheModelsThreads() {
        var data = TimeMachineData.load(32, 35, Sampling.SEQUENTIAL, 10_000);
        var model = new RnnModel(data.vocab().size(), 16, 0).threads(2);
        new Trainer(1.0).threads(1).fit(model, data.loader(), 1, TrainingListener.NONE);
        assertEquals(1, model.threads());
        var untouched = new RnnModel(data.vocab().size(), 16, 0).threads(2);
        new Trainer(1.0).fit(untouched, data.loader(), 1, TrainingListener.NONE);
        assertEquals(2, untouched.threads(), "without the option the model keeps its own");
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new Trainer(1.0).threads(0));
        assertTrue(e.getMessage().contains("threads must be >= 1"), e.getMessage());
    }

    @Test
    void conciseModelTrainsWithTheSameLoop() {
        var data = TimeMachineData.load(32, 35, Sampling.RANDOM, 10_000);
        var model = new RnnModel(data.vocab().size(), 64, 0);
        var result = Trainer.train(model, data.loader(), 1.0, 10, TrainingListener.NONE);
        assertTrue(result.perplexity() < 14, "concise model did not learn: " + result);
    }

    @Test
    void sequentialSamplingCarriesTheStateAndRandomResetsIt() {
        var sequential = statesSeenByTheModel(Sampling.SEQUENTIAL);
        var random = statesSeenByTheModel(Sampling.RANDOM);
        // Minibatch 0 of each epoch starts from zeros in both modes.
        assertEquals(0.0, sequential.get(0).entry.norm2Number().doubleValue());
        for (int i = 1; i < 3; i++) {
            Seen previous = sequential.get(i - 1), now = sequential.get(i);
            assertEquals(previous.exit, now.entry, "state not carried");
            assertNotEquals(0.0, now.entry.norm2Number().doubleValue());
            assertEquals(0.0, random.get(i).entry.norm2Number().doubleValue(), "state not reset");
        }
        assertEquals(0.0, sequential.get(3).entry.norm2Number().doubleValue(), "each epoch starts fresh");
    }

    @Test
    void predictionIsDeterministicAndKeepsThePrefix() {
        var data = TimeMachineData.load(32, 35, Sampling.SEQUENTIAL, 10_000);
        var a = new RnnScratch(data.vocab().size(), 32, 5);
        var b = new RnnScratch(data.vocab().size(), 32, 5);
        Trainer.train(a, data.loader(), 1.0, 2, TrainingListener.NONE);
        var again = TimeMachineData.load(32, 35, Sampling.SEQUENTIAL, 10_000);
        Trainer.train(b, again.loader(), 1.0, 2, TrainingListener.NONE);
        String text = Prediction.predict("time traveller", 20, a, data.vocab());
        assertEquals(text, Prediction.predict("time traveller", 20, b, data.vocab()));
        assertTrue(text.startsWith("time traveller"));
        assertEquals("time traveller".length() + 20, text.length());
        var other = new RnnScratch(data.vocab().size(), 32, 6);
        Trainer.train(other, data.loader(), 1.0, 2, TrainingListener.NONE);
        assertEquals(
                text.length(),
                Prediction.predict("time traveller", 20, other, data.vocab()).length());
    }

    record Seen(INDArray entry, INDArray exit) {}

    /** Trains a spy model for 2 epochs of 3 minibatches and records the state at entry and exit. */
    private static List<Seen> statesSeenByTheModel(Sampling sampling) {
        var inner = new RnnScratch(5, 4, 1, DataType.FLOAT);
        inner.W_xh.muli(50);
        var seen = new ArrayList<Seen>();
        RecurrentModel spy = new RecurrentModel() {
            public int vocabSize() {
                return 5;
            }

            public int hiddenSize() {
                return 4;
            }

            public DataType dataType() {
                return DataType.FLOAT;
            }

            public INDArray beginState(int n) {
                return inner.beginState(n);
            }

            public double lossAndGradients(Minibatch mb, INDArray state, Truncation t) {
                INDArray entry = state.dup();
                double loss = inner.lossAndGradients(mb, state, t);
                seen.add(new Seen(entry, state.dup()));
                return loss;
            }

            public List<INDArray> parameters() {
                return inner.parameters();
            }

            public List<String> parameterNames() {
                return inner.parameterNames();
            }

            public List<INDArray> gradients() {
                return inner.gradients();
            }

            public INDArray step(int token, INDArray state) {
                return inner.step(token, state);
            }

            public INDArray logits(int[][] x, INDArray state) {
                return inner.logits(x, state);
            }
        };
        var batch = new Minibatch(new int[][] {{1, 2, 3}, {4, 0, 1}}, new int[][] {{2, 3, 4}, {0, 1, 2}});
        new Trainer(0.1).fit(spy, List.of(batch, batch, batch), sampling, 2, TrainingListener.NONE);
        return seen;
    }
}
