package d2l.rnn;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded parameter initialisation, drawn in Java so float and double models with one seed agree
 * (and {@link RnnScratch} and the engine's fast twin start from the same numbers).
 */
public final class Init {

    private Init() {}

    /** rows x cols entries drawn from N(0, std^2). */
    public static INDArray normal(Random random, double std, DataType type, int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) values[i] = random.nextGaussian() * std;
        return Nd4j.createFromArray(values).castTo(type).reshape('c', rows, cols);
    }

    /** Entries drawn uniformly from [-bound, bound], as PyTorch initialises nn.RNN and nn.Linear. */
    public static INDArray uniform(Random random, double bound, DataType type, long... shape) {
        long count = 1;
        for (long s : shape) count *= s;
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) values[i] = (2 * random.nextDouble() - 1) * bound;
        return Nd4j.createFromArray(values).castTo(type).reshape('c', shape);
    }

    /** Rejects sizes below 1 with a message naming both. */
    public static void checkSizes(int vocabSize, int hiddenSize) {
        if (vocabSize < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException(
                    "vocabSize and hiddenSize must be positive, got " + vocabSize + " and " + hiddenSize);
        }
    }
}
