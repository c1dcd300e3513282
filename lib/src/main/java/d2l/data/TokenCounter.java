package d2l.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts how often each token occurs and lists the counts from most to least frequent. Ties keep
 * the order in which the tokens first appeared, so the listing is the same on every run.
 */
public final class TokenCounter {
    private TokenCounter() {}

    /** Counts of the tokens, most frequent first; equal counts in order of first appearance. */
    public static List<Map.Entry<String, Integer>> sortedCounts(Iterable<String> tokens) {
        Map<String, Integer> counts = new LinkedHashMap<>(); // insertion order = first appearance
        for (String token : tokens) counts.merge(token, 1, Integer::sum);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>();
        counts.forEach((token, count) -> sorted.add(Map.entry(token, count)));
        // List.sort is stable, so ties stay in first-appearance order.
        sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        return List.copyOf(sorted);
    }

    /** Counts over several token lists taken in order, as if they were one flat list. */
    public static List<Map.Entry<String, Integer>> sortedCountsOfLines(Collection<? extends List<String>> lines) {
        return sortedCounts(() -> lines.stream().flatMap(List::stream).iterator());
    }
}
