package d2l.exercise;

import static d2l.exercise.Exercise.close;
import static d2l.exercise.Exercise.require;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Checks of the exercises of the rnn section. */
public final class RnnExercises {
    private RnnExercises() {}

    /** The reader's perplexity from the probabilities a model gave the true tokens. */
    @FunctionalInterface
    public interface Perplexity {
        double of(double[] probsOfTrueTokens);
    }

    public static Check perplexity(Perplexity answer) {
        return Exercise.check(
                "rnn-perplexity",
                1,
                new Text(
                        "exp of the mean negative log-probability: 1 for a perfect model, |V| for uniform guessing, infinite when a true token gets probability 0",
                        "hàm mũ của trung bình log xác suất âm: 1 với mô hình hoàn hảo, |V| khi đoán đều, vô cùng khi một token đúng có xác suất 0"),
                new Text(
                        "average -log(p) over the tokens, then take Math.exp of that average (not the average of exponentials).",
                        "hãy lấy trung bình của -log(p) trên các token, rồi lấy Math.exp của trung bình đó (không phải trung bình của các hàm mũ)."),
                () -> {
                    double[][] cases = {
                        {1, 1, 1},
                        filled(28, 1.0 / 28),
                        {0.9, 0.6, 0.8, 0.3},
                        {0.5},
                        {0.2, 0.1, 0.05, 0.4, 0.9},
                        {0.7, 0}
                    };
                    for (var p : cases) {
                        double expected = Math.exp(
                                -Arrays.stream(p).map(Math::log).average().orElseThrow());
                        double got = answer.of(p.clone());
                        require(
                                close(expected, got, 1e-9),
                                new Text(
                                                "for the probabilities %s you returned %.6g, the perplexity is %.6g",
                                                "với các xác suất %s bạn trả về %.6g, còn perplexity là %.6g")
                                        .formatted(p.length > 6 ? "1/28 (×28)" : Arrays.toString(p), got, expected),
                                Double.isInfinite(expected)
                                        ? new Text(
                                                "log(0) is -∞ in Java, so a true token with probability 0 makes the perplexity infinite: do not skip or clamp it.",
                                                "log(0) bằng -∞ trong Java, nên một token đúng có xác suất 0 làm perplexity thành vô cùng: đừng bỏ qua hay chặn nó.")
                                        : new Text(
                                                "perplexity = exp(-(1/n) Σ log p_t); a model that gives every true token probability 1 scores 1.",
                                                "perplexity = exp(-(1/n) Σ log p_t); mô hình gán xác suất 1 cho mọi token đúng đạt 1."));
                    }
                });
    }

    /** The reader's hidden-state update H_t = tanh(X_t W_xh + H_{t-1} W_hh + b_h). */
    @FunctionalInterface
    public interface RnnStep {
        INDArray step(INDArray x, INDArray h, INDArray wXh, INDArray wHh, INDArray bH);
    }

    public static Check rnnStep(RnnStep answer) {
        return Exercise.check(
                "rnn-step",
                1,
                new Text(
                        "tanh(X W_xh + H W_hh + b_h) with shape (batch, hidden), equal to the reference and to the concatenation trick on every hidden case",
                        "tanh(X W_xh + H W_hh + b_h) với kích thước (batch, hidden), bằng giá trị tham chiếu và bằng cách nối ma trận trên mọi trường hợp ẩn"),
                new Text(
                        "x.mmul(wXh).add(h.mmul(wHh)).addRowVector(bH), then Transforms.tanh (from org.nd4j.linalg.ops.transforms); do not change the arguments in place.",
                        "x.mmul(wXh).add(h.mmul(wHh)).addRowVector(bH), rồi Transforms.tanh (trong org.nd4j.linalg.ops.transforms); đừng sửa tại chỗ các đối số."),
                () -> {
                    Nd4j.getRandom().setSeed(31);
                    int[][] shapes = {{1, 3, 2}, {4, 5, 3}, {2, 28, 8}};
                    for (var s : shapes) {
                        int batch = s[0], inputs = s[1], hidden = s[2];
                        var x = Nd4j.randn(DataType.DOUBLE, batch, inputs);
                        var h = Nd4j.randn(DataType.DOUBLE, batch, hidden);
                        var wXh = Nd4j.randn(DataType.DOUBLE, inputs, hidden).muli(0.5);
                        var wHh = Nd4j.randn(DataType.DOUBLE, hidden, hidden).muli(0.5);
                        var b = Nd4j.randn(DataType.DOUBLE, 1, hidden).reshape(hidden);
                        var expected = Transforms.tanh(Nd4j.concat(1, x, h)
                                .mmul(Nd4j.concat(0, wXh, wHh))
                                .addRowVector(b));
                        var got = answer.step(x.dup(), h.dup(), wXh.dup(), wHh.dup(), b.dup());
                        require(
                                got != null && Arrays.equals(got.shape(), expected.shape()),
                                new Text(
                                                "for a batch of %d, %d inputs and %d hidden units your state has shape %s, it should be %s",
                                                "với batch %d, %d đầu vào và %d nút ẩn, trạng thái của bạn có kích thước %s, đúng ra phải là %s")
                                        .formatted(
                                                batch,
                                                inputs,
                                                hidden,
                                                got == null ? "null" : Arrays.toString(got.shape()),
                                                Arrays.toString(expected.shape())),
                                new Text(
                                        "X (batch × inputs) times W_xh (inputs × hidden) is batch × hidden; so is H times W_hh.",
                                        "X (batch × inputs) nhân W_xh (inputs × hidden) cho batch × hidden; H nhân W_hh cũng vậy."));
                        double diff = got.castTo(DataType.DOUBLE)
                                .sub(expected)
                                .amaxNumber()
                                .doubleValue();
                        require(
                                diff < 1e-6,
                                new Text(
                                                "for a batch of %d, %d inputs and %d hidden units your state differs from tanh(X W_xh + H W_hh + b_h) by up to %.3g",
                                                "với batch %d, %d đầu vào và %d nút ẩn, trạng thái của bạn lệch khỏi tanh(X W_xh + H W_hh + b_h) tới %.3g")
                                        .formatted(batch, inputs, hidden, diff),
                                new Text(
                                        "add the bias to every row (addRowVector) and apply tanh after the sum, not to each product.",
                                        "hãy cộng độ chệch vào mọi hàng (addRowVector) và áp dụng tanh sau phép cộng, không phải lên từng tích."));
                    }
                });
    }

    private static double[] filled(int n, double value) {
        var a = new double[n];
        Arrays.fill(a, value);
        return a;
    }
}
