package d2l.kernel.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Runs notebooks side by side ({@code --jobs N}): each in a runner process of its own (a kernel
 * session is one per JVM, like a kernel), up to N at once, in chapter order. On two cores the
 * chapter's long notebooks then overlap: one trains the reader's single-threaded model while the
 * other trains the library's, instead of leaving a core idle. Each child's models split their work
 * over {@code cores / N} threads ({@code D2L_THREADS}, unless the environment already sets it), so
 * the children do not fight over the cores: threads that meet at a barrier every time step run far
 * slower when there are more of them than cores.
 *
 * <p>A child writes its executed notebook and its summary to a folder of its own under the output
 * folder; its lines come here, through the progress line (on a terminal, its running cell becomes
 * part of the one redrawn line). After a failure no further notebook starts; those already running
 * finish.
 */
final class ParallelRuns {
    /** A notebook to run: its position in the run (from 1), file and name. */
    record Job(int number, Path path, String name) {}

    /** How a job ended: the executed notebook (null if it did not run) and its summary entry. */
    record Result(NotebookFile notebook, RunSummary.Entry entry) {}

    /** Set in a child: its notebook's position in the whole run, such as "6/8", for its progress lines. */
    static final String POSITION_PROPERTY = "d2l.runner.position";
    /** Set in a child: seconds between its progress lines (1 when a terminal line shows them). */
    static final String LOG_INTERVAL_PROPERTY = "d2l.runner.logInterval";
    /** The library's cap on a model's threads ({@code d2l.engine.Threads}, not on the runner's class path). */
    static final String THREADS_VARIABLE = "D2L_THREADS";

    private static final String JOBS_FOLDER = ".jobs";
    /** A child's progress line in a log: "  rnn-scratch (6/8) | cell 30/42 | 1m 02s | ...". */
    private static final Pattern STATUS = Pattern.compile("^ {2}\\S.* \\| cell \\d+/\\d+ \\| .*");

    private final RunnerOptions options;
    private final int count;
    private final ProgressLine progress;

    /**
     * @param count how many notebooks the whole run has (for the children's "(6/8)")
     */
    ParallelRuns(RunnerOptions options, int count, ProgressLine progress) {
        this.options = options;
        this.count = count;
        this.progress = progress;
    }

    /** Runs the jobs, {@code options.jobs()} at a time; the results come back by job number. */
    Map<Integer, Result> run(List<Job> jobs) throws IOException {
        var results = new ConcurrentHashMap<Integer, Result>();
        var failed = new AtomicBoolean();
        var pool = Executors.newFixedThreadPool(options.jobs(), task -> {
            var thread = new Thread(task, "runner job");
            thread.setDaemon(true);
            return thread;
        });
        try {
            var futures = new ArrayList<Future<?>>();
            for (var job : jobs) {
                futures.add(pool.submit(() -> {
                    var result = failed.get() ? notRun(job) : runChild(job);
                    if (result.entry().outcome() == RunSummary.Outcome.FAILED) {
                        failed.set(true);
                    }
                    results.put(job.number(), result);
                    return null;
                }));
            }
            for (var future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while notebooks ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        deleteTree(options.outDir().resolve(JOBS_FOLDER));
        return results;
    }

    private static Result notRun(Job job) {
        return new Result(null, new RunSummary.Entry(job.name(), RunSummary.Outcome.NOT_RUN, 0, null));
    }

    private Result runChild(Job job) throws IOException {
        var folder = options.outDir().resolve(JOBS_FOLDER).resolve(job.name());
        Files.createDirectories(folder);
        var builder = new ProcessBuilder(command(job, folder)).redirectErrorStream(true);
        builder.environment()
                .putIfAbsent(
                        THREADS_VARIABLE,
                        Integer.toString(threadsPerJob(Runtime.getRuntime().availableProcessors(), options.jobs())));
        var child = builder.start();
        child.getOutputStream().close();
        try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (var line = lines.readLine(); line != null; line = lines.readLine()) {
                // Its notebook is written to the output folder under the same name: say that folder.
                show(job, line.replace(folder.toString(), options.outDir().toString()));
            }
        } finally {
            progress.running(job.name(), null);
        }
        int status;
        try {
            status = child.waitFor();
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + job.name() + " ran", e);
        }
        var summary = RunSummary.read(folder);
        var file = folder.resolve(job.name() + ".ipynb");
        if (summary == null || summary.entries().size() != 1 || !Files.isRegularFile(file)) {
            // The process died before it could write its results (killed, out of memory, a crash of the JVM).
            var failure = new NotebookExecutor.Failure(
                    job.name(),
                    0,
                    0,
                    "",
                    "the notebook's runner process ended with exit status " + status + " before writing its results",
                    "its last lines are above");
            return new Result(null, new RunSummary.Entry(job.name(), RunSummary.Outcome.FAILED, 0, failure));
        }
        return new Result(NotebookFile.read(file), summary.entries().get(0));
    }

    /** The child's command line: this JVM's options and class path, the same kernelspecs, one notebook. */
    private List<String> command(Job job, Path folder) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + NotebookRunner.FORKED_PROPERTY + "=true");
        command.add("-D" + POSITION_PROPERTY + "=" + job.number() + "/" + count);
        if (progress.style() == ProgressLine.Style.TERMINAL) {
            command.add("-D" + LOG_INTERVAL_PROPERTY + "=1");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NotebookRunner.class.getName());
        command.addAll(List.of("--progress", "log", "--no-pages", "--brief", "--out", folder.toString()));
        for (var root : options.kernelspecRoots()) {
            command.addAll(List.of("--kernelspecs", root.toString()));
        }
        options.env().forEach((name, value) -> command.addAll(List.of("--env", name + "=" + value)));
        command.add(job.path().toString());
        return command;
    }

    /** A child's line: on a terminal its progress joins the redrawn line, anything else is printed. */
    private void show(Job job, String line) {
        if (progress.style() == ProgressLine.Style.TERMINAL
                && STATUS.matcher(line).matches()) {
            progress.running(job.name(), line.strip());
        } else {
            progress.println(line);
        }
    }

    /** Threads per child: the cores shared out, at least one each. */
    static int threadsPerJob(int processors, int jobs) {
        return Math.max(1, processors / jobs);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
