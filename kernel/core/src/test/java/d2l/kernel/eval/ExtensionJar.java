package d2l.kernel.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;

/**
 * A jar with two kernel extensions, compiled by the test: {@code ext.test.Recorder} keeps every loader
 * it is given (and the thread's context loader at the time) here, under keys of its own jar;
 * {@code ext.test.Failing} throws. Its services file names them with a missing class between them.
 * Public for the recorder, which the session's loader loads and which reaches this class through
 * the loader's parent.
 */
public final class ExtensionJar {
    private static final Map<String, List<ClassLoader>> RECORDED = new ConcurrentHashMap<>();

    final Path jar;
    /** Where the recorder keeps the loaders it was given. */
    final String loadersKey = "loaders " + UUID.randomUUID();
    /** Where it keeps the thread's context loader at each call. */
    final String contextKey = loadersKey + " context";

    ExtensionJar(Path dir) throws IOException {
        var src = Files.createDirectories(dir.resolve("src/ext/test"));
        Files.writeString(src.resolve("Recorder.java"), """
                package ext.test;

                import d2l.kernel.eval.ExtensionJar;

                public final class Recorder implements d2l.kernel.extension.KernelExtension {
                    @Override
                    public void sessionLoaderChanged(ClassLoader loader) {
                        ExtensionJar.record("%s", loader);
                        ExtensionJar.record("%s", Thread.currentThread().getContextClassLoader());
                    }
                }
                """.formatted(loadersKey, contextKey));
        Files.writeString(src.resolve("Failing.java"), """
                package ext.test;

                public final class Failing implements d2l.kernel.extension.KernelExtension {
                    @Override
                    public String name() {
                        return "failing";
                    }

                    @Override
                    public void sessionLoaderChanged(ClassLoader loader) {
                        throw new IllegalStateException("the test extension fails");
                    }
                }
                """);
        var classes = Files.createDirectories(dir.resolve("classes"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int status = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-cp",
                        classpath,
                        "-d",
                        classes.toString(),
                        src.resolve("Recorder.java").toString(),
                        src.resolve("Failing.java").toString());
        if (status != 0) throw new IllegalStateException("javac failed on the test extensions");
        jar = dir.resolve("extensions.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("Recorder", "Failing")) {
                out.putNextEntry(new ZipEntry("ext/test/" + name + ".class"));
                out.write(Files.readAllBytes(classes.resolve("ext/test/" + name + ".class")));
            }
            out.putNextEntry(new ZipEntry("META-INF/services/d2l.kernel.extension.KernelExtension"));
            out.write("ext.test.Failing\next.test.Missing\next.test.Recorder\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Called by the recorder. */
    public static void record(String key, ClassLoader loader) {
        RECORDED.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(loader);
    }

    /** What the recorder kept under {@code key}: empty before its first call. */
    public static List<ClassLoader> recorded(String key) {
        return List.copyOf(RECORDED.getOrDefault(key, List.of()));
    }
}
