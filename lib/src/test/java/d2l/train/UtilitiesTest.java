package d2l.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class UtilitiesTest {

    @AfterEach
    void clearLimit() {
        System.clearProperty(Epochs.LIMIT);
    }

    @Test
    void epochBudgetIsCappedByTheLimit() {
        System.setProperty(Epochs.LIMIT, "3");
        assertEquals(3, Epochs.budget(500));
        assertEquals(2, Epochs.budget(2));
        System.setProperty(Epochs.LIMIT, "many");
        var e = assertThrows(IllegalStateException.class, () -> Epochs.budget(500));
        assertTrue(e.getMessage().contains("D2L_MAX_EPOCHS"));
    }

    @Test
    void epochBudgetWithoutLimitIsTheRequest() {
        if (System.getenv(Epochs.LIMIT) == null) assertEquals(500, Epochs.budget(500));
        assertThrows(IllegalArgumentException.class, () -> Epochs.budget(0));
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        var w = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        var g = Nd4j.createFromArray(new float[][] {{1, 0}, {-1, 2}});
        Sgd.step(List.of(w), List.of(g), 0.5);
        assertArrayEquals(new float[] {0.5f, 2, 3.5f, 3}, w.reshape(4).toFloatVector(), 1e-6f);
        assertEquals(DataType.FLOAT, w.dataType());
        assertArrayEquals(new float[] {1, 0, -1, 2}, g.reshape(4).toFloatVector(), 0f); // gradient untouched
    }

    @Test
    void accumulatorSumsPerSlot() {
        var acc = new Accumulator(2);
        acc.add(1.5, 10);
        acc.add(2.5, 20);
        assertEquals(4.0, acc.get(0));
        assertEquals(30.0, acc.get(1));
        acc.reset();
        assertEquals(0.0, acc.get(1));
        assertThrows(IllegalArgumentException.class, () -> acc.add(1));
    }

    @Test
    void timerRecordsIntervals() {
        var timer = new Timer();
        double first = timer.stop();
        timer.start();
        double second = timer.stop();
        assertEquals(first + second, timer.sum(), 1e-12);
        assertEquals((first + second) / 2, timer.avg(), 1e-12);
        assertArrayEquals(new double[] {first, first + second}, timer.cumsum(), 1e-12);
    }

    @Test
    void plotListenerAddsEveryNthEpochToTheAnimator() {
        var animator = new d2l.plot.Animator("epoch", "perplexity", "train");
        var listener = TrainingListener.plot(animator, 2);
        for (int epoch = 1; epoch <= 5; epoch++) listener.onEpoch(epoch, 10.0 / epoch, Double.NaN, 1000);
        assertArrayEquals(new double[] {2, 4}, animator.xs("train"), 0);
        assertArrayEquals(new double[] {5, 2.5}, animator.ys("train"), 1e-12);
    }
}
