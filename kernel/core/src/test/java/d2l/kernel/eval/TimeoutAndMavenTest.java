package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour configured through IJava's environment variables. */
class TimeoutAndMavenTest {
    @Test
    void ijavaTimeoutStopsALongCell() {
        var config = SessionConfig.fromEnvironment(
                Map.of("IJAVA_TIMEOUT", "500", "IJAVA_STARTUP_SCRIPT", "int fromStartup = 11;"));
        try (var session = Session.start(config)) {
            var outputs = new NotebookOutputs();
            assertTrue(session.execute("fromStartup", outputs.startCell(), ExecuteOptions.DEFAULT)
                    .ok());
            var result = session.execute("while (true) { }", outputs.startCell(), ExecuteOptions.DEFAULT);
            assertEquals("InterruptedException", result.error().ename());
            assertTrue(
                    result.error().evalue().contains("IJAVA_TIMEOUT"),
                    result.error().evalue());
        }
    }

    @Test
    void badTimeoutValueIsExplained() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> SessionConfig.fromEnvironment(Map.of("IJAVA_TIMEOUT", "soon")));
        assertTrue(e.getMessage().contains("IJAVA_TIMEOUT"));
    }

    @Test
    void mavenMagicResolvesFromTheLocalRepository() {
        // apiguardian is in every local repository that ran JUnit 5, so this needs no network.
        try (var session = Session.start(SessionConfig.defaults())) {
            var outputs = new NotebookOutputs();
            var result = session.execute(
                    "%maven org.apiguardian:apiguardian-api:1.1.2\norg.apiguardian.api.API.Status.STABLE.name()",
                    outputs.startCell(), ExecuteOptions.DEFAULT);
            assertTrue(result.ok(), () -> result.error().text());
            assertTrue(
                    outputs.outputs(0).toString().contains("STABLE"),
                    outputs.outputs(0).toString());
            var bad = session.execute("%maven not-a-coordinate", outputs.startCell(), ExecuteOptions.DEFAULT);
            assertTrue(
                    bad.error().evalue().contains("'not-a-coordinate' is not a Maven coordinate"),
                    bad.error().evalue());
        }
    }
}
