package d2l.data;

import java.util.Arrays;

/**
 * Everything a character-level language model trains on: the minibatch loader over
 * <i>The Time Machine</i>, its vocabulary, the corpus behind them and, when asked for, a
 * validation loader over the text that follows the training part.
 *
 * @param loader     training minibatches
 * @param vocab      the character vocabulary, built from the whole book as the chapter builds it (28 tokens)
 * @param corpus     the training tokens
 * @param validation validation minibatches, or null when the data was loaded without a validation part
 */
public record TimeMachineData(SeqDataLoader loader, Vocab vocab, int[] corpus, SeqDataLoader validation) {
    /** Seed used when none is given, so notebooks are reproducible. */
    public static final long DEFAULT_SEED = 42;

    /** Training data only (no validation part). */
    public TimeMachineData(SeqDataLoader loader, Vocab vocab, int[] corpus) {
        this(loader, vocab, corpus, null);
    }

    /**
     * The book at character level, first {@code maxTokens} tokens (or
     * {@link TimeMachineCorpus#ALL_TOKENS}), cut into batchSize x numSteps minibatches.
     */
    public static TimeMachineData load(int batchSize, int numSteps, Sampling sampling, int maxTokens) {
        return load(batchSize, numSteps, sampling, maxTokens, DEFAULT_SEED);
    }

    public static TimeMachineData load(int batchSize, int numSteps, Sampling sampling, int maxTokens, long seed) {
        TimeMachineCorpus corpus = TimeMachineCorpus.load(maxTokens);
        var loader = new SeqDataLoader(corpus.indices(), batchSize, numSteps, sampling, seed);
        return new TimeMachineData(loader, corpus.vocab(), corpus.indices());
    }

    /**
     * Training on the book's first {@code trainTokens} tokens, validation on the {@code validTokens}
     * that follow them. Both are cut the same way ({@code sampling}); the validation loader is
     * {@link SeqDataLoader#fixed fixed}, so every evaluation sees the same minibatches. The
     * vocabulary is the chapter's, built from the whole book.
     */
    public static TimeMachineData load(
            int batchSize, int numSteps, Sampling sampling, int trainTokens, int validTokens) {
        return load(batchSize, numSteps, sampling, trainTokens, validTokens, DEFAULT_SEED);
    }

    /** As {@link #load(int, int, Sampling, int, int)} with the training loader's seed. */
    public static TimeMachineData load(
            int batchSize, int numSteps, Sampling sampling, int trainTokens, int validTokens, long seed) {
        if (trainTokens < 1 || validTokens < 1) {
            throw new IllegalArgumentException(
                    "trainTokens and validTokens must be positive, got " + trainTokens + " and " + validTokens);
        }
        TimeMachineCorpus book = TimeMachineCorpus.load(TimeMachineCorpus.ALL_TOKENS);
        int[] all = book.indices();
        if ((long) trainTokens + validTokens > all.length) {
            throw new IllegalArgumentException("the book has " + all.length + " tokens, fewer than the " + trainTokens
                    + " + " + validTokens + " asked for; ask for fewer tokens");
        }
        int[] train = Arrays.copyOfRange(all, 0, trainTokens);
        int[] valid = Arrays.copyOfRange(all, trainTokens, trainTokens + validTokens);
        return new TimeMachineData(
                new SeqDataLoader(train, batchSize, numSteps, sampling, seed),
                book.vocab(),
                train,
                SeqDataLoader.fixed(valid, batchSize, numSteps, sampling, seed));
    }

    /** The validation minibatches; only for data loaded with a validation part. */
    @Override
    public SeqDataLoader validation() {
        if (validation == null) {
            throw new IllegalStateException("this data has no validation part; load it with "
                    + "TimeMachineData.load(batchSize, numSteps, sampling, trainTokens, validTokens)");
        }
        return validation;
    }

    /** Whether {@link #validation()} is available. */
    public boolean hasValidation() {
        return validation != null;
    }
}
