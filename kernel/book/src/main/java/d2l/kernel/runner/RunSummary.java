package d2l.kernel.runner;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run did, notebook by notebook: how long each took and how it ended. The runner ends with
 * it ({@link #print}) and leaves it in the output folder as {@value #FILE}, where the chapter
 * build's summary reads it back.
 */
public final class RunSummary {
    public static final String FILE = "runner-summary.json";
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** How a notebook's run ended. */
    public enum Outcome {
        OK("ok"),
        REUSED("ok, outputs reused"),
        FAILED("FAILED"),
        NOT_RUN("not run");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** One notebook: its name (file name without .ipynb), time, outcome, and where it failed if it did. */
    public record Entry(String notebook, Outcome outcome, double seconds, NotebookExecutor.Failure failure) {}

    private final List<Entry> entries = new ArrayList<>();
    private String indexPage;
    /** The run's wall-clock time; with --jobs less than the notebooks' times added up. 0: not recorded. */
    private double elapsed;

    public void add(Entry entry) {
        entries.add(entry);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The index page as a {@code file:} URI. */
    public String indexPage() {
        return indexPage;
    }

    public void indexPage(String uri) {
        indexPage = uri;
    }

    public NotebookExecutor.Failure failure() {
        return entries.stream()
                .filter(e -> e.failure() != null)
                .map(Entry::failure)
                .findFirst()
                .orElse(null);
    }

    /** The run's time: as the clock on the wall saw it, or (not recorded) the notebooks' times added up. */
    public double seconds() {
        return elapsed > 0
                ? elapsed
                : entries.stream().mapToDouble(Entry::seconds).sum();
    }

    public void elapsed(double seconds) {
        elapsed = seconds;
    }

    public void write(Path outDir) throws IOException {
        Files.writeString(outDir.resolve(FILE), GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
    }

    /** The summary a run left in {@code outDir}, or null if there is none. */
    public static RunSummary read(Path outDir) throws IOException {
        var file = outDir.resolve(FILE);
        return Files.isRegularFile(file)
                ? GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), RunSummary.class)
                : null;
    }

    /** The summary a person reads at the end of a run: the failure first, then every notebook, then the index page. */
    public void print(PrintStream out) {
        out.println();
        var failure = failure();
        if (failure != null) {
            out.print(describe(failure));
            out.println();
        }
        var rows = new ArrayList<List<String>>();
        for (var entry : entries) {
            rows.add(List.of(entry.notebook(), time(entry), result(entry)));
        }
        rows.add(List.of("total", duration(seconds()), ""));
        out.print(table(List.of("notebook", "time", "result"), rows));
        out.println("index page: " + indexPage);
    }

    /** A failure as the summary starts: the notebook and cell, the cell's first line, the error. */
    public static String describe(NotebookExecutor.Failure failure) {
        return "FAILED: " + failure.notebook() + ".ipynb, cell " + failure.cellNumber() + " (In ["
                + failure.executionCount() + "])\n"
                + "  " + failure.firstLine() + "\n"
                + "  " + failure.ename()
                + (failure.evalue() == null || failure.evalue().isEmpty() ? "" : ": " + failure.evalue()) + "\n";
    }

    /** The time column: blank for a notebook that did not run. */
    public static String time(Entry entry) {
        return entry.outcome() == Outcome.NOT_RUN ? "" : duration(entry.seconds());
    }

    /** The result column: the outcome, and the failing cell. */
    public static String result(Entry entry) {
        return entry.failure() == null
                ? entry.outcome().text()
                : entry.outcome().text() + " at cell " + entry.failure().cellNumber();
    }

    /** A duration as people read it: 0.4 s, 12.3 s, 4m 05s, 1h 02m. */
    public static String duration(double seconds) {
        return seconds < 59.95
                ? String.format("%.1f s", seconds)
                : ProgressLine.elapsed(Math.round(seconds) * 1_000_000_000L);
    }

    /** A plain-text table: columns padded to their widest cell, the header underlined, no trailing blanks. */
    public static String table(List<String> header, List<List<String>> rows) {
        var widths = new int[header.size()];
        var all = new ArrayList<List<String>>();
        all.add(header);
        all.addAll(rows);
        for (var row : all) {
            for (var i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        var rule = new ArrayList<String>();
        for (var w : widths) {
            rule.add("-".repeat(w));
        }
        var text = new StringBuilder();
        text.append(line(header, widths)).append(line(rule, widths));
        rows.forEach(row -> text.append(line(row, widths)));
        return text.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        var text = new StringBuilder();
        for (var i = 0; i < cells.size(); i++) {
            text.append(i == 0 ? "" : "  ")
                    .append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s", cells.get(i)));
        }
        return text.toString().stripTrailing() + "\n";
    }
}
