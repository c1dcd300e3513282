package d2l.kernel.runner;

import d2l.kernel.client.KernelSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Headless notebook runner: executes notebooks through the kernel's in-process evaluation code
 * and writes, per notebook, the executed {@code .ipynb} and an {@code .html} page, plus an
 * {@code index.html}. Shows where it is while it runs ({@link ProgressLine}) and ends with a
 * summary ({@link RunSummary}). Stops at the first failing cell, names it, and exits non-zero.
 */
public final class NotebookRunner {
    /** Marks a child JVM started to carry variables or JVM options, so it does not fork again. */
    static final String FORKED_PROPERTY = "d2l.runner.forked";

    private static final String INDEX = "index";

    private final CellEvaluator.Factory sessions;
    private final PrintStream log;
    private final ProgressLine progress;

    /** A runner that logs to {@code log} and shows its progress there as a log does. */
    public NotebookRunner(CellEvaluator.Factory sessions, PrintStream log) {
        this(sessions, log, new ProgressLine(log, ProgressLine.Style.LOG, 0, System::nanoTime));
    }

    /** A runner whose lines go through {@code progress}, which writes to {@code log}. */
    public NotebookRunner(CellEvaluator.Factory sessions, PrintStream log, ProgressLine progress) {
        this.sessions = sessions;
        this.log = log;
        this.progress = progress;
    }

    public static void main(String[] args) {
        System.exit(run(args, new KernelSessions(), System.out, System.err, options -> {
            var progress = ProgressLine.forStandardOutput(System.out, options.progress());
            progress.startTicking();
            return progress;
        }));
    }

    /** The whole command, with progress shown on {@code out} as {@code --progress} says (auto: a log). */
    static int run(String[] args, CellEvaluator.Factory sessions, PrintStream out, PrintStream err) {
        return run(
                args,
                sessions,
                out,
                err,
                options -> new ProgressLine(
                        out,
                        options.progress().equals("terminal") ? ProgressLine.Style.TERMINAL : ProgressLine.Style.LOG,
                        80,
                        System::nanoTime));
    }

    /** The whole command: parse, maybe re-launch with the requested environment, run. */
    static int run(
            String[] args,
            CellEvaluator.Factory sessions,
            PrintStream out,
            PrintStream err,
            Function<RunnerOptions, ProgressLine> progress) {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (RunnerOptions.HelpRequested help) {
            out.print(RunnerOptions.USAGE);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("NotebookRunner: " + e.getMessage());
            err.print(RunnerOptions.USAGE);
            return 2;
        }
        try {
            var notebooks = notebooks(options);
            checkFirst(notebooks, options.first());
            var env = requiredEnv(notebooks, options);
            var vmOptions = missingVmOptions(
                    notebooks, options, ManagementFactory.getRuntimeMXBean().getInputArguments());
            if ((!env.isEmpty() || !vmOptions.isEmpty()) && System.getProperty(FORKED_PROPERTY) == null) {
                // A JVM cannot change its own environment (notebooks and ND4J read it with getenv), nor
                // its JIT settings, which decide how fast the notebooks' own code runs.
                return relaunch(args, env, vmOptions);
            }
            NotebookExecutor.Failure failure;
            try (var line = progress.apply(options)) {
                failure = new NotebookRunner(sessions, out, line).runAll(notebooks, options);
            }
            if (failure != null) {
                err.println("NotebookRunner: " + failure.describe());
                return 1;
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("NotebookRunner: " + e.getMessage());
            return 2;
        }
    }

    /** Each {@code --first} names a notebook of the run. */
    static void checkFirst(List<Path> notebooks, List<String> first) {
        var names = notebooks.stream()
                .map(path -> path.getFileName().toString().replaceFirst("\\.ipynb$", ""))
                .toList();
        for (var name : first) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("--first " + name + ": no such notebook in this run ("
                        + String.join(", ", names) + "); give a notebook's file name without .ipynb");
            }
        }
    }

    /** The notebooks to run, in order: files as given, directories in chapter order. */
    static List<Path> notebooks(RunnerOptions options) throws IOException {
        var notebooks = new ArrayList<Path>();
        for (var input : options.inputs()) {
            if (Files.isDirectory(input)) {
                notebooks.addAll(ChapterOrder.of(input));
            } else {
                notebooks.add(input);
            }
        }
        return notebooks;
    }

    /**
     * Variables this process lacks but the run needs: those the notebooks' kernelspecs set for their
     * kernel process (such as {@code OMP_NUM_THREADS}), then {@code --env}, which wins. Empty when the
     * current environment already has them all.
     */
    static Map<String, String> requiredEnv(List<Path> notebooks, RunnerOptions options) throws IOException {
        var wanted = new LinkedHashMap<String, String>();
        for (var path : notebooks) {
            wanted.putAll(kernelSpec(NotebookFile.read(path), options).processEnv());
        }
        wanted.putAll(options.env());
        var current = System.getenv();
        return wanted.entrySet().stream().anyMatch(e -> !e.getValue().equals(current.get(e.getKey())))
                ? wanted
                : Map.of();
    }

    /**
     * The {@code -XX:} options of the notebooks' kernels that this JVM was not started with, so a
     * run's timings (training speed in the chapter) are what a reader sees in the kernel. An
     * installed kernel's class-data archive is left out: it fits only the kernel's own class path.
     */
    static List<String> missingVmOptions(List<Path> notebooks, RunnerOptions options, List<String> current)
            throws IOException {
        var wanted = new java.util.LinkedHashSet<String>();
        for (var path : notebooks) {
            for (var option : kernelSpec(NotebookFile.read(path), options).vmOptions()) {
                if (!option.startsWith("-XX:SharedArchiveFile=")) wanted.add(option);
            }
        }
        wanted.removeAll(current);
        return List.copyOf(wanted);
    }

    /**
     * Runs the notebooks in order; returns the first failure (and runs nothing after it), or null.
     * Ends with the summary: the failure first, every notebook's time and result, the index page
     * (with {@code --brief} and no failure, the index page alone); the summary also goes to
     * {@code OUT/}{@value RunSummary#FILE}.
     */
    public NotebookExecutor.Failure runAll(List<Path> notebooks, RunnerOptions options) throws IOException {
        Files.createDirectories(options.outDir());
        var runStarted = progress.now();
        var ranAhead = runAhead(notebooks, options);
        var executed = new ArrayList<Executed>();
        var summary = new RunSummary();
        NotebookExecutor.Failure failure = null;
        for (var i = 0; i < notebooks.size(); i++) {
            var path = notebooks.get(i);
            var notebook = NotebookFile.read(path);
            var ahead = ranAhead.get(i + 1);
            if (ahead != null) {
                // Ran in a process of its own (--jobs), which printed its lines as it went.
                var entry = ahead.entry();
                summary.add(entry);
                if (ahead.notebook() != null) {
                    var file = options.outDir().resolve(notebook.name() + ".ipynb");
                    ahead.notebook().write(file);
                    executed.add(new Executed(path, ahead.notebook(), entry.failure() == null));
                }
                if (failure == null) {
                    failure = entry.failure();
                }
                continue;
            }
            if (failure != null) {
                summary.add(new RunSummary.Entry(notebook.name(), RunSummary.Outcome.NOT_RUN, 0, null));
                continue;
            }
            var kernel = kernelSpec(notebook, options);
            PageLabels.forNotebook(path, notebook); // A language without labels fails before the run, not after it.
            var shown = shownPosition(i + 1, notebooks.size());
            progress.notebook(shown[0], shown[1], notebook.name());
            progress.println("running " + path + " (kernel " + kernel.name() + ")");
            var started = progress.now();
            var file = options.outDir().resolve(notebook.name() + ".ipynb");
            if (reuseOutputs(path, notebook, options.outputsFrom())) {
                notebook.write(file);
                executed.add(new Executed(path, notebook, true));
                var seconds = (progress.now() - started) / 1e9;
                summary.add(new RunSummary.Entry(notebook.name(), RunSummary.Outcome.REUSED, seconds, null));
                progress.println(String.format("  ok (outputs reused) in %.1f s -> %s", seconds, file));
                continue;
            }
            // Jupyter starts a kernel in its notebook's folder, where the chapter's checks read their
            // language; in this one JVM the runner tells them instead, unless the user already did.
            var langSet = System.getProperty(LANG_PROPERTY) == null;
            if (langSet)
                System.setProperty(
                        LANG_PROPERTY, PageLabels.forNotebook(path, notebook).lang());
            try (var session = sessions.open(kernel, progress::chart)) {
                failure = NotebookExecutor.execute(notebook, session, progress);
            } finally {
                if (langSet) System.clearProperty(LANG_PROPERTY);
            }
            notebook.write(file);
            executed.add(new Executed(path, notebook, failure == null));
            var seconds = (progress.now() - started) / 1e9;
            summary.add(new RunSummary.Entry(
                    notebook.name(),
                    failure == null ? RunSummary.Outcome.OK : RunSummary.Outcome.FAILED,
                    seconds,
                    failure));
            progress.println(String.format("  %s in %.1f s -> %s", failure == null ? "ok" : "FAILED", seconds, file));
        }
        summary.elapsed((progress.now() - runStarted) / 1e9);
        if (options.pages()) {
            var index = writePages(executed, options);
            summary.indexPage(index.toAbsolutePath().normalize().toUri().toString());
        }
        summary.write(options.outDir());
        progress.close();
        if (System.getProperty(ParallelRuns.POSITION_PROPERTY) != null) {
            return failure; // a job of a run with --jobs: that run sums up
        }
        if (options.brief() && failure == null) {
            if (options.pages()) {
                log.println("index page: " + summary.indexPage());
            }
        } else {
            summary.print(log);
        }
        return failure;
    }

    /**
     * With {@code --jobs} above 1, runs the notebooks that must run (not those taking another
     * edition's outputs) side by side, each in a process of its own, before the pages are made;
     * returns their results by position (from 1). Empty when there are fewer than two to run.
     */
    private Map<Integer, ParallelRuns.Result> runAhead(List<Path> notebooks, RunnerOptions options) throws IOException {
        if (options.jobs() < 2) {
            return Map.of();
        }
        var jobs = new ArrayList<ParallelRuns.Job>();
        for (var i = 0; i < notebooks.size(); i++) {
            var path = notebooks.get(i);
            var notebook = NotebookFile.read(path);
            kernelSpec(notebook, options); // An unknown kernel fails before anything runs.
            PageLabels.forNotebook(path, notebook);
            if (!outputsReusable(notebook, options.outputsFrom())) {
                jobs.add(new ParallelRuns.Job(i + 1, path, notebook.name()));
            }
        }
        if (jobs.size() < 2) {
            return Map.of();
        }
        jobs.sort(java.util.Comparator.comparingInt(job -> {
            int rank = options.first().indexOf(job.name());
            return rank < 0 ? options.first().size() : rank; // a stable sort: the others keep their order
        }));
        progress.println("running " + jobs.size() + " notebooks, " + options.jobs()
                + " at a time, each in a process of its own");
        return new ParallelRuns(options, notebooks.size(), progress).run(jobs);
    }

    /** Whether {@link #reuseOutputs} would take the other edition's outputs (without saying so). */
    private static boolean outputsReusable(NotebookFile notebook, Path outputsFrom) throws IOException {
        if (outputsFrom == null) {
            return false;
        }
        var file = outputsFrom.resolve(notebook.name() + ".ipynb");
        return Files.isRegularFile(file) && ExecutedCopy.mismatch(notebook, NotebookFile.read(file)) == null;
    }

    /**
     * The notebook's place in the run as the progress line shows it ({number, count}); a runner
     * started for --jobs runs one notebook and is told its place in the whole run ("6/8").
     */
    static int[] shownPosition(int number, int count) {
        var given = System.getProperty(ParallelRuns.POSITION_PROPERTY, "");
        if (count == 1 && given.matches("\\d+/\\d+")) {
            var parts = given.split("/");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        }
        return new int[] {number, count};
    }

    /**
     * With {@code --outputs-from}, gives {@code notebook} the outputs of its executed copy there when
     * that copy has the same code cells and all of them ran; says in the log which it did, and why.
     */
    private boolean reuseOutputs(Path path, NotebookFile notebook, Path outputsFrom) throws IOException {
        if (outputsFrom == null) {
            return false;
        }
        var file = outputsFrom.resolve(notebook.name() + ".ipynb");
        var copy = Files.isRegularFile(file) ? NotebookFile.read(file) : null;
        var reason = copy == null ? "there is no such file" : ExecutedCopy.mismatch(notebook, copy);
        if (reason != null) {
            progress.println("  running it: " + file + " cannot stand for it, " + reason);
            return false;
        }
        ExecutedCopy.copyOutputs(copy, notebook);
        OutputTranslations.apply(
                notebook, PageLabels.forNotebook(path, notebook).lang());
        progress.println("  its code cells are those of " + file + ", which all ran: that copy's outputs are used");
        return true;
    }

    /** The system property the chapter's checks read their language from ({@code d2l.exercise.Language}). */
    static final String LANG_PROPERTY = "d2l.lang";

    /** A notebook after its run: where it came from, and whether every cell ran. */
    record Executed(Path source, NotebookFile notebook, boolean passed) {
        String page() {
            return notebook.name() + ".html";
        }

        PageLabels labels() {
            return PageLabels.forNotebook(source, notebook);
        }
    }

    /**
     * Writes the pages of the run as a book: index.html first (the chapter's own index notebook with
     * the run's page list added, or a contents page), then the others in run order, each linking its
     * neighbours; the figures the notebooks show, and MathJax and highlight.js, go beside them.
     */
    Path writePages(List<Executed> executed, RunnerOptions options) throws IOException {
        var out = options.outDir();
        var indexNotebook =
                executed.stream().filter(e -> e.notebook().name().equals(INDEX)).findFirst();
        var sections = executed.stream()
                .filter(e -> !e.notebook().name().equals(INDEX))
                .toList();
        var indexLabels = indexNotebook
                .or(() -> executed.stream().findFirst())
                .map(Executed::labels)
                .orElse(PageLabels.of("en"));
        var heading = indexNotebook
                .map(e -> e.notebook().title())
                .orElseGet(() -> options.inputs().size() == 1
                                && Files.isDirectory(options.inputs().get(0))
                        ? options.inputs()
                                .get(0)
                                .toAbsolutePath()
                                .normalize()
                                .getFileName()
                                .toString()
                        : indexLabels.notebooks());
        var links = new ArrayList<HtmlPage.Link>();
        links.add(new HtmlPage.Link(INDEX + ".html", heading));
        sections.forEach(e -> links.add(new HtmlPage.Link(e.page(), e.notebook().title())));

        var entries = executed.stream()
                .map(e -> new IndexPage.Entry(e.page(), e.notebook().title(), e.passed()))
                .toList();
        var indexNavigation = new HtmlPage.Navigation(null, null, links.size() > 1 ? links.get(1) : null);
        var index = out.resolve(INDEX + ".html");
        Files.writeString(
                index,
                indexNotebook.isPresent()
                        ? new HtmlPage(indexLabels)
                                .render(
                                        indexNotebook.get().notebook(),
                                        indexNavigation,
                                        IndexPage.section(entries, indexLabels, options.editions()))
                        : IndexPage.render(heading, entries, indexNavigation, indexLabels, options.editions()),
                StandardCharsets.UTF_8);
        indexNotebook.ifPresent(e -> copyFigures(e, new HtmlPage(indexLabels), out));

        for (var i = 0; i < sections.size(); i++) {
            var section = sections.get(i);
            var labels = section.labels();
            var html = new HtmlPage(labels);
            var navigation = new HtmlPage.Navigation(
                    links.get(i),
                    new HtmlPage.Link(INDEX + ".html", labels.contents()),
                    i + 2 < links.size() ? links.get(i + 2) : null);
            Files.writeString(
                    out.resolve(section.page()),
                    html.render(section.notebook(), navigation, ""),
                    StandardCharsets.UTF_8);
            copyFigures(section, html, out);
        }
        PageAssets.copyTo(out);
        return index;
    }

    /**
     * Copies the image files a notebook's markdown shows ({@code img/rnn.svg}) to the same relative
     * place beside its page; one that is missing, or lies outside the notebook's folder, is named in
     * the log and left out (the page shows its alt text), since the executed results still count.
     */
    private void copyFigures(Executed executed, HtmlPage html, Path out) {
        var folder = executed.source().toAbsolutePath().normalize().getParent();
        for (var figure : html.figures(executed.notebook())) {
            var relative = Path.of(figure).normalize();
            var source = folder.resolve(relative).normalize();
            if (relative.startsWith("..") || relative.isAbsolute()) {
                progress.println("  warning: " + executed.source() + " shows " + figure
                        + ", outside the notebook's folder; put the file under its img/ folder to have it on the page");
            } else if (!Files.isRegularFile(source)) {
                progress.println(
                        "  warning: " + executed.source() + " shows " + figure + ", but there is no file " + source);
            } else {
                try {
                    var target = out.resolve(relative);
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("could not copy figure " + source + " to " + out, e);
                }
            }
        }
    }

    private static int relaunch(String[] args, Map<String, String> env, List<String> vmOptions) throws IOException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(withVmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments(), vmOptions));
        command.add("-D" + FORKED_PROPERTY + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NotebookRunner.class.getName());
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        try {
            return builder.start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * This JVM's options followed by the kernel's (a later {@code -XX} setting wins); a garbage
     * collector of ours is left out when the kernel names one, as the JVM refuses two.
     */
    static List<String> withVmOptions(List<String> current, List<String> kernel) {
        var choosesCollector = kernel.stream().anyMatch(NotebookRunner::selectsCollector);
        var command = new ArrayList<String>();
        for (var option : current) {
            if (!(choosesCollector && selectsCollector(option))) {
                command.add(option);
            }
        }
        command.addAll(kernel);
        return command;
    }

    private static boolean selectsCollector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }

    private static KernelSpec kernelSpec(NotebookFile notebook, RunnerOptions options) throws IOException {
        return KernelSpec.forNotebook(notebook.kernelName(), notebook.name(), options.kernelspecRoots());
    }
}
