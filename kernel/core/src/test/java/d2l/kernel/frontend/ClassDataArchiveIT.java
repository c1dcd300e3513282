package d2l.kernel.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.kernel.client.KernelProcess;
import d2l.kernel.client.KernelSpec;
import d2l.kernel.client.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A built kernelspec's class-data archive covers what a kernel's start loads: the sockets, the
 * signing and our protocol code as well as JShell, because the warm-up it was recorded from runs
 * a real server driven over loopback. Checked with the JVM's own class-loading log of a start and
 * a first cell. The same log shows that javac never indexes the jars itself: the kernel's
 * {@code ClassPathIndex} lists them.
 */
class ClassDataArchiveIT {
    /** One class from each part of the start: ZeroMQ, NIO, HMAC signing, our server, JSON, JShell. */
    private static final List<String> START_CLASSES = List.of(
            "org.zeromq.ZMQ",
            "zmq.poll.Poller",
            "sun.nio.ch.EPollSelectorImpl",
            "javax.crypto.Mac",
            "com.sun.crypto.provider.HmacCore",
            "d2l.kernel.protocol.KernelServer",
            "d2l.kernel.protocol.Handlers",
            "com.google.gson.Gson",
            "jdk.jshell.JShell",
            "com.sun.tools.javac.main.JavaCompiler",
            "d2l.kernel.eval.ClassPathIndex");
    /** What javac loads when it indexes the class path itself: a zip file system per jar, walked whole. */
    private static final String JAVAC_JAR_INDEX = "com.sun.tools.javac.file.JavacFileManager$ArchiveContainer";

    private static final String SHARED = "shared objects file";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"java", "d2l-rnn"})
    void aStartLoadsItsClassesFromTheArchive(String kernel) throws Exception {
        var spec = KernelSpec.read(JupyterSandbox.KERNELSPECS.resolve(kernel));
        assertTrue(
                spec.argv().stream().anyMatch(arg -> arg.startsWith("-XX:SharedArchiveFile=")),
                "the build records an archive for " + kernel + ": " + spec.argv());
        var log = dir.resolve("class-load.log");
        var argv = new ArrayList<>(spec.argv());
        argv.add(1, "-Xlog:class+load=info:file=" + log);

        try (var process = KernelProcess.start(new KernelSpec(spec.name(), spec.directory(), argv, spec.env()))) {
            assertTrue(process.client.awaitHeartbeat(60_000), "no heartbeat:\n" + process.log());
            var id = process.client.sendShell("execute_request", WireClient.executeContent("1 + 1"));
            var reply = process.client.awaitShellReply(id, 60_000);
            assertNotNull(reply, "no execute_reply:\n" + process.log());
            assertEquals("ok", reply.content().get("status").getAsString());
        }

        Map<String, String> sources = Files.readAllLines(log).stream()
                .filter(line -> line.contains(" source: "))
                .collect(Collectors.toMap(
                        ClassDataArchiveIT::className,
                        line -> line.substring(line.indexOf(" source: ") + 9),
                        (first, again) -> first));
        var notShared = START_CLASSES.stream()
                .filter(name -> !sources.getOrDefault(name, "(never loaded)").startsWith(SHARED))
                .collect(Collectors.toMap(Function.identity(), name -> sources.getOrDefault(name, "(never loaded)")));
        assertEquals(Map.of(), notShared, kernel + ": classes of a start that the archive misses");
        assertEquals(
                "(never loaded)",
                sources.getOrDefault(JAVAC_JAR_INDEX, "(never loaded)"),
                kernel + ": the class path should be listed from the kernel's own index");

        // Lambda forms the JVM spins at run time cannot be archived; everything else should be.
        var fromJars = sources.entrySet().stream()
                .filter(e -> e.getValue().startsWith("jrt:") || e.getValue().startsWith("file:"))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        assertTrue(
                fromJars.size() < 20,
                kernel + " loaded " + fromJars.size() + " classes from the JDK or jars, not the archive: " + fromJars);
    }

    /** {@code [0.12s][info][class,load] java.lang.Foo source: ...} to {@code java.lang.Foo}. */
    private static String className(String line) {
        String beforeSource = line.substring(0, line.indexOf(" source: "));
        return beforeSource.substring(beforeSource.lastIndexOf(' ') + 1);
    }
}
