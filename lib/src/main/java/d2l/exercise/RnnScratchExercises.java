package d2l.exercise;

import static d2l.exercise.Exercise.close;
import static d2l.exercise.Exercise.require;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Checks of the exercises of the rnn-scratch section. */
public final class RnnScratchExercises {
    private RnnScratchExercises() {}

    /** The reader's gradient clipping, in place, by the norm over all the gradients together. */
    @FunctionalInterface
    public interface Clipping {
        void clip(INDArray[] grads, double theta);
    }

    public static Check clipGradients(Clipping answer) {
        return Exercise.check(
                "rnn-scratch-clip",
                1,
                new Text(
                        "gradients with a joint norm above theta are scaled to norm theta, direction kept; smaller ones are left alone",
                        "các gradient có chuẩn chung lớn hơn theta được co về chuẩn theta, giữ nguyên hướng; gradient nhỏ hơn được để nguyên"),
                new Text(
                        "the norm is sqrt of the sum of squares over every entry of every array; when it exceeds theta, multiply every array in place by theta / norm (muli).",
                        "chuẩn là căn bậc hai của tổng bình phương mọi phần tử của mọi mảng; khi nó vượt theta, hãy nhân tại chỗ mọi mảng với theta / chuẩn (muli)."),
                () -> {
                    Nd4j.getRandom().setSeed(5);
                    double[] thetas = {1, 0.5, 100};
                    for (double theta : thetas) {
                        INDArray[] grads = {
                            Nd4j.randn(DataType.DOUBLE, 3, 4),
                            Nd4j.randn(DataType.DOUBLE, 4),
                            Nd4j.randn(DataType.DOUBLE, 2, 2).muli(3)
                        };
                        var before = Arrays.stream(grads).map(INDArray::dup).toArray(INDArray[]::new);
                        double norm = norm(before);
                        answer.clip(grads, theta);
                        double after = norm(grads);
                        double scale = Math.min(1, theta / norm);
                        require(
                                close(norm * scale, after, 1e-9),
                                new Text(
                                                "gradients of joint norm %.4g clipped at theta = %s have norm %.4g, they should have %.4g",
                                                "các gradient có chuẩn chung %.4g sau khi gọt với theta = %s có chuẩn %.4g, đúng ra phải là %.4g")
                                        .formatted(norm, theta, after, norm * scale),
                                norm <= theta
                                        ? new Text(
                                                "when the norm is at most theta, leave the gradients unchanged.",
                                                "khi chuẩn không vượt quá theta, hãy để nguyên các gradient.")
                                        : new Text(
                                                "compute one norm over all the arrays together (not one per array), and change the arrays in place: the caller keeps using them.",
                                                "hãy tính một chuẩn chung cho mọi mảng (không phải từng mảng một), và sửa các mảng tại chỗ: nơi gọi vẫn dùng chúng."));
                        for (int i = 0; i < grads.length; i++) {
                            double diff = grads[i].sub(before[i].mul(scale))
                                    .amaxNumber()
                                    .doubleValue();
                            require(
                                    diff < 1e-9,
                                    new Text(
                                                    "array %d changed direction when clipped at theta = %s (off by up to %.3g)",
                                                    "mảng %d bị đổi hướng khi gọt với theta = %s (lệch tới %.3g)")
                                            .formatted(i, theta, diff),
                                    new Text(
                                            "scale every array by the same factor theta / norm.",
                                            "hãy co mọi mảng theo cùng một hệ số theta / chuẩn."));
                        }
                    }
                });
    }

    static double norm(INDArray[] arrays) {
        double sum = 0;
        for (var a : arrays)
            sum += a.castTo(DataType.DOUBLE)
                    .mul(a.castTo(DataType.DOUBLE))
                    .sumNumber()
                    .doubleValue();
        return Math.sqrt(sum);
    }

    /** The reader's sampling of a token index from logits divided by a temperature. */
    @FunctionalInterface
    public interface TemperatureSampler {
        int sample(double[] logits, double temperature, Random rng);
    }

    public static Check temperatureSampling(TemperatureSampler answer) {
        return Exercise.check(
                "rnn-scratch-temperature",
                1,
                new Text(
                        "over 20,000 draws each index comes up as often as softmax(logits / temperature) says, at every hidden temperature",
                        "qua 20.000 lần rút, số lần mỗi chỉ số xuất hiện khớp với softmax(logits / temperature), ở mọi nhiệt độ ẩn"),
                new Text(
                        "divide the logits by the temperature, take the softmax (subtract the largest logit before exp), then walk the cumulative sum until it passes rng.nextDouble().",
                        "hãy chia logit cho nhiệt độ, lấy softmax (trừ logit lớn nhất trước khi lấy exp), rồi cộng dồn xác suất cho tới khi vượt rng.nextDouble()."),
                () -> {
                    double[] logits = {2.0, 1.0, 0.1, -1.0, 0.5};
                    var rng = new Random(17);
                    for (double temperature : new double[] {1, 0.5, 2, 0.05}) {
                        var p = softmax(logits, temperature);
                        int draws = 20_000;
                        var counts = new int[logits.length];
                        for (int i = 0; i < draws; i++) {
                            int k = answer.sample(logits.clone(), temperature, rng);
                            require(
                                    k >= 0 && k < logits.length,
                                    new Text("you returned index %d for %d logits", "bạn trả về chỉ số %d cho %d logit")
                                            .formatted(k, logits.length),
                                    new Text(
                                            "return an index between 0 and logits.length - 1.",
                                            "hãy trả về một chỉ số từ 0 tới logits.length - 1."));
                            counts[k]++;
                        }
                        for (int k = 0; k < logits.length; k++) {
                            double freq = counts[k] / (double) draws;
                            double sd = Math.sqrt(p[k] * (1 - p[k]) / draws);
                            require(
                                    Math.abs(freq - p[k]) <= 5 * sd + 1e-3,
                                    new Text(
                                                    "at temperature %s index %d came up in %.3f of the draws, softmax(logits / temperature) gives it %.3f",
                                                    "ở nhiệt độ %s chỉ số %d xuất hiện trong %.3f số lần rút, còn softmax(logits / temperature) cho nó %.3f")
                                            .formatted(temperature, k, freq, p[k]),
                                    temperature == 1
                                            ? new Text(
                                                    "at temperature 1 the probabilities are the plain softmax of the logits.",
                                                    "ở nhiệt độ 1 các xác suất chính là softmax của logit.")
                                            : new Text(
                                                    "divide the logits by the temperature (not multiply): a low temperature sharpens the distribution towards the largest logit.",
                                                    "hãy chia logit cho nhiệt độ (không phải nhân): nhiệt độ thấp làm phân phối dồn về logit lớn nhất."));
                        }
                    }
                });
    }

    static double[] softmax(double[] logits, double temperature) {
        double max = Arrays.stream(logits).max().orElseThrow();
        var e = Arrays.stream(logits)
                .map(v -> Math.exp((v - max) / temperature))
                .toArray();
        double sum = Arrays.stream(e).sum();
        return Arrays.stream(e).map(v -> v / sum).toArray();
    }
}
