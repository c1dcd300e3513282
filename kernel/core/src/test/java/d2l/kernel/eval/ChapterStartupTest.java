package d2l.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chapter kernel's start-up script against the real library and ND4J. */
class ChapterStartupTest {
    @Test
    void startupScriptImportsAndConnectsTheLibraryDisplay() throws Exception {
        String script = Files.readString(Path.of("src/main/kernelspecs/d2l-rnn/startup.jsh"));
        try (var session = Session.start(SessionConfig.defaults().withStartupScript(script))) {
            var outputs = new NotebookOutputs();
            var first = session.execute("Display.available()", outputs.startCell(), ExecuteOptions.DEFAULT);
            assertTrue(first.ok(), () -> first.error().text());
            assertEquals(
                    "[{\"output_type\":\"execute_result\",\"execution_count\":1,\"data\":{\"text/plain\":[\"true\"]},\"metadata\":{}}]",
                    outputs.outputsJson(0).toString(),
                    "no start-up error is reported and the hook is installed");

            var shown = session.execute(
                    "String id = Display.show(\"live\");\nDisplay.update(id, \"updated\");",
                    outputs.startCell(),
                    ExecuteOptions.DEFAULT);
            assertTrue(shown.ok(), () -> shown.error().text());
            assertTrue(
                    outputs.outputsJson(1).toString().contains("updated"),
                    outputs.outputsJson(1).toString());

            var nd = session.execute(
                    "INDArray a = Nd4j.ones(DataType.FLOAT, 2, 3);\na", outputs.startCell(), ExecuteOptions.DEFAULT);
            assertTrue(nd.ok(), () -> nd.error().text());
            assertTrue(
                    outputs.outputsJson(2).toString().contains("shape=[2, 3] dtype=FLOAT"),
                    outputs.outputsJson(2).toString());
        }
    }

    @Test
    void theChapterKernelLetsOpenBlasChooseItsKernelsByTheCpusFeatures() throws Exception {
        var spec = com.google.gson.JsonParser.parseString(
                        Files.readString(Path.of("src/main/kernelspecs/d2l-rnn/kernel.json")))
                .getAsJsonObject();
        assertEquals(
                d2l.engine.BlasCore.BY_CPU_FEATURES,
                spec.getAsJsonObject("env").get(d2l.engine.BlasCore.ENVIRONMENT).getAsString(),
                "OpenBLAS 0.3.19 gives AMD Zen 4/5 its AVX2 kernels unless told to choose by features (d2l.engine.BlasCore)");
    }

    @Test
    void aFailingStartupScriptIsReportedInTheFirstCell() {
        try (var session = Session.start(SessionConfig.defaults().withStartupScript("import no.such.pkg.Missing;"))) {
            var outputs = new NotebookOutputs();
            session.execute("1", outputs.startCell(), ExecuteOptions.DEFAULT);
            String shown = outputs.outputsJson(0).toString();
            assertTrue(
                    shown.contains("stderr")
                            && shown.contains("Start-up script failed")
                            && shown.contains("no.such.pkg"),
                    shown);
        }
    }
}
