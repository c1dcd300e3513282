package d2l.kernel.chapter;

import d2l.kernel.runner.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * The last thing README command 1 prints (the chapter profile runs it after the chapter check):
 * what went wrong first, if anything; then each notebook of each edition with its time and
 * result, the numbers the chapter check asserts as the notebooks printed them, the check's
 * verdict, and where the index pages are. Exits 1 when a notebook failed or a check did not pass,
 * which fails the build after the summary rather than before it.
 *
 * <p>Arguments: for each edition, its name, the runner's output folder and the folder of its
 * failsafe reports: {@code English target/chapter target/failsafe-reports Vietnamese ...}.
 */
public final class ChapterSummary {
    /** The check the chapter profile runs; its report is {@code TEST-<this>.xml}. */
    private static final String CHECK = ChapterResultsCheck.class.getName();
    /** What JUnit adds to the message of a failed assertTrue, which says nothing more. */
    private static final String ASSERT_TRUE_FAILED = " ==> expected: <true> but was: <false>";

    private static final String MISSING = "missing";
    private static final String NONE_PRINTED = "none printed";

    /** One edition: its name, the runner's output folder and the chapter check's report folder. */
    record Edition(String name, Path out, Path reports) {}

    /** A check that did not pass: the test's name and its message. */
    record Problem(String test, String message) {}

    /** What the chapter check's report says: how many tests ran, and those that did not pass; null tests when there is no report. */
    record CheckResult(Integer tests, List<Problem> problems) {
        String verdict() {
            if (tests == null) return "did not run";
            return problems.isEmpty()
                    ? tests + " of " + tests + " passed"
                    : problems.size() + " of " + tests + " FAILED";
        }
    }

    /** Which of the values printed under a label the chapter check asserts. */
    enum Which {
        FIRST,
        LAST,
        ALL
    }

    /** A number the chapter check asserts: the notebook, the label it is printed under, and which of those values. */
    record Checked(String notebook, String label, Which which) {}

    /** The numbers {@link ChapterResultsCheck} asserts, read with its own helpers ({@code printed}, {@code numbers}). */
    static final List<Checked> CHECKED = List.of(
            new Checked("text-preprocessing", "lines", Which.LAST),
            new Checked("text-preprocessing", "tokens", Which.LAST),
            new Checked("text-preprocessing", "vocab size", Which.LAST),
            new Checked("rnn-scratch", "train perplexity", Which.ALL),
            new Checked("rnn-scratch", "validation perplexity", Which.ALL),
            new Checked("rnn-concise", "perplexity", Which.FIRST),
            new Checked("rnn-concise", "validation perplexity", Which.FIRST),
            new Checked("bptt", "train perplexity", Which.ALL),
            new Checked("bptt", "validation perplexity", Which.ALL));

    private ChapterSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length % 3 != 0) {
            System.err.println("usage: ChapterSummary NAME OUT REPORTS [NAME OUT REPORTS ...]"
                    + " (per edition: its name, the runner's output folder, its failsafe reports folder)");
            System.exit(2);
        }
        var editions = new ArrayList<Edition>();
        for (int i = 0; i < args.length; i += 3) {
            editions.add(new Edition(args[i], Path.of(args[i + 1]), Path.of(args[i + 2])));
        }
        System.exit(print(editions, System.out) ? 0 : 1);
    }

    /** Prints the summary; returns whether every notebook ran and every check passed. */
    static boolean print(List<Edition> editions, PrintStream out) throws IOException {
        var runs = new ArrayList<RunSummary>();
        var checks = new ArrayList<CheckResult>();
        for (var edition : editions) {
            runs.add(RunSummary.read(edition.out()));
            checks.add(check(edition.reports()));
        }

        var problems = new StringBuilder();
        var failedChecks =
                new java.util.LinkedHashMap<Problem, List<String>>(); // a check failing in both editions is listed once
        for (int e = 0; e < editions.size(); e++) {
            var name = editions.get(e).name();
            var run = runs.get(e);
            if (run == null) {
                problems.append("NOT RUN (")
                        .append(name)
                        .append("): no ")
                        .append(RunSummary.FILE)
                        .append(" in ")
                        .append(editions.get(e).out())
                        .append("\n");
            } else if (run.failure() != null) {
                problems.append("(").append(name).append(") ").append(RunSummary.describe(run.failure()));
            }
            var check = checks.get(e);
            if (check.tests() == null) {
                problems.append("CHECK NOT RUN (")
                        .append(name)
                        .append("): no report ")
                        .append(report(editions.get(e).reports()))
                        .append("\n");
            }
            for (var problem : check.problems()) {
                failedChecks.computeIfAbsent(problem, p -> new ArrayList<>()).add(name);
            }
        }
        failedChecks.forEach((problem, names) -> problems.append("CHECK FAILED (")
                .append(String.join(", ", names))
                .append(") ")
                .append(problem.test())
                .append(": ")
                .append(problem.message())
                .append("\n"));

        out.println();
        out.println("=".repeat(30) + " chapter summary " + "=".repeat(30));
        out.println(
                problems.isEmpty()
                        ? "The chapter ran in every edition and its numbers passed the chapter check."
                        : "The chapter did not pass:");
        out.print(problems);
        out.println();
        out.print(notebookTable(editions, runs));
        out.println();
        out.print(numberTable(editions, checks));
        out.println();
        for (int e = 0; e < editions.size(); e++) {
            var run = runs.get(e);
            out.println("index page (" + editions.get(e).name() + "): "
                    + (run == null ? "none, the run did not finish" : run.indexPage()));
        }
        return problems.isEmpty();
    }

    /** Each notebook in run order, with its time and result in each edition. */
    static String notebookTable(List<Edition> editions, List<RunSummary> runs) {
        var names = new ArrayList<String>();
        for (var run : runs) {
            if (run == null) continue;
            for (var entry : run.entries()) if (!names.contains(entry.notebook())) names.add(entry.notebook());
        }
        var header = new ArrayList<String>(List.of("notebook"));
        for (var edition : editions) {
            header.add(edition.name());
            header.add("time");
        }
        var rows = new ArrayList<List<String>>();
        for (var name : names) {
            var row = new ArrayList<String>(List.of(name));
            for (var run : runs) {
                var entry = run == null
                        ? null
                        : run.entries().stream()
                                .filter(e -> e.notebook().equals(name))
                                .findFirst()
                                .orElse(null);
                row.add(entry == null ? "not run" : RunSummary.result(entry));
                row.add(entry == null ? "" : RunSummary.time(entry));
            }
            rows.add(row);
        }
        var total = new ArrayList<String>(List.of("total"));
        for (var run : runs) {
            total.add("");
            total.add(run == null ? "" : RunSummary.duration(run.seconds()));
        }
        rows.add(total);
        return RunSummary.table(header, rows);
    }

    /** The checked numbers per edition ("same" where an edition printed what the first did), then the check's verdict. */
    static String numberTable(List<Edition> editions, List<CheckResult> checks) throws IOException {
        var header = new ArrayList<String>(List.of("checked numbers"));
        editions.forEach(e -> header.add(e.name()));
        var rows = new ArrayList<List<String>>();
        for (var checked : CHECKED) {
            var row = new ArrayList<String>(List.of(checked.notebook() + ": " + checked.label()));
            String first = null;
            for (var edition : editions) {
                var values = values(edition.out(), checked);
                var found = !values.equals(MISSING) && !values.equals(NONE_PRINTED);
                row.add(found && values.equals(first) ? "same" : values);
                if (first == null) first = values;
            }
            rows.add(row);
        }
        var verdict = new ArrayList<String>(List.of("chapter check"));
        checks.forEach(c -> verdict.add(c.verdict()));
        rows.add(verdict);
        return RunSummary.table(header, rows);
    }

    /** The values printed under a label, as the chapter check reads them; "missing" when the notebook is not there. */
    static String values(Path out, Checked checked) throws IOException {
        List<Double> numbers;
        try {
            numbers =
                    ChapterResultsCheck.numbers(ChapterResultsCheck.printed(out, checked.notebook()), checked.label());
        } catch (AssertionError noNotebook) {
            return MISSING;
        }
        if (numbers.isEmpty()) return NONE_PRINTED;
        numbers = switch (checked.which()) {
            case FIRST -> numbers.subList(0, 1);
            case LAST -> numbers.subList(numbers.size() - 1, numbers.size());
            case ALL -> numbers;
        };
        return numbers.stream().map(ChapterSummary::number).collect(Collectors.joining(", "));
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format("%,d", (long) value)
                : Double.toString(value);
    }

    /** The chapter check's result from its failsafe report in {@code reports}. */
    static CheckResult check(Path reports) throws IOException {
        var file = report(reports);
        if (!Files.isRegularFile(file)) return new CheckResult(null, List.of());
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var suite = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
            var cases = suite.getElementsByTagName("testcase");
            var problems = new ArrayList<Problem>();
            for (int i = 0; i < cases.getLength(); i++) {
                var testcase = (Element) cases.item(i);
                for (var kind : List.of("failure", "error")) {
                    var found = testcase.getElementsByTagName(kind);
                    if (found.getLength() > 0) {
                        var message = ((Element) found.item(0)).getAttribute("message");
                        problems.add(new Problem(
                                testcase.getAttribute("name"),
                                message.isEmpty()
                                        ? kind
                                        : message.lines()
                                                .collect(Collectors.joining(" "))
                                                .replace(ASSERT_TRUE_FAILED, "")));
                    }
                }
            }
            return new CheckResult(cases.getLength(), problems);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot read the chapter check's report " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path report(Path reports) {
        return reports.resolve("TEST-" + CHECK + ".xml");
    }
}
