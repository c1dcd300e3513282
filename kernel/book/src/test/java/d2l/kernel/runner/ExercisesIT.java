package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import d2l.kernel.frontend.JupyterSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The checked exercises end to end: the teachers' edition (solutions filled in from
 * solutions/*.jsh) passes every check when the chapter runs with two epochs, in both editions;
 * and the grader scores a class of submissions (right, half right, crashing, empty, tampered with)
 * as nbgrader's autograder would.
 */
class ExercisesIT {
    static final Path SOLUTIONS = Path.of("../../solutions/chapter_recurrent-neural-networks.jsh");
    static final Path ENGLISH = Path.of("../../notebooks/chapter_recurrent-neural-networks");
    static final Path VIETNAMESE = Path.of("../../notebooks/vi/chapter_recurrent-neural-networks");
    static final Path WORK = Path.of("target/exercises-it");

    private static String java(List<String> args, Path log) throws Exception {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(args);
        Files.createDirectories(log.getParent());
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        var finished = process.waitFor(15, TimeUnit.MINUTES);
        if (!finished) process.destroyForcibly().waitFor();
        var output = Files.readString(log);
        assertTrue(finished, "timed out:\n" + output);
        assertEquals(0, process.exitValue(), String.join(" ", args) + " failed:\n" + output);
        return output;
    }

    /** Each grade cell's one output: its grade_id, text/plain (the points) and text/html (the sentence). */
    static List<String[]> checks(Path executed) throws Exception {
        var found = new ArrayList<String[]>();
        for (var cell : NotebookFile.read(executed).cells()) {
            var meta = SolutionsEdition.nbgrader(cell);
            if (meta == null || !meta.get("grade").getAsBoolean()) continue;
            var outputs = cell.outputs();
            assertEquals(1, outputs.size(), executed + " " + meta + ": one output, the verdict: " + outputs);
            var output = outputs.get(0).getAsJsonObject();
            assertEquals("execute_result", output.get("output_type").getAsString(), executed + ": " + output);
            var data = output.getAsJsonObject("data");
            found.add(new String[] {
                meta.get("grade_id").getAsString(),
                NotebookFile.multiline(data.get("text/plain")),
                NotebookFile.multiline(data.get("text/html"))
            });
        }
        return found;
    }

    @Test
    void theSolutionsEditionPassesEveryCheckInBothEditions() throws Exception {
        var edition = WORK.resolve("solutions");
        SolutionsEdition.write(SOLUTIONS, edition, List.of(ENGLISH, VIETNAMESE));
        var out = WORK.resolve("solutions-run");
        java(
                List.of(
                        NotebookRunner.class.getName(),
                        "--kernelspecs",
                        JupyterSandbox.KERNELSPECS.toString(),
                        "--env",
                        "D2L_MAX_EPOCHS=2",
                        "--progress",
                        "log",
                        "-o",
                        out.toString(),
                        edition.resolve("chapter_recurrent-neural-networks").toString()),
                WORK.resolve("solutions-run.log"));
        java(
                List.of(
                        NotebookRunner.class.getName(),
                        "--kernelspecs",
                        JupyterSandbox.KERNELSPECS.toString(),
                        "--env",
                        "D2L_MAX_EPOCHS=2",
                        "--progress",
                        "log",
                        "-o",
                        out.resolve("vi").toString(),
                        "--outputs-from",
                        out.toString(),
                        edition.resolve("vi/chapter_recurrent-neural-networks").toString()),
                WORK.resolve("solutions-run-vi.log"));
        var passed = new HashSet<String>();
        for (var name : ChapterNotebooksIT.sections()) {
            for (var check : checks(out.resolve(name + ".ipynb"))) {
                assertEquals("1", check[1], name + " " + check[0] + ": " + check[2]);
                assertTrue(check[2].contains("✔ Correct: "), name + " " + check[0] + ": " + check[2]);
                passed.add(check[0]);
            }
            for (var check : checks(out.resolve("vi/" + name + ".ipynb"))) {
                assertTrue(check[2].contains("✔ Đúng: "), "vi/" + name + " " + check[0] + ": " + check[2]);
            }
        }
        assertEquals(16, passed.size(), "every check ran and passed: " + passed);
    }

    @Test
    void theGraderScoresAClassOfSubmissions() throws Exception {
        var submitted = WORK.resolve("submitted");
        var solutions = SolutionsEdition.readSolutions(SOLUTIONS);
        Map<String, Map<String, String>> answers = Map.of(
                "ana", solutions,
                "binh",
                        Map.of(
                                "index-markov-chain",
                                solutions.get("index-markov-chain"),
                                "index-autocorrelation",
                                "return 0;"),
                "chi",
                        Map.of(
                                "index-markov-chain",
                                "return initial[states[states.length]];",
                                "index-autocorrelation",
                                "return undefinedName;"));
        for (var student : answers.keySet()) {
            var notebook = NotebookFile.read(ENGLISH.resolve("index.ipynb"));
            SolutionsEdition.solve(notebook, answers.get(student), new HashSet<>());
            notebook.write(Files.createDirectories(submitted.resolve(student + "/rnn-homework"))
                    .resolve("index.ipynb"));
        }
        Files.copy(
                ENGLISH.resolve("index.ipynb"),
                Files.createDirectories(submitted.resolve("dung/rnn-homework")).resolve("index.ipynb"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var tampered = NotebookFile.read(ENGLISH.resolve("index.ipynb"));
        tampered.cells().stream()
                .filter(c -> {
                    var m = SolutionsEdition.nbgrader(c);
                    return m != null && m.get("grade").getAsBoolean();
                })
                .forEach(c -> SolutionsEdition.setSource(c, "1"));
        tampered.write(
                Files.createDirectories(submitted.resolve("em/rnn-homework")).resolve("index.ipynb"));

        var grades = WORK.resolve("grades");
        var output = java(
                List.of(
                        Grader.class.getName(),
                        "--source",
                        ENGLISH.toString(),
                        "-k",
                        JupyterSandbox.KERNELSPECS.toString(),
                        "-o",
                        grades.toString(),
                        submitted.toString()),
                WORK.resolve("grader.log"));
        System.out.println(output);
        var csv = Files.readAllLines(grades.resolve("grades.csv"));
        assertEquals("student,notebook,grade_id,points,max_points,note", csv.get(0));
        assertEquals(1 + 5 * 2, csv.size(), String.join("\n", csv));
        for (var expected :
                Map.of("ana", 2, "binh", 1, "chi", 0, "dung", 0, "em", 0).entrySet()) {
            var total = csv.stream()
                    .skip(1)
                    .map(l -> l.split(","))
                    .filter(f -> f[0].equals(expected.getKey()))
                    .mapToDouble(f -> Double.parseDouble(f[3]))
                    .sum();
            assertEquals(
                    expected.getValue().doubleValue(),
                    total,
                    expected.getKey() + "'s score:\n" + String.join("\n", csv));
        }
        assertTrue(output.matches("(?s).*ana +index +2 / 2 .*"), output);
        var chi = String.join(
                "\n",
                checks(grades.resolve("chi/index.ipynb")).stream()
                        .map(c -> c[2])
                        .toList());
        assertTrue(chi.contains("your code threw ArrayIndexOutOfBoundsException") && chi.contains("Hint: "), chi);
        var dung = String.join(
                "\n",
                checks(grades.resolve("dung/index.ipynb")).stream()
                        .map(c -> c[2])
                        .toList());
        assertTrue(dung.contains("Not done yet"), dung);
        for (var check : checks(grades.resolve("em/index.ipynb"))) {
            assertTrue(check[2].contains("Not done yet"), "the tampered check cell was put back and ran: " + check[2]);
        }
    }
}
