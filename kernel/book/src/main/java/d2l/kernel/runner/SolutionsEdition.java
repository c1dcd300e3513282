package d2l.kernel.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The teachers' edition of the chapter: the committed (reader's) notebooks with each answer
 * cell's stub replaced by its solution, kept in one file beside the notebooks and keyed by the
 * cell's nbgrader {@code grade_id}. The solution goes between nbgrader's {@code // BEGIN SOLUTION}
 * and {@code // END SOLUTION} markers, so {@link #release} (what nbgrader's ClearSolutions does
 * with the stub {@value #STUB_CODE}) gives back the reader's notebook exactly; a test holds the
 * two editions to that.
 *
 * <pre>java -cp 'kernel/target/kernelspecs/d2l-rnn/lib/*' d2l.kernel.runner.SolutionsEdition \
 *     solutions/chapter_recurrent-neural-networks.jsh target/solutions notebooks/chapter_recurrent-neural-networks ...</pre>
 * writes {@code target/solutions/chapter_recurrent-neural-networks/*.ipynb} (a folder under
 * {@code vi/} for the Vietnamese edition).
 */
public final class SolutionsEdition {
    static final String STUB = "// YOUR CODE HERE";
    static final String STUB_CODE = "throw Exercise.notDone();";
    static final String BEGIN = "// BEGIN SOLUTION";
    static final String END = "// END SOLUTION";
    static final String KEY = "//// ";

    private SolutionsEdition() {}

    /** The solution blocks of a file: each starts at a line {@code //// grade_id}; text before the first is a comment. */
    public static Map<String, String> readSolutions(Path file) throws IOException {
        var solutions = new LinkedHashMap<String, String>();
        String id = null;
        var body = new StringBuilder();
        for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(KEY)) {
                if (id != null) put(solutions, id, body, file);
                id = line.substring(KEY.length()).strip();
                body.setLength(0);
            } else if (id != null) {
                body.append(line).append('\n');
            }
        }
        if (id != null) put(solutions, id, body, file);
        return solutions;
    }

    private static void put(Map<String, String> solutions, String id, StringBuilder body, Path file) {
        if (solutions.put(id, body.toString().strip()) != null) {
            throw new IllegalArgumentException(file + " has two solutions for grade_id " + id);
        }
    }

    /** The nbgrader metadata of a cell, or null. */
    static JsonObject nbgrader(NotebookFile.Cell cell) {
        var metadata = cell.json().getAsJsonObject("metadata");
        return metadata != null && metadata.has("nbgrader") ? metadata.getAsJsonObject("nbgrader") : null;
    }

    static boolean isAnswer(NotebookFile.Cell cell) {
        var nbgrader = nbgrader(cell);
        return cell.isCode()
                && nbgrader != null
                && nbgrader.has("solution")
                && nbgrader.get("solution").getAsBoolean();
    }

    /** Fills every answer cell of {@code notebook} with its solution; {@code used} collects the grade_ids it filled. */
    public static void solve(NotebookFile notebook, Map<String, String> solutions, Set<String> used) {
        for (var cell : notebook.cells()) {
            if (!isAnswer(cell)) continue;
            var id = nbgrader(cell).get("grade_id").getAsString();
            var solution = solutions.get(id);
            if (solution == null) {
                throw new IllegalArgumentException(notebook.name() + ": no solution for the answer cell " + id
                        + " (add a block '" + KEY + id + "' to the solutions file)");
            }
            var lines = List.of(cell.source().split("\n", -1));
            var out = new ArrayList<String>();
            var replaced = false;
            for (var i = 0; i < lines.size(); i++) {
                var line = lines.get(i);
                if (!replaced
                        && line.strip().equals(STUB)
                        && i + 1 < lines.size()
                        && lines.get(i + 1).strip().equals(STUB_CODE)) {
                    var indent = line.substring(0, line.indexOf(STUB));
                    out.add(indent + BEGIN);
                    solution.lines().forEach(s -> out.add(s.isEmpty() ? "" : indent + s));
                    out.add(indent + END);
                    i++;
                    replaced = true;
                } else {
                    out.add(line);
                }
            }
            if (!replaced) {
                throw new IllegalArgumentException(notebook.name() + ": the answer cell " + id + " has no stub ('"
                        + STUB + "' followed by '" + STUB_CODE + "') to put its solution in");
            }
            setSource(cell, String.join("\n", out));
            used.add(id);
        }
    }

    /** nbgrader's release step on a solutions notebook: each BEGIN/END SOLUTION region becomes the stub, at its indentation. */
    public static void release(NotebookFile notebook) {
        for (var cell : notebook.cells()) {
            if (!cell.isCode() || !cell.source().contains(BEGIN)) continue;
            var out = new ArrayList<String>();
            var inside = false;
            for (var line : cell.source().split("\n", -1)) {
                if (!inside && line.contains(BEGIN)) {
                    var indent = line.substring(0, line.indexOf(BEGIN));
                    out.add(indent + STUB);
                    out.add(indent + STUB_CODE);
                    inside = true;
                } else if (inside && line.contains(END)) {
                    inside = false;
                } else if (!inside) {
                    out.add(line);
                }
            }
            setSource(cell, String.join("\n", out));
        }
    }

    /** Sets a cell's source as nbformat's list of lines, each but the last ending in a newline. */
    static void setSource(NotebookFile.Cell cell, String source) {
        var lines = new JsonArray();
        var parts = source.split("\n", -1);
        for (var i = 0; i < parts.length; i++) {
            lines.add(i < parts.length - 1 ? parts[i] + "\n" : parts[i]);
        }
        if (parts.length > 1 && parts[parts.length - 1].isEmpty()) lines.remove(lines.size() - 1);
        cell.json().add("source", lines);
    }

    /** Where a folder's solutions edition goes: its path below {@code notebooks/} (or its name) under {@code out}. */
    static Path target(Path folder, Path out) {
        var absolute = folder.toAbsolutePath().normalize();
        for (var i = absolute.getNameCount() - 1; i >= 0; i--) {
            if (absolute.getName(i).toString().equals("notebooks") && i + 1 < absolute.getNameCount()) {
                return out.resolve(
                        absolute.subpath(i + 1, absolute.getNameCount()).toString());
            }
        }
        return out.resolve(absolute.getFileName().toString());
    }

    /** Writes the solutions edition of every notebook of {@code folders} under {@code out}; returns the files written. */
    public static List<Path> write(Path solutionsFile, Path out, List<Path> folders) throws IOException {
        var solutions = readSolutions(solutionsFile);
        var used = new LinkedHashSet<String>();
        var written = new ArrayList<Path>();
        for (var folder : folders) {
            var dir = Files.createDirectories(target(folder, out));
            try (var files = Files.list(folder)) {
                for (var file : files.filter(f -> f.toString().endsWith(".ipynb"))
                        .sorted()
                        .toList()) {
                    var notebook = NotebookFile.read(file);
                    solve(notebook, solutions, used);
                    notebook.write(dir.resolve(file.getFileName()));
                    written.add(dir.resolve(file.getFileName()));
                }
            }
            var img = folder.resolve("img");
            if (Files.isDirectory(img) && !Files.exists(dir.resolve("img"))) {
                Files.createSymbolicLink(dir.resolve("img"), img.toRealPath());
            }
        }
        var unused = new LinkedHashSet<>(solutions.keySet());
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(solutionsFile + " has solutions no answer cell asks for: " + unused);
        }
        return written;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.out.println("usage: SolutionsEdition SOLUTIONS.jsh OUT_DIR NOTEBOOK_FOLDER...");
            System.exit(2);
        }
        var folders = new ArrayList<Path>();
        for (var i = 2; i < args.length; i++) folders.add(Path.of(args[i]));
        var written = write(Path.of(args[0]), Path.of(args[1]), folders);
        System.out.println("solutions edition: " + written.size() + " notebooks under "
                + Path.of(args[1]).toAbsolutePath().normalize());
    }
}
