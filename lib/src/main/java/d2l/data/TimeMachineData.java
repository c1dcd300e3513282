package d2l.data;

/**
 * Everything a character-level language model trains on: the minibatch loader over
 * <i>The Time Machine</i>, its vocabulary, and the corpus behind them.
 */
public record TimeMachineData(SeqDataLoader loader, Vocab vocab, int[] corpus) {
    /** Seed used when none is given, so notebooks are reproducible. */
    public static final long DEFAULT_SEED = 42;

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
}
