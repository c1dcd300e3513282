package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kernel extensions in a live session: a jar a notebook adds brings its own, and a rebuild reaches them. */
class SessionExtensionsTest {
    private final NotebookOutputs notebook = new NotebookOutputs();

    private String run(Session session, String code) {
        var result = session.execute(code, notebook.startCell(), ExecuteOptions.DEFAULT);
        assertTrue(result.error() == null, code + ": " + result.error());
        List<JsonObject> outputs = notebook.outputs(notebook.cellCount() - 1);
        if (outputs.isEmpty()) return "";
        var last = outputs.get(outputs.size() - 1);
        return last.has("data") ? last.getAsJsonObject("data").get("text/plain").getAsString() : last.toString();
    }

    /** A cell's expression: whether the last loader the recorder heard of is the one that defines the cell's classes. */
    private static String recorderHeardThisSession(ExtensionJar extensionJar, String probe) {
        return "class " + probe + " {}\nvar heard = d2l.kernel.eval.ExtensionJar.recorded(\"" + extensionJar.loadersKey
                + "\");\n" + probe + ".class.getClassLoader() == heard.get(heard.size() - 1)";
    }

    @Test
    void aJarAddedAtRunTimeBringsItsExtensionsAndARebuildTellsThemTheNewLoader(@TempDir Path dir) throws Exception {
        var extensionJar = new ExtensionJar(dir);
        try (var session = Session.start(SessionConfig.defaults())) {
            assertTrue(ExtensionJar.recorded(extensionJar.loadersKey).isEmpty());

            run(session, "%jars " + extensionJar.jar);
            var heard = ExtensionJar.recorded(extensionJar.loadersKey);
            assertEquals(1, heard.size(), heard.toString());
            assertEquals("true", run(session, recorderHeardThisSession(extensionJar, "Probe")));
            assertTrue(
                    session.extensionNames().contains("failing"),
                    session.extensionNames().toString());

            // The failing extension threw (into the log); the session goes on.
            assertEquals("42", run(session, "6 * 7"));

            session.rebuildForTest();
            heard = ExtensionJar.recorded(extensionJar.loadersKey);
            assertEquals(2, heard.size(), heard.toString());
            assertNotSame(heard.get(0), heard.get(1));
            assertEquals("true", run(session, recorderHeardThisSession(extensionJar, "ProbeAfterRebuild")));
            assertEquals(
                    1,
                    Collections.frequency(session.extensionNames(), "ext.test.Recorder"),
                    session.extensionNames().toString());
        }
    }

    /**
     * The chapter kernel's class path (this module's test class path) carries ND4J's extension: ND4J
     * loads through the session's loader, also after a rebuild replaced it (ND4J's first use in a cell
     * would set the first loader anyway, from the thread's context loader).
     */
    @Test
    void onTheChapterClassPathNd4jFollowsTheSessionsLoader() {
        try (var session = Session.start(SessionConfig.defaults())) {
            assertTrue(
                    session.extensionNames().contains("ND4J"),
                    session.extensionNames().toString());
            String probe = "org.nd4j.common.config.ND4JClassLoading.getNd4jClassloader() == %s.class.getClassLoader()";
            assertEquals("true", run(session, "class First {}\n" + probe.formatted("First")));
            session.rebuildForTest();
            assertEquals("true", run(session, "class Second {}\n" + probe.formatted("Second")));
        }
    }
}
