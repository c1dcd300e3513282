package d2l.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sequence section end to end with the chapter's settings. */
class SequenceTest {
    private static final int TAU = 4;
    private static final int TRAIN = 600;
    private static SineSeries series;
    private static Mlp net;
    private static double[] losses;
    private static Forecaster forecaster;

    @BeforeAll
    static void train() {
        series = SineSeries.chapter();
        var data = LaggedFeatures.of(series.x(), TAU);
        net = new Mlp(TAU, 10, 42);
        losses = MlpTrainer.chapter().fit(net, data.head(TRAIN));
        forecaster = new Forecaster(net, TAU);
    }

    private static double variance(double[] v) {
        double mean = Arrays.stream(v).average().orElseThrow();
        return Arrays.stream(v).map(a -> (a - mean) * (a - mean)).average().orElseThrow();
    }

    /** Mean squared difference between a prediction series and the noise-free signal at its times. */
    private static double errorAgainstSignal(Series s) {
        double sum = 0;
        for (int i = 0; i < s.length(); i++) {
            double d = s.values()[i] - Math.sin(0.01 * s.time()[i]);
            sum += d * d;
        }
        return sum / s.length();
    }

    @Test
    void seriesIsSeededNoisySine() {
        assertEquals(1000, series.length());
        assertEquals(1.0, series.time()[0]);
        assertEquals(1000.0, series.time()[999]);
        double[] noise = new double[1000];
        for (int i = 0; i < 1000; i++) noise[i] = series.x()[i] - series.signal()[i];
        assertEquals(0.2, Math.sqrt(variance(noise)), 0.02);
        assertArrayEquals(series.x(), SineSeries.chapter().x());
    }

    @Test
    void laggedFeaturesAreSlidingWindows() {
        var data = LaggedFeatures.of(series.x(), TAU);
        assertEquals(996, data.size());
        assertArrayEquals(Arrays.copyOfRange(series.x(), 10, 14), data.features()[10]);
        assertEquals(series.x()[14], data.labels()[10]);
        assertEquals(600, data.head(TRAIN).size());
    }

    @Test
    void trainingLossFallsFarBelowTheSignalsVariance() {
        assertEquals(6, losses.length);
        double baseline = variance(series.signal()); // the loss of always predicting the mean
        double last = losses[losses.length - 1];
        assertTrue(last < losses[0] / 5, "trained " + last + " vs untrained " + losses[0]);
        assertTrue(last < baseline / 5, "trained " + last + " vs baseline " + baseline);
        assertTrue(last < 0.08, "near the noise floor 0.04: " + last);
    }

    @Test
    void oneStepPredictionsAreAccurate() {
        Series oneStep = forecaster.oneStep(series);
        assertEquals(996, oneStep.length());
        assertEquals(5.0, oneStep.time()[0]);
        assertTrue(errorAgainstSignal(oneStep) < 0.03, "one-step error " + errorAgainstSignal(oneStep));
    }

    @Test
    void multiStepPredictionsDegradeWithDistance() {
        Series multi = forecaster.multiStep(series, TRAIN + TAU);
        assertEquals(396, multi.length());
        assertEquals(605.0, multi.time()[0]);
        Series oneStep = forecaster.oneStep(series);
        Series oneStepTail = new Series(
                "tail",
                Arrays.copyOfRange(oneStep.time(), TRAIN, oneStep.length()),
                Arrays.copyOfRange(oneStep.values(), TRAIN, oneStep.length()));
        double multiError = errorAgainstSignal(multi);
        assertTrue(
                multiError > 3 * errorAgainstSignal(oneStepTail),
                "multi-step " + multiError + " vs one-step " + errorAgainstSignal(oneStepTail));
    }

    @Test
    void kStepMatrixHasTheChaptersShapeAndErrorsGrowWithK() {
        KStepPredictions k = forecaster.kStep(series, 64);
        assertEquals(933, k.rows());
        assertEquals(68, k.columns());
        assertEquals(68, k.matrix()[0].length);
        assertArrayEquals(Arrays.copyOfRange(series.x(), 7, 11), Arrays.copyOf(k.matrix()[7], 4));
        for (int steps : new int[] {1, 4, 16, 64}) {
            Series s = k.series(steps);
            assertEquals(933, s.length());
            assertEquals(steps + "-step preds", s.name());
            assertEquals(TAU + steps, s.time()[0]);
        }
        assertArrayEquals(
                forecaster.oneStep(series).values(),
                Arrays.copyOf(forecaster.kStep(series, 1).series(1).values(), 996));
        assertTrue(errorAgainstSignal(k.series(64)) > errorAgainstSignal(k.series(1)));
    }
}
