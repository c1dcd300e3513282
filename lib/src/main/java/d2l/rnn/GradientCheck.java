package d2l.rnn;

import d2l.data.Minibatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks backpropagation against finite differences: for each parameter entry w,
 * dL/dw is approximately (L(w + eps) - L(w - eps)) / (2 eps). Needs a model in double precision
 * (float32 rounding swamps the difference quotient) and is meant for tiny models: it runs two
 * forward passes per checked entry.
 */
public final class GradientCheck {

    /**
     * Relative errors ||analytic - numeric|| / (||analytic|| + ||numeric||) per parameter, over the
     * checked entries; {@code maxRelativeError} is the largest of them.
     */
    public record Result(Map<String, Double> relativeErrors, double maxRelativeError) {
        public boolean passes(double tolerance) {
            return maxRelativeError < tolerance;
        }
    }

    private GradientCheck() {}

    /** Checks every entry of every parameter, with full backpropagation and a zero initial state. */
    public static Result check(RecurrentModel model, Minibatch batch) {
        return check(model, batch, 1e-6, Integer.MAX_VALUE, 0);
    }

    /**
     * @param epsilon      finite-difference step
     * @param maxPerParam  check at most this many entries per parameter (a seeded random sample)
     */
    public static Result check(RecurrentModel model, Minibatch batch, double epsilon, int maxPerParam, long seed) {
        if (model.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(
                    "gradient check needs a DOUBLE model, got " + model.dataType() + "; build it with DataType.DOUBLE");
        }
        loss(model, batch);
        List<INDArray> analytic = model.gradients().stream().map(INDArray::dup).toList();
        var random = new Random(seed);
        var errors = new LinkedHashMap<String, Double>();
        double worst = 0;
        for (int p = 0; p < analytic.size(); p++) {
            INDArray param = model.parameters().get(p);
            double diff2 = 0, analytic2 = 0, numeric2 = 0;
            for (long i : entries(param.length(), maxPerParam, random)) {
                double original = param.getDouble(i);
                param.putScalar(i, original + epsilon);
                double plus = loss(model, batch);
                param.putScalar(i, original - epsilon);
                double minus = loss(model, batch);
                param.putScalar(i, original);
                double numeric = (plus - minus) / (2 * epsilon);
                double exact = analytic.get(p).getDouble(i);
                diff2 += (exact - numeric) * (exact - numeric);
                analytic2 += exact * exact;
                numeric2 += numeric * numeric;
            }
            double denominator = Math.sqrt(analytic2) + Math.sqrt(numeric2);
            double error = denominator == 0 ? 0 : Math.sqrt(diff2) / denominator;
            errors.put(model.parameterNames().get(p), error);
            worst = Math.max(worst, error);
        }
        return new Result(errors, worst);
    }

    private static double loss(RecurrentModel model, Minibatch batch) {
        return model.lossAndGradients(batch, model.beginState(batch.batchSize()), Truncation.full());
    }

    private static List<Long> entries(long length, int max, Random random) {
        var all = new ArrayList<Long>();
        for (long i = 0; i < length; i++) all.add(i);
        if (length <= max) return all;
        java.util.Collections.shuffle(all, random);
        return all.subList(0, max);
    }
}
