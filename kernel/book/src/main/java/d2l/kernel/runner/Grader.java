package d2l.kernel.runner;

import d2l.kernel.client.KernelSpec;
import d2l.kernel.eval.NotebookOutputs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grades a class's submitted notebooks as nbgrader's autograder would: every submission runs top
 * to bottom in a fresh session of its kernel (a failing cell does not stop the run), with each
 * locked cell (the checks, the tasks) put back as the released notebook has it, then each grade
 * cell scores by nbgrader's rule: an error output scores 0, an {@code execute_result} whose
 * {@code text/plain} is a number scores that number (the chapter's checks give their points so),
 * anything else scores the cell's points.
 *
 * <pre>java -cp 'kernel/target/kernelspecs/d2l-rnn/lib/*' d2l.kernel.runner.Grader \
 *     --source notebooks/chapter_recurrent-neural-networks -o grades submitted/</pre>
 * takes {@code submitted/STUDENT/…/NAME.ipynb} (nbgrader's layout; any depth), writes each graded
 * copy to {@code grades/STUDENT/NAME.ipynb} and {@code grades/grades.csv}, and prints a table.
 */
public final class Grader {
    static final String USAGE = """
      usage: Grader [--source RELEASED_FOLDER] [-o OUT] [-k KERNELSPECS]... SUBMITTED...
        SUBMITTED       a folder of students' folders (STUDENT/.../NAME.ipynb), or notebook files
        --source DIR    the released notebooks: locked cells are restored from them, and a grade
                        cell missing from a submission scores 0 (recommended)
        -o, --out DIR   graded copies and grades.csv (default: grades)
        -k DIR          where to find kernelspecs (default: as the notebook runner)""";

    /** The score of one grade cell of one submission. */
    public record Score(
            String student, String notebook, String gradeId, double points, double maxPoints, String note) {}

    private Grader() {}

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws IOException {
        Path source = null;
        var outDir = Path.of("grades");
        var roots = new ArrayList<Path>();
        var inputs = new ArrayList<Path>();
        for (var i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--source" -> source = Path.of(args[++i]);
                case "-o", "--out" -> outDir = Path.of(args[++i]);
                case "-k", "--kernelspecs" -> roots.add(Path.of(args[++i]));
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            out.println(USAGE);
            return 2;
        }
        if (roots.isEmpty()) roots.addAll(RunnerOptions.defaultKernelspecRoots());
        var submissions = new LinkedHashMap<Path, String>();
        for (var input : inputs) {
            if (Files.isDirectory(input)) {
                try (var files = Files.walk(input)) {
                    for (var file : files.filter(f -> f.toString().endsWith(".ipynb")
                                    && !f.toString().contains(".ipynb_checkpoints"))
                            .sorted()
                            .toList()) {
                        var relative = input.relativize(file);
                        submissions.put(
                                file,
                                relative.getNameCount() > 1
                                        ? relative.getName(0).toString()
                                        : "-");
                    }
                }
            } else {
                submissions.put(
                        input,
                        input.getParent() == null
                                ? "-"
                                : input.getParent().getFileName().toString());
            }
        }
        var scores = new ArrayList<Score>();
        for (var entry : submissions.entrySet()) {
            out.println("grading " + entry.getKey() + " (" + entry.getValue() + ")");
            scores.addAll(grade(entry.getKey(), entry.getValue(), source, roots, outDir));
        }
        Files.createDirectories(outDir);
        var csv = new StringBuilder("student,notebook,grade_id,points,max_points,note\n");
        scores.forEach(s -> csv.append(String.join(
                        ",",
                        s.student(),
                        s.notebook(),
                        s.gradeId(),
                        number(s.points()),
                        number(s.maxPoints()),
                        "\"" + s.note().replace("\"", "'") + "\""))
                .append('\n'));
        Files.writeString(outDir.resolve("grades.csv"), csv, StandardCharsets.UTF_8);
        printTable(scores, out);
        out.println("grades: " + outDir.resolve("grades.csv").toAbsolutePath().normalize());
        return 0;
    }

    /** Runs one submission and scores its grade cells. */
    static List<Score> grade(Path file, String student, Path source, List<Path> roots, Path outDir) throws IOException {
        var notebook = NotebookFile.read(file);
        var released = source == null ? null : NotebookFile.read(source.resolve(file.getFileName()));
        var missing = released == null ? List.<String>of() : restoreLockedCells(notebook, released);
        var kernel = KernelSpec.forNotebook(notebook.kernelName(), notebook.name(), roots);
        notebook.ensureCellIds();
        var cells = notebook.cells();
        var outputs = new NotebookOutputs();
        var ran = new ArrayList<NotebookFile.Cell>();
        var langSet = System.getProperty(NotebookRunner.LANG_PROPERTY) == null;
        if (langSet)
            System.setProperty(
                    NotebookRunner.LANG_PROPERTY,
                    PageLabels.forNotebook(source == null ? file : source.resolve(file.getFileName()), notebook)
                            .lang());
        try (var session = new KernelSessions().open(kernel, chart -> {})) {
            for (var cell : cells) {
                if (!cell.isCode()) continue;
                cell.resetOutputs();
                if (cell.source().isBlank()) continue;
                var result = session.execute(cell.source(), outputs.startCell());
                cell.setExecutionCount(result.executionCount());
                ran.add(cell);
            }
        } finally {
            if (langSet) System.clearProperty(NotebookRunner.LANG_PROPERTY);
        }
        for (var i = 0; i < ran.size(); i++) ran.get(i).json().add("outputs", outputs.outputsJson(i));
        var dir = Files.createDirectories(outDir.resolve(student));
        notebook.write(dir.resolve(file.getFileName()));

        var scores = new ArrayList<Score>();
        for (var cell : cells) {
            var meta = SolutionsEdition.nbgrader(cell);
            if (meta == null || !meta.has("grade") || !meta.get("grade").getAsBoolean() || !cell.isCode()) continue;
            var max = meta.get("points").getAsDouble();
            scores.add(score(student, notebook.name(), meta.get("grade_id").getAsString(), cell, max));
        }
        for (var id : missing)
            scores.add(new Score(
                    student, notebook.name(), id, 0, pointsOf(released, id), "cell missing from the submission"));
        return scores;
    }

    /** nbgrader's rule for an autograder cell. */
    static Score score(String student, String notebook, String gradeId, NotebookFile.Cell cell, double max) {
        for (var element : cell.outputs()) {
            var output = element.getAsJsonObject();
            var type = output.get("output_type").getAsString();
            if (type.equals("error")) {
                return new Score(
                        student,
                        notebook,
                        gradeId,
                        0,
                        max,
                        "error: " + output.get("ename").getAsString());
            }
            if (type.equals("stream") && output.get("name").getAsString().equals("stderr")) {
                return new Score(student, notebook, gradeId, 0, max, "output on stderr");
            }
            if (type.equals("execute_result")) {
                var text = NotebookFile.multiline(output.getAsJsonObject("data").get("text/plain"))
                        .strip();
                try {
                    var points = Double.parseDouble(text);
                    return new Score(
                            student,
                            notebook,
                            gradeId,
                            Math.max(0, Math.min(points, max)),
                            max,
                            points >= max ? "passed" : "check not passed");
                } catch (NumberFormatException e) {
                    return new Score(student, notebook, gradeId, max, max, "no partial credit in the result");
                }
            }
        }
        return new Score(student, notebook, gradeId, max, max, "ran without error");
    }

    /** Puts back every locked cell of {@code released} (by grade_id); returns the grade_ids of grade cells the submission lacks. */
    static List<String> restoreLockedCells(NotebookFile submission, NotebookFile released) {
        var byId = new LinkedHashMap<String, NotebookFile.Cell>();
        for (var cell : submission.cells()) {
            var meta = SolutionsEdition.nbgrader(cell);
            if (meta != null && meta.has("grade_id"))
                byId.put(meta.get("grade_id").getAsString(), cell);
        }
        var missing = new ArrayList<String>();
        for (var cell : released.cells()) {
            var meta = SolutionsEdition.nbgrader(cell);
            if (meta == null || !meta.has("locked") || !meta.get("locked").getAsBoolean()) continue;
            var id = meta.get("grade_id").getAsString();
            var theirs = byId.get(id);
            if (theirs == null) {
                if (meta.get("grade").getAsBoolean()) missing.add(id);
                continue;
            }
            theirs.json().add("source", cell.json().get("source").deepCopy());
            theirs.json().getAsJsonObject("metadata").add("nbgrader", meta.deepCopy());
        }
        return missing;
    }

    private static double pointsOf(NotebookFile released, String id) {
        for (var cell : released.cells()) {
            var meta = SolutionsEdition.nbgrader(cell);
            if (meta != null && meta.get("grade_id").getAsString().equals(id))
                return meta.get("points").getAsDouble();
        }
        return 0;
    }

    static void printTable(List<Score> scores, PrintStream out) {
        var totals = new LinkedHashMap<String, double[]>();
        for (var s : scores) {
            var total = totals.computeIfAbsent(s.student() + "\t" + s.notebook(), k -> new double[2]);
            total[0] += s.points();
            total[1] += s.maxPoints();
        }
        out.println();
        out.println(String.format("%-16s %-30s %s", "student", "notebook", "score"));
        for (Map.Entry<String, double[]> e : totals.entrySet()) {
            var parts = e.getKey().split("\t");
            var details = scores.stream()
                    .filter(s -> s.student().equals(parts[0]) && s.notebook().equals(parts[1]))
                    .map(s -> s.gradeId() + " " + number(s.points()) + " (" + s.note() + ")")
                    .toList();
            out.println(String.format(
                    "%-16s %-30s %s / %s   %s",
                    parts[0], parts[1], number(e.getValue()[0]), number(e.getValue()[1]), String.join("; ", details)));
        }
    }

    private static String number(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
