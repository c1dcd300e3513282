package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionsTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Extensions extensions = new Extensions(new PrintStream(log, true, StandardCharsets.UTF_8));

    private URLClassLoader sessionLoader(ExtensionJar extensionJar) throws Exception {
        return new URLClassLoader(
                new URL[] {extensionJar.jar.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void extensionsAreFoundOnTheLoaderAndEachOneIsToldWhateverTheOthersDo(@TempDir Path dir) throws Exception {
        var extensionJar = new ExtensionJar(dir);
        try (var first = sessionLoader(extensionJar);
                var rebuilt = sessionLoader(extensionJar)) {
            extensions.loaderChanged(first);
            assertEquals(List.of(first), ExtensionJar.recorded(extensionJar.loadersKey));
            assertEquals(List.of(first), ExtensionJar.recorded(extensionJar.contextKey), "context loader");

            String logged = log.toString(StandardCharsets.UTF_8);
            assertTrue(
                    logged.contains(
                            "Kernel extension failing failed: java.lang.IllegalStateException: the test extension fails"),
                    logged);
            assertTrue(logged.contains("Kernel extension not loaded: ") && logged.contains("ext.test.Missing"), logged);
            assertEquals(
                    1,
                    Collections.frequency(extensions.names(), "failing"),
                    extensions.names().toString());
            assertEquals(
                    1,
                    Collections.frequency(extensions.names(), "ext.test.Recorder"),
                    extensions.names().toString());

            // A rebuilt session's loader loads the jar's classes again: the same extensions hear of it, none is added.
            var before = extensions.names();
            extensions.loaderChanged(rebuilt);
            assertEquals(before, extensions.names());
            assertEquals(List.of(first, rebuilt), ExtensionJar.recorded(extensionJar.loadersKey));
            assertEquals(List.of(first, rebuilt), ExtensionJar.recorded(extensionJar.contextKey), "context loader");
        }
    }

    @Test
    void theCallersContextLoaderIsPutBack(@TempDir Path dir) throws Exception {
        var extensionJar = new ExtensionJar(dir);
        var thread = Thread.currentThread();
        var mine = thread.getContextClassLoader();
        try (var loader = sessionLoader(extensionJar)) {
            extensions.loaderChanged(loader);
            assertEquals(mine, thread.getContextClassLoader());
        }
    }
}
