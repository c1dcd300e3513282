package d2l.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * n-gram statistics of a token sequence, for the language-model section: how often each run of
 * n consecutive tokens occurs. An n-gram is written as its tokens joined by single spaces
 * ("of the"), which keeps the frequency lists easy to print, tabulate and plot.
 */
public final class NGrams {
    private NGrams() {}

    /**
     * Counts of every n-gram in {@code tokens}, most frequent first; equal counts in order of
     * first appearance.
     */
    public static List<Map.Entry<String, Integer>> count(List<String> tokens, int n) {
        if (n < 1) throw new IllegalArgumentException("n-grams need n >= 1, got " + n);
        List<String> grams = new ArrayList<>(Math.max(0, tokens.size() - n + 1));
        for (int i = 0; i + n <= tokens.size(); i++) grams.add(String.join(" ", tokens.subList(i, i + n)));
        return TokenCounter.sortedCounts(grams);
    }

    public static List<Map.Entry<String, Integer>> unigrams(List<String> tokens) {
        return count(tokens, 1);
    }

    public static List<Map.Entry<String, Integer>> bigrams(List<String> tokens) {
        return count(tokens, 2);
    }

    public static List<Map.Entry<String, Integer>> trigrams(List<String> tokens) {
        return count(tokens, 3);
    }

    /** Just the counts of a frequency list, in its order: the y values of a Zipf plot. */
    public static double[] frequencies(List<Map.Entry<String, Integer>> counts) {
        return counts.stream().mapToDouble(Map.Entry::getValue).toArray();
    }
}
