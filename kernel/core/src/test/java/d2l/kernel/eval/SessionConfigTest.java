package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionConfigTest {
    @Test
    void readsIJavaVariables(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("jars"));
        Files.writeString(dir.resolve("jars/b.jar"), "");
        Files.writeString(dir.resolve("jars/a.jar"), "");
        Files.writeString(dir.resolve("jars/notes.txt"), "");
        Files.writeString(dir.resolve("one.jsh"), "int one = 1;");
        Files.writeString(dir.resolve("two.jsh"), "int two = 2;");
        var config = SessionConfig.fromEnvironment(Map.of(
                "IJAVA_CLASSPATH",
                        dir.resolve("jars") + File.separator + "*" + File.pathSeparator + dir.resolve("classes"),
                "IJAVA_COMPILER_OPTS", " -Xlint:none  -parameters ",
                "IJAVA_STARTUP_SCRIPTS_PATH", dir.resolve("*.jsh").toString(),
                "IJAVA_STARTUP_SCRIPT", "int three = 3;",
                "IJAVA_TIMEOUT", "2500"));
        assertEquals(
                List.of(
                        dir.resolve("jars/a.jar").toString(),
                        dir.resolve("jars/b.jar").toString(),
                        dir.resolve("classes").toString()),
                config.classpath());
        assertEquals(List.of("-Xlint:none", "-parameters"), config.compilerOptions());
        assertEquals(List.of("int one = 1;", "int two = 2;", "int three = 3;"), config.startupScripts());
        assertEquals(2500, config.timeoutMillis());
    }

    @Test
    void classpathFromTheEnvironmentReachesCells(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/env/Answer.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package env; public class Answer { public static int value() { return 42; } }");
        var javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", dir.resolve("classes").toString(), src.toString()));
        try (var session = Session.start(SessionConfig.fromEnvironment(
                Map.of("IJAVA_CLASSPATH", dir.resolve("classes").toString())))) {
            var outputs = new NotebookOutputs();
            var result = session.execute("env.Answer.value()", outputs.startCell(), ExecuteOptions.DEFAULT);
            assertTrue(result.ok(), () -> result.error().text());
            assertTrue(outputs.outputsJson(0).toString().contains("42"));
        }
    }
}
