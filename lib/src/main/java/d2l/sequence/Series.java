package d2l.sequence;

/**
 * One named curve ready to plot: values[i] at time[i].
 *
 * @param name the legend entry, e.g. "1-step preds"
 */
public record Series(String name, double[] time, double[] values) {
    public Series {
        if (time.length != values.length) {
            throw new IllegalArgumentException(
                    "series '" + name + "' has " + time.length + " times but " + values.length + " values");
        }
    }

    public int length() {
        return values.length;
    }
}
