package d2l.rnn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-hot encoding, for showing what the models' inputs mean. (The models themselves never build
 * these vectors: a one-hot row times a matrix is a row of that matrix, so they gather rows instead.)
 */
public final class OneHot {

    private OneHot() {}

    /** indices.length x size, row i all zeros except a 1 at column indices[i]. */
    public static INDArray encode(int[] indices, int size) {
        var out = Nd4j.zeros(DataType.FLOAT, indices.length, size);
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                throw new IllegalArgumentException("index " + indices[i] + " outside [0, " + size + ")");
            }
            out.putScalar(i, indices[i], 1);
        }
        return out;
    }

    /**
     * A batchSize x numSteps minibatch as numSteps x batchSize x size: one one-hot matrix per time
     * step, the layout the models step through.
     */
    public static INDArray encode(int[][] minibatch, int size) {
        int batch = minibatch.length, steps = batch == 0 ? 0 : minibatch[0].length;
        return timeMajor(minibatch, size).reshape(steps, batch, size);
    }

    /**
     * The same flattened to (numSteps * batchSize) x size: row t * batchSize + b is the one-hot vector
     * of token t of sequence b. Filled as a Java array and created in one call (one ND4J call per
     * entry would cost more than the products that use it).
     */
    public static INDArray timeMajor(int[][] minibatch, int size) {
        int batch = minibatch.length, steps = batch == 0 ? 0 : minibatch[0].length;
        if (steps == 0) throw new IllegalArgumentException("empty minibatch: " + batch + " sequences of 0 steps");
        var values = new float[batch * steps * size];
        for (int b = 0; b < batch; b++) {
            if (minibatch[b].length != steps) throw new IllegalArgumentException("ragged minibatch at row " + b);
            for (int t = 0; t < steps; t++) {
                int index = minibatch[b][t];
                if (index < 0 || index >= size) {
                    throw new IllegalArgumentException("index " + index + " outside [0, " + size + ")");
                }
                values[(t * batch + b) * size + index] = 1;
            }
        }
        return Nd4j.create(values, new long[] {(long) steps * batch, size}, DataType.FLOAT);
    }
}
