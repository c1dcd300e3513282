package d2l.exercise;

import static d2l.exercise.Exercise.close;
import static d2l.exercise.Exercise.require;

import java.util.Arrays;

/**
 * Checks of the exercises of the bptt section, on the scalar RNN h_t = tanh(w h_{t-1} + x_t),
 * h_0 = 0, with loss L = h_T.
 */
public final class BpttExercises {
    private BpttExercises() {}

    /** The reader's dL/dw by backpropagation through time, over all T steps. */
    @FunctionalInterface
    public interface FullGradient {
        double dLossDw(double w, double[] x);
    }

    public static Check fullGradient(FullGradient answer) {
        return Exercise.check(
                "bptt-full-gradient",
                1,
                new Text(
                        "your dL/dw agrees with central finite differences of L = h_T on every hidden sequence",
                        "dL/dw của bạn khớp với sai phân hữu hạn trung tâm của L = h_T trên mọi chuỗi ẩn"),
                new Text(
                        "run forward keeping every h_t; then backward from g = 1: at step t, a = g (1 - h_t²), add a h_{t-1} to dL/dw, and pass g = a w to step t - 1.",
                        "hãy chạy xuôi và giữ mọi h_t; rồi chạy ngược từ g = 1: ở bước t, a = g (1 - h_t²), cộng a h_{t-1} vào dL/dw, và truyền g = a w về bước t - 1."),
                () -> {
                    for (var c : cases()) {
                        double w = c[0][0];
                        var x = c[1];
                        double expected = finiteDifference(w, x);
                        double got = answer.dLossDw(w, x.clone());
                        require(
                                close(expected, got, 1e-5),
                                new Text(
                                                "for w = %s and x = %s your gradient is %.6g, finite differences give %.6g",
                                                "với w = %s và x = %s gradient của bạn là %.6g, còn sai phân hữu hạn cho %.6g")
                                        .formatted(w, Arrays.toString(x), got, expected),
                                x.length == 1
                                        ? new Text(
                                                "with one step h_0 = 0, so dL/dw = (1 - h_1²) h_0 = 0.",
                                                "với một bước, h_0 = 0 nên dL/dw = (1 - h_1²) h_0 = 0.")
                                        : new Text(
                                                "every step contributes, not only the last: carry g back through w (1 - h_t²) at each step.",
                                                "mọi bước đều góp phần, không chỉ bước cuối: hãy truyền g ngược qua w (1 - h_t²) ở mỗi bước."));
                    }
                });
    }

    /** The reader's dL/dw truncated to the last k steps. */
    @FunctionalInterface
    public interface TruncatedGradient {
        double dLossDw(double w, double[] x, int k);
    }

    public static Check truncatedGradient(TruncatedGradient answer) {
        return Exercise.check(
                "bptt-truncated-gradient",
                1,
                new Text(
                        "your truncated dL/dw keeps exactly the last k steps' terms: the reference for every k, and the full gradient when k = T",
                        "dL/dw bị cắt xén của bạn giữ đúng các số hạng của k bước cuối: khớp giá trị tham chiếu với mọi k, và bằng gradient đầy đủ khi k = T"),
                new Text(
                        "do the backward loop of full BPTT, but stop after k steps (t = T, …, T - k + 1); h_{t-1} still comes from the full forward pass.",
                        "hãy chạy vòng lặp ngược của BPTT đầy đủ nhưng dừng sau k bước (t = T, …, T - k + 1); h_{t-1} vẫn lấy từ lượt chạy xuôi đầy đủ."),
                () -> {
                    for (var c : cases()) {
                        double w = c[0][0];
                        var x = c[1];
                        for (int k = 1; k <= x.length; k++) {
                            double expected = truncated(w, x, k);
                            double got = answer.dLossDw(w, x.clone(), k);
                            require(
                                    close(expected, got, 1e-9),
                                    new Text(
                                                    "for w = %s, x = %s and k = %d your gradient is %.6g, the truncated sum is %.6g",
                                                    "với w = %s, x = %s và k = %d gradient của bạn là %.6g, còn tổng bị cắt xén là %.6g")
                                            .formatted(w, Arrays.toString(x), k, got, expected),
                                    k == x.length
                                            ? new Text(
                                                    "with k = T nothing is cut: the answer is the full gradient.",
                                                    "với k = T không có gì bị cắt: kết quả là gradient đầy đủ.")
                                            : new Text(
                                                    "k = 1 keeps only the last step's term (1 - h_T²) h_{T-1}; each further step adds one more term.",
                                                    "k = 1 chỉ giữ số hạng của bước cuối (1 - h_T²) h_{T-1}; mỗi bước thêm vào một số hạng nữa."));
                        }
                    }
                    for (var c : cases()) {
                        require(
                                close(
                                        finiteDifference(c[0][0], c[1]),
                                        answer.dLossDw(c[0][0], c[1].clone(), c[1].length),
                                        1e-5),
                                new Text(
                                        "with k = T your gradient is not the full one",
                                        "với k = T gradient của bạn không phải gradient đầy đủ"),
                                new Text("with k = T nothing is cut.", "với k = T không có gì bị cắt."));
                    }
                });
    }

    private static double[][][] cases() {
        return new double[][][] {
            {{0.5}, {1.0}},
            {{0.9}, {0.5, -0.3, 0.8}},
            {{-1.2}, {0.1, 0.2, -0.4, 0.9, 0.3}},
            {{1.5}, {0.3, -0.1, 0.2, 0.05, -0.2, 0.4, 0.1}}
        };
    }

    static double[] forward(double w, double[] x) {
        var h = new double[x.length + 1];
        for (int t = 1; t <= x.length; t++) h[t] = Math.tanh(w * h[t - 1] + x[t - 1]);
        return h;
    }

    static double truncated(double w, double[] x, int k) {
        var h = forward(w, x);
        double g = 1, grad = 0;
        for (int t = x.length; t > x.length - k; t--) {
            double a = g * (1 - h[t] * h[t]);
            grad += a * h[t - 1];
            g = a * w;
        }
        return grad;
    }

    static double finiteDifference(double w, double[] x) {
        double eps = 1e-6;
        return (forward(w + eps, x)[x.length] - forward(w - eps, x)[x.length]) / (2 * eps);
    }
}
