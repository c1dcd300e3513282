package d2l.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.data.Minibatch;
import d2l.data.Sampling;
import d2l.data.SeqDataLoader;
import d2l.data.Vocab;
import d2l.rnn.Dl4jLanguageModel.StateMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Dl4jLanguageModelTest {

    /** "abcd" repeated: a sequence a small RNN learns to continue perfectly. */
    private static final Vocab VOCAB = new Vocab(List.of(List.of("a", "b", "c", "d")));

    private static SeqDataLoader cyclicLoader(int tokens) {
        int[] corpus = new int[tokens];
        for (int i = 0; i < tokens; i++) corpus[i] = VOCAB.index(String.valueOf("abcd".charAt(i % 4)));
        return new SeqDataLoader(corpus, 4, 6, Sampling.SEQUENTIAL, 1);
    }

    @Test
    void gradientsMatchOursFromAZeroState() {
        var result = Dl4jGradientCheck.run(6, 5, 3, 7, false, 11);
        assertTrue(result.maxError() < 1e-9, "relative errors " + result.relativeErrors());
        assertEquals(result.ourScore(), result.dl4jScore(), 1e-9);
        assertEquals(5, result.relativeErrors().size());
    }

    @Test
    void withACarriedStateTheLossIsRightButTheRecurrentLayersGradientsAreNot() {
        var result = Dl4jGradientCheck.run(6, 5, 3, 7, true, 11);
        var errors = result.relativeErrors();
        // The loss, and the output layer's gradients, use the carried state ...
        assertEquals(result.ourScore(), result.dl4jScore(), 1e-9);
        assertTrue(errors.get("output.weight") < 1e-9, "relative errors " + errors);
        assertTrue(errors.get("output.bias") < 1e-9, "relative errors " + errors);
        // ... the recurrent layer's gradients come from a forward pass without it.
        for (String name : RnnLayer.parameterNames()) {
            assertTrue(errors.get(name) > 1e-3, name + ": relative errors " + errors);
        }
    }

    @Test
    void dataSetIsOneHotInBatchFeaturesTimeLayout() {
        var model = new Dl4jLanguageModel(Dl4jLanguageModel.network(5, 3, 2, 1, 1, 1), 5);
        var first = new Minibatch(new int[][] {{1, 2}, {3, 4}}, new int[][] {{2, 3}, {4, 1}});
        var second = new Minibatch(new int[][] {{3, 0}, {1, 2}}, new int[][] {{0, 4}, {2, 3}});
        var data = model.dataSet(List.of(first, second));
        var x = data.getFeatures();
        assertEquals(List.of(2L, 5L, 4L), List.of(x.size(0), x.size(1), x.size(2)));
        assertEquals(8.0, x.sumNumber().doubleValue());
        assertEquals(1.0, x.getDouble(1, 4, 1)); // sequence 1, step 1 of the first minibatch: token 4
        assertEquals(1.0, x.getDouble(0, 3, 2)); // sequence 0, step 0 of the second: token 3
        assertEquals(1.0, data.getLabels().getDouble(1, 3, 3));
        var bad = new Minibatch(new int[][] {{7}}, new int[][] {{0}});
        var e = assertThrows(IllegalArgumentException.class, () -> model.dataSet(List.of(bad)));
        assertTrue(e.getMessage().contains("token index 7 outside [0, 5)"), e.getMessage());
    }

    @Test
    void untrainedPerplexityIsNearTheVocabularySize() {
        var model = new Dl4jLanguageModel(Dl4jLanguageModel.network(VOCAB.size(), 8, 6, 1, 1, 2), VOCAB.size());
        double perplexity = model.perplexity(cyclicLoader(200), StateMode.CARRY);
        assertTrue(perplexity > 2.5 && perplexity < 10, "perplexity " + perplexity);
    }

    @Test
    void resetTrainingLearnsACycleAndReportsEveryEpoch() {
        var loader = cyclicLoader(400);
        var model = new Dl4jLanguageModel(Dl4jLanguageModel.network(VOCAB.size(), 16, 6, 1, 1, 3), VOCAB.size())
                .validateOn(cyclicLoader(200), 5);
        double before = model.perplexity(cyclicLoader(200), StateMode.RESET);
        var epochs = new ArrayList<double[]>();
        var result = model.fit(
                loader,
                StateMode.RESET,
                20,
                (epoch, perplexity, valid, speed) -> epochs.add(new double[] {epoch, perplexity, valid, speed}));
        assertEquals(20, epochs.size());
        assertTrue(Double.isNaN(epochs.get(0)[2]) && !Double.isNaN(epochs.get(4)[2]), "validation every 5 epochs");
        assertTrue(before > 2.5, "untrained " + before);
        assertTrue(result.perplexity() < 1.2, "after 20 epochs " + result);
        assertTrue(result.validPerplexity() < 1.2, "validation " + result);
        assertEquals(epochs.get(19)[2], result.validPerplexity());
        assertEquals(20L * loader.batchesPerEpoch(), result.minibatches());
        assertEquals(result.minibatches() * 4 * 6, result.tokens());
        assertTrue(result.tokensPerSecond() > 0);
        assertEquals("bcdabcdabc", model.predict("b", 9, VOCAB));
    }

    @Test
    void carriedTrainingFeedsOneDataSetPerEpoch() {
        var loader = cyclicLoader(400);
        var net = Dl4jLanguageModel.network(VOCAB.size(), 16, 6, 1, 1, 3);
        var result = new Dl4jLanguageModel(net, VOCAB.size()).fit(loader, StateMode.CARRY, 3, (e, p, v, s) -> {});
        // One parameter update per truncated-BPTT segment, i.e. per minibatch.
        assertEquals(3L * loader.batchesPerEpoch(), net.getIterationCount());
        assertTrue(Double.isNaN(result.validPerplexity()));
        assertTrue(result.perplexity() > 1 && result.perplexity() < 10, result.toString());
    }

    @Test
    void checksItsArguments() {
        var model = new Dl4jLanguageModel(Dl4jLanguageModel.network(VOCAB.size(), 4, 6, 1, 1, 4), VOCAB.size());
        assertThrows(IllegalArgumentException.class, () -> model.predict("", 3, VOCAB));
        var other = new Vocab(List.of(List.of("x", "y")));
        var e = assertThrows(IllegalArgumentException.class, () -> model.predict("x", 3, other));
        assertTrue(e.getMessage().contains("vocabulary has 3 tokens"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> model.fit(cyclicLoader(200), StateMode.RESET, 0, (a, b, c, d) -> {}));
        var empty = assertThrows(
                IllegalArgumentException.class, () -> model.fit(List.of(), StateMode.RESET, 1, (a, b, c, d) -> {}));
        assertTrue(empty.getMessage().contains("no minibatches"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.validateOn(null, 1));
    }
}
