package d2l.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.data.Minibatch;
import d2l.data.Sampling;
import d2l.data.TimeMachineData;
import d2l.rnn.Batches;
import d2l.rnn.GradientCheck;
import d2l.rnn.RecurrentModel;
import d2l.rnn.RnnScratch;
import d2l.rnn.Truncation;
import d2l.train.Trainer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * FastRnn is the chapter's RnnScratch made fast: from the same seed it gives the same loss,
 * gradients, states and perplexities. Only RnnScratch's public API is used, so this holds for any
 * RnnScratch that computes the chapter's model.
 *
 * <p>The tolerances are float32's, not those of a looser model. Both compute in float32 (unit
 * roundoff 6e-8), add their products' 28-512 terms in other orders, and FastRnn's tanh is an
 * approximation within 3e-7 (a few float32 ulps) where RnnScratch may compute the exact one.
 * Measured against an exact-tanh plain-ND4J model in float32, the losses differ by up to 5e-7 of
 * their value, gradients and states by up to 9e-7 of their norm, and after 5 epochs of training
 * (40 SGD steps at learning rate 1) the perplexities by up to 1.1e-6: the tolerances (1e-5, 2e-5,
 * 2e-5) leave a margin of 20, while a wrong term of the model moves a gradient by far more (the
 * gradient check's test bug, 1.5 times one gradient, moves it by half its norm).
 */
class FastRnnTest {

    static final double LOSS = 1e-5, GRADIENT = 2e-5, PERPLEXITY = 2e-5;

    /** The chapter's data: first 10,000 characters, batch 32, 35 steps. */
    static TimeMachineData chapterData(Sampling sampling) {
        return TimeMachineData.load(32, 35, sampling, 10_000);
    }

    static double relativeGap(INDArray fast, INDArray reference) {
        INDArray a = fast.castTo(DataType.DOUBLE), b = reference.castTo(DataType.DOUBLE);
        double size = b.norm2Number().doubleValue();
        return a.sub(b).norm2Number().doubleValue() / (size == 0 ? 1 : size);
    }

    static void assertClose(INDArray reference, INDArray fast, double tolerance, String what) {
        double gap = relativeGap(fast, reference);
        assertTrue(gap <= tolerance, what + " differs by " + gap + " of its norm");
    }

    @Test
    void theSeedGivesTheSameParameters() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            var scratch = new RnnScratch(28, 64, 7, type);
            var fast = new FastRnn(28, 64, 7, type);
            assertEquals(scratch.parameterNames(), fast.parameterNames());
            for (int p = 0; p < 5; p++)
                assertEquals(scratch.parameters().get(p), fast.parameters().get(p), "parameter " + p);
            assertEquals(0.0, fast.b_h.norm2Number().doubleValue());
            assertEquals(0.01, fast.W_hh.stdNumber().doubleValue(), 0.001);
        }
    }

    /** Two minibatches of the chapter's data, the second from the state the first ended in. */
    @Test
    void oneMinibatchGivesTheSameLossGradientsAndStateWithEveryTruncationAndThreads() {
        var data = chapterData(Sampling.SEQUENTIAL);
        int v = data.vocab().size();
        Iterator<Minibatch> batches = data.loader().iterator();
        List<Minibatch> two = List.of(batches.next(), batches.next());
        List<Supplier<Truncation>> truncations =
                List.of(Truncation::full, () -> Truncation.every(5), () -> Truncation.randomized(0.5, 3));
        for (var truncation : truncations) {
            for (int threads : new int[] {1, 2}) {
                var scratch = new RnnScratch(v, 512, 1);
                var fast = new FastRnn(v, 512, 1).threads(threads);
                Truncation forScratch = truncation.get(), forFast = truncation.get();
                INDArray scratchState = scratch.beginState(32), fastState = fast.beginState(32);
                for (var batch : two) {
                    String what = forScratch + " on " + threads + " threads";
                    double expected = scratch.lossAndGradients(batch, scratchState, forScratch);
                    double loss = fast.lossAndGradients(batch, fastState, forFast);
                    assertEquals(expected, loss, LOSS * expected, what + ": loss");
                    for (int p = 0; p < 5; p++) {
                        assertClose(
                                scratch.gradients().get(p),
                                fast.gradients().get(p),
                                GRADIENT,
                                what + ": gradient of " + fast.parameterNames().get(p));
                    }
                    assertClose(scratchState, fastState, GRADIENT, what + ": state");
                }
            }
        }
    }

    @Test
    void logitsAndGenerationStepsAreTheSame() {
        var batch = Batches.random(28, 4, 12, 5);
        var scratch = new RnnScratch(28, 64, 6);
        var fast = new FastRnn(28, 64, 6);
        for (var model : List.<RecurrentModel>of(scratch, fast)) {
            model.parameters().get(0).muli(100); // inputs drive tanh into its non-linear range,
            model.parameters().get(1).muli(10); // a recurrence that still contracts (not chaotic)
        }
        INDArray scratchState = scratch.beginState(4), fastState = fast.beginState(4);
        assertClose(
                scratch.logits(batch.inputs(), scratchState),
                fast.logits(batch.inputs(), fastState),
                GRADIENT,
                "logits");
        assertClose(scratchState, fastState, GRADIENT, "state after the logits");
        INDArray h1 = scratch.beginState(1), h2 = fast.beginState(1);
        for (int token : new int[] {3, 1, 4, 1, 5}) {
            assertClose(scratch.step(token, h1), fast.step(token, h2), GRADIENT, "step's logits");
        }
        assertClose(h1, h2, GRADIENT, "state after steps");
    }

    /**
     * The bptt section's norms, with the seed's W_hh and with W_hh = 0.5 I (vanishing) in float32,
     * and with W_hh = 1.5 I (exploding) in float64: there the recurrence starts at an unstable fixed
     * point (h = 0, slope 1.5), which amplifies float32 rounding until either model is about 1%
     * off the exact norms, while in float64 both agree to 1e-11.
     */
    @Test
    void gradientNormsThroughTimeAndPerStepAreTheSame() {
        var data = chapterData(Sampling.SEQUENTIAL);
        int v = data.vocab().size();
        var batch = data.loader().iterator().next();
        for (double scale : new double[] {0, 0.5, 1.5}) {
            var type = scale > 1 ? DataType.DOUBLE : DataType.FLOAT;
            for (int threads : new int[] {1, 2}) {
                var scratch = new RnnScratch(v, 128, 2, type).recordGradientNorms(true);
                var fast = new FastRnn(v, 128, 2, type).threads(threads).recordGradientNorms(true);
                if (scale > 0) {
                    scratch.W_hh.assign(Nd4j.eye(128).muli(scale));
                    fast.W_hh.assign(Nd4j.eye(128).muli(scale));
                }
                String what = (scale == 0 ? "the seed's W_hh" : "W_hh = " + scale + " I") + ", " + threads + " threads";
                double[] expected = scratch.gradientNormsThroughTime(batch),
                        norms = fast.gradientNormsThroughTime(batch);
                assertArrayClose(expected, norms, "gradient norms through time, " + what);
                if (scale == 1.5)
                    assertTrue(expected[1] > 100 * expected[35], "exploding: " + expected[1] + " vs " + expected[35]);
                if (scale == 0.5)
                    assertTrue(expected[1] < 1e-6 * expected[35], "vanishing: " + expected[1] + " vs " + expected[35]);
                scratch.lossAndGradients(batch, scratch.beginState(32), Truncation.full());
                fast.lossAndGradients(batch, fast.beginState(32), Truncation.full());
                assertArrayClose(scratch.hiddenGradientNorms(), fast.hiddenGradientNorms(), "recorded norms, " + what);
            }
        }
    }

    private static void assertArrayClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        assertClose(Nd4j.createFromArray(expected), Nd4j.createFromArray(actual), GRADIENT, what);
    }

    /** A few epochs of the chapter's training (lr 1, clipping at 1), per-epoch perplexities compared. */
    @Test
    void trainingGivesTheSamePerplexities() {
        record Run(Sampling sampling, Supplier<Truncation> truncation, int threads) {}
        for (var run : List.of(
                new Run(Sampling.SEQUENTIAL, Truncation::full, 1),
                new Run(Sampling.SEQUENTIAL, Truncation::full, 2),
                new Run(Sampling.RANDOM, () -> Truncation.every(7), 2),
                new Run(Sampling.SEQUENTIAL, () -> Truncation.randomized(0.6, 4), 2))) {
            double[] expected = perplexities(new RnnScratch(28, 256, 3), run.sampling, run.truncation.get());
            double[] actual =
                    perplexities(new FastRnn(28, 256, 3).threads(run.threads), run.sampling, run.truncation.get());
            for (int e = 0; e < expected.length; e++) {
                assertEquals(
                        expected[e], actual[e], PERPLEXITY * expected[e], run + ": perplexity of epoch " + (e + 1));
            }
            assertTrue(
                    expected[expected.length - 1] < 0.8 * expected[0],
                    run + ": the model learns " + java.util.Arrays.toString(expected));
        }
    }

    private static double[] perplexities(RecurrentModel model, Sampling sampling, Truncation truncation) {
        var data = chapterData(sampling); // a fresh loader: the same offsets for both models
        assertEquals(28, data.vocab().size());
        var perplexities = new ArrayList<Double>();
        new Trainer(1.0)
                .truncation(truncation)
                .fit(model, data.loader(), 5, (epoch, perplexity, valid, speed) -> perplexities.add(perplexity));
        return perplexities.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void bpttMatchesFiniteDifferencesOnOneAndTwoThreads() {
        for (int threads : new int[] {1, 2}) {
            var model = tinyModel(1).threads(threads);
            var result = GradientCheck.check(model, Batches.random(7, 3, 6, 2));
            assertTrue(result.passes(1e-4), threads + " threads: relative errors " + result.relativeErrors());
        }
    }

    @Test
    void floatAndDoubleModelsAgree() {
        var batch = Batches.random(28, 4, 10, 14);
        var f = new FastRnn(28, 16, 15);
        var d = new FastRnn(28, 16, 15, DataType.DOUBLE);
        double lf = f.lossAndGradients(batch, f.beginState(4), Truncation.full());
        double ld = d.lossAndGradients(batch, d.beginState(4), Truncation.full());
        assertEquals(ld, lf, 1e-5);
        assertClose(d.dW_hq, f.dW_hq, GRADIENT, "dW_hq");
    }

    @Test
    void badTokensStatesAndThreadCountsAreNamed() {
        var model = new FastRnn(5, 4, 1);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> model.lossAndGradients(
                        new Minibatch(new int[][] {{1, 9}}, new int[][] {{2, 3}}),
                        model.beginState(1),
                        Truncation.full()));
        assertTrue(e.getMessage().contains("token index 9"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> model.lossAndGradients(
                        new Minibatch(new int[][] {{1, 2}, {3, 4}}, new int[][] {{2, 3}, {4, 1}}),
                        model.beginState(3),
                        Truncation.full()));
        assertTrue(e.getMessage().contains("state must be 2 x 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.threads(0));
        assertTrue(e.getMessage().contains("threads must be >= 1"), e.getMessage());
    }

    /** A tiny double model with weights large enough that tanh is well inside its non-linear range. */
    static FastRnn tinyModel(long seed) {
        var model = new FastRnn(7, 5, seed, DataType.DOUBLE);
        model.W_xh.muli(60);
        model.W_hh.muli(60);
        model.W_hq.muli(60);
        model.b_h.addi(0.1);
        model.b_q.subi(0.2);
        return model;
    }
}
