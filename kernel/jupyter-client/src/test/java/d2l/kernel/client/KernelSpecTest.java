package d2l.kernel.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecTest {
    @TempDir
    Path dir;

    private KernelSpec write(String json) throws Exception {
        var spec = Files.createDirectories(dir.resolve("d2l-rnn"));
        Files.writeString(spec.resolve("kernel.json"), json);
        return KernelSpec.read(spec);
    }

    @Test
    void readsStartupScriptsSystemPropertiesAndEnvWithResourceDirResolved() throws Exception {
        var spec = write("""
        {"argv": ["java", "-Djava.awt.headless=true", "-cp", "{resource_dir}/lib/*", "d2l.kernel.KernelMain",
                  "--startup", "{resource_dir}/startup.jsh", "{connection_file}"],
         "display_name": "d2l", "language": "java",
         "env": {"OMP_NUM_THREADS": "1", "IJAVA_CLASSPATH": "{resource_dir}/extra"}}
        """);
        var home = dir.resolve("d2l-rnn").toAbsolutePath();
        assertEquals("d2l-rnn", spec.name());
        assertEquals(List.of(home.resolve("startup.jsh")), spec.startupScripts());
        assertEquals(Map.of("java.awt.headless", "true"), spec.systemProperties());
        assertEquals(home + "/extra", spec.variable("IJAVA_CLASSPATH"));
        assertEquals(
                Map.of("OMP_NUM_THREADS", "1"), spec.processEnv(), "IJAVA_* configure the session, not the process");
    }

    @Test
    void vmOptionsAreTheXxOptionsOfArgv() throws Exception {
        var spec = write("""
        {"argv": ["java", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                  "-XX:SharedArchiveFile={resource_dir}/kernel.jsa", "-Dx=y", "-cp", "lib/*", "Main"],
         "display_name": "d2l", "language": "java"}
        """);
        var home = dir.resolve("d2l-rnn").toAbsolutePath();
        assertEquals(
                List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=" + home + "/kernel.jsa"),
                spec.vmOptions());
    }

    @Test
    void aDirectoryWithoutKernelJsonIsNamedInTheError() throws Exception {
        var empty = Files.createDirectories(dir.resolve("empty"));
        var error = assertThrows(IllegalArgumentException.class, () -> KernelSpec.read(empty));
        assertTrue(error.getMessage().contains("no kernel.json in " + empty), error.getMessage());
    }
}
