package d2l.exercise;

import static d2l.exercise.Exercise.close;
import static d2l.exercise.Exercise.require;

import java.util.Arrays;
import java.util.Random;

/** Checks of the exercises of the chapter's introduction (index). */
public final class IndexExercises {
    private IndexExercises() {}

    /** The reader's probability of a state sequence under a first-order Markov chain. */
    @FunctionalInterface
    public interface ChainProbability {
        double of(double[] initial, double[][] transition, int[] states);
    }

    public static Check markovChain(ChainProbability answer) {
        return Exercise.check(
                "index-markov-chain",
                1,
                new Text(
                        "the probability is P(x_1) times P(x_t | x_{t-1}) for every later step, on every hidden chain",
                        "xác suất bằng P(x_1) nhân với P(x_t | x_{t-1}) ở mọi bước sau đó, trên mọi chuỗi Markov ẩn"),
                new Text(
                        "multiply initial[states[0]] by transition[states[t-1]][states[t]] for t = 1, 2, ….",
                        "hãy nhân initial[states[0]] với transition[states[t-1]][states[t]] cho t = 1, 2, …."),
                () -> {
                    var rng = new Random(31);
                    for (int n : new int[] {3, 4}) {
                        var initial = stochastic(rng, n);
                        var transition = new double[n][];
                        for (int i = 0; i < n; i++) transition[i] = stochastic(rng, n);
                        for (int length : new int[] {1, 2, 6}) {
                            var states = rng.ints(length, 0, n).toArray();
                            double expected = initial[states[0]];
                            for (int t = 1; t < length; t++) expected *= transition[states[t - 1]][states[t]];
                            double got = answer.of(initial.clone(), deepCopy(transition), states.clone());
                            require(
                                    close(expected, got, 1e-9),
                                    new Text(
                                                    "for the states %s you returned %.6g, the chain gives %.6g",
                                                    "với dãy trạng thái %s bạn trả về %.6g, còn chuỗi Markov cho %.6g")
                                            .formatted(Arrays.toString(states), got, expected),
                                    length == 1
                                            ? new Text(
                                                    "a sequence of one state has just the probability of its start, initial[states[0]].",
                                                    "một dãy chỉ có một trạng thái có xác suất đúng bằng xác suất khởi đầu, initial[states[0]].")
                                            : new Text(
                                                    "row i of transition holds P(next state | current state i): index it by the previous state first.",
                                                    "hàng i của transition chứa P(trạng thái sau | trạng thái hiện tại i): chỉ số đầu tiên là trạng thái trước."));
                        }
                    }
                });
    }

    /** The reader's autocorrelation of a series at a lag. */
    @FunctionalInterface
    public interface Autocorrelation {
        double at(double[] x, int lag);
    }

    public static Check autocorrelation(Autocorrelation answer) {
        return Exercise.check(
                "index-autocorrelation",
                1,
                new Text(
                        "your autocorrelation is 1 at lag 0 and matches the reference on a sine wave, an alternating series and noise",
                        "hệ số tự tương quan của bạn bằng 1 ở độ trễ 0 và khớp giá trị tham chiếu trên sóng sin, dãy đan dấu và nhiễu"),
                new Text(
                        "subtract the mean of the whole series, sum (x_t - mean)(x_{t+lag} - mean) over t < n - lag, and divide by the sum of (x_t - mean)^2 over all t.",
                        "hãy trừ trung bình của cả dãy, cộng (x_t - trung bình)(x_{t+lag} - trung bình) với t < n - lag, rồi chia cho tổng (x_t - trung bình)^2 trên mọi t."),
                () -> {
                    var rng = new Random(7);
                    var sine = new double[200];
                    for (int t = 0; t < sine.length; t++) sine[t] = Math.sin(0.1 * t);
                    var alternating = new double[51];
                    for (int t = 0; t < alternating.length; t++) alternating[t] = t % 2 == 0 ? 1 : -1;
                    var noise = rng.doubles(300).map(v -> 3 * v + 5).toArray();
                    for (var series : new double[][] {sine, alternating, noise}) {
                        for (int lag : new int[] {0, 1, 5}) {
                            double expected = reference(series, lag);
                            double got = answer.at(series.clone(), lag);
                            require(
                                    close(expected, got, 1e-9),
                                    new Text(
                                                    "at lag %d on a series of %d values you returned %.6g, the reference is %.6g",
                                                    "ở độ trễ %d trên một dãy %d giá trị bạn trả về %.6g, giá trị tham chiếu là %.6g")
                                            .formatted(lag, series.length, got, expected),
                                    lag == 0
                                            ? new Text(
                                                    "at lag 0 the numerator and the denominator are the same sum, so the answer is 1.",
                                                    "ở độ trễ 0 tử số và mẫu số là cùng một tổng, nên kết quả bằng 1.")
                                            : new Text(
                                                    "use the mean of the whole series on both factors, and the sum over all n values in the denominator.",
                                                    "hãy dùng trung bình của cả dãy cho cả hai thừa số, và tổng trên cả n giá trị ở mẫu số."));
                        }
                    }
                });
    }

    static double reference(double[] x, int lag) {
        double mean = Arrays.stream(x).average().orElseThrow(), numerator = 0, denominator = 0;
        for (int t = 0; t < x.length; t++) denominator += (x[t] - mean) * (x[t] - mean);
        for (int t = 0; t + lag < x.length; t++) numerator += (x[t] - mean) * (x[t + lag] - mean);
        return numerator / denominator;
    }

    private static double[] stochastic(Random rng, int n) {
        var p = rng.doubles(n).map(v -> v + 0.1).toArray();
        double sum = Arrays.stream(p).sum();
        return Arrays.stream(p).map(v -> v / sum).toArray();
    }

    private static double[][] deepCopy(double[][] a) {
        return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    }
}
