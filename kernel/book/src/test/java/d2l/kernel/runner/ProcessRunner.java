package d2l.kernel.runner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Test support for runner processes that may hang. */
final class ProcessRunner {
    private ProcessRunner() {}

    /** The stacks of a running JVM's threads (jcmd Thread.print), or why they could not be read. */
    static String threadDump(Process process) {
        // The jcmd of the JDK that runs the process: attaching across JDK versions is not reliable.
        var java =
                process.info().command().map(Path::of).orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        var jcmd = java.resolveSibling("jcmd").toString();
        try {
            var dump = new ProcessBuilder(jcmd, Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            var text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            return text;
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }
}
