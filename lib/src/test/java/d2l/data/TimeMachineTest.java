package d2l.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The real book from D2L_DATA (the build points it at the shared data directory). */
class TimeMachineTest {
    private static final List<String> LINES = new TimeMachine().readLines();

    @Test
    void hasTheChaptersLineCount() {
        assertEquals(3221, LINES.size());
        assertEquals("the time machine by h g wells", LINES.get(0));
    }

    @Test
    void linesHoldOnlyLowerCaseLettersAndSingleSpaces() {
        for (String line : LINES) {
            assertTrue(line.matches("([a-z]+( [a-z]+)*)?"), () -> "badly preprocessed: '" + line + "'");
        }
        assertTrue(LINES.contains(""), "empty lines are kept");
    }

    @Test
    void preprocessReplacesRunsOfNonLettersAndLowerCases() {
        assertEquals("it s no", TimeMachine.preprocess("  It's -- No!"));
        assertEquals("the time traveller for so it will", TimeMachine.preprocess("The Time Traveller (for so it will"));
        assertEquals("", TimeMachine.preprocess(" 1894. "));
    }

    @Test
    void characterCorpusHasTheChaptersSize() {
        var corpus = TimeMachineCorpus.of(LINES, Tokenizer.CHAR, TimeMachineCorpus.ALL_TOKENS);
        assertEquals(170_580, corpus.size());
        assertEquals(28, corpus.vocab().size());
        assertEquals(" ", corpus.vocab().token(1), "space is the most frequent character");
        assertEquals("e", corpus.vocab().token(2));
    }

    @Test
    void maxTokensShortensTheCorpusButNotTheVocab() {
        var corpus = TimeMachineCorpus.of(LINES, Tokenizer.CHAR, 10_000);
        assertEquals(10_000, corpus.size());
        assertEquals(28, corpus.vocab().size());
        assertEquals(
                "the time m", String.join("", corpus.vocab().tokens(java.util.Arrays.copyOf(corpus.indices(), 10))));
    }

    @Test
    void wordVocabularyStartsWithTheMostFrequentWords() {
        var vocab = new Vocab(Tokenizer.WORD.tokenize(LINES));
        assertEquals(List.of("<unk>", "the", "i", "and", "of"), vocab.tokens().subList(0, 5));
        assertEquals(4580, vocab.size());
        assertEquals(2261, vocab.tokenFrequencies().get(0).getValue());
    }
}
