package d2l.sequence;

/**
 * The k-step-ahead prediction matrix. Row r starts from the true window x[r..r+tau-1]; column
 * tau + k - 1 holds the k-step-ahead prediction of x[r + tau + k - 1].
 *
 * @param matrix (T - tau - maxSteps + 1) x (tau + maxSteps)
 * @param time the time steps of the whole series, to place each column on the time axis
 */
public record KStepPredictions(double[][] matrix, double[] time, int tau, int maxSteps) {

    public int rows() {
        return matrix.length;
    }

    public int columns() {
        return tau + maxSteps;
    }

    /** The k-step-ahead predictions as a plot-ready series named "k-step preds". */
    public Series series(int k) {
        if (k < 1 || k > maxSteps) throw new IllegalArgumentException("k must be in [1, " + maxSteps + "], got " + k);
        int column = tau + k - 1;
        double[] times = new double[rows()];
        double[] values = new double[rows()];
        for (int r = 0; r < rows(); r++) {
            times[r] = time[r + column];
            values[r] = matrix[r][column];
        }
        return new Series(k + "-step preds", times, values);
    }
}
