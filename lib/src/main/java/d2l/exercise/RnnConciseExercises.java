package d2l.exercise;

import static d2l.exercise.Exercise.require;

import d2l.rnn.OneHot;
import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks of the exercises of the rnn-concise section. */
public final class RnnConciseExercises {
    private RnnConciseExercises() {}

    /** The reader's time-major one-hot encoding: (numSteps, batchSize, vocabSize). */
    @FunctionalInterface
    public interface TimeMajorOneHot {
        INDArray encode(int[][] minibatch, int vocabSize);
    }

    public static Check timeMajorOneHot(TimeMajorOneHot answer) {
        return Exercise.check(
                "rnn-concise-one-hot",
                1,
                new Text(
                        "shape (steps, batch, vocab), a single 1 at [t, b, minibatch[b][t]], equal to the library's OneHot.timeMajor",
                        "kích thước (steps, batch, vocab), đúng một số 1 ở [t, b, minibatch[b][t]], bằng OneHot.timeMajor của thư viện"),
                new Text(
                        "create Nd4j.zeros(DataType.FLOAT, steps, batch, vocabSize) and putScalar(new int[] {t, b, minibatch[b][t]}, 1) for every sequence b and step t.",
                        "hãy tạo Nd4j.zeros(DataType.FLOAT, steps, batch, vocabSize) rồi putScalar(new int[] {t, b, minibatch[b][t]}, 1) với mọi chuỗi b và bước t."),
                () -> {
                    var rng = new Random(11);
                    int[][] sizes = {{2, 3, 5}, {1, 4, 28}, {3, 1, 4}};
                    for (var s : sizes) {
                        int batch = s[0], steps = s[1], vocab = s[2];
                        var minibatch = new int[batch][];
                        for (int b = 0; b < batch; b++)
                            minibatch[b] = rng.ints(steps, 0, vocab).toArray();
                        var expected = OneHot.timeMajor(minibatch, vocab)
                                .reshape(steps, batch, vocab)
                                .castTo(DataType.DOUBLE);
                        var got = answer.encode(
                                Arrays.stream(minibatch).map(int[]::clone).toArray(int[][]::new), vocab);
                        require(
                                got != null && Arrays.equals(got.shape(), expected.shape()),
                                new Text(
                                                "for %d sequences of %d steps over %d tokens your array has shape %s, it should be %s",
                                                "với %d chuỗi dài %d bước trên %d token, mảng của bạn có kích thước %s, đúng ra phải là %s")
                                        .formatted(
                                                batch,
                                                steps,
                                                vocab,
                                                got == null ? "null" : Arrays.toString(got.shape()),
                                                Arrays.toString(expected.shape())),
                                new Text(
                                        "time-major means the step comes first: (numSteps, batchSize, vocabSize), the transpose of the minibatch's (batch, steps).",
                                        "theo thứ tự thời gian trước nghĩa là bước thời gian đứng đầu: (numSteps, batchSize, vocabSize), chuyển vị của (batch, steps) trong minibatch."));
                        double diff = got.castTo(DataType.DOUBLE)
                                .sub(expected)
                                .amaxNumber()
                                .doubleValue();
                        require(
                                diff == 0,
                                new Text(
                                                "for %d sequences of %d steps your array has the right shape but not the right 1s (the minibatch was %s)",
                                                "với %d chuỗi dài %d bước, mảng của bạn đúng kích thước nhưng các số 1 sai chỗ (minibatch là %s)")
                                        .formatted(batch, steps, Arrays.deepToString(minibatch)),
                                new Text(
                                        "entry [t, b, v] is 1 exactly when minibatch[b][t] == v: mind the order of t and b.",
                                        "phần tử [t, b, v] bằng 1 khi và chỉ khi minibatch[b][t] == v: hãy để ý thứ tự của t và b."));
                    }
                });
    }

    /** The reader's number of parameters of a one-layer RNN language model. */
    @FunctionalInterface
    public interface ParameterCount {
        long count(int vocabSize, int numHiddens);
    }

    public static Check parameterCount(ParameterCount answer) {
        return Exercise.check(
                "rnn-concise-parameters",
                1,
                new Text(
                        "|V| h + h h + h for the recurrent layer plus h |V| + |V| for the output layer, for every hidden size",
                        "|V| h + h h + h cho tầng hồi tiếp cộng h |V| + |V| cho tầng đầu ra, với mọi kích thước ẩn"),
                new Text(
                        "count W_xh (|V| × h), W_hh (h × h), b_h (h), W_hq (h × |V|) and b_q (|V|); the sequence length does not appear.",
                        "hãy đếm W_xh (|V| × h), W_hh (h × h), b_h (h), W_hq (h × |V|) và b_q (|V|); độ dài chuỗi không xuất hiện."),
                () -> {
                    int[][] cases = {{28, 256}, {28, 512}, {5, 1}, {1000, 64}, {30000, 1024}};
                    for (var c : cases) {
                        long v = c[0], h = c[1];
                        long expected = v * h + h * h + h + h * v + v;
                        long got = answer.count(c[0], c[1]);
                        require(
                                got == expected,
                                new Text(
                                                "with |V| = %d and h = %d you counted %d parameters, there are %d",
                                                "với |V| = %d và h = %d bạn đếm được %d tham số, thực tế có %d")
                                        .formatted(v, h, got, expected),
                                got == expected - h - v
                                        ? new Text(
                                                "you left out the two bias vectors, b_h and b_q.",
                                                "bạn bỏ sót hai vector độ chệch, b_h và b_q.")
                                        : new Text(
                                                "five arrays: two input-side matrices, one recurrent matrix, two biases; compute in long to avoid overflow.",
                                                "năm mảng: hai ma trận phía vào/ra, một ma trận hồi tiếp, hai độ chệch; hãy tính bằng long để tránh tràn số."));
                    }
                });
    }
}
