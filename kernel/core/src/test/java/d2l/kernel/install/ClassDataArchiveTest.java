package d2l.kernel.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive a kernelspec gets, built (with {resource_dir}) or installed (absolute). */
class ClassDataArchiveTest {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void aBuiltKernelspecGetsAnArchiveNamedThroughItsResourceDir(@TempDir Path dir) throws Exception {
        Path spec = kernelspec(dir, 0, "{resource_dir}/lib/*");
        assertTrue(ClassDataArchive.record(spec.resolve("kernel.json")));
        assertTrue(Files.size(spec.resolve(ClassDataArchive.FILE)) > 0, "archive written next to kernel.json");
        assertEquals(
                List.of(
                        JAVA,
                        "-XX:SharedArchiveFile={resource_dir}/kernel.jsa",
                        "-Xlog:cds*=off",
                        "-Xshare:auto",
                        "-cp",
                        "{resource_dir}/lib/*",
                        "Warm",
                        "{connection_file}"),
                argv(spec));

        // Recording again (a second build) replaces the archive instead of adding a second option.
        assertTrue(ClassDataArchive.record(spec.resolve("kernel.json")));
        assertEquals(
                1,
                argv(spec).stream()
                        .filter(a -> a.startsWith("-XX:SharedArchiveFile="))
                        .count());
        assertEquals(
                1, argv(spec).stream().filter(a -> a.equals("-Xlog:cds*=off")).count());
    }

    @Test
    void anInstalledKernelspecGetsTheArchivesAbsolutePath(@TempDir Path dir) throws Exception {
        Path spec = kernelspec(dir, 0, dir.resolve("spec/lib/*").toString());
        assertTrue(ClassDataArchive.record(spec.resolve("kernel.json")));
        assertEquals(
                "-XX:SharedArchiveFile=" + spec.resolve("kernel.jsa"),
                argv(spec).get(1));
    }

    @Test
    void aFailedWarmUpLeavesTheKernelspecWithoutArchive(@TempDir Path dir) throws Exception {
        Path spec = kernelspec(dir, 1, "{resource_dir}/lib/*");
        Files.writeString(spec.resolve(ClassDataArchive.FILE), "stale");
        assertFalse(ClassDataArchive.record(spec.resolve("kernel.json")));
        assertFalse(Files.exists(spec.resolve(ClassDataArchive.FILE)), "a stale archive is removed");
        assertEquals(
                List.of(JAVA, "-Xshare:auto", "-cp", "{resource_dir}/lib/*", "Warm", "{connection_file}"), argv(spec));
    }

    @Test
    void removeTakesTheArchiveOut(@TempDir Path dir) throws Exception {
        Path spec = kernelspec(dir, 0, "{resource_dir}/lib/*");
        assertTrue(ClassDataArchive.record(spec.resolve("kernel.json")));
        ClassDataArchive.remove(spec.resolve("kernel.json"));
        assertFalse(Files.exists(spec.resolve(ClassDataArchive.FILE)));
        assertEquals(
                List.of(JAVA, "-Xshare:auto", "-cp", "{resource_dir}/lib/*", "Warm", "{connection_file}"), argv(spec));
    }

    /** A kernelspec whose "kernel" is a class that exits with {@code exit} when asked to warm up. */
    private static Path kernelspec(Path dir, int exit, String classpath) throws IOException {
        Path spec = dir.resolve("spec");
        Path sources = dir.resolve("src");
        Files.createDirectories(spec.resolve("lib"));
        Files.createDirectories(sources);
        Files.writeString(sources.resolve("Warm.java"), """
            public class Warm {
                public static void main(String[] args) {
                    System.exit(args.length > 0 && args[args.length - 1].equals("--warmup") ? %d : 3);
                }
            }
            """.formatted(exit));
        assertEquals(
                0,
                ToolProvider.getSystemJavaCompiler()
                        .run(
                                null,
                                null,
                                null,
                                "-d",
                                sources.toString(),
                                sources.resolve("Warm.java").toString()));
        try (var jar = new JarOutputStream(Files.newOutputStream(spec.resolve("lib/warm.jar")))) {
            jar.putNextEntry(new JarEntry("Warm.class"));
            jar.write(Files.readAllBytes(sources.resolve("Warm.class")));
            jar.closeEntry();
        }
        Files.writeString(spec.resolve("kernel.json"), """
            {"argv": ["%s", "-Xshare:auto", "-cp", "%s", "Warm", "{connection_file}"], "display_name": "Warm", "language": "java"}
            """.formatted(JAVA, classpath));
        return spec;
    }

    private static List<String> argv(Path spec) throws IOException {
        var list = new ArrayList<String>();
        JsonParser.parseString(Files.readString(spec.resolve("kernel.json")))
                .getAsJsonObject()
                .getAsJsonArray("argv")
                .forEach(a -> list.add(a.getAsString()));
        return list;
    }
}
