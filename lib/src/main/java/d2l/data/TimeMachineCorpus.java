package d2l.data;

import java.util.Arrays;
import java.util.List;

/**
 * <i>The Time Machine</i> as one long sequence of token indices, with the vocabulary that
 * produced them. At character level the whole book is 170,580 tokens over 28 vocabulary entries.
 *
 * @param indices the corpus: the index of every token of the book in reading order
 * @param vocab the vocabulary built from those tokens
 */
public record TimeMachineCorpus(int[] indices, Vocab vocab) {
    /** Pass as {@code maxTokens} to keep the whole book. */
    public static final int ALL_TOKENS = -1;

    /** The whole book or its first {@code maxTokens} characters, with a character vocabulary. */
    public static TimeMachineCorpus load(int maxTokens) {
        return of(new TimeMachine().readLines(), Tokenizer.CHAR, maxTokens);
    }

    /**
     * The corpus of the given preprocessed lines. The vocabulary is built from all tokens of the
     * lines; {@code maxTokens} (positive, or {@link #ALL_TOKENS}) only shortens the index sequence.
     */
    public static TimeMachineCorpus of(List<String> lines, Tokenizer tokenizer, int maxTokens) {
        if (maxTokens <= 0 && maxTokens != ALL_TOKENS) {
            throw new IllegalArgumentException(
                    "maxTokens must be positive, or TimeMachineCorpus.ALL_TOKENS (-1) for the whole book; got "
                            + maxTokens);
        }
        List<List<String>> tokens = tokenizer.tokenize(lines);
        Vocab vocab = new Vocab(tokens);
        int[] indices =
                tokens.stream().flatMap(List::stream).mapToInt(vocab::index).toArray();
        if (maxTokens != ALL_TOKENS && maxTokens < indices.length) indices = Arrays.copyOf(indices, maxTokens);
        return new TimeMachineCorpus(indices, vocab);
    }

    /** Number of tokens in the corpus. */
    public int size() {
        return indices.length;
    }
}
