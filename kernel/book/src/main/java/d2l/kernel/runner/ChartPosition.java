package d2l.kernel.runner;

/**
 * How far a live training chart has got: the epoch its points reach, and the last epoch of its
 * x-axis (0 when the axis has no set end). The runner's progress line shows it for training cells.
 */
public record ChartPosition(long epoch, long epochs) {
    @Override
    public String toString() {
        return epochs > 0 ? "epoch " + epoch + "/" + epochs : "epoch " + epoch;
    }
}
