package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import d2l.kernel.client.KernelSpec;
import d2l.kernel.frontend.JupyterSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner end to end with the real kernel code, launched as its command line is, against the
 * kernelspecs {@code mvn package} built (so the chapter kernel's start-up script is the real one).
 */
class NotebookRunnerIT {
    static final Path FIXTURE = Path.of("src/test/resources/notebooks/chart-and-table.ipynb");

    @TempDir
    Path dir;

    record Result(int exitCode, String output) {}

    /** The second JDK the kernel supports (Temurin 25 beside the default 17 on these machines). */
    static final Path JDK25 = Path.of(System.getProperty("kernel.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));

    private Result runner(String... args) throws Exception {
        return runnerOn(Path.of(System.getProperty("java.home"), "bin", "java"), args);
    }

    private Result runnerOn(Path java, String... args) throws Exception {
        var command = new ArrayList<>(List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                NotebookRunner.class.getName(),
                "--kernelspecs",
                JupyterSandbox.KERNELSPECS.toString()));
        command.addAll(List.of(args));
        var log = dir.resolve("runner.log");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            // A hung run fails with its threads' stacks, so the hang can be diagnosed from the log.
            var dump = ProcessRunner.threadDump(process);
            process.destroyForcibly().waitFor();
            fail("the runner did not finish in 3 minutes; its output:\n" + Files.readString(log, StandardCharsets.UTF_8)
                    + "\nits threads:\n" + dump);
        }
        var output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        return new Result(process.exitValue(), output);
    }

    private static String text(com.google.gson.JsonObject output, String mime) {
        return NotebookFile.multiline(output.getAsJsonObject("data").get(mime));
    }

    @Test
    void runsTheChapterKernelNotebookWithChartTableAndLiveDisplay() throws Exception {
        var out = dir.resolve("out");
        var result = runner("-o", out.toString(), FIXTURE.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertExecutedFixture(out);
    }

    @Test
    void runsTheSameOnJdk25() throws Exception {
        assertTrue(Files.isExecutable(JDK25), "no JDK 25 at " + JDK25 + "; set -Dkernel.jdk25=/path/to/bin/java");
        var out = dir.resolve("out25");
        var result = runnerOn(JDK25, "-o", out.toString(), FIXTURE.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertExecutedFixture(out);
    }

    private static void assertExecutedFixture(Path out) throws Exception {
        var executed = NotebookFile.read(out.resolve("chart-and-table.ipynb"));
        NbformatCheck.assertValid(out.resolve("chart-and-table.ipynb"));
        var cells = executed.cells();
        var chart = cells.get(1).outputs().get(0).getAsJsonObject();
        assertEquals("execute_result", chart.get("output_type").getAsString());
        var png = Base64.getDecoder().decode(text(chart, "image/png"));
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII), "a complete PNG, not a truncated one");
        assertTrue(png.length > 2000, "a 480x320 chart, not an empty image: " + png.length + " bytes");

        var table = cells.get(2).outputs().get(0).getAsJsonObject();
        assertTrue(text(table, "text/html").contains("<table"), text(table, "text/html"));
        assertTrue(text(table, "text/html").contains("2261"));

        var live = cells.get(3).outputs();
        assertEquals(
                "epoch 2 of 2",
                text(live.get(0).getAsJsonObject(), "text/plain").strip().replace("\"", ""),
                "updateDisplay replaced the earlier output in place");
        assertEquals(
                "rows: 3\n",
                NotebookFile.multiline(live.get(1).getAsJsonObject().get("text")));

        var html = Files.readString(out.resolve("chart-and-table.html"));
        assertTrue(html.contains("src=\"data:image/png;base64,"), "chart inline in the page");
        assertTrue(html.contains("<table"), "table inline in the page");
        assertTrue(Files.readString(out.resolve("index.html")).contains("chart-and-table.html"));
    }

    @Test
    void showsTheEpochOfALiveChartAndEndsWithTheSummary() throws Exception {
        var notebook = Notebooks.write(
                dir,
                "training",
                "d2l-rnn",
                "md:# Training",
                "code:var animator = new Animator(\"epoch\", \"loss\", \"train\").xlim(1, 3);\n"
                        + "for (int epoch = 1; epoch <= 3; epoch++) animator.add(epoch, 1.0 / epoch);");

        var terminal = runner("-o", dir.resolve("terminal").toString(), "--progress", "terminal", notebook.toString());

        assertEquals(0, terminal.exitCode(), terminal.output());
        for (var epoch = 1; epoch <= 3; epoch++) {
            var line = Pattern.compile(
                    "\r\\Qtraining | cell 2/2 | \\E[0-9]+s\\Q | epoch " + epoch + "/3 | var animator\\E");
            assertTrue(
                    line.matcher(terminal.output()).find(),
                    "the line shows epoch " + epoch + " as the chart reaches it:\n"
                            + terminal.output().replace("\r", "<CR>"));
        }
        var executed = NotebookFile.read(dir.resolve("terminal/training.ipynb"));
        var chart = executed.cells().get(1).outputs();
        assertEquals(1, chart.size(), "one chart, redrawn in place: " + chart);
        assertTrue(
                text(chart.get(0).getAsJsonObject(), "image/png").length() > 1000,
                "the chart is in the notebook as the kernel drew it");
        assertTrue(
                terminal.output()
                        .matches("(?s).*\n\nnotebook  time +result\n-+  -+  -+\ntraining  [0-9.]+ s +ok\n"
                                + "total     [0-9.]+ s *\nindex page: file:/.*/terminal/index.html\n"),
                terminal.output());

        // JDK 25's System.console() exists for a file too; the runner asks it whether it is a terminal.
        var log = runnerOn(JDK25, "-o", dir.resolve("log").toString(), notebook.toString());

        assertEquals(0, log.exitCode(), log.output());
        assertFalse(
                log.output().contains("\r") || log.output().contains("\033"),
                "a log gets no redrawing codes: " + log.output());
        assertTrue(log.output().contains("\ntraining  ") && log.output().contains("index page: file:"), log.output());
    }

    @Test
    void aFailingCellStopsTheRunAndIsNamed() throws Exception {
        var notebook = Notebooks.write(
                dir,
                "broken",
                "java",
                "md:# Broken",
                "code:int x = 1;",
                "code:Object o = \"s\";\nInteger i = (Integer) o;",
                "code:System.out.println(\"after\");");
        var result = runner("-o", dir.resolve("out").toString(), notebook.toString());

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(
                result.output().contains("broken.ipynb: cell 3 (In [2]) failed: java.lang.ClassCastException"),
                result.output());
        var executed = NotebookFile.read(dir.resolve("out/broken.ipynb"));
        assertTrue(executed.cells().get(3).outputs().isEmpty(), "nothing ran after the failure");
        NbformatCheck.assertValid(dir.resolve("out/broken.ipynb"));
    }

    @Test
    void envOptionReachesTheNotebook() throws Exception {
        var notebook =
                Notebooks.write(dir, "env", "java", "code:System.out.print(System.getenv(\"D2L_RUNNER_PROBE\"));");
        var result = runner(
                "-o",
                dir.resolve("out").toString(),
                "--env",
                "D2L_RUNNER_PROBE=from-the-command-line",
                notebook.toString());

        assertEquals(0, result.exitCode(), result.output());
        var executed = NotebookFile.read(dir.resolve("out/env.ipynb"));
        assertEquals(
                "from-the-command-line",
                NotebookFile.multiline(executed.cells()
                        .get(0)
                        .outputs()
                        .get(0)
                        .getAsJsonObject()
                        .get("text")));
    }

    @Test
    void notebooksRunWithTheJitSettingsOfTheirKernel() throws Exception {
        var kernelOptions =
                KernelSpec.read(JupyterSandbox.KERNELSPECS.resolve("d2l-rnn")).vmOptions();
        assertTrue(
                kernelOptions.contains("-XX:TieredStopAtLevel=1"),
                "the chapter kernel's JIT setting: " + kernelOptions);
        var notebook = Notebooks.write(
                dir,
                "jit",
                "d2l-rnn",
                "code:System.out.print(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());");
        var result = runner("-o", dir.resolve("out").toString(), notebook.toString());

        assertEquals(0, result.exitCode(), result.output());
        var executed = NotebookFile.read(dir.resolve("out/jit.ipynb"));
        var arguments = NotebookFile.multiline(
                executed.cells().get(0).outputs().get(0).getAsJsonObject().get("text"));
        for (var option : kernelOptions) {
            if (option.startsWith("-XX:SharedArchiveFile=")) {
                // The kernel's class-data archive fits only the kernel's own class path, not the runner's.
                assertFalse(arguments.contains(option), option + " was taken on by the run's JVM: " + arguments);
            } else {
                assertTrue(arguments.contains(option), option + " is missing from the run's JVM: " + arguments);
            }
        }
    }

    @Test
    void withJobsNotebooksRunSideBySideEachInAProcessOfItsOwn() throws Exception {
        // Each prints its process, its share of the cores as it started and when it ran; it sleeps long enough to
        // overlap.
        var cell = "code:long started = System.currentTimeMillis();\n"
                + "var share = java.nio.file.Files.readString(java.nio.file.Path.of(System.getenv(\"D2L_THREAD_SHARE\"))).strip();\n"
                + "Thread.sleep(3000);\n"
                + "System.out.print(ProcessHandle.current().pid() + \" \" + share + \" \" + started + \" \" + System.currentTimeMillis());";
        var first = Notebooks.write(dir, "first", "java", "md:# First", cell);
        var second = Notebooks.write(dir, "second", "java", "md:# Second", cell);
        var out = dir.resolve("out");

        var result =
                runner("-o", out.toString(), "--jobs", "2", "--progress", "log", first.toString(), second.toString());

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(
                result.output().contains("running 2 notebooks, 2 at a time, each in a process of its own"),
                result.output());
        assertTrue(
                result.output().contains("-> " + out.resolve("first.ipynb")),
                "lines name the output folder's files: " + result.output());
        var a = printed(out.resolve("first.ipynb"));
        var b = printed(out.resolve("second.ipynb"));
        assertFalse(a[0].equals(b[0]), "two processes: " + a[0] + ", " + b[0]);
        var threads =
                Integer.toString(ParallelRuns.threadsPerJob(Runtime.getRuntime().availableProcessors(), 2));
        assertEquals(threads, a[1], "each job's models get their share of the cores");
        assertEquals(threads, b[1]);
        assertTrue(
                Long.parseLong(a[2]) < Long.parseLong(b[3]) && Long.parseLong(b[2]) < Long.parseLong(a[3]),
                "the two ran at the same time: " + String.join(" ", a) + " / " + String.join(" ", b));
        NbformatCheck.assertValid(out.resolve("first.ipynb"));
        assertTrue(
                Files.isRegularFile(out.resolve("index.html")) && Files.isRegularFile(out.resolve("second.html")),
                "pages are made");
        assertFalse(Files.exists(out.resolve(".jobs")), "the jobs' own folders are gone");
        var summary = RunSummary.read(out);
        assertEquals(
                List.of("first", "second"),
                summary.entries().stream().map(RunSummary.Entry::notebook).toList());
        assertTrue(
                summary.seconds()
                        < summary.entries().stream()
                                .mapToDouble(RunSummary.Entry::seconds)
                                .sum(),
                "the run's time is the wall clock's, less than the two notebooks' times added up");
    }

    @Test
    void withJobsAFailureIsNamedAndNothingStartsAfterIt() throws Exception {
        var broken = Notebooks.write(
                dir, "broken", "java", "code:int x = 1;", "code:throw new IllegalStateException(\"on purpose\");");
        var slow = Notebooks.write(dir, "slow", "java", "code:Thread.sleep(8000);\nSystem.out.print(\"slept\");");
        var later = Notebooks.write(dir, "later", "java", "code:System.out.print(\"later\");");
        var out = dir.resolve("out");

        var result = runner("-o", out.toString(), "--jobs", "2", broken.toString(), slow.toString(), later.toString());

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(
                result.output()
                        .contains("broken.ipynb: cell 2 (In [2]) failed: java.lang.IllegalStateException: on purpose"),
                result.output());
        assertTrue(
                result.output()
                        .matches(
                                "(?s).*\nbroken +[0-9.]+ s +FAILED at cell 2\nslow +[0-9.]+ s +ok\nlater +not run\n.*"),
                "the one running beside it finishes, the next does not start:\n" + result.output());
        assertEquals(
                "slept",
                NotebookFile.multiline(NotebookFile.read(out.resolve("slow.ipynb"))
                        .cells()
                        .get(0)
                        .outputs()
                        .get(0)
                        .getAsJsonObject()
                        .get("text")));
        assertFalse(Files.exists(out.resolve("later.ipynb")));
    }

    @Test
    void withJobsTheNotebookStartedFirstGetsTheCoresTheOthersLeave() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        assumeTrue(cores >= 2, "one core: there is nothing to share out");
        var started = dir.resolve("long-started");
        // "long" reads the library's thread count, says it has started, then waits for it to change.
        var long_ = Notebooks.write(
                dir,
                "long",
                "d2l-rnn",
                "code:long start = System.currentTimeMillis();\n"
                        + "int before = d2l.engine.Threads.available();\n"
                        + "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + started + "\"), \"yes\");\n"
                        + "int after = before;\n"
                        + "for (long end = start + 60_000; after == before && System.currentTimeMillis() < end; ) {\n"
                        + "    Thread.sleep(50);\n"
                        + "    after = d2l.engine.Threads.available();\n"
                        + "}\n"
                        + "System.out.print(before + \" \" + after + \" \" + start);");
        var a = Notebooks.write(dir, "a", "java", "code:System.out.print(System.currentTimeMillis());");
        // "b" ends only once "long" has started, so "long" sees its share both before and after.
        var b = Notebooks.write(
                dir,
                "b",
                "java",
                "code:long start = System.currentTimeMillis();\n"
                        + "var started = java.nio.file.Path.of(\"" + started + "\");\n"
                        + "for (long end = start + 60_000; !java.nio.file.Files.exists(started) && System.currentTimeMillis() < end; )\n"
                        + "    Thread.sleep(50);\n"
                        + "System.out.print(start);");
        var out = dir.resolve("out");

        var result = runner(
                "-o",
                out.toString(),
                "--jobs",
                "2",
                "--first",
                "long",
                "--progress",
                "log",
                a.toString(),
                b.toString(),
                long_.toString());

        assertEquals(0, result.exitCode(), result.output());
        var printed = output(out.resolve("long.ipynb")).split(" ");
        assertEquals(
                Integer.toString(ParallelRuns.threadsPerJob(cores, 2)),
                printed[0],
                "beside another notebook: its share");
        assertEquals(Integer.toString(cores), printed[1], "alone: every core");
        assertTrue(
                Long.parseLong(printed[2]) < Long.parseLong(output(out.resolve("b.ipynb"))),
                "--first long: it started before b, which waited for a's lane");
        assertEquals(
                List.of("a", "b", "long"),
                RunSummary.read(out).entries().stream()
                        .map(RunSummary.Entry::notebook)
                        .toList(),
                "the summary keeps the given order");
    }

    private static String output(Path executed) throws Exception {
        var output = NotebookFile.read(executed).cells().get(0).outputs().get(0).getAsJsonObject();
        return NotebookFile.multiline(output.get("text")).strip();
    }

    /** What a notebook of the jobs test printed: pid, its share of the cores, start and end in milliseconds. */
    private static String[] printed(Path executed) throws Exception {
        var output = NotebookFile.read(executed).cells().get(1).outputs().get(0).getAsJsonObject();
        return NotebookFile.multiline(output.get("text")).strip().split(" ");
    }
}
