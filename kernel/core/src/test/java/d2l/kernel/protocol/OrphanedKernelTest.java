package d2l.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A kernel whose front end is killed must not live on (issue #16): it exits once its parent
 * process is gone, or the process JPY_PARENT_PID names, on JDK 17 and 25.
 */
class OrphanedKernelTest {
    private static final long GONE_WITHIN_MILLIS = 5_000;

    static Stream<String> javas() {
        return Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), Jdk25KernelTest.jdk25());
    }

    @ParameterizedTest
    @MethodSource("javas")
    void aKernelWhoseParentIsKilledExits(String javaExecutable) throws Exception {
        // The shell starts the kernel in the background, prints its pid and waits: the kernel's parent.
        var launcher = List.of("sh", "-c", "\"$@\" > /dev/null & echo $!; wait", "sh");
        long kernelPid = -1;
        try (var kernel = new LaunchedKernel(javaExecutable, launcher, Map.of())) {
            var out = new BufferedReader(
                    new InputStreamReader(kernel.process().getInputStream(), StandardCharsets.UTF_8));
            kernelPid = Long.parseLong(out.readLine().trim());
            assertEquals("ok", kernel.execute("int alive = 1;").status());
            assertEquals(
                    kernel.process().pid(),
                    ProcessHandle.of(kernelPid)
                            .flatMap(ProcessHandle::parent)
                            .map(ProcessHandle::pid)
                            .orElse(-1L));

            kernel.process().destroyForcibly().waitFor(); // kill -9 of the kernel's parent
            long millis = millisUntilGone(kernelPid, 3 * GONE_WITHIN_MILLIS);
            assertTrue(
                    millis <= GONE_WITHIN_MILLIS,
                    "kernel still running " + millis + " ms after its parent was killed; log:\n" + kernel.log());
            assertTrue(
                    kernel.log()
                            .contains("its parent process " + kernel.process().pid() + " is gone"),
                    kernel.log());
        } finally {
            if (kernelPid > 0) ProcessHandle.of(kernelPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void aKernelExitsWhenTheProcessInJpyParentPidIsGone(String javaExecutable) throws Exception {
        var jupyter = new ProcessBuilder("sleep", "600").start();
        try (var kernel =
                new LaunchedKernel(javaExecutable, List.of(), Map.of("JPY_PARENT_PID", Long.toString(jupyter.pid())))) {
            assertEquals("ok", kernel.execute("int alive = 1;").status());
            assertTrue(kernel.process().isAlive());

            jupyter.destroyForcibly().waitFor();
            long start = System.nanoTime();
            boolean exited = kernel.waitForExit(java.time.Duration.ofMillis(3 * GONE_WITHIN_MILLIS));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(
                    exited && millis <= GONE_WITHIN_MILLIS,
                    "kernel still running " + millis + " ms after JPY_PARENT_PID's process was killed; log:\n"
                            + kernel.log());
            assertEquals(0, kernel.process().exitValue());
            assertTrue(kernel.log().contains("(JPY_PARENT_PID) is gone"), kernel.log());
        } finally {
            jupyter.destroyForcibly();
        }
    }

    /** Polls until the process has ended (a zombie left for a non-reaping init counts as ended). */
    private static long millisUntilGone(long pid, long timeoutMillis) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!running(pid) || millis > timeoutMillis) return millis;
            Thread.sleep(50);
        }
    }

    private static boolean running(long pid) {
        var stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
