package d2l.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {
    @Test
    void installsWithAbsolutePathsIntoThePrefix(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("built/demo");
        Files.createDirectories(spec.resolve("lib"));
        Files.writeString(spec.resolve("lib/k.jar"), "jar");
        Files.writeString(spec.resolve("kernel.json"), """
            {"argv": ["java", "-cp", "{resource_dir}/lib/*", "Main", "--startup", "{resource_dir}/s.jsh", "{connection_file}"],
             "display_name": "Demo", "language": "java", "interrupt_mode": "message"}
            """);
        var options = Installer.parse(
                new String[] {
                    "--source",
                    dir.resolve("built").toString(),
                    "--prefix",
                    dir.resolve("env").toString(),
                    "--heap",
                    "3g",
                    "--no-cds"
                },
                Map.of());
        var installed = Installer.install(options);

        Path target = dir.resolve("env/share/jupyter/kernels/demo");
        assertEquals(target, installed.get(0));
        assertTrue(Files.exists(target.resolve("lib/k.jar")));
        var argv = JsonParser.parseString(Files.readString(target.resolve("kernel.json")))
                .getAsJsonObject()
                .getAsJsonArray("argv");
        assertTrue(Files.isExecutable(Path.of(argv.get(0).getAsString())), "java is absolute: " + argv.get(0));
        assertEquals("-Xmx3g", argv.get(1).getAsString(), "before -cp");
        assertEquals(target + "/lib/*", argv.get(3).getAsString());
        assertFalse(argv.toString().contains("{resource_dir}"));
        assertEquals("{connection_file}", argv.get(argv.size() - 1).getAsString(), "Jupyter fills this in at launch");
    }

    @Test
    void withoutCdsTheBuiltKernelspecsArchiveIsLeftBehind(@TempDir Path dir) throws Exception {
        // A built kernelspec's archive fits the jars it was recorded with, not the installed copies.
        Path spec = dir.resolve("built/demo");
        Files.createDirectories(spec.resolve("lib"));
        Files.writeString(spec.resolve("lib/k.jar"), "jar");
        Files.writeString(spec.resolve("kernel.jsa"), "archive of the built jars");
        Files.writeString(spec.resolve("kernel.json"), """
            {"argv": ["java", "-XX:SharedArchiveFile={resource_dir}/kernel.jsa", "-cp", "{resource_dir}/lib/*", "Main", "{connection_file}"],
             "display_name": "Demo", "language": "java"}
            """);
        var options = Installer.parse(
                new String[] {
                    "--source",
                    dir.resolve("built").toString(),
                    "--kernels-dir",
                    dir.resolve("kernels").toString(),
                    "--no-cds"
                },
                Map.of());
        Path target = Installer.install(options).get(0);

        assertFalse(Files.exists(target.resolve("kernel.jsa")));
        var argv = JsonParser.parseString(Files.readString(target.resolve("kernel.json")))
                .getAsJsonObject()
                .getAsJsonArray("argv");
        assertFalse(argv.toString().contains("SharedArchiveFile"), argv.toString());
        assertEquals("-cp", argv.get(1).getAsString());
    }

    @Test
    void heapAndOffheapReplaceTheKernelspecsCapsAndReachNd4j(@TempDir Path dir) throws Exception {
        var options = Installer.parse(
                new String[] {
                    "--source",
                    dir.toString(),
                    "--kernels-dir",
                    dir.toString(),
                    "--heap",
                    "2g",
                    "--offheap",
                    "512m",
                    "--no-cds"
                },
                Map.of());
        String spec = """
            {"argv": ["java", "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=3g", "-cp", "{resource_dir}/lib/*", "Main", "{connection_file}"],
             "env": {"OMP_NUM_THREADS": "1", "D2L_ND4J_MAX_BYTES": "1g"}}
            """;
        var json = JsonParser.parseString(Installer.rewrite(spec, dir.resolve("demo"), options))
                .getAsJsonObject();
        var argv = json.getAsJsonArray("argv").asList().stream()
                .map(e -> e.getAsString())
                .toList();
        assertEquals(
                List.of(
                        "-Xmx2g",
                        "-Dorg.bytedeco.javacpp.maxbytes=512m",
                        "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + ((2L << 30) + (512L << 20) + (1L << 30))),
                argv.subList(1, 4),
                argv.toString());
        assertEquals("-cp", argv.get(4));
        assertEquals(
                "512m", json.getAsJsonObject("env").get("D2L_ND4J_MAX_BYTES").getAsString());
        assertEquals("1", json.getAsJsonObject("env").get("OMP_NUM_THREADS").getAsString());
    }

    @Test
    void aSizeThatIsNotOneIsNamed() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> Installer.parse(new String[] {"--offheap", "lots"}, Map.of()));
        assertTrue(
                e.getMessage().contains("--offheap")
                        && e.getMessage().contains("'lots'")
                        && e.getMessage().contains("512m"),
                e.getMessage());
    }

    @Test
    void userDirectoryFollowsJupyterRules() {
        Path home = Path.of("/home/u");
        assertEquals(
                Path.of("/data/kernels"), JupyterPaths.userKernels(Map.of("JUPYTER_DATA_DIR", "/data"), "Linux", home));
        assertEquals(
                Path.of("/home/u/.local/share/jupyter/kernels"), JupyterPaths.userKernels(Map.of(), "Linux", home));
        assertEquals(
                Path.of("/x/jupyter/kernels"), JupyterPaths.userKernels(Map.of("XDG_DATA_HOME", "/x"), "Linux", home));
        assertEquals(Path.of("/home/u/Library/Jupyter/kernels"), JupyterPaths.userKernels(Map.of(), "Mac OS X", home));
    }

    @Test
    void unknownOptionIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Installer.parse(new String[] {"--bogus"}, Map.of()));
        assertTrue(e.getMessage().contains("--bogus"));
    }
}
