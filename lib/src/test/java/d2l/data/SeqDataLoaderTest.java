package d2l.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeqDataLoaderTest {
    /** The chapter's toy sequence 0, 1, ..., 34: token values equal their positions. */
    private static final int[] SEQ = IntStream.range(0, 35).toArray();

    private static List<Minibatch> epoch(SeqDataLoader loader) {
        var batches = new ArrayList<Minibatch>();
        loader.forEach(batches::add);
        return batches;
    }

    @ParameterizedTest
    @EnumSource(Sampling.class)
    void toySequenceGivesThreeMinibatchesOfTwoByFive(Sampling sampling) {
        var loader = new SeqDataLoader(SEQ, 2, 5, sampling, 1);
        assertEquals(3, loader.batchesPerEpoch());
        for (int e = 0; e < 10; e++) {
            var batches = epoch(loader);
            assertEquals(3, batches.size());
            for (var batch : batches) {
                assertEquals(2, batch.batchSize());
                assertEquals(5, batch.numSteps());
                for (int b = 0; b < 2; b++) {
                    for (int t = 0; t < 5; t++) {
                        // Each row is a run of consecutive tokens, and targets are inputs shifted by one.
                        assertEquals(batch.inputs()[b][0] + t, batch.inputs()[b][t]);
                        assertEquals(batch.inputs()[b][t] + 1, batch.targets()[b][t]);
                    }
                }
            }
        }
    }

    @Test
    void sequentialMinibatchesContinueEachOtherRowByRow() {
        var loader = new SeqDataLoader(SEQ, 2, 5, Sampling.SEQUENTIAL, 7);
        for (int e = 0; e < 10; e++) {
            var batches = epoch(loader);
            for (int i = 0; i + 1 < batches.size(); i++) {
                for (int b = 0; b < 2; b++) {
                    int last = batches.get(i).inputs()[b][4];
                    assertEquals(last + 1, batches.get(i + 1).inputs()[b][0], "row " + b + " of batch " + (i + 1));
                }
            }
            int offset = batches.get(0).inputs()[0][0];
            assertTrue(offset >= 0 && offset < 5, "offset in [0, numSteps)");
        }
    }

    @Test
    void randomSamplingUsesDisjointSubsequencesAlignedToTheEpochsOffset() {
        var loader = new SeqDataLoader(SEQ, 2, 5, Sampling.RANDOM, 3);
        for (int e = 0; e < 10; e++) {
            Set<Integer> starts = new HashSet<>();
            for (var batch : epoch(loader)) {
                for (int[] row : batch.inputs()) starts.add(row[0]);
            }
            assertEquals(6, starts.size(), "no subsequence is used twice");
            int offset = starts.stream().mapToInt(s -> s % 5).distinct().reduce(-1, (a, b) -> a == -1 ? b : -2);
            assertTrue(offset >= 0, "all subsequences share one offset: " + starts);
        }
    }

    /** The first token of every row of every minibatch, in the order the epoch yields them. */
    private static List<Integer> rowStarts(List<Minibatch> epoch) {
        var starts = new ArrayList<Integer>();
        for (var batch : epoch) {
            for (int[] row : batch.inputs()) starts.add(row[0]);
        }
        return starts;
    }

    @Test
    void randomSamplingShufflesAndEpochsDiffer() {
        var loader = new SeqDataLoader(IntStream.range(0, 1000).toArray(), 4, 5, Sampling.RANDOM, 11);
        List<Integer> first = rowStarts(epoch(loader));
        List<Integer> second = rowStarts(epoch(loader));
        assertNotEquals(first.stream().sorted().toList(), first, "subsequences come in shuffled order");
        assertNotEquals(first, second, "each epoch draws a new offset and shuffle");
    }

    @ParameterizedTest
    @EnumSource(Sampling.class)
    void sameSeedSameEpochs(Sampling sampling) {
        var a = new SeqDataLoader(IntStream.range(0, 500).toArray(), 3, 7, sampling, 5);
        var b = new SeqDataLoader(IntStream.range(0, 500).toArray(), 3, 7, sampling, 5);
        for (int e = 0; e < 3; e++) {
            var ea = epoch(a);
            var eb = epoch(b);
            assertEquals(ea, eb);
        }
    }

    @ParameterizedTest
    @EnumSource(Sampling.class)
    void tenThousandTokensGiveEightMinibatchesPerEpoch(Sampling sampling) {
        var data = TimeMachineData.load(32, 35, sampling, 10_000);
        assertEquals(10_000, data.corpus().length);
        assertEquals(28, data.vocab().size());
        assertEquals(8, data.loader().batchesPerEpoch());
        assertEquals(sampling, data.loader().sampling());
        for (int e = 0; e < 5; e++) {
            var batches = epoch(data.loader());
            assertEquals(8, batches.size());
            batches.forEach(batch -> assertEquals(32 * 35, batch.tokenCount()));
        }
    }

    @Test
    void minibatchesCompareAndPrintByContent() {
        var a = new Minibatch(new int[][] {{1, 2}}, new int[][] {{2, 3}});
        var b = new Minibatch(new int[][] {{1, 2}}, new int[][] {{2, 3}});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Minibatch(new int[][] {{1, 2}}, new int[][] {{2, 4}}));
        assertEquals("Minibatch[inputs=[[1, 2]], targets=[[2, 3]]]", a.toString());
    }

    @Test
    void tooShortCorpusIsRejectedWithTheNeededLength() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> new SeqDataLoader(new int[10], 2, 5, Sampling.SEQUENTIAL, 0));
        assertTrue(e.getMessage().contains("at least 15 tokens"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Sampling.class)
    void aFixedLoaderGivesTheSamePassEveryTimeFromOffsetZero(Sampling sampling) {
        int[] corpus = IntStream.range(0, 500).toArray();
        var loader = SeqDataLoader.fixed(corpus, 3, 7, sampling, 5);
        var first = epoch(loader);
        assertEquals(loader.batchesPerEpoch(), first.size());
        for (int e = 0; e < 3; e++) assertEquals(first, epoch(loader));
        // Offset 0: every subsequence starts at a multiple of numSteps (RANDOM) or of the row length (SEQUENTIAL).
        int rowLength = (corpus.length - 1) / 3;
        for (var batch : first) {
            for (int[] row : batch.inputs()) {
                int start = row[0];
                assertEquals(0, sampling == Sampling.RANDOM ? start % 7 : start % rowLength % 7, "start " + start);
            }
        }
        if (sampling == Sampling.SEQUENTIAL) assertEquals(0, first.get(0).inputs()[0][0]);
    }

    @ParameterizedTest
    @EnumSource(Sampling.class)
    void theSplitTrainsOnTheFirstTenThousandTokensAndValidatesOnTheNextFiveThousand(Sampling sampling) {
        int[] book = TimeMachineCorpus.load(TimeMachineCorpus.ALL_TOKENS).indices();
        var data = TimeMachineData.load(32, 35, sampling, 10_000, 5_000);
        assertEquals(28, data.vocab().size());
        assertEquals(10_000, data.loader().corpusSize());
        assertEquals(5_000, data.validation().corpusSize());
        assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOf(book, 10_000), data.corpus()));
        // The training minibatches are exactly those of the chapter's 10,000-token loader.
        var chapter = TimeMachineData.load(32, 35, sampling, 10_000);
        for (int e = 0; e < 3; e++) assertEquals(epoch(chapter.loader()), epoch(data.loader()));
        // Every validation row is a run of the book between token 10,000 and 15,000.
        var validation = epoch(data.validation());
        assertEquals(4, validation.size());
        var positions = new HashSet<Integer>();
        for (var batch : validation) {
            for (int b = 0; b < batch.batchSize(); b++) {
                int start = findRun(book, batch.inputs()[b], 10_000, 15_000 - 36);
                assertTrue(start >= 10_000, "row not found inside the validation part");
                for (int t = 0; t < 35; t++) assertEquals(book[start + t + 1], batch.targets()[b][t]);
                positions.add(start);
            }
        }
        assertEquals(4 * 32, positions.size(), "validation rows repeat");
        if (sampling == Sampling.SEQUENTIAL) {
            int rowLength = (5_000 - 1) / 32;
            assertEquals(10_000 + rowLength, findRun(book, validation.get(0).inputs()[1], 10_000, 15_000 - 36));
            assertEquals(10_000 + 35, findRun(book, validation.get(1).inputs()[0], 10_000, 15_000 - 36));
        }
    }

    /** The first position in [from, to] where {@code run} occurs in {@code book}, or -1. */
    private static int findRun(int[] book, int[] run, int from, int to) {
        for (int p = from; p <= to; p++) {
            int t = 0;
            while (t < run.length && book[p + t] == run[t]) t++;
            if (t == run.length) return p;
        }
        return -1;
    }

    @Test
    void asplitThatDoesNotFitTheBookAndAMissingValidationPartAreNamed() {
        var tooLong = assertThrows(
                IllegalArgumentException.class,
                () -> TimeMachineData.load(32, 35, Sampling.SEQUENTIAL, 170_000, 5_000));
        assertTrue(tooLong.getMessage().contains("170580"), tooLong.getMessage());
        var none = assertThrows(
                IllegalStateException.class,
                () -> TimeMachineData.load(32, 35, Sampling.SEQUENTIAL, 10_000).validation());
        assertTrue(none.getMessage().contains("validTokens"), none.getMessage());
    }
}
