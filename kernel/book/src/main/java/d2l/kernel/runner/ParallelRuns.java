package d2l.kernel.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * over its share of the cores ({@link CoreShares}): {@code cores / N} while N notebooks or more are
 * left, so the children do not fight over the cores (threads that meet at a barrier every time step
 * run far slower when there are more of them than cores), and more once fewer are left, so the last
 * notebook gets every core. {@code D2L_THREADS}, if the environment sets it, caps that share.
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
    /**
     * Set in a child: the file that holds its current share of the cores, which the library reads
     * ({@code d2l.engine.Threads.SHARE_FILE}; the library is not on the runner's class path).
     */
    static final String SHARE_VARIABLE = "D2L_THREAD_SHARE";

    private static final String SHARE_FILE = "thread-share";

    private static final String JOBS_FOLDER = ".jobs";
    /** A child's progress line in a log: "  rnn-scratch (6/8) | cell 30/42 | 1m 02s | ...". */
    private static final Pattern STATUS = Pattern.compile("^ {2}\\S.* \\| cell \\d+/\\d+ \\| .*");

    private final RunnerOptions options;
    private final int count;
    private final ProgressLine progress;
    private CoreShares shares;

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
        shares = new CoreShares(Runtime.getRuntime().availableProcessors(), options.jobs(), jobs.size());
        var pool = Executors.newFixedThreadPool(options.jobs(), task -> {
            var thread = new Thread(task, "runner job");
            thread.setDaemon(true);
            return thread;
        });
        try {
            var futures = new ArrayList<Future<?>>();
            for (var job : jobs) {
                futures.add(pool.submit(() -> {
                    Result result;
                    if (failed.get()) {
                        result = notRun(job);
                        shares.finished(null);
                    } else {
                        result = runChild(job);
                    }
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
        var share = folder.resolve(SHARE_FILE).toAbsolutePath();
        builder.environment().put(SHARE_VARIABLE, share.toString());
        shares.started(share);
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            shares.finished(share);
            throw e;
        }
        try {
            return waitFor(job, folder, child);
        } finally {
            shares.finished(share);
        }
    }

    private Result waitFor(Job job, Path folder, Process child) throws IOException {
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

    /**
     * The running children's shares of the cores, each in a file of its own that the child's library
     * reads at every minibatch (and at most five times a second): {@code cores / N} while N (the
     * jobs) or more notebooks are unfinished, {@code cores / n} once only n are, so the last notebook
     * trains on every core. A file is replaced whole (written beside it, then moved over it), so a
     * child never reads half a number.
     */
    static final class CoreShares {
        private final int processors;
        private final int jobs;
        private final Set<Path> running = new LinkedHashSet<>();
        private int unfinished;

        CoreShares(int processors, int jobs, int notebooks) {
            this.processors = processors;
            this.jobs = jobs;
            this.unfinished = notebooks;
        }

        /** The share of each running child now. */
        synchronized int share() {
            return threadsPerJob(processors, Math.max(1, Math.min(jobs, unfinished)));
        }

        /** A child is about to start: writes its share file. */
        synchronized void started(Path file) throws IOException {
            running.add(file);
            write(file, share());
        }

        /** A notebook is done ({@code file} null: it was not run): the others' shares may grow. */
        synchronized void finished(Path file) throws IOException {
            if (file != null) {
                running.remove(file);
            }
            unfinished--;
            for (var other : running) {
                write(other, share());
            }
        }

        private static void write(Path file, int threads) throws IOException {
            var next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, threads + "\n", StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
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
