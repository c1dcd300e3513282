package d2l.exercise;

import static d2l.exercise.Exercise.close;
import static d2l.exercise.Exercise.require;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Checks of the exercises of the sequence-models section. */
public final class SequenceExercises {
    private SequenceExercises() {}

    /** The reader's lagged features: row t holds x[t], …, x[t + tau - 1] (the label is x[t + tau]). */
    @FunctionalInterface
    public interface LaggedFeatures {
        double[][] of(double[] x, int tau);
    }

    public static Check laggedFeatures(LaggedFeatures answer) {
        return Exercise.check(
                "sequence-lagged-features",
                1,
                new Text(
                        "n - tau rows of tau values each, row t starting at x[t], for every hidden series and tau",
                        "n - tau hàng, mỗi hàng tau giá trị, hàng t bắt đầu ở x[t], với mọi dãy ẩn và mọi tau"),
                new Text(
                        "there are n - tau examples (each needs a label x[t + tau] after its window); row t is x[t], …, x[t + tau - 1].",
                        "có n - tau mẫu (mỗi mẫu cần nhãn x[t + tau] ngay sau cửa sổ của nó); hàng t là x[t], …, x[t + tau - 1]."),
                () -> {
                    var rng = new Random(3);
                    for (int tau : new int[] {1, 4, 7}) {
                        var x = rng.doubles(20).toArray();
                        var got = answer.of(x.clone(), tau);
                        require(
                                got != null && got.length == x.length - tau,
                                new Text(
                                                "for a series of %d values and tau = %d you returned %s rows, there are %d examples",
                                                "với dãy %d giá trị và tau = %d bạn trả về %s hàng, trong khi có %d mẫu")
                                        .formatted(
                                                x.length,
                                                tau,
                                                got == null ? "null instead of" : String.valueOf(got.length),
                                                x.length - tau),
                                new Text(
                                        "the last window must leave room for its label: it starts at n - tau - 1.",
                                        "cửa sổ cuối cùng phải chừa chỗ cho nhãn của nó: nó bắt đầu ở n - tau - 1."));
                        for (int t = 0; t < got.length; t++) {
                            var expected = Arrays.copyOfRange(x, t, t + tau);
                            require(
                                    Arrays.equals(expected, got[t]),
                                    new Text(
                                                    "with tau = %d, row %d is %s, it should be x[%d..%d] = %s",
                                                    "với tau = %d, hàng %d là %s, đúng ra phải là x[%d..%d] = %s")
                                            .formatted(
                                                    tau,
                                                    t,
                                                    Arrays.toString(got[t]),
                                                    t,
                                                    t + tau - 1,
                                                    Arrays.toString(expected)),
                                    new Text(
                                            "row t is a window of tau consecutive values that starts at x[t], oldest first.",
                                            "hàng t là một cửa sổ gồm tau giá trị liên tiếp bắt đầu ở x[t], giá trị cũ nhất đứng trước."));
                        }
                    }
                });
    }

    /** The reader's k-step-ahead prediction: the model's own predictions fed back in as inputs. */
    @FunctionalInterface
    public interface KStepAhead {
        double predict(double[] history, int tau, int k, ToDoubleFunction<double[]> model);
    }

    public static Check kStepAhead(KStepAhead answer) {
        return Exercise.check(
                "sequence-k-step",
                1,
                new Text(
                        "your loop feeds each prediction back as the newest input and returns the k-th one, for every hidden model and k",
                        "vòng lặp của bạn đưa mỗi dự đoán trở lại làm đầu vào mới nhất và trả về dự đoán thứ k, với mọi mô hình ẩn và mọi k"),
                new Text(
                        "start from the last tau values of the history; k times: predict, drop the oldest value of the window, append the prediction.",
                        "hãy bắt đầu từ tau giá trị cuối của lịch sử; lặp k lần: dự đoán, bỏ giá trị cũ nhất của cửa sổ, thêm dự đoán vào cuối."),
                () -> {
                    ToDoubleFunction<double[]> halve = w -> 0.5 * w[w.length - 1];
                    ToDoubleFunction<double[]> sum = w -> Arrays.stream(w).sum();
                    ToDoubleFunction<double[]> oldest = w -> w[0] + 1;
                    double[] history = {5, 1, 2, 3};
                    for (var model : Arrays.asList(halve, sum, oldest)) {
                        for (int tau : new int[] {1, 2, 3}) {
                            for (int k : new int[] {1, 2, 5}) {
                                double expected = reference(history, tau, k, model);
                                double got =
                                        answer.predict(history.clone(), tau, k, w -> model.applyAsDouble(w.clone()));
                                require(
                                        close(expected, got, 1e-9),
                                        new Text(
                                                        "with tau = %d and k = %d on the history %s you returned %.6g, the loop gives %.6g",
                                                        "với tau = %d và k = %d trên lịch sử %s bạn trả về %.6g, còn vòng lặp cho %.6g")
                                                .formatted(tau, k, Arrays.toString(history), got, expected),
                                        k == 1
                                                ? new Text(
                                                        "for k = 1 the answer is the model applied to the last tau values of the history.",
                                                        "với k = 1 kết quả là mô hình áp dụng lên tau giá trị cuối của lịch sử.")
                                                : new Text(
                                                        "after each step the window must hold the newest tau values, the prediction last, oldest first.",
                                                        "sau mỗi bước cửa sổ phải chứa tau giá trị mới nhất, dự đoán ở cuối, giá trị cũ nhất ở đầu."));
                            }
                        }
                    }
                });
    }

    static double reference(double[] history, int tau, int k, ToDoubleFunction<double[]> model) {
        var window = Arrays.copyOfRange(history, history.length - tau, history.length);
        double prediction = Double.NaN;
        for (int step = 0; step < k; step++) {
            prediction = model.applyAsDouble(window.clone());
            System.arraycopy(window, 1, window, 0, tau - 1);
            window[tau - 1] = prediction;
        }
        return prediction;
    }
}
