package d2l.sequence;

import java.util.Arrays;

/**
 * Predictions of a {@link SequenceModel} with window length tau on a series, three ways:
 * <ul>
 *   <li>one-step: every prediction sees true observations only;</li>
 *   <li>multi-step: past a starting point, the model's own predictions are fed back as inputs;</li>
 *   <li>k-step: for each start, predict k steps ahead by feeding back k - 1 predictions.</li>
 * </ul>
 * Errors feed on themselves in the last two, which is why long-range forecasts drift.
 */
public final class Forecaster {
    private final SequenceModel model;
    private final int tau;

    public Forecaster(SequenceModel model, int tau) {
        if (tau < 1) throw new IllegalArgumentException("tau must be >= 1, got " + tau);
        this.model = model;
        this.tau = tau;
    }

    /** The prediction of x[t] from x[t-tau..t-1] for every t >= tau. */
    public Series oneStep(SineSeries series) {
        double[] x = series.x();
        double[] predictions = new double[x.length - tau];
        for (int t = tau; t < x.length; t++) predictions[t - tau] = model.predict(Arrays.copyOfRange(x, t - tau, t));
        return new Series("1-step preds", Arrays.copyOfRange(series.time(), tau, x.length), predictions);
    }

    /**
     * Observations are used up to index {@code start} (exclusive); from there on each prediction
     * is made from the previous tau values, predictions included. The chapter starts at
     * 600 + tau = 604, the end of the training data.
     */
    public Series multiStep(SineSeries series, int start) {
        double[] x = series.x();
        if (start < tau || start >= x.length) {
            throw new IllegalArgumentException("start must be in [" + tau + ", " + (x.length - 1) + "], got " + start);
        }
        double[] values = Arrays.copyOf(x, x.length);
        for (int t = start; t < x.length; t++) values[t] = model.predict(Arrays.copyOfRange(values, t - tau, t));
        return new Series(
                "multistep preds",
                Arrays.copyOfRange(series.time(), start, x.length),
                Arrays.copyOfRange(values, start, x.length));
    }

    /**
     * For every start r, the true window x[r..r+tau-1] followed by the 1-, 2-, ..., maxSteps-step
     * ahead predictions made from it.
     */
    public KStepPredictions kStep(SineSeries series, int maxSteps) {
        double[] x = series.x();
        int rows = x.length - tau - maxSteps + 1;
        if (maxSteps < 1 || rows < 1) {
            throw new IllegalArgumentException("maxSteps must be in [1, " + (x.length - tau) + "], got " + maxSteps);
        }
        double[][] matrix = new double[rows][tau + maxSteps];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r, matrix[r], 0, tau);
            for (int c = tau; c < tau + maxSteps; c++) {
                matrix[r][c] = model.predict(Arrays.copyOfRange(matrix[r], c - tau, c));
            }
        }
        return new KStepPredictions(matrix, series.time(), tau, maxSteps);
    }
}
