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
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SeqDataLoader(new int[10], 2, 5, Sampling.SEQUENTIAL, 0));
        assertTrue(e.getMessage().contains("at least 15 tokens"), e.getMessage());
    }
}
