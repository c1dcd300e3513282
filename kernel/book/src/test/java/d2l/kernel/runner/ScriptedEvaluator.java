package d2l.kernel.runner;

import d2l.kernel.client.KernelSpec;
import d2l.kernel.display.MimeBundle;
import d2l.kernel.eval.CellError;
import d2l.kernel.eval.ExecuteResult;
import d2l.kernel.eval.OutputSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A test double for the kernel session: each line of a cell is a command (print, warn, show,
 * update, table, result, clear, fail) that reports the output a real session would, or tells
 * the runner what it would learn while the cell runs ({@code chart 3 10}: a live chart reached
 * epoch 3 of 10; {@code wait 12}: twelve seconds pass on the test's {@link Clock}). Lets the
 * runner's bookkeeping and progress be tested without JShell, and without waiting.
 */
final class ScriptedEvaluator implements CellEvaluator {
    /** A 1x1 PNG, enough for an image output. */
    static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    final List<String> executed = new ArrayList<>();
    final KernelSpec kernel;
    private final Consumer<ChartPosition> charts;
    private final Clock clock;
    boolean closed;
    private int count;

    ScriptedEvaluator(KernelSpec kernel, Consumer<ChartPosition> charts) {
        this(kernel, charts, null);
    }

    ScriptedEvaluator(KernelSpec kernel, Consumer<ChartPosition> charts, Clock clock) {
        this.kernel = kernel;
        this.charts = charts;
        this.clock = clock;
    }

    /** A clock the test moves by hand; every move is a tick of the runner's progress line, as each second is in a real run. */
    static final class Clock implements LongSupplier {
        private long nanos = 1_000_000_000_000L;
        private Runnable onMove = () -> {};

        @Override
        public long getAsLong() {
            return nanos;
        }

        void onMove(Runnable tick) {
            onMove = tick;
        }

        void advance(double seconds) {
            nanos += Math.round(seconds * 1e9);
            onMove.run();
        }
    }

    @Override
    public ExecuteResult execute(String code, OutputSink sink) {
        executed.add(code);
        count++;
        for (var line : code.split("\n")) {
            var parts = line.split(" ", 3);
            switch (parts[0]) {
                case "print" -> sink.stream("stdout", parts[1] + "\n");
                case "warn" -> sink.stream("stderr", parts[1] + "\n");
                case "show" -> sink.displayData(image(parts[2]), parts[1]);
                case "update" -> sink.updateDisplayData(image(parts[2]), parts[1]);
                case "table" ->
                    sink.displayData(
                            MimeBundle.of(
                                    MimeBundle.HTML, "<table><tr><td>the</td><td>2261</td></tr></table>", "the 2261"),
                            null);
                case "result" -> sink.executeResult(count, MimeBundle.text(parts[1]));
                case "clear" -> sink.clearOutput(true);
                // A check's verdict in the language the runner set, carrying both languages, as d2l.exercise.Check
                // gives it.
                case "checked" ->
                    sink.executeResult(
                            count,
                            new MimeBundle(
                                    java.util.Map.of(
                                            "text/plain",
                                            "1",
                                            "text/html",
                                            System.getProperty("d2l.lang", "none") + ": " + parts[1]),
                                    java.util.Map.of(
                                            "d2l",
                                            java.util.Map.of(
                                                    "translations",
                                                    java.util.Map.of(
                                                            "en",
                                                            java.util.Map.of("text/html", "en: " + parts[1]),
                                                            "vi",
                                                            java.util.Map.of("text/html", "vi: " + parts[1]))))));
                case "chart" -> charts.accept(new ChartPosition(Long.parseLong(parts[1]), Long.parseLong(parts[2])));
                case "wait" -> clock.advance(Double.parseDouble(parts[1]));
                case "fail" -> {
                    var error = new CellError(
                            parts[1],
                            parts[2],
                            List.of("\u001b[31m" + parts[1] + "\u001b[0m: " + parts[2], "  at line 1"));
                    sink.error(error);
                    return new ExecuteResult(count, error);
                }
                default -> throw new IllegalArgumentException("unknown test command " + line);
            }
        }
        return new ExecuteResult(count, null);
    }

    private static MimeBundle image(String text) {
        var data = new LinkedHashMap<String, String>();
        data.put(MimeBundle.PNG, PNG);
        data.put(MimeBundle.TEXT, text);
        return new MimeBundle(data, Map.of());
    }

    @Override
    public void close() {
        closed = true;
    }
}
