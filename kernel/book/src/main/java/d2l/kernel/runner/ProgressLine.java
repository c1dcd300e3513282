package d2l.kernel.runner;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Where a run is, for the person watching it: the notebook, which cell of how many, how long that
 * cell has run, the epoch its live training chart has reached, and the cell's first line:
 * {@code rnn-scratch (6/8) | cell 14/31 | 4m 05s | epoch 230/500 | train(net, ...)}.
 * On a terminal this is one line at the bottom, redrawn in place every second. In a log (no
 * terminal: a CI job, a file) it is a plain line every {@value #LOG_INTERVAL_SECONDS} seconds while
 * a cell runs that long, so a long training run shows it is alive without flooding the log. The
 * runner's own lines go through {@link #println}, which keeps them off the progress line.
 */
public final class ProgressLine implements AutoCloseable {
    /** How progress is shown. */
    public enum Style {
        /** One line, redrawn in place; for a terminal. */
        TERMINAL,
        /** A plain line now and then while a cell runs long; for a log. */
        LOG
    }

    static final int LOG_INTERVAL_SECONDS = 10;
    private static final long SECOND = 1_000_000_000L;
    /** At most this much of a cell's first line is shown. */
    private static final int FIRST_LINE_CHARS = 72;
    /** ANSI "erase to the end of the line", after a redrawn line that may be shorter than the last. */
    private static final String ERASE_REST = "\033[K";

    private final PrintStream out;
    private final Style style;
    private final int width;
    private final LongSupplier clock;
    private final long logInterval;
    private ScheduledExecutorService ticker;

    private String notebook;
    private int notebookNumber;
    private int notebookCount;
    private boolean cellRunning;
    private int cellNumber;
    private int cellCount;
    private String firstLine;
    private long cellStarted;
    private ChartPosition chart;
    /** On a terminal: the text on the progress line now, empty when there is none. */
    private String drawn = "";
    /** In a log: when the last line was printed. */
    private long lastLine;
    /** Notebooks running in other processes ({@code --jobs}), by name: the progress line each last printed. */
    private final Map<String, String> elsewhere = new LinkedHashMap<>();

    /**
     * @param width  the terminal's columns: a redrawn line must fit on one (ignored in a log)
     * @param clock  nanoseconds, as {@link System#nanoTime}
     */
    public ProgressLine(PrintStream out, Style style, int width, LongSupplier clock) {
        this(out, style, width, clock, LOG_INTERVAL_SECONDS);
    }

    /** @param logIntervalSeconds in a log, the seconds between two lines */
    ProgressLine(PrintStream out, Style style, int width, LongSupplier clock, int logIntervalSeconds) {
        this.out = out;
        this.style = style;
        this.width = width;
        this.clock = clock;
        this.logInterval = logIntervalSeconds * SECOND;
        this.lastLine = clock.getAsLong();
    }

    /**
     * Progress for this process's standard output: {@code choice} "terminal" or "log", or "auto" for
     * a terminal when there is one (see {@link #onTerminal}), else a log.
     */
    public static ProgressLine forStandardOutput(PrintStream out, String choice) {
        var style =
                switch (choice) {
                    case "terminal" -> Style.TERMINAL;
                    case "log" -> Style.LOG;
                    default -> onTerminal() ? Style.TERMINAL : Style.LOG;
                };
        // A runner started by another one for --jobs prints its lines more often when they feed that one's terminal
        // line.
        var interval = Integer.getInteger(ParallelRuns.LOG_INTERVAL_PROPERTY, LOG_INTERVAL_SECONDS);
        return new ProgressLine(
                out, style, style == Style.TERMINAL ? terminalColumns() : 0, System::nanoTime, interval);
    }

    public Style style() {
        return style;
    }

    /** The run's clock, in nanoseconds: the summary's times come from it too. */
    long now() {
        return clock.getAsLong();
    }

    /**
     * Whether standard input and output are a terminal that redraws a line: a console exists (and,
     * from JDK 22, which gives one for redirected streams too, says it is a terminal), and
     * {@code TERM} is not "dumb". Under Maven this needs exec's {@code inheritIo}, else the output is
     * a pipe.
     */
    static boolean onTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22 there is a console only on a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** The terminal's width: {@code stty size} on the controlling terminal, else {@code COLUMNS}, else 80. */
    static int terminalColumns() {
        try {
            var stty = new ProcessBuilder("stty", "size")
                    .redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            var size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .strip()
                    .split(" ");
            if (stty.waitFor() == 0 && size.length == 2 && Integer.parseInt(size[1]) > 0) {
                return Integer.parseInt(size[1]);
            }
        } catch (IOException | NumberFormatException e) {
            // no stty, or no controlling terminal: try the shell's variable
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            var columns = Integer.parseInt(
                    System.getenv().getOrDefault("COLUMNS", "80").strip());
            return columns > 0 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /** Redraws (on a terminal) or checks whether a line is due (in a log) every second, on a daemon thread. */
    public synchronized void startTicking() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(task -> {
                var thread = new Thread(task, "runner progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** The run moves on to notebook {@code number} of {@code count}. */
    public synchronized void notebook(int number, int count, String name) {
        notebook = name;
        notebookNumber = number;
        notebookCount = count;
        cellRunning = false;
        show();
    }

    /** Cell {@code number} of the notebook's {@code count} (every cell counts, as a reader counts them) starts. */
    public synchronized void cellStarted(int number, int count, String source) {
        cellRunning = true;
        cellNumber = number;
        cellCount = count;
        firstLine = firstLine(source);
        cellStarted = clock.getAsLong();
        chart = null;
        show();
    }

    /**
     * A notebook running in another process shows {@code status} (its last progress line), or
     * nothing more when {@code status} is null. On a terminal the redrawn line shows them all.
     */
    public synchronized void running(String notebook, String status) {
        if (status == null) {
            elsewhere.remove(notebook);
        } else {
            elsewhere.put(notebook, status);
        }
        show();
    }

    /** The running cell's live chart has reached this epoch. */
    public synchronized void chart(ChartPosition position) {
        if (cellRunning) {
            chart = position;
            show();
        }
    }

    public synchronized void cellFinished() {
        cellRunning = false;
        show();
    }

    /** Called every second: the elapsed time moves on. */
    public synchronized void tick() {
        show();
    }

    /** One of the runner's own lines, printed above the progress line (which is redrawn under it). */
    public synchronized void println(String line) {
        if (style == Style.TERMINAL && !drawn.isEmpty()) {
            out.print("\r" + ERASE_REST);
            drawn = "";
        }
        out.println(line);
        out.flush();
        lastLine = clock.getAsLong();
        show();
    }

    /** Stops ticking and takes the progress line off the screen. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        cellRunning = false;
        show();
    }

    private void show() {
        var now = clock.getAsLong();
        if (style == Style.TERMINAL) {
            var text = cellRunning
                    ? fit(status(now), width - 1)
                    : elsewhere.isEmpty() ? "" : fit(String.join("  ||  ", elsewhere.values()), width - 1);
            if (!text.equals(drawn)) {
                out.print("\r" + text + ERASE_REST);
                out.flush();
                drawn = text;
            }
        } else if (cellRunning && now - cellStarted >= logInterval && now - lastLine >= logInterval) {
            out.println("  " + status(now));
            out.flush();
            lastLine = now;
        }
    }

    /** The progress as one line of text. */
    String status(long now) {
        var parts = new ArrayList<String>();
        parts.add(notebookCount > 1 ? notebook + " (" + notebookNumber + "/" + notebookCount + ")" : notebook);
        parts.add("cell " + cellNumber + "/" + cellCount);
        parts.add(elapsed(now - cellStarted));
        if (chart != null) {
            parts.add(chart.toString());
        }
        parts.add(firstLine);
        return String.join(" | ", parts);
    }

    /** A running time as people read it: 7s, 4m 05s, 1h 02m. */
    static String elapsed(long nanos) {
        var seconds = nanos / SECOND;
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh %02dm", seconds / 3600, seconds / 60 % 60);
    }

    /** The cell's first line that is not blank, shortened to {@value #FIRST_LINE_CHARS} characters. */
    static String firstLine(String source) {
        var line = source.strip().lines().findFirst().orElse("").strip();
        return fit(line, FIRST_LINE_CHARS);
    }

    private static String fit(String text, int columns) {
        if (columns <= 3 || text.length() <= columns) {
            return text;
        }
        return text.substring(0, columns - 3) + "...";
    }
}
