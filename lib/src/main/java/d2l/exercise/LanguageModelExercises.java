package d2l.exercise;

import static d2l.exercise.Exercise.close;
import static d2l.exercise.Exercise.require;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks of the exercises of the language-models-and-dataset section. */
public final class LanguageModelExercises {
    private LanguageModelExercises() {}

    /** The reader's Laplace-smoothed bigram probability P(b | a); bigram counts are keyed "a b". */
    @FunctionalInterface
    public interface SmoothedBigram {
        double probability(
                Map<String, Integer> unigrams, Map<String, Integer> bigrams, String a, String b, double alpha);
    }

    public static Check laplaceBigram(SmoothedBigram answer) {
        return Exercise.check(
                "lm-laplace-bigram",
                1,
                new Text(
                        "(n(a, b) + alpha) / (n(a) + alpha |V|): positive for unseen pairs, summing to 1 over the vocabulary, relative frequencies at alpha = 0",
                        "(n(a, b) + alpha) / (n(a) + alpha |V|): dương với các cặp chưa gặp, có tổng bằng 1 trên bộ từ vựng, và bằng tần số tương đối khi alpha = 0"),
                new Text(
                        "|V| is the number of distinct words (unigrams.size()); a missing count is 0 (getOrDefault).",
                        "|V| là số từ khác nhau (unigrams.size()); số đếm không có trong map thì bằng 0 (getOrDefault)."),
                () -> {
                    var words = List.of("the time traveller said the time machine is the machine".split(" "));
                    var unigrams = new LinkedHashMap<String, Integer>();
                    var bigrams = new LinkedHashMap<String, Integer>();
                    for (int i = 0; i < words.size(); i++) {
                        unigrams.merge(words.get(i), 1, Integer::sum);
                        if (i + 1 < words.size()) bigrams.merge(words.get(i) + " " + words.get(i + 1), 1, Integer::sum);
                    }
                    for (double alpha : new double[] {0, 0.5, 1}) {
                        for (var a : List.of("the", "time", "said")) {
                            double total = 0;
                            for (var b : unigrams.keySet()) {
                                double expected = (bigrams.getOrDefault(a + " " + b, 0) + alpha)
                                        / (unigrams.get(a) + alpha * unigrams.size());
                                double got = answer.probability(Map.copyOf(unigrams), Map.copyOf(bigrams), a, b, alpha);
                                total += got;
                                require(
                                        close(expected, got, 1e-9),
                                        new Text(
                                                        "P(%s | %s) with alpha = %s is %.6g, yours is %.6g",
                                                        "P(%s | %s) với alpha = %s bằng %.6g, của bạn là %.6g")
                                                .formatted(b, a, alpha, expected, got),
                                        alpha == 0
                                                ? new Text(
                                                        "with alpha = 0 it is the plain relative frequency n(a, b) / n(a).",
                                                        "với alpha = 0 đó chính là tần số tương đối n(a, b) / n(a).")
                                                : new Text(
                                                        "add alpha once to the numerator and alpha times |V| to the denominator, so the probabilities still sum to 1.",
                                                        "hãy cộng alpha một lần vào tử số và alpha nhân |V| vào mẫu số, để tổng các xác suất vẫn bằng 1."));
                            }
                            require(
                                    close(1, total, 1e-9),
                                    new Text(
                                                    "P(· | %s) sums to %.6g over the vocabulary, not 1",
                                                    "P(· | %s) có tổng %.6g trên bộ từ vựng, không phải 1")
                                            .formatted(a, total),
                                    new Text(
                                            "the denominator must be n(a) + alpha |V|.",
                                            "mẫu số phải là n(a) + alpha |V|."));
                        }
                    }
                });
    }

    /** The reader's start positions of random sampling's subsequences after a random offset. */
    @FunctionalInterface
    public interface SubsequenceStarts {
        int[] starts(int corpusLength, int numSteps, int offset);
    }

    public static Check subsequenceStarts(SubsequenceStarts answer) {
        return Exercise.check(
                "lm-subsequence-starts",
                1,
                new Text(
                        "every subsequence after the offset, none overlapping, each with a full label sequence inside the corpus",
                        "mọi chuỗi con sau độ lệch, không chồng lên nhau, chuỗi nào cũng có đủ chuỗi nhãn nằm trong kho ngữ liệu"),
                new Text(
                        "the starts are offset, offset + numSteps, offset + 2 numSteps, … as long as start + numSteps < corpusLength (the labels are the inputs shifted by one).",
                        "các điểm bắt đầu là offset, offset + numSteps, offset + 2 numSteps, … chừng nào start + numSteps < corpusLength (nhãn là đầu vào dịch đi một vị trí)."),
                () -> {
                    int[][] cases = {
                        {35, 5, 0}, {35, 5, 4}, {36, 5, 0}, {10, 3, 2}, {6, 5, 0}, {6, 5, 1}, {1000, 35, 17}
                    };
                    for (var c : cases) {
                        int length = c[0], steps = c[1], offset = c[2];
                        int count = (length - offset - 1) / steps;
                        var expected = new int[count];
                        for (int i = 0; i < count; i++) expected[i] = offset + i * steps;
                        var got = answer.starts(length, steps, offset);
                        if (got != null) got = got.clone();
                        require(
                                got != null && Arrays.equals(expected, got),
                                new Text(
                                                "for a corpus of %d tokens, numSteps = %d and offset = %d you returned %s, the subsequences start at %s",
                                                "với kho ngữ liệu %d token, numSteps = %d và offset = %d bạn trả về %s, còn các chuỗi con bắt đầu ở %s")
                                        .formatted(
                                                length, steps, offset, Arrays.toString(got), Arrays.toString(expected)),
                                got != null && got.length == expected.length + 1
                                        ? new Text(
                                                "your last subsequence has no room for its labels: its label sequence ends at start + numSteps, which must be a valid index.",
                                                "chuỗi con cuối của bạn không đủ chỗ cho nhãn: chuỗi nhãn kết thúc ở start + numSteps, vị trí này phải là chỉ số hợp lệ.")
                                        : new Text(
                                                "there are (corpusLength - offset - 1) / numSteps subsequences (integer division).",
                                                "có (corpusLength - offset - 1) / numSteps chuỗi con (phép chia nguyên)."));
                    }
                });
    }
}
