package d2l.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabTest {
    private static final List<List<String>> LINES =
            List.of(List.of("b", "a", "c", "a"), List.of(), List.of("c", "d", "a"));

    @Test
    void unknownFirstThenByFrequencyWithTiesInFirstAppearanceOrder() {
        var vocab = new Vocab(LINES);
        // a: 3, c: 2, then b and d once each: b appeared first.
        assertEquals(List.of("<unk>", "a", "c", "b", "d"), vocab.tokens());
        assertEquals(5, vocab.size());
    }

    @Test
    void reservedTokensFollowUnknownAndMinFreqDropsRareTokens() {
        var vocab = new Vocab(LINES, 2, List.of("<pad>", "<bos>"));
        assertEquals(List.of("<unk>", "<pad>", "<bos>", "a", "c"), vocab.tokens());
        assertEquals(0, vocab.index("b"), "a token below minFreq is unknown");
        assertFalse(vocab.contains("d"));
    }

    @Test
    void mapsBothWays() {
        var vocab = new Vocab(LINES);
        assertArrayEquals(new int[] {1, 2, 0}, vocab.indices("a", "c", "zebra"));
        assertArrayEquals(new int[] {3, 4}, vocab.indices(List.of("b", "d")));
        assertEquals(List.of("a", "<unk>", "d"), vocab.tokens(1, 0, 4));
        assertEquals("c", vocab.token(vocab.index("c")));
        assertThrows(IndexOutOfBoundsException.class, () -> vocab.token(5));
    }

    @Test
    void tokenFrequenciesAreSortedAndCountEveryToken() {
        var vocab = new Vocab(LINES, 2, List.of());
        assertEquals(
                List.of(Map.entry("a", 3), Map.entry("c", 2), Map.entry("b", 1), Map.entry("d", 1)),
                vocab.tokenFrequencies());
    }

    @Test
    void tokenizerSplitsWordsAndCharacters() {
        assertEquals(List.of("the", "time", "machine"), Tokenizer.WORD.tokenize("the time  machine"));
        assertEquals(List.of(), Tokenizer.WORD.tokenize(""));
        assertEquals(List.of("a", " ", "b"), Tokenizer.CHAR.tokenize("a b"));
        assertEquals(List.of(), Tokenizer.CHAR.tokenize(""));
        assertEquals(List.of("a", "b", "c"), Tokenizer.WORD.flatten(List.of("a b", "", "c")));
    }

    @Test
    void rejectsNegativeMinFreq() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Vocab(LINES, -1, List.of()));
        assertEquals("minFreq must be >= 0, got -1", e.getMessage());
    }
}
