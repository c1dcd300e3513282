package d2l.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.data.Minibatch;
import d2l.data.Sampling;
import d2l.data.TimeMachineData;
import d2l.rnn.Batches;
import d2l.rnn.GradientCheck;
import d2l.rnn.RecurrentModel;
import d2l.rnn.RnnModel;
import d2l.rnn.Truncation;
import d2l.train.Clipping;
import d2l.train.Sgd;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Splitting minibatches over the pool's threads gives what one thread gives, up to float rounding:
 * FastRnn's hidden units in lockstep, the concise RnnModel's sequences in data-parallel parts.
 */
class DataParallelTest {

    static final List<IntFunction<RecurrentModel>> DOUBLE_MODELS = List.of(
            threads -> FastRnnTest.tinyModel(21).threads(threads),
            threads -> new RnnModel(7, 5, 22, DataType.DOUBLE).threads(threads));

    record Pass(double loss, List<INDArray> gradients, INDArray state, double[] norms) {}

    static Pass pass(RecurrentModel model, Minibatch batch, Truncation truncation) {
        INDArray state = model.beginState(batch.batchSize()).addi(0.3); // a non-zero state, split by rows
        double loss = model.lossAndGradients(batch, state, truncation);
        double[] norms = model instanceof FastRnn s ? s.hiddenGradientNorms() : new double[0];
        return new Pass(loss, model.gradients().stream().map(INDArray::dup).toList(), state, norms);
    }

    static void assertSame(Pass one, Pass other, double tolerance, String what) {
        assertEquals(one.loss, other.loss, tolerance, what + ": loss");
        for (int p = 0; p < one.gradients.size(); p++) {
            assertArrayEquals(
                    GemmTest.flat(one.gradients.get(p)),
                    GemmTest.flat(other.gradients.get(p)),
                    tolerance,
                    what + ": gradient " + p);
        }
        assertArrayEquals(GemmTest.flat(one.state), GemmTest.flat(other.state), tolerance, what + ": state");
        assertArrayEquals(one.norms, other.norms, tolerance, what + ": gradient norms");
    }

    @Test
    void splitMinibatchesGiveTheGradientsOfOneThread() {
        // 5 sequences: 2 threads take 2 + 3 of them, 3 threads 1 + 2 + 2, 8 threads one each.
        var batch = Batches.random(7, 5, 6, 23);
        for (var make : DOUBLE_MODELS) {
            var single = make.apply(1);
            if (single instanceof FastRnn s) s.recordGradientNorms(true);
            Pass expected = pass(single, batch, Truncation.full());
            for (int threads : new int[] {2, 3, 8}) {
                var model = make.apply(threads);
                if (model instanceof FastRnn s) s.recordGradientNorms(true);
                assertEquals(threads, model.threads());
                assertSame(
                        expected,
                        pass(model, batch, Truncation.full()),
                        1e-13,
                        model.getClass().getSimpleName() + " on " + threads + " threads");
            }
        }
    }

    @Test
    void everyThreadCutsTheChainAtTheSameRandomSteps() {
        var batch = Batches.random(7, 4, 12, 24);
        for (var make : DOUBLE_MODELS) {
            Pass one = pass(make.apply(1), batch, Truncation.randomized(0.5, 25));
            Pass two = pass(make.apply(2), batch, Truncation.randomized(0.5, 25));
            assertSame(one, two, 1e-13, "randomized truncation");
            Pass full = pass(make.apply(2), batch, Truncation.full());
            assertTrue(
                    one.gradients
                                    .get(1)
                                    .sub(full.gradients.get(1))
                                    .norm2Number()
                                    .doubleValue()
                            > 1e-6,
                    "the seeded truncation cuts somewhere");
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesOnTwoThreads() {
        for (var model : new RecurrentModel[] {
            FastRnnTest.tinyModel(26).threads(2), new RnnModel(6, 5, 27, DataType.DOUBLE).threads(2)
        }) {
            var result = GradientCheck.check(model, Batches.random(model.vocabSize(), 3, 7, 28));
            assertTrue(result.passes(1e-4), model.getClass().getSimpleName() + ": " + result.relativeErrors());
        }
    }

    /**
     * The chapter's loop (forward and backward, clip, SGD) with each model on 1 and on 2 threads, at
     * 64 hidden units and at the chapter's sizes. FastRnn shares out hidden units: each
     * thread computes its columns of every product with the same sums as one thread, so its runs
     * differ only where OpenBLAS adds in another order for another block (at 512 units on an AVX-512
     * CPU not at all; with OpenBLAS's Haswell kernels by float rounding). The concise model sums the
     * gradients of its two halves of the batch, which rounds differently.
     */
    @Test
    void trainingOnTwoThreadsFollowsOneThread() {
        int v = TimeMachineData.load(32, 35, Sampling.SEQUENTIAL, 10_000)
                .vocab()
                .size();
        List<IntFunction<RecurrentModel>> models = List.of(
                threads -> new FastRnn(v, 64, 29).threads(threads),
                threads -> new RnnModel(v, 64, 30).threads(threads),
                threads -> new FastRnn(v, 512, 31).threads(threads),
                threads -> new RnnModel(v, 256, 31).threads(threads));
        for (var make : models) {
            RecurrentModel one = make.apply(1), two = make.apply(2);
            double[] lossesOne = train(one), lossesTwo = train(two);
            assertArrayEquals(lossesOne, lossesTwo, 1e-5, "losses per minibatch"); // measured: up to 5e-7
            assertTrue(lossesOne[lossesOne.length - 1] < lossesOne[0] - 0.2, "the model learns");
            for (int p = 0; p < one.parameters().size(); p++) {
                INDArray a = one.parameters().get(p), b = two.parameters().get(p);
                double gap = a.sub(b).norm2Number().doubleValue(),
                        size = a.norm2Number().doubleValue();
                assertTrue(gap <= 1e-5 * size, one.parameterNames().get(p) + " differs by " + gap + " of " + size);
            }
        }
    }

    /** Two epochs with the state carried over, lr 1 and clipping at 1; the loss of every minibatch. */
    private static double[] train(RecurrentModel model) {
        var data = TimeMachineData.load(32, 35, Sampling.SEQUENTIAL, 10_000); // a fresh loader: same offsets
        var losses = new double[2 * data.loader().batchesPerEpoch()];
        int i = 0;
        for (int epoch = 0; epoch < 2; epoch++) {
            INDArray state = model.beginState(32);
            for (Minibatch batch : data.loader()) {
                losses[i++] = model.lossAndGradients(batch, state, Truncation.full());
                Clipping.clipGradients(model, 1.0);
                Sgd.step(model, 1.0);
            }
        }
        return losses;
    }

    @Test
    void aBadTokenInTheSecondThreadsRowsIsReportedToTheCaller() {
        for (RecurrentModel model :
                new RecurrentModel[] {new FastRnn(5, 4, 1).threads(2), new RnnModel(5, 4, 1).threads(2)}) {
            var batch = new Minibatch(new int[][] {{1, 2}, {3, 9}}, new int[][] {{2, 3}, {4, 1}});
            var e = assertThrows(
                    IllegalArgumentException.class,
                    () -> model.lossAndGradients(batch, model.beginState(2), Truncation.full()));
            assertTrue(e.getMessage().contains("token index 9"), e.getMessage());
            // The model still works afterwards.
            var good = new Minibatch(new int[][] {{1, 2}, {3, 4}}, new int[][] {{2, 3}, {4, 1}});
            assertTrue(Double.isFinite(model.lossAndGradients(good, model.beginState(2), Truncation.full())));
        }
    }

    @Test
    void defaultThreadsFollowTheCoresCappedByTheEnvironment() {
        assertEquals(8, Threads.available(8, null));
        assertEquals(8, Threads.available(8, " "));
        assertEquals(1, Threads.available(8, "1"));
        assertEquals(2, Threads.available(2, "4"), "the variable caps, it does not add cores");
        var e = assertThrows(IllegalStateException.class, () -> Threads.available(2, "two"));
        assertTrue(e.getMessage().contains("D2L_THREADS") && e.getMessage().contains("'two'"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Threads.available(2, "0"));
        assertEquals(Threads.available(), new FastRnn(5, 4, 1).threads());
        assertEquals(Threads.available(), new RnnModel(5, 4, 1).threads());
    }

    @Test
    void partBoundsCoverEveryRowOnce() {
        assertArrayEquals(new int[] {0, 16, 32}, DataParallel.bounds(32, 2));
        assertArrayEquals(new int[] {0, 1, 3, 5}, DataParallel.bounds(5, 3));
        assertArrayEquals(new int[] {0, 1, 2}, DataParallel.bounds(2, 8), "no empty parts");
        assertArrayEquals(new int[] {0, 32}, DataParallel.bounds(32, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> DataParallel.sum(0, i -> 0));
        assertTrue(e.getMessage().contains("parts must be >= 1"), e.getMessage());
    }
}
