package d2l.kernel.chapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chapter's own numbers, read back from the notebooks the chapter profile executed at full
 * settings (README command 1). Runs only in that profile, after the runner.
 */
class ChapterResultsCheck {
    private static final Path OUT = Path.of(System.getProperty("chapter.out", "target/chapter"));

    @Test
    void textPreprocessingReproducesTheBook() throws IOException {
        var text = printed("text-preprocessing");
        assertEquals(3221, lastInt(text, "lines"), "lines of The Time Machine");
        assertEquals(170_580, lastInt(text, "tokens"), "character tokens");
        assertEquals(28, lastInt(text, "vocab size"), "character vocabulary");
    }

    @Test
    void scratchRnnWithSequentialPartitioningReachesPerplexityNearOne() throws IOException {
        var perplexities = numbers(printed("rnn-scratch"), "train perplexity");
        assertEquals(3, perplexities.size(), "sequential, random-sampling and state-reset runs: " + perplexities);
        assertTrue(perplexities.get(0) <= 1.1, "scratch, sequential: perplexity " + perplexities.get(0));
        assertTrue(perplexities.get(1) <= 1.6, "scratch, random sampling: perplexity " + perplexities.get(1));
        // The chapter's "random sampling" number (about 1.4) is this run: sequential minibatches, state reset.
        assertTrue(perplexities.get(2) <= 1.5, "scratch, state reset only: perplexity " + perplexities.get(2));
        assertTrue(perplexities.get(0) < perplexities.get(1) && perplexities.get(0) < perplexities.get(2),
            "carrying the state over gives the lowest perplexity: " + perplexities);
    }

    @Test
    void scratchRnnPrintsValidationPerplexityAboveTraining() throws IOException {
        assertValidationPrintedAndAboveTraining("rnn-scratch", 3);
    }

    @Test
    void bpttTruncationComparisonPrintsValidationPerplexityAboveTraining() throws IOException {
        assertValidationPrintedAndAboveTraining("bptt", 3);
    }

    /**
     * The notebook printed {@code runs} pairs "train perplexity A, validation perplexity B" (the
     * numbers at the end of each run), and every B lies above its A: the model predicts the text
     * it trained on better than the text that follows it.
     */
    static void assertValidationPrintedAndAboveTraining(String notebook, int runs) throws IOException {
        var text = printed(notebook);
        var train = numbers(text, "train perplexity");
        var valid = numbers(text, "validation perplexity");
        assertEquals(runs, train.size(), notebook + ": training perplexities printed " + train);
        assertEquals(runs, valid.size(), notebook + ": validation perplexities printed " + valid);
        for (int i = 0; i < runs; i++) {
            assertTrue(valid.get(i) > train.get(i),
                notebook + ", run " + (i + 1) + ": validation perplexity " + valid.get(i)
                    + " should lie above training perplexity " + train.get(i));
        }
    }

    @Test
    void conciseRnnReachesTheChaptersPerplexity() throws IOException {
        var perplexities = numbers(printed("rnn-concise"), "perplexity");
        assertTrue(!perplexities.isEmpty(), "rnn-concise prints its perplexity");
        assertTrue(perplexities.get(0) <= 1.4, "concise: perplexity " + perplexities.get(0));
    }

    @Test
    void conciseRnnPrintsValidationAboveTrainingAndTheDl4jFigures() throws IOException {
        var text = printed("rnn-concise");
        var concise = Pattern.compile("(?m)^perplexity ([0-9.]+), validation perplexity ([0-9.]+), ([0-9]+) tokens/sec")
                .matcher(text);
        assertTrue(concise.find(), "rnn-concise prints training and validation perplexity:\n" + text);
        double train = Double.parseDouble(concise.group(1)), valid = Double.parseDouble(concise.group(2));
        assertTrue(valid > train, "concise: validation perplexity " + valid + " should lie above training " + train);
        for (var mode : List.of("CARRY", "RESET")) {
            var dl4j = Pattern.compile("(?m)^DL4J " + mode
                    + ": perplexity ([0-9.]+), validation perplexity ([0-9.]+), ([0-9]+) tokens/sec").matcher(text);
            assertTrue(dl4j.find(), "rnn-concise prints DL4J's " + mode + " run:\n" + text);
            assertTrue(Double.parseDouble(dl4j.group(1)) >= 1 && Double.parseDouble(dl4j.group(2)) >= 1,
                    "DL4J " + mode + ": perplexities " + dl4j.group(1) + ", " + dl4j.group(2));
            assertTrue(Double.parseDouble(dl4j.group(3)) > 0, "DL4J " + mode + ": tokens/sec " + dl4j.group(3));
        }
    }

    @Test
    void everySectionWasExecutedWithoutErrors() throws IOException {
        for (var name : List.of("index", "sequence", "text-preprocessing", "language-models-and-dataset",
                "rnn", "rnn-scratch", "rnn-concise", "bptt")) {
            var notebook = notebook(name);
            for (var cell : notebook.getAsJsonArray("cells")) {
                var c = cell.getAsJsonObject();
                if (!c.get("cell_type").getAsString().equals("code")) continue;
                assertTrue(!c.get("execution_count").isJsonNull(), name + ": a code cell was not executed");
                for (var output : c.getAsJsonArray("outputs")) {
                    var type = output.getAsJsonObject().get("output_type").getAsString();
                    assertTrue(!type.equals("error"), name + ": error output " + output);
                }
            }
            assertTrue(Files.isRegularFile(OUT.resolve(name + ".html")), name + ".html written");
        }
        assertTrue(Files.isRegularFile(OUT.resolve("index.html")), "index.html written");
    }

    private static JsonObject notebook(String name) throws IOException {
        var file = OUT.resolve(name + ".ipynb");
        if (!Files.isRegularFile(file)) fail("missing executed notebook " + file + "; run mvn -Pchapter verify");
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    /** All stream text the notebook printed, in order. */
    static String printed(String name) throws IOException {
        var text = new StringBuilder();
        for (var cell : notebook(name).getAsJsonArray("cells")) {
            var outputs = cell.getAsJsonObject().getAsJsonArray("outputs");
            if (outputs == null) continue;
            for (var output : outputs) {
                var o = output.getAsJsonObject();
                if (o.get("output_type").getAsString().equals("stream")) text.append(joined(o.get("text")));
            }
        }
        return text.toString();
    }

    private static String joined(JsonElement text) {
        if (text.isJsonPrimitive()) return text.getAsString();
        var sb = new StringBuilder();
        text.getAsJsonArray().forEach(line -> sb.append(line.getAsString()));
        return sb.toString();
    }

    /** Numbers printed as "label: N" or "label N" (for example "perplexity 1.02"). */
    static List<Double> numbers(String text, String label) {
        var m = Pattern.compile("(?m)\\b" + Pattern.quote(label) + ":?\\s+([0-9][0-9,]*(?:\\.[0-9]+)?)").matcher(text);
        var found = new ArrayList<Double>();
        while (m.find()) found.add(Double.parseDouble(m.group(1).replace(",", "")));
        return found;
    }

    private static int lastInt(String text, String label) {
        var all = numbers(text, label);
        if (all.isEmpty()) fail("nothing printed as '" + label + ": N'");
        return (int) Math.round(all.get(all.size() - 1));
    }
}
