package d2l.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.data.Minibatch;
import d2l.data.Sampling;
import d2l.data.TimeMachineData;
import d2l.plot.Animator;
import d2l.rnn.RnnScratch;
import d2l.rnn.Truncation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class EvaluationTest {

    private static final List<Minibatch> TWO_BATCHES = List.of(
            new Minibatch(new int[][] {{0, 1, 2}, {2, 2, 1}}, new int[][] {{1, 2, 0}, {2, 1, 0}}),
            new Minibatch(new int[][] {{0, 0, 1}, {1, 0, 2}}, new int[][] {{0, 1, 1}, {0, 2, 2}}));

    private static RnnScratch tinyModel() {
        var model = new RnnScratch(3, 2, 7, DataType.DOUBLE);
        model.W_xh.muli(40); // weights large enough that the state matters to the outputs
        model.W_hh.muli(40);
        model.W_hq.muli(40);
        model.b_h.addi(0.1);
        return model;
    }

    /** The same perplexity written out with plain arrays: h_t = tanh(x_t W_xh + h_{t-1} W_hh + b_h), o_t = h_t W_hq + b_q. */
    private static double byHand(RnnScratch model, List<Minibatch> batches, boolean carryState) {
        double[][] wxh = model.W_xh.toDoubleMatrix(),
                whh = model.W_hh.toDoubleMatrix(),
                whq = model.W_hq.toDoubleMatrix();
        double[] bh = model.b_h.toDoubleVector(), bq = model.b_q.toDoubleVector();
        int hidden = bh.length, vocab = bq.length;
        double loss = 0;
        int tokens = 0;
        double[][] states = new double[2][hidden];
        for (Minibatch batch : batches) {
            if (!carryState) states = new double[2][hidden];
            for (int b = 0; b < batch.batchSize(); b++) {
                double[] h = states[b];
                for (int t = 0; t < batch.numSteps(); t++) {
                    double[] next = new double[hidden];
                    for (int j = 0; j < hidden; j++) {
                        double a = wxh[batch.inputs()[b][t]][j] + bh[j];
                        for (int i = 0; i < hidden; i++) a += h[i] * whh[i][j];
                        next[j] = Math.tanh(a);
                    }
                    h = next;
                    double[] o = new double[vocab];
                    double z = 0;
                    for (int k = 0; k < vocab; k++) {
                        o[k] = bq[k];
                        for (int j = 0; j < hidden; j++) o[k] += h[j] * whq[j][k];
                        z += Math.exp(o[k]);
                    }
                    loss += Math.log(z) - o[batch.targets()[b][t]];
                    tokens++;
                }
                states[b] = h;
            }
        }
        return Math.exp(loss / tokens);
    }

    @Test
    void perplexityEqualsAHandComputationWithTheTrainingStatePolicy() {
        var model = tinyModel();
        double sequential = Evaluation.perplexity(model, TWO_BATCHES, Sampling.SEQUENTIAL);
        double random = Evaluation.perplexity(model, TWO_BATCHES, Sampling.RANDOM);
        assertEquals(byHand(model, TWO_BATCHES, true), sequential, 1e-9);
        assertEquals(byHand(model, TWO_BATCHES, false), random, 1e-9);
        assertTrue(Math.abs(sequential - random) > 1e-3, "the state policy made no difference: " + sequential);
        // A second pass starts from zeros again and gives the same number.
        assertEquals(sequential, Evaluation.perplexity(model, TWO_BATCHES, Sampling.SEQUENTIAL), 0);
    }

    @Test
    void evaluationLeavesParametersAndGradientsAlone() {
        var model = tinyModel();
        model.lossAndGradients(TWO_BATCHES.get(0), model.beginState(2), Truncation.full());
        List<INDArray> parameters =
                model.parameters().stream().map(INDArray::dup).toList();
        List<INDArray> gradients = model.gradients().stream().map(INDArray::dup).toList();
        Evaluation.perplexity(model, TWO_BATCHES, Sampling.SEQUENTIAL);
        assertEquals(parameters, model.parameters());
        assertEquals(gradients, model.gradients());
        assertNotEquals(0.0, gradients.get(1).norm2Number().doubleValue(), "the check needs non-zero gradients");
    }

    @Test
    void trainerReportsValidationAtTheChosenEpochsWithoutChangingTheTraining() {
        var data = TimeMachineData.load(32, 35, Sampling.SEQUENTIAL, 10_000, 5_000);
        var reported = new ArrayList<double[]>();
        // One thread: with a team, a worker that wakes late leaves a minibatch to the caller alone, and at
        // this small size OpenBLAS then rounds differently (see DataParallelTest).
        var validated = new RnnScratch(data.vocab().size(), 32, 3).threads(1);
        var result = new Trainer(1.0)
                .validateOn(data.validation(), 2)
                .fit(
                        validated,
                        data.loader(),
                        3,
                        (epoch, ppl, valid, speed) -> reported.add(new double[] {ppl, valid}));
        assertEquals(3, reported.size());
        assertTrue(Double.isNaN(reported.get(0)[1]), "epoch 1 is not a validation epoch");
        assertTrue(reported.get(1)[1] > 1 && reported.get(2)[1] > 1, "validation perplexities missing");
        assertEquals(reported.get(2)[1], result.validPerplexity());
        assertEquals(
                Evaluation.perplexity(validated, data.validation(), Sampling.SEQUENTIAL), result.validPerplexity(), 0);
        assertTrue(result.validationSeconds() > 0 && result.validationSeconds() < result.seconds());

        // The same run without validation: identical training perplexities, so validation touched nothing.
        var again = TimeMachineData.load(32, 35, Sampling.SEQUENTIAL, 10_000, 5_000);
        var plain = new ArrayList<Double>();
        var unvalidated = new RnnScratch(again.vocab().size(), 32, 3).threads(1);
        var plainResult =
                new Trainer(1.0).fit(unvalidated, again.loader(), 3, (epoch, ppl, valid, speed) -> plain.add(ppl));
        for (int e = 0; e < 3; e++) assertEquals(plain.get(e), reported.get(e)[0], 0);
        assertTrue(Double.isNaN(plainResult.validPerplexity()));
        assertEquals(0.0, plainResult.validationSeconds());
    }

    @Test
    void plotListenerDrawsTrainAndValidOnOneChart() {
        var animator = new Animator("epoch", "perplexity", "train", "valid");
        var listener = TrainingListener.plot(animator, 2);
        for (int epoch = 1; epoch <= 6; epoch++) {
            listener.onEpoch(epoch, 10.0 / epoch, epoch == 4 ? Double.NaN : 20.0 / epoch, 1000);
        }
        assertEquals(List.of(2.0, 4.0, 6.0), boxed(animator.xs("train")));
        assertEquals(List.of(2.0, 6.0), boxed(animator.xs("valid")));
        assertEquals(List.of(10.0, 20.0 / 6), boxed(animator.ys("valid")));
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
