package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A class of ten students on JupyterHub, with the hub configuration the teacher's guide gives
 * ({@code docs/jupyterhub_config.py}): each logs in, gets a server and a chapter kernel installed
 * the guide's way (the installer with {@code --prefix}), runs two cells of the chapter's rnn section
 * over the kernel websocket, alone and then all at once (one student's kernel first dies while
 * another process holds its port, and must come back); one student makes a widget slider and moves it
 * (the comm messages a widget front end sends, through the hub's proxy); everything is stopped through the hub's
 * API and no process of the class may be left. {@code kernel/frontend-fixtures/jupyterhub/classroom.py} drives it;
 * scripts/classroom-benchmark.sh runs the same with 40 students and prints the figures.
 */
class ClassroomIT {
    static final Path HUB_DIR = Path.of("../frontend-fixtures/jupyterhub").toAbsolutePath();
    static final Path CONFIG =
            Path.of("../../docs/jupyterhub_config.py").toAbsolutePath().normalize();
    static final Path NOTEBOOK = Path.of("../../notebooks/chapter_recurrent-neural-networks/rnn.ipynb")
            .toAbsolutePath()
            .normalize();
    static final Path PROXY = HUB_DIR.resolve("node_modules/.bin/configurable-http-proxy");
    static final int STUDENTS = 10;

    @Test
    void tenStudentsRunTheChapterKernelAndLeaveNothingBehind() throws Exception {
        PythonEnv.require("/usr/bin/jupyterhub", "/usr/bin/jupyterhub-singleuser");
        PythonEnv.requireModules("jupyterhub", "notebook", "websocket", "psutil", "requests");
        var root = Files.createDirectories(Path.of("target/classroom-it").toAbsolutePath());
        deleteTree(root);
        Files.createDirectories(root);
        installProxy(root);
        // The installer writes the java that runs it into kernel.json: this test's JDK.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        run(
                root.resolve("install.log"),
                10,
                java,
                "-cp",
                JupyterSandbox.KERNELSPECS.toAbsolutePath() + "/java/lib/*",
                "d2l.kernel.install.Installer",
                "--source",
                JupyterSandbox.KERNELSPECS.toAbsolutePath().toString(),
                "--prefix",
                root.resolve("prefix").toString(),
                "--kernel",
                "d2l-rnn");

        var out = root.resolve("result.json");
        int exit = run(
                root.resolve("classroom.log"),
                30,
                PythonEnv.PYTHON,
                HUB_DIR.resolve("classroom.py").toString(),
                "--students",
                String.valueOf(STUDENTS),
                "--root",
                root.toString(),
                "--config",
                CONFIG.toString(),
                "--proxy",
                PROXY.toString(),
                "--notebook",
                NOTEBOOK.toString(),
                "--out",
                out.toString(),
                "--restart-one",
                "--widget-student");
        String log = Files.readString(root.resolve("classroom.log"), StandardCharsets.UTF_8);
        System.out.println(log);
        String logs = "\nhub log: " + root.resolve("jupyterhub.log") + ", each student's server and kernels: "
                + root.resolve("logs");
        assertTrue(Files.exists(out), "classroom.py wrote no result; its output:\n" + log + logs);
        JsonObject result = JsonParser.parseString(Files.readString(out)).getAsJsonObject();

        assertEquals(0, result.getAsJsonArray("problems").size(), "problems:\n" + log + logs);
        assertEquals(0, exit, log);
        assertEquals(
                STUDENTS,
                result.getAsJsonObject("memory_mib")
                        .getAsJsonObject("kernel")
                        .get("count")
                        .getAsInt(),
                log);
        // A kernel that died while another process held its shell port (a lost port race) came back
        // on other ports, and the student's open websocket reached it again.
        var restart = result.getAsJsonObject("restart_on_taken_port");
        assertTrue(restart != null, "the driver did not try a restart on a taken port:\n" + log);
        assertTrue(
                restart.getAsJsonObject("ports_before").get("shell_port").getAsInt()
                        != restart.getAsJsonObject("ports_after")
                                .get("shell_port")
                                .getAsInt(),
                log);
        // One student made a slider and moved it: the widget's comm messages crossed the hub's proxy
        // (the websocket) both ways, and the kernel has the new value.
        var widget = result.getAsJsonObject("widget_student");
        assertTrue(widget != null, "the driver did not move a slider:\n" + log);
        assertEquals("jupyter.widget", widget.get("target").getAsString(), widget.toString());
        assertEquals("IntSliderModel", widget.get("model_name").getAsString(), widget.toString());
        assertEquals("11", widget.get("kernel_value").getAsString(), "slider.value() after the move: " + widget);
        assertEquals(
                11,
                widget.getAsJsonArray("echo_update")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("state")
                        .get("value")
                        .getAsInt(),
                "the kernel echoed the update back through the proxy: " + widget);
        // The hub, its proxy, and a server and a kernel per student were all seen running ...
        assertTrue(result.get("processes_seen").getAsInt() >= 2 + 2 * STUDENTS, log);
        // ... and are gone: by the driver's count, and by a look at every process on the machine.
        assertEquals(0, result.getAsJsonObject("processes_left").size(), log);
        assertEquals(0, result.get("hub_exit_code").getAsInt(), "the hub stopped through the API exits cleanly");
        var left = ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(root.toString()))
                        .orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
        assertEquals(List.of(), left, "processes of the class still running");
    }

    /** The proxy the hub needs, pinned by package-lock.json (Debian's package does not run under Node 20). */
    private static void installProxy(Path root) throws IOException, InterruptedException {
        if (Files.isExecutable(PROXY)) return;
        if (!Files.isExecutable(Path.of("/usr/bin/npm")))
            fail("npm not found: apt-get install npm (or run scripts/prerequisites.sh --test)");
        int exit = run(root.resolve("npm.log"), 10, HUB_DIR, "npm", "ci", "--no-audit", "--no-fund");
        assertEquals(0, exit, "npm ci in " + HUB_DIR + " failed:\n" + Files.readString(root.resolve("npm.log")));
    }

    private static int run(Path log, int minutes, String... command) throws IOException, InterruptedException {
        return run(log, minutes, HUB_DIR, command);
    }

    private static int run(Path log, int minutes, Path directory, String... command)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        var process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            fail(String.join(" ", command) + " took longer than " + minutes + " minutes:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (var p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
