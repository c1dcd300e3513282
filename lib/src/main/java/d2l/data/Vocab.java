package d2l.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A vocabulary: maps tokens to indices and back.
 *
 * <p>Index 0 is the unknown token {@code <unk>}, then the reserved tokens in the order given,
 * then every token seen at least {@code minFreq} times, most frequent first. Tokens with equal
 * frequency keep the order in which they first appear in the corpus, so the same text always
 * yields the same indices. Any token not in the vocabulary maps to {@code <unk>}.
 */
public final class Vocab {
    public static final String UNKNOWN = "<unk>";

    private final List<String> indexToToken = new ArrayList<>();
    private final Map<String, Integer> tokenToIndex = new HashMap<>();
    private final List<Map.Entry<String, Integer>> tokenFrequencies;

    /** Every token, no reserved tokens. */
    public Vocab(List<? extends List<String>> lines) {
        this(lines, 0, List.of());
    }

    /**
     * @param lines tokens, one list per line (or a single list holding the whole corpus)
     * @param minFreq tokens seen fewer times than this become {@code <unk>}
     * @param reserved tokens placed right after {@code <unk>}, such as {@code <pad>} or {@code <bos>}
     */
    public Vocab(List<? extends List<String>> lines, int minFreq, List<String> reserved) {
        if (minFreq < 0) throw new IllegalArgumentException("minFreq must be >= 0, got " + minFreq);
        tokenFrequencies = TokenCounter.sortedCountsOfLines(lines);
        add(UNKNOWN);
        reserved.forEach(this::add);
        for (var entry : tokenFrequencies) {
            if (entry.getValue() >= minFreq) add(entry.getKey());
        }
    }

    private void add(String token) {
        if (tokenToIndex.putIfAbsent(token, indexToToken.size()) == null) indexToToken.add(token);
    }

    /** Number of distinct tokens, {@code <unk>} and reserved tokens included. */
    public int size() {
        return indexToToken.size();
    }

    /** The index of {@code <unk>}: 0. */
    public int unk() {
        return 0;
    }

    /** The index of a token, or {@link #unk()} if it is not in the vocabulary. */
    public int index(String token) {
        return tokenToIndex.getOrDefault(token, unk());
    }

    /** The indices of several tokens. */
    public int[] indices(List<String> tokens) {
        return tokens.stream().mapToInt(this::index).toArray();
    }

    /** The indices of several tokens. */
    public int[] indices(String... tokens) {
        return indices(Arrays.asList(tokens));
    }

    /** Whether the token has its own index (is not mapped to {@code <unk>}). */
    public boolean contains(String token) {
        return tokenToIndex.containsKey(token);
    }

    /** The token at an index. */
    public String token(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("token index " + index + " outside vocabulary of size " + size());
        }
        return indexToToken.get(index);
    }

    /** The tokens at several indices. */
    public List<String> tokens(int... indices) {
        return Arrays.stream(indices).mapToObj(this::token).toList();
    }

    /** All tokens in index order. */
    public List<String> tokens() {
        return List.copyOf(indexToToken);
    }

    /**
     * How often each corpus token occurred (before {@code minFreq} filtering), most frequent first,
     * ties in order of first appearance.
     */
    public List<Map.Entry<String, Integer>> tokenFrequencies() {
        return tokenFrequencies;
    }

    @Override
    public String toString() {
        return "Vocab(size=" + size() + ", first=" + indexToToken.subList(0, Math.min(10, size())) + ")";
    }
}
