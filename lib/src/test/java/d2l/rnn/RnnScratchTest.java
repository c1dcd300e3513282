package d2l.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.data.Minibatch;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class RnnScratchTest {

    static double[] flat(INDArray a) {
        return a.dup('c').reshape(a.length()).toDoubleVector();
    }

    /** A tiny double model with weights large enough that tanh is well inside its non-linear range. */
    static RnnScratch tinyModel(long seed) {
        var model = new RnnScratch(7, 5, seed, DataType.DOUBLE);
        model.W_xh.muli(60);
        model.W_hh.muli(60);
        model.W_hq.muli(60);
        model.b_h.addi(0.1);
        model.b_q.subi(0.2);
        return model;
    }

    @Test
    void bpttMatchesFiniteDifferences() {
        var model = tinyModel(1);
        var result = GradientCheck.check(model, Batches.random(7, 3, 6, 2));
        assertTrue(result.passes(1e-4), "relative errors " + result.relativeErrors());
        assertEquals(5, result.relativeErrors().size());
    }

    @Test
    void gradientCheckCatchesAWrongGradient() {
        // A model whose reported W_hh gradient is tampered with must fail the check.
        var honest = tinyModel(3);
        var batch = Batches.random(7, 2, 5, 4);
        RecurrentModel broken = new Delegating(honest) {
            @Override
            public double lossAndGradients(Minibatch b, INDArray s, Truncation t) {
                double loss = honest.lossAndGradients(b, s, t);
                honest.dW_hh.muli(1.5);
                return loss;
            }
        };
        var result = GradientCheck.check(broken, batch);
        assertTrue(result.relativeErrors().get("W_hh") > 0.1, "tampered W_hh gradient went unnoticed");
        assertTrue(result.relativeErrors().get("W_xh") < 1e-4);
    }

    @Test
    void regularTruncationEqualsBackpropOnDetachedPieces() {
        // Cutting the chain every 3 steps must give the gradient of three separate 3-step windows,
        // each started from the (constant) state the previous one ended in, weighted by its share of tokens.
        var batch = Batches.random(7, 2, 9, 5);
        var truncated = tinyModel(6);
        truncated.lossAndGradients(batch, truncated.beginState(2), Truncation.every(3));
        List<INDArray> expected =
                truncated.gradients().stream().map(g -> g.dup().assign(0)).toList();

        var pieces = tinyModel(6);
        INDArray state = pieces.beginState(2);
        for (int from = 0; from < 9; from += 3) {
            pieces.lossAndGradients(Batches.slice(batch, from, from + 3), state, Truncation.full());
            for (int p = 0; p < expected.size(); p++)
                expected.get(p).addi(pieces.gradients().get(p).mul(3.0 / 9));
        }
        for (int p = 0; p < expected.size(); p++) {
            assertArrayEquals(
                    flat(expected.get(p)),
                    flat(truncated.gradients().get(p)),
                    1e-12,
                    truncated.parameterNames().get(p));
        }
    }

    @Test
    void truncationEveryNumStepsIsFullBackprop() {
        var batch = Batches.random(7, 2, 6, 7);
        var a = tinyModel(8);
        var b = tinyModel(8);
        a.lossAndGradients(batch, a.beginState(2), Truncation.full());
        b.lossAndGradients(batch, b.beginState(2), Truncation.every(6));
        // The same products, on arrays at other addresses: OpenBLAS's Haswell kernels may add in another order.
        assertArrayEquals(flat(a.dW_hh), flat(b.dW_hh), 1e-15);
    }

    @Test
    void randomizedTruncationIsUnbiased() {
        // Tallec & Ollivier: the reweighted random truncation averages to the full gradient.
        var batch = Batches.random(7, 2, 6, 9);
        var model = tinyModel(10);
        model.lossAndGradients(batch, model.beginState(2), Truncation.full());
        INDArray full = model.dW_hh.dup();
        model.lossAndGradients(batch, model.beginState(2), Truncation.every(1));
        INDArray cut = model.dW_hh.dup();

        var randomized = Truncation.randomized(0.5, 11);
        INDArray mean = full.ulike().assign(0);
        int draws = 3000;
        for (int i = 0; i < draws; i++) {
            model.lossAndGradients(batch, model.beginState(2), randomized);
            mean.addi(model.dW_hh);
        }
        mean.divi(draws);
        double error = mean.sub(full).norm2Number().doubleValue();
        double gap = cut.sub(full).norm2Number().doubleValue(); // how far a biased truncation lands
        assertTrue(error < 0.1 * gap, "randomized mean is off by " + error + " (truncation gap " + gap + ")");
    }

    @Test
    void stateIsCarriedToTheLastHiddenState() {
        var model = tinyModel(12);
        var batch = Batches.random(7, 2, 4, 13);
        INDArray state = model.beginState(2);
        model.lossAndGradients(batch, state, Truncation.full());
        INDArray afterFirst = state.dup();
        assertTrue(afterFirst.norm2Number().doubleValue() > 0);
        // Same final state via single steps, sequence by sequence.
        for (int b = 0; b < 2; b++) {
            INDArray h = model.beginState(1);
            for (int t = 0; t < 4; t++) model.step(batch.inputs()[b][t], h);
            assertArrayEquals(afterFirst.getRow(b).toDoubleVector(), h.getRow(0).toDoubleVector(), 1e-12);
        }
    }

    @Test
    void logitsOfAMinibatchAreTheScoresOfStepByStepGeneration() {
        var model = tinyModel(21);
        var batch = Batches.random(7, 3, 5, 22);
        INDArray logits = model.logits(batch.inputs(), model.beginState(3));
        for (int b = 0; b < 3; b++) {
            INDArray h = model.beginState(1);
            for (int t = 0; t < 5; t++) {
                INDArray scores = model.step(batch.inputs()[b][t], h);
                assertArrayEquals(
                        logits.getRow(t * 3 + b).toDoubleVector(),
                        scores.toDoubleVector(),
                        1e-12,
                        "time-major row of step " + t + ", sequence " + b);
            }
        }
    }

    @Test
    void floatAndDoubleModelsAgree() {
        var batch = Batches.random(28, 4, 10, 14);
        var f = new RnnScratch(28, 16, 15);
        var d = new RnnScratch(28, 16, 15, DataType.DOUBLE);
        double lf = f.lossAndGradients(batch, f.beginState(4), Truncation.full());
        double ld = d.lossAndGradients(batch, d.beginState(4), Truncation.full());
        assertEquals(ld, lf, 1e-5);
        assertEquals(Math.log(28), ld, 0.01, "tiny initial weights predict nearly uniformly");
        assertArrayEquals(flat(d.dW_hq), flat(f.dW_hq.castTo(DataType.DOUBLE)), 1e-6);
    }

    @Test
    void rejectsTokensOutsideTheVocabulary() {
        var model = new RnnScratch(5, 4, 1);
        var batch = new Minibatch(new int[][] {{1, 9}}, new int[][] {{2, 3}});
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> model.lossAndGradients(batch, model.beginState(1), Truncation.full()));
        assertTrue(e.getMessage().contains("9"));
    }

    @Test
    void recordsHiddenGradientNormsThatVanishForSmallRecurrentWeights() {
        var batch = Batches.random(7, 2, 20, 16);
        var model = tinyModel(17).recordGradientNorms(true);
        model.W_hh.assign(0); // no recurrence: dL/dh_t only comes from o_t
        model.lossAndGradients(batch, model.beginState(2), Truncation.full());
        double[] norms = model.hiddenGradientNorms();
        assertEquals(21, norms.length);
        for (int t = 1; t <= 20; t++) assertTrue(norms[t] > 0);
    }

    @Test
    void gradientsThroughTimeVanishOrExplodeWithTheScaleOfW_hh() {
        var batch = Batches.random(7, 4, 10, 18);
        double[] shrinking = normsWithRecurrentScale(0.5, batch);
        double[] growing = normsWithRecurrentScale(1.5, batch);
        assertTrue(shrinking[1] < 0.01 * shrinking[10], java.util.Arrays.toString(shrinking));
        assertTrue(growing[1] > 10 * growing[10], java.util.Arrays.toString(growing));
        for (int t = 2; t <= 10; t++) assertTrue(shrinking[t - 1] < shrinking[t]);
    }

    /** W_hh = scale * I with tiny inputs: the recurrence stays nearly linear, so each step back scales by about `scale`. */
    private static double[] normsWithRecurrentScale(double scale, Minibatch batch) {
        var model = new RnnScratch(7, 6, 19, DataType.DOUBLE);
        model.W_hh.assign(org.nd4j.linalg.factory.Nd4j.eye(6).muli(scale));
        return model.gradientNormsThroughTime(batch);
    }
}
