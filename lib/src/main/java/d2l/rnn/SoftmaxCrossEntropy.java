package d2l.rnn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax followed by cross-entropy, fused with its gradient. For logits o (one row per predicted
 * token) and target y, the loss is -log softmax(o)[y] and its gradient with respect to o is
 * softmax(o) - onehot(y). Done in one pass over the rows in plain Java: the logits are only
 * vocabSize wide, so a loop is cheaper than several ND4J calls (each costs microseconds).
 */
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {}

    /**
     * Replaces {@code logits} (n x V, c-order, not a view) by the gradient of the mean loss,
     * (softmax - onehot) / n, and returns the mean loss.
     */
    public static double lossAndGradientInPlace(INDArray logits, int[] targets) {
        return sumOfLossesAndGradientInPlace(logits, targets, targets.length) / targets.length;
    }

    /**
     * The same for one shard of a larger minibatch: {@code logits} becomes (softmax - onehot) / count,
     * where {@code count} is the number of predicted tokens in the whole minibatch, so the shards'
     * gradients add up to the gradient of the minibatch's mean loss. Returns the sum of the losses.
     */
    static double sumOfLossesAndGradientInPlace(INDArray logits, int[] targets, int count) {
        return sumOfLossesAndGradientInPlace(logits, targets, count, 0, (int) logits.rows(), null);
    }

    /**
     * The same on rows [from, to) of {@code logits} only (one thread's share of the rows), also
     * writing each row's loss into {@code rowLosses[from..to)} when it is not null: added up in row
     * order afterwards, they give the same total however the rows were shared out.
     */
    public static double sumOfLossesAndGradientInPlace(
            INDArray logits, int[] targets, int count, int from, int to, double[] rowLosses) {
        int n = (int) logits.rows();
        int v = (int) logits.columns();
        if (targets.length != n) {
            throw new IllegalArgumentException("expected " + n + " targets, got " + targets.length);
        }
        if (logits.offset() != 0 || logits.ordering() != 'c' || logits.isView()) {
            throw new IllegalArgumentException("logits must be a whole c-order array, not a view");
        }
        if (from < 0 || to > n || from > to)
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") outside " + n);
        return logits.dataType() == DataType.FLOAT
                ? floatRows(logits.data().asNioFloat(), targets, v, count, from, to, rowLosses)
                : doubleRows(logits.data().asNioDouble(), targets, v, count, from, to, rowLosses);
    }

    /**
     * Sum of the losses; each row becomes (p - onehot(y)) / count. Works on a Java copy of the buffer:
     * element-wise buffer calls cost several nanoseconds each where the JIT does not inline them
     * (the kernels run C1 only), a bulk copy in and out costs far less.
     */
    private static double floatRows(
            FloatBuffer buffer, int[] targets, int v, int count, int from, int to, double[] rowLosses) {
        int n = to - from;
        float[] o = new float[n * v];
        buffer.get(from * v, o);
        double total = 0;
        for (int r = 0; r < n; r++) {
            int base = r * v;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) max = Math.max(max, o[base + j]);
            double z = 0;
            for (int j = 0; j < v; j++) {
                float e = (float) Math.exp(o[base + j] - max);
                o[base + j] = e;
                z += e;
            }
            int y = checkTarget(targets[from + r], v);
            double loss = -Math.log(o[base + y] / z);
            if (rowLosses != null) rowLosses[from + r] = loss;
            total += loss;
            float scale = (float) (1.0 / (z * count));
            for (int j = 0; j < v; j++) o[base + j] *= scale;
            o[base + y] -= 1.0f / count;
        }
        buffer.put(from * v, o);
        return total;
    }

    private static double doubleRows(
            DoubleBuffer buffer, int[] targets, int v, int count, int from, int to, double[] rowLosses) {
        int n = to - from;
        double[] o = new double[n * v];
        buffer.get(from * v, o);
        double total = 0;
        for (int r = 0; r < n; r++) {
            int base = r * v;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) max = Math.max(max, o[base + j]);
            double z = 0;
            for (int j = 0; j < v; j++) {
                double e = Math.exp(o[base + j] - max);
                o[base + j] = e;
                z += e;
            }
            int y = checkTarget(targets[from + r], v);
            double loss = -Math.log(o[base + y] / z);
            if (rowLosses != null) rowLosses[from + r] = loss;
            total += loss;
            double scale = 1.0 / (z * count);
            for (int j = 0; j < v; j++) o[base + j] *= scale;
            o[base + y] -= 1.0 / count;
        }
        buffer.put(from * v, o);
        return total;
    }

    private static int checkTarget(int y, int v) {
        if (y < 0 || y >= v) {
            throw new IllegalArgumentException("target index " + y + " outside the vocabulary [0, " + v + ")");
        }
        return y;
    }
}
