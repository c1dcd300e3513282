package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pieces of the progress line and the summary that the runner tests do not reach. */
class ProgressLineTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void runningTimesReadAsPeopleWriteThem() {
        assertEquals("0s", ProgressLine.elapsed(999_999_999L));
        assertEquals("59s", ProgressLine.elapsed(59 * SECOND));
        assertEquals("4m 05s", ProgressLine.elapsed(245 * SECOND));
        assertEquals("1h 02m", ProgressLine.elapsed(3725 * SECOND));
        assertEquals("0.4 s", RunSummary.duration(0.42));
        assertEquals("59.9 s", RunSummary.duration(59.94));
        assertEquals("1m 00s", RunSummary.duration(59.96));
        assertEquals("9m 12s", RunSummary.duration(552.4));
    }

    @Test
    void aCellIsNamedByItsFirstLineThatIsNotBlank() {
        assertEquals(
                "var net = new RnnScratch(vocab.size(), 512);",
                ProgressLine.firstLine("\n  \n  var net = new RnnScratch(vocab.size(), 512);\nnet"));
        assertEquals("x".repeat(69) + "...", ProgressLine.firstLine("x".repeat(100)));
        assertEquals("", ProgressLine.firstLine(""));
    }

    @Test
    void onATerminalNotebooksRunningElsewhereShareTheLineAndLeaveItWhenTheyEnd() {
        var bytes = new java.io.ByteArrayOutputStream();
        var line = new ProgressLine(new java.io.PrintStream(bytes, true), ProgressLine.Style.TERMINAL, 120, () -> 0L);
        line.running("rnn-scratch", "rnn-scratch (6/8) | cell 30/42 | 4m 05s");
        line.running("bptt", "bptt (8/8) | cell 7/9 | 10s");
        assertEquals(
                "\rrnn-scratch (6/8) | cell 30/42 | 4m 05s\033[K"
                        + "\rrnn-scratch (6/8) | cell 30/42 | 4m 05s  ||  bptt (8/8) | cell 7/9 | 10s\033[K",
                bytes.toString());
        bytes.reset();
        line.running("rnn-scratch", null);
        line.running("bptt", null);
        assertEquals("\rbptt (8/8) | cell 7/9 | 10s\033[K\r\033[K", bytes.toString());
    }

    @Test
    void inALogNotebooksRunningElsewherePrintTheirOwnLines() {
        var bytes = new java.io.ByteArrayOutputStream();
        var line = new ProgressLine(new java.io.PrintStream(bytes, true), ProgressLine.Style.LOG, 0, () -> 0L);
        line.running("bptt", "bptt (8/8) | cell 7/9 | 10s");
        assertEquals("", bytes.toString(), "a log prints the lines as they come, not a status");
    }
}
