package d2l.engine;

import java.util.function.IntToDoubleFunction;

/**
 * Data parallelism for one minibatch, as PyTorch's {@code DataParallel} does over devices: the
 * sequences are cut into contiguous row ranges, each range runs forward and backward on a thread
 * of the engine's pool with buffers of its own, and the caller sums the parts' gradients at the
 * end.
 */
public final class DataParallel {

    private DataParallel() {}

    /**
     * Row ranges [bounds[i], bounds[i + 1]) of {@code rows} rows cut into {@code parts} parts that
     * differ by at most one row; fewer parts when there are fewer rows (no part is empty).
     */
    public static int[] bounds(int rows, int parts) {
        int count = Math.max(1, Math.min(rows, parts));
        int[] bounds = new int[count + 1];
        for (int i = 1; i <= count; i++) bounds[i] = Pool.shareStart(rows, i, count);
        return bounds;
    }

    /**
     * Runs {@code part.applyAsDouble(i)} for i = 0..parts-1, one thread per part (the caller runs
     * part 0, and the parts of a thread that does not start in time), and returns the sum of the
     * results in the order of i. Returns once every part has finished, so no thread writes into
     * the parts' arrays afterwards; the first failure is rethrown then.
     */
    public static double sum(int parts, IntToDoubleFunction part) {
        if (parts < 1) throw new IllegalArgumentException("parts must be >= 1, got " + parts);
        return Pool.forEachPart(parts, part);
    }
}
