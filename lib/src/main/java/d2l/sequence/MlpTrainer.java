package d2l.sequence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Minibatch training of the {@link Mlp} with {@link Adam}: each epoch visits the examples in a
 * fresh (seeded) random order, batchSize at a time. The chapter's settings are
 * {@link #chapter()}: learning rate 0.01, batch size 16, 5 epochs.
 */
public record MlpTrainer(double learningRate, int batchSize, int epochs, long seed) {

    public MlpTrainer {
        if (batchSize < 1 || epochs < 0) {
            throw new IllegalArgumentException(
                    "batchSize must be >= 1 and epochs >= 0, got " + batchSize + ", " + epochs);
        }
    }

    public static MlpTrainer chapter() {
        return new MlpTrainer(0.01, 16, 5, 42);
    }

    /**
     * Trains {@code net} in place and returns the mean squared error on {@code data}: entry 0
     * before training, entry e after epoch e.
     */
    public double[] fit(Mlp net, LaggedFeatures data) {
        var optimizer = new Adam(learningRate);
        var random = new Random(seed);
        var grads = net.newGradients();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) order.add(i);

        double[] losses = new double[epochs + 1];
        losses[0] = net.loss(data.features(), data.labels());
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Collections.shuffle(order, random);
            for (int start = 0; start < order.size(); start += batchSize) {
                var batch = order.subList(start, Math.min(start + batchSize, order.size()));
                double[][] x = batch.stream().map(i -> data.features()[i]).toArray(double[][]::new);
                double[] y = batch.stream().mapToDouble(i -> data.labels()[i]).toArray();
                net.lossAndGradients(x, y, grads);
                optimizer.step(net.parameters(), grads.asList());
            }
            losses[epoch] = net.loss(data.features(), data.labels());
        }
        return losses;
    }
}
