package d2l.data;

/** How minibatches are cut from a corpus: the chapter's two partitioning strategies. */
public enum Sampling {
    /** Random subsequences; neighbouring minibatches are unrelated, so the hidden state is reset each time. */
    RANDOM,
    /** Sequential partitioning; minibatch i+1 continues minibatch i, so the hidden state is carried over. */
    SEQUENTIAL
}
