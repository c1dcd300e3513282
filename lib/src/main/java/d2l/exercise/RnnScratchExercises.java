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

    /** The reader's nucleus (top-p) sampling of an index from probabilities that sum to 1. */
    @FunctionalInterface
    public interface NucleusSampler {
        int sample(double[] probs, double p, Random rng);
    }

    /** Draws per hidden case: a right answer's frequencies lie within 6 standard deviations. */
    static final int DRAWS = 20_000;

    public static Check nucleusSampling(NucleusSampler answer) {
        return Exercise.check(
                "rnn-scratch-nucleus",
                1,
                new Text(
                        "over 20,000 draws per hidden case only the nucleus comes up, each index as often as its renormalised probability says, with an exact boundary, ties, p = 1 and a tiny p",
                        "qua 20.000 lần rút cho mỗi trường hợp ẩn chỉ các chỉ số của tập top-p xuất hiện, mỗi chỉ số đúng với xác suất đã chuẩn hoá lại của nó, kể cả khi tổng chạm đúng p, khi xác suất bằng nhau, khi p = 1 và khi p rất nhỏ"),
                new Text(
                        "order the indices by decreasing probability (equal ones by index), add their probabilities until the sum reaches p (stop at the last index: at p = 1 rounding can leave the sum just below 1), then draw among the kept ones in proportion to their probabilities.",
                        "hãy xếp các chỉ số theo xác suất giảm dần (bằng nhau thì theo chỉ số), cộng dồn xác suất cho tới khi tổng đạt p (dừng ở chỉ số cuối cùng: với p = 1, sai số làm tròn có thể để tổng thấp hơn 1 một chút), rồi rút trong các chỉ số được giữ theo tỉ lệ xác suất của chúng."),
                () -> {
                    requireTheGivenRng(answer, new double[] {0.05, 0.4, 0.1, 0.25, 0.2}, 0.7);
                    var rng = new Random(17);
                    checkNucleus(answer, new double[] {0.05, 0.4, 0.1, 0.25, 0.2}, 0.7, rng); // unsorted
                    checkNucleus(answer, new double[] {0.125, 0.25, 0.0625, 0.5, 0.0625}, 0.75, rng); // 0.5 + 0.25 = p
                    checkNucleus(answer, new double[] {0.125, 0.25, 0.125, 0.5}, 0.8, rng); // tie at the boundary
                    checkNucleus(answer, new double[] {0.3, 0.1, 0.4, 0.2}, 1, rng); // sums to 0.9999999999999999
                    checkNucleus(answer, new double[] {0.1, 0.4, 0.1, 0.4}, 1e-9, rng); // greedy, tie at the top
                });
    }

    /** The same seed must give the same draws: the answer draws with the Random it is given. */
    private static void requireTheGivenRng(NucleusSampler answer, double[] probs, double p) {
        var first = new Random(3);
        var second = new Random(3);
        for (int i = 0; i < 200; i++) {
            int a = answer.sample(probs.clone(), p, first);
            int b = answer.sample(probs.clone(), p, second);
            require(
                    a == b,
                    new Text(
                                    "two Randoms with the same seed gave different draws (%d and %d at draw %d)",
                                    "hai Random cùng seed cho ra các lần rút khác nhau (%d và %d ở lần rút thứ %d)")
                            .formatted(a, b, i + 1),
                    new Text(
                            "draw with the rng you are given, not Math.random() or a new Random: the same seed must give the same text.",
                            "hãy rút bằng rng được truyền vào, không dùng Math.random() hay một Random mới: cùng seed phải cho ra cùng văn bản."));
        }
    }

    private static void checkNucleus(NucleusSampler answer, double[] probs, double p, Random rng) {
        int[] nucleus = nucleus(probs, p, false);
        double mass = Arrays.stream(nucleus).mapToDouble(k -> probs[k]).sum();
        var counts = new int[probs.length];
        for (int i = 0; i < DRAWS; i++) {
            int k = answer.sample(probs.clone(), p, rng);
            require(
                    k >= 0 && k < probs.length,
                    new Text("you returned index %d for %d probabilities", "bạn trả về chỉ số %d cho %d xác suất")
                            .formatted(k, probs.length),
                    new Text(
                            "return an index of the original array, between 0 and probs.length - 1.",
                            "hãy trả về một chỉ số của mảng ban đầu, từ 0 tới probs.length - 1."));
            counts[k]++;
        }
        var where = new Text(
                        "with probabilities %s and p = %s (nucleus %s)", "với các xác suất %s và p = %s (tập top-p %s)")
                .formatted(Arrays.toString(probs), p, Arrays.toString(nucleus));
        for (int k = 0; k < probs.length; k++) {
            int index = k;
            if (Arrays.stream(nucleus).anyMatch(n -> n == index)) continue;
            require(
                    counts[k] == 0,
                    at(
                            where,
                            new Text(
                                            "index %d came up %d times in %d draws, but it is outside the nucleus",
                                            "chỉ số %d xuất hiện %d lần trong %d lần rút, nhưng nó nằm ngoài tập top-p")
                                    .formatted(k, counts[k], DRAWS)),
                    outsideHint(probs, p, nucleus, k));
        }
        for (int k : nucleus) { // each has a probability of at least 0.1 here: about 2,000 draws or more
            require(
                    counts[k] > 0,
                    at(
                            where,
                            new Text(
                                            "index %d never came up in %d draws, but it is in the nucleus",
                                            "chỉ số %d không xuất hiện lần nào trong %d lần rút, dù nó nằm trong tập top-p")
                                    .formatted(k, DRAWS)),
                    missingHint(nucleus, counts));
        }
        for (int k : nucleus) {
            double q = probs[k] / mass;
            double freq = counts[k] / (double) DRAWS;
            double sd = Math.sqrt(q * (1 - q) / DRAWS);
            require(
                    Math.abs(freq - q) <= 6 * sd + 1e-3,
                    at(
                            where,
                            new Text(
                                            "index %d came up in %.3f of the draws; renormalised over the nucleus its probability is %.3f",
                                            "chỉ số %d xuất hiện trong %.3f số lần rút; sau khi chuẩn hoá lại trên tập top-p, xác suất của nó là %.3f")
                                    .formatted(k, freq, q)),
                    new Text(
                            "divide the kept probabilities by their sum (or draw u uniform in [0, their sum)), so that the kept indices share all the probability in proportion.",
                            "hãy chia các xác suất được giữ cho tổng của chúng (hoặc rút u đều trong [0, tổng đó)), để các chỉ số được giữ chia nhau toàn bộ xác suất theo tỉ lệ."));
        }
    }

    private static Text at(Text where, Text what) {
        return new Text(where.en() + ", " + what.en(), where.vi() + ", " + what.vi());
    }

    /** Why an index of the nucleus never came up: always the same draw, or a nucleus cut short. */
    private static Text missingHint(int[] nucleus, int[] counts) {
        int only = -1;
        for (int k = 0; k < counts.length; k++) if (counts[k] == DRAWS) only = k;
        if (only == nucleus[0])
            return new Text(
                    "every draw gave the most likely index, but it does not reach p alone here: keep adding indices, in decreasing probability, until the sum does.",
                    "mọi lần rút đều ra chỉ số có xác suất lớn nhất, nhưng ở đây riêng nó chưa đạt p: hãy thêm tiếp các chỉ số, theo xác suất giảm dần, cho tới khi tổng đạt p.");
        if (only >= 0)
            return new Text(
                    "every draw gave index %d: draw a new number from rng at every call, and pick the kept index in whose share of the kept probability it falls."
                            .formatted(only),
                    "mọi lần rút đều ra chỉ số %d: hãy rút một số mới từ rng ở mỗi lần gọi, rồi chọn chỉ số được giữ mà số đó rơi vào phần xác suất của nó."
                            .formatted(only));
        return new Text(
                "the nucleus includes the index whose probability makes the sum reach p (at p = 1, every index).",
                "tập top-p gồm cả chỉ số mà xác suất của nó làm tổng đạt tới p (với p = 1 là mọi chỉ số).");
    }

    /** Why index k, outside the nucleus, should not come up: the likeliest mistake first. */
    private static Text outsideHint(double[] probs, double p, int[] nucleus, int k) {
        boolean tiedWithKept = Arrays.stream(nucleus).anyMatch(n -> probs[n] == probs[k] && n < k);
        if (tiedWithKept)
            return new Text(
                    "among equal probabilities the lower index comes first, and only as many are kept as the sum needs to reach p (a stable sort by decreasing probability keeps ties in index order).",
                    "giữa các xác suất bằng nhau, chỉ số nhỏ hơn đứng trước, và chỉ giữ vừa đủ để tổng đạt p (sắp xếp ổn định theo xác suất giảm dần giữ các giá trị bằng nhau theo thứ tự chỉ số).");
        if (nucleus.length == 1)
            return new Text(
                    "with a tiny p the most likely index alone reaches it: the draw is always that index, as in greedy decoding.",
                    "với p rất nhỏ, riêng chỉ số có xác suất lớn nhất đã đạt p: lần rút luôn ra chỉ số đó, như giải mã tham lam.");
        if (Arrays.stream(nucleus(probs, p, true)).anyMatch(n -> n == k))
            return new Text(
                    "the sum must reach at least p: stop adding as soon as it equals p, not only once it exceeds it.",
                    "tổng chỉ cần đạt ít nhất p: hãy dừng cộng ngay khi tổng bằng p, không đợi tới khi vượt p.");
        return new Text(
                "keep only the most likely indices: add their probabilities in decreasing order and stop once the sum reaches p.",
                "chỉ giữ các chỉ số có xác suất lớn nhất: cộng dồn xác suất của chúng theo thứ tự giảm dần và dừng khi tổng đạt p.");
    }

    /**
     * The smallest set of indices, most likely first (ties by index), whose probabilities sum to at
     * least p (more than p if {@code strict}); all of them if rounding keeps the sum below p.
     */
    static int[] nucleus(double[] probs, double p, boolean strict) {
        var order = java.util.stream.IntStream.range(0, probs.length)
                .boxed()
                .sorted((a, b) -> Double.compare(probs[b], probs[a]))
                .mapToInt(Integer::intValue)
                .toArray();
        int kept = 0;
        double total = 0;
        while (kept < order.length && (strict ? total <= p : total < p)) total += probs[order[kept++]];
        return Arrays.copyOf(order, kept);
    }
}
