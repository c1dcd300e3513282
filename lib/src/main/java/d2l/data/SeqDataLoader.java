package d2l.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Minibatches of (input, target) subsequences cut from a corpus of token indices; each call to
 * {@link #iterator()} is one epoch.
 *
 * <p>Every epoch starts at a fresh random offset in {@code [0, numSteps)}, so over many epochs the
 * model sees every way of cutting the text. The offsets and shuffles come from one
 * {@link Random} seeded at construction: two loaders with the same arguments produce the same
 * epochs. With {@link Sampling#RANDOM} the subsequences are shuffled, so consecutive minibatches
 * are unrelated; with {@link Sampling#SEQUENTIAL} row b of minibatch i+1 continues row b of
 * minibatch i exactly where it ended.
 *
 * <p>Every epoch has the same number of minibatches, {@link #batchesPerEpoch()}: the number that
 * fits whatever the offset. (An epoch whose offset would leave room for one more drops it.)
 */
public final class SeqDataLoader implements Iterable<Minibatch> {
    private final int[] corpus;
    private final int batchSize;
    private final int numSteps;
    private final Sampling sampling;
    private final Random random;
    private final long seed;
    private final boolean samePassEveryTime;
    private final int batchesPerEpoch;

    public SeqDataLoader(int[] corpus, int batchSize, int numSteps, Sampling sampling, long seed) {
        this(corpus, batchSize, numSteps, sampling, seed, false);
    }

    /**
     * A loader for evaluation: every pass cuts the corpus at offset 0 and, for RANDOM, deals the
     * subsequences in the same shuffled order, so perplexities from different epochs measure the
     * model on exactly the same minibatches.
     */
    public static SeqDataLoader fixed(int[] corpus, int batchSize, int numSteps, Sampling sampling, long seed) {
        return new SeqDataLoader(corpus, batchSize, numSteps, sampling, seed, true);
    }

    private SeqDataLoader(
            int[] corpus, int batchSize, int numSteps, Sampling sampling, long seed, boolean samePassEveryTime) {
        if (batchSize < 1 || numSteps < 1) {
            throw new IllegalArgumentException(
                    "batchSize and numSteps must be >= 1, got " + batchSize + " and " + numSteps);
        }
        this.corpus = corpus.clone();
        this.batchSize = batchSize;
        this.numSteps = numSteps;
        this.sampling = sampling;
        this.random = new Random(seed);
        this.seed = seed;
        this.samePassEveryTime = samePassEveryTime;
        // The largest offset, numSteps - 1, leaves corpus.length - numSteps tokens that have a successor.
        int usable = corpus.length - numSteps;
        this.batchesPerEpoch = usable < 0
                ? 0
                : switch (sampling) {
                    case RANDOM -> usable / numSteps / batchSize; // whole subsequences, then whole batches
                    case SEQUENTIAL -> usable / batchSize / numSteps; // rows of equal length, then whole steps
                };
        if (batchesPerEpoch == 0) {
            throw new IllegalArgumentException(("a corpus of %d tokens is too short for even one minibatch of "
                            + "batchSize %d x numSteps %d; it needs at least %d tokens: use a longer corpus or smaller "
                            + "batchSize/numSteps")
                    .formatted(corpus.length, batchSize, numSteps, numSteps * (batchSize + 1)));
        }
    }

    public Sampling sampling() {
        return sampling;
    }

    public int batchSize() {
        return batchSize;
    }

    public int numSteps() {
        return numSteps;
    }
    /** Number of minibatches in every epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }
    /** Number of corpus tokens behind the loader. */
    public int corpusSize() {
        return corpus.length;
    }

    /** One epoch: a fresh random offset (and, for RANDOM, a fresh shuffle); see {@link #fixed} for the exception. */
    @Override
    public Iterator<Minibatch> iterator() {
        Random pass = samePassEveryTime ? new Random(seed) : random;
        int offset = samePassEveryTime ? 0 : pass.nextInt(numSteps);
        int[][] starts =
                switch (sampling) {
                    case RANDOM -> randomStarts(offset, pass);
                    case SEQUENTIAL -> sequentialStarts(offset);
                };
        return new Iterator<>() {
            private int next = 0;

            @Override
            public boolean hasNext() {
                return next < starts.length;
            }

            @Override
            public Minibatch next() {
                if (!hasNext()) throw new NoSuchElementException("the epoch has " + starts.length + " minibatches");
                return slice(starts[next++]);
            }
        };
    }

    /**
     * RANDOM: the corpus from {@code offset} is cut into back-to-back subsequences; they are
     * shuffled and dealt out batchSize at a time. {@code starts[i][b]} is where row b of batch i begins.
     */
    private int[][] randomStarts(int offset, Random random) {
        int subsequences = (corpus.length - offset - 1) / numSteps;
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < subsequences; k++) order.add(offset + k * numSteps);
        Collections.shuffle(order, random);
        int[][] starts = new int[batchesPerEpoch][batchSize];
        for (int i = 0; i < batchesPerEpoch; i++) {
            for (int b = 0; b < batchSize; b++) starts[i][b] = order.get(i * batchSize + b);
        }
        return starts;
    }

    /**
     * SEQUENTIAL: the corpus from {@code offset} is split into batchSize equal rows laid side by
     * side; minibatch i takes steps [i*numSteps, (i+1)*numSteps) of every row.
     */
    private int[][] sequentialStarts(int offset) {
        int rowLength = (corpus.length - offset - 1) / batchSize;
        int[][] starts = new int[batchesPerEpoch][batchSize];
        for (int i = 0; i < batchesPerEpoch; i++) {
            for (int b = 0; b < batchSize; b++) starts[i][b] = offset + b * rowLength + i * numSteps;
        }
        return starts;
    }

    private Minibatch slice(int[] rowStarts) {
        int[][] inputs = new int[batchSize][];
        int[][] targets = new int[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            int start = rowStarts[b];
            inputs[b] = Arrays.copyOfRange(corpus, start, start + numSteps);
            targets[b] = Arrays.copyOfRange(corpus, start + 1, start + numSteps + 1);
        }
        return new Minibatch(inputs, targets);
    }
}
