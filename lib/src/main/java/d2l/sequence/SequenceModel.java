package d2l.sequence;

/** A model that predicts the next observation from the last tau observations. */
@FunctionalInterface
public interface SequenceModel {
    /** The prediction for the step after {@code window}, which holds the last tau observations, oldest first. */
    double predict(double[] window);
}
