package d2l.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class RnnModelTest {

    @Test
    void layerGradientsMatchFiniteDifferences() {
        var model = new RnnModel(6, 5, 3, DataType.DOUBLE);
        var result = GradientCheck.check(model, Batches.random(6, 3, 7, 4));
        assertTrue(result.passes(1e-4), "relative errors " + result.relativeErrors());
        assertEquals(5, result.relativeErrors().size());
    }

    @Test
    void truncatedLayerGradientsMatchFiniteDifferencesOnDetachedPieces() {
        var batch = Batches.random(6, 2, 8, 5);
        var truncated = new RnnModel(6, 4, 6, DataType.DOUBLE);
        truncated.lossAndGradients(batch, truncated.beginState(2), Truncation.every(4));
        var pieces = new RnnModel(6, 4, 6, DataType.DOUBLE);
        INDArray state = pieces.beginState(2);
        pieces.lossAndGradients(Batches.slice(batch, 0, 4), state, Truncation.full());
        INDArray first = pieces.gradients().get(1).dup();
        pieces.lossAndGradients(Batches.slice(batch, 4, 8), state, Truncation.full());
        INDArray expected = first.addi(pieces.gradients().get(1)).muli(0.5);
        assertArrayEquals(
                RnnScratchTest.flat(expected),
                RnnScratchTest.flat(truncated.gradients().get(1)),
                1e-12);
    }

    @Test
    void stepAgreesWithTheBatchedForwardPass() {
        var model = new RnnModel(6, 4, 7, DataType.DOUBLE);
        var batch = Batches.random(6, 1, 5, 8);
        INDArray state = model.beginState(1);
        model.lossAndGradients(batch, state, Truncation.full());
        INDArray h = model.beginState(1);
        for (int t = 0; t < 5; t++) model.step(batch.inputs()[0][t], h);
        assertArrayEquals(state.toDoubleVector(), h.toDoubleVector(), 1e-12);
    }

    @Test
    void layerChecksItsInputs() {
        var layer = new RnnLayer(4, 3);
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> layer.forward(
                        new int[][] {{0, 1}}, layer.parameters().get(0).ulike().assign(0)));
        assertTrue(e.getMessage().contains("state must be 1 x 3"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new RnnLayer(4, 3).backward(null, Truncation.full()));
    }

    @Test
    void logitsAreTimeMajorAndGiveTheTrainingLoss() {
        var batch = Batches.random(6, 3, 4, 9);
        for (RecurrentModel model :
                new RecurrentModel[] {new RnnModel(6, 5, 10, DataType.DOUBLE), new RnnScratch(6, 5, 10, DataType.DOUBLE)
                }) {
            INDArray state = model.beginState(3);
            INDArray logits = model.logits(batch.inputs(), state);
            assertArrayEquals(new long[] {12, 6}, logits.shape());
            int[] targets = new int[12];
            for (int t = 0; t < 4; t++) for (int b = 0; b < 3; b++) targets[t * 3 + b] = batch.targets()[b][t];
            double loss = SoftmaxCrossEntropy.lossAndGradientInPlace(logits, targets);
            INDArray again = model.beginState(3);
            assertEquals(loss, model.lossAndGradients(batch, again, Truncation.full()), 1e-12);
            assertEquals(state, again);
        }
    }

    @Test
    void stateAndThreadCountAreChecked() {
        var model = new RnnModel(5, 4, 1);
        var batch = new d2l.data.Minibatch(new int[][] {{1, 2}, {3, 4}}, new int[][] {{2, 3}, {4, 1}});
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> model.lossAndGradients(batch, model.beginState(3), Truncation.full()));
        assertTrue(e.getMessage().contains("state must be 2 x 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.threads(0));
        assertTrue(e.getMessage().contains("threads must be >= 1"), e.getMessage());
        var other = new Delegating(model);
        assertEquals(1, other.threads(), "a model that does not split its minibatches runs on one thread");
        assertThrows(UnsupportedOperationException.class, () -> other.threads(2));
    }
}
