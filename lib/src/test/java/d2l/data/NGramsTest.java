package d2l.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NGramsTest {
    /** The book's words in reading order, across line breaks, as the chapter counts them. */
    private static final List<String> WORDS = Tokenizer.WORD.flatten(new TimeMachine().readLines());

    @Test
    void mostFrequentWordsMatchTheChapter() {
        var unigrams = NGrams.unigrams(WORDS);
        assertEquals(
                List.of(Map.entry("the", 2261), Map.entry("i", 1267), Map.entry("and", 1245), Map.entry("of", 1155)),
                unigrams.subList(0, 4));
        assertEquals(4579, unigrams.size());
        assertEquals(
                WORDS.size(), unigrams.stream().mapToInt(Map.Entry::getValue).sum());
    }

    @Test
    void mostFrequentBigramAndTrigramMatchTheChapter() {
        assertEquals(Map.entry("of the", 309), NGrams.bigrams(WORDS).get(0));
        assertEquals(Map.entry("the time traveller", 59), NGrams.trigrams(WORDS).get(0));
    }

    @Test
    void frequencyListsAreSortedDescending() {
        for (int n = 1; n <= 3; n++) {
            double[] f = NGrams.frequencies(NGrams.count(WORDS, n));
            for (int i = 1; i < f.length; i++) assertTrue(f[i - 1] >= f[i], "n=" + n + " at " + i);
        }
    }

    @Test
    void countsOverlappingRunsOnASmallSequence() {
        var tokens = List.of("a", "b", "a", "b", "c");
        assertEquals(List.of(Map.entry("a b", 2), Map.entry("b a", 1), Map.entry("b c", 1)), NGrams.bigrams(tokens));
        assertEquals(
                List.of(Map.entry("a b a", 1), Map.entry("b a b", 1), Map.entry("a b c", 1)), NGrams.trigrams(tokens));
        assertEquals(List.of(), NGrams.count(List.of("a"), 2));
        assertArrayEquals(new double[] {2, 1, 1}, NGrams.frequencies(NGrams.bigrams(tokens)));
        assertThrows(IllegalArgumentException.class, () -> NGrams.count(tokens, 0));
    }
}
