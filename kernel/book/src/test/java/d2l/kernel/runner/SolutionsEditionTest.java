package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader's and the teachers' editions cannot drift: the committed notebooks are exactly what
 * releasing the solutions edition gives, and every exercise cell carries nbgrader's cell metadata
 * in its documented format (schema version 3).
 */
class SolutionsEditionTest {
    static final Path SOLUTIONS = Path.of("../../solutions/chapter_recurrent-neural-networks.jsh");
    static final List<Path> EDITIONS = List.of(
            Path.of("../../notebooks/chapter_recurrent-neural-networks"),
            Path.of("../../notebooks/vi/chapter_recurrent-neural-networks"));
    static final Set<String> NBGRADER_KEYS = Set.of(
            "schema_version", "grade", "grade_id", "locked", "points", "solution", "task", "cell_type", "checksum");

    static Stream<Path> notebooks() throws Exception {
        var all = new java.util.ArrayList<Path>();
        for (var edition : EDITIONS) {
            try (var files = Files.list(edition)) {
                files.filter(f -> f.toString().endsWith(".ipynb")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void releasingTheSolutionsEditionGivesTheCommittedNotebook(Path file) throws Exception {
        var committed = NotebookFile.read(file);
        var solved = NotebookFile.read(file);
        SolutionsEdition.solve(solved, SolutionsEdition.readSolutions(SOLUTIONS), new HashSet<>());
        var answers = solved.cells().stream().filter(SolutionsEdition::isAnswer).toList();
        for (var cell : answers) {
            assertTrue(
                    cell.source().contains(SolutionsEdition.BEGIN)
                            && !cell.source().contains(SolutionsEdition.STUB_CODE),
                    file + ": the solutions edition's answer cell holds a solution:\n" + cell.source());
        }
        SolutionsEdition.release(solved);
        assertEquals(
                committed.toJson(),
                solved.toJson(),
                file + ": release(solutions edition) is not the committed notebook");
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void exerciseCellsCarryNbgradersMetadata(Path file) throws Exception {
        var notebook = NotebookFile.read(file);
        var ids = new HashSet<String>();
        var answers = 0;
        var checks = 0;
        for (var i = 0; i < notebook.cells().size(); i++) {
            var cell = notebook.cells().get(i);
            var meta = SolutionsEdition.nbgrader(cell);
            if (meta == null) continue;
            var where = file.getFileName() + " cell " + (i + 1);
            assertTrue(
                    NBGRADER_KEYS.containsAll(meta.keySet()),
                    where + ": keys outside nbgrader's format: " + meta.keySet());
            assertEquals(3, meta.get("schema_version").getAsInt(), where);
            for (var key : List.of("grade", "solution", "locked", "task")) {
                assertTrue(
                        meta.has(key) && meta.get(key).getAsJsonPrimitive().isBoolean(),
                        where + ": " + key + " must be a boolean");
            }
            boolean grade = meta.get("grade").getAsBoolean(),
                    solution = meta.get("solution").getAsBoolean();
            boolean locked = meta.get("locked").getAsBoolean(),
                    task = meta.get("task").getAsBoolean();
            var id = meta.get("grade_id").getAsString();
            assertTrue(id.matches("[A-Za-z0-9_-]+"), where + ": grade_id " + id);
            assertTrue(ids.add(id), where + ": duplicate grade_id " + id);
            if (grade) {
                assertTrue(meta.get("points").getAsDouble() > 0, where + ": a grade cell needs points");
            } else {
                assertFalse(meta.has("points") && !task, where + ": only grade and task cells have points");
            }
            if (task) assertTrue(cell.isMarkdown(), where + ": task cells are markdown");
            if (cell.isMarkdown() && !task)
                assertEquals(grade, solution, where + ": a markdown cell is grade and solution, or neither");
            if (solution) {
                assertTrue(cell.isCode() && !locked && !grade, where + ": an answer cell is an unlocked code cell");
                assertTrue(
                        cell.source().contains(SolutionsEdition.STUB + "\n")
                                && cell.source().contains(SolutionsEdition.STUB_CODE),
                        where + ": the reader's answer cell is a stub that says what to fill in");
                answers++;
                var next = SolutionsEdition.nbgrader(notebook.cells().get(i + 1));
                assertEquals(
                        id + "-check", next.get("grade_id").getAsString(), where + ": the check follows its answer");
            }
            if (grade && cell.isCode()) {
                assertTrue(locked, where + ": a check cell is locked");
                checks++;
            }
        }
        assertTrue(
                answers >= 2 && answers == checks,
                file + ": at least two checked exercises, each with its check (" + answers + ", " + checks + ")");
    }

    @Test
    void bothEditionsHaveTheSameExerciseMetadataAndEverySolutionIsUsed() throws Exception {
        var used = new LinkedHashSet<String>();
        var solutions = SolutionsEdition.readSolutions(SOLUTIONS);
        try (var files = Files.list(EDITIONS.get(0))) {
            for (var file : files.filter(f -> f.toString().endsWith(".ipynb")).toList()) {
                var en = NotebookFile.read(file);
                var vi = NotebookFile.read(EDITIONS.get(1).resolve(file.getFileName()));
                var enMeta = en.cells().stream()
                        .map(SolutionsEdition::nbgrader)
                        .filter(m -> m != null)
                        .map(JsonObject::toString)
                        .toList();
                var viMeta = vi.cells().stream()
                        .map(SolutionsEdition::nbgrader)
                        .filter(m -> m != null)
                        .map(JsonObject::toString)
                        .toList();
                assertEquals(enMeta, viMeta, file.getFileName() + ": the editions' exercise cells differ");
                SolutionsEdition.solve(en, solutions, used);
            }
        }
        assertEquals(solutions.keySet(), used, "every solution fills an answer cell");
        assertTrue(used.size() >= 16, "sixteen or more checked exercises: " + used.size());
    }

    @Test
    void aMissingSolutionOrStubIsAClearError(@TempDir Path dir) throws Exception {
        var notebook = NotebookFile.parse("""
        {"cells": [{"cell_type": "code", "execution_count": null, "outputs": [], "source": "int f() {\\n    return 1;\\n}",
          "metadata": {"nbgrader": {"grade": false, "grade_id": "x-f", "locked": false, "schema_version": 3, "solution": true, "task": false}}}],
         "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "n", "test");
        var noSolution = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> SolutionsEdition.solve(notebook, java.util.Map.of(), new HashSet<>()));
        assertTrue(noSolution.getMessage().contains("no solution for the answer cell x-f"), noSolution.getMessage());
        var noStub = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> SolutionsEdition.solve(notebook, java.util.Map.of("x-f", "return 2;"), new HashSet<>()));
        assertTrue(noStub.getMessage().contains("has no stub"), noStub.getMessage());
    }

    @Test
    void theGeneratorWritesBothEditionsUnderTarget(@TempDir Path dir) throws Exception {
        var written = SolutionsEdition.write(SOLUTIONS, dir, EDITIONS);
        assertEquals(16, written.size());
        assertTrue(Files.exists(dir.resolve("chapter_recurrent-neural-networks/rnn.ipynb")));
        assertTrue(Files.exists(dir.resolve("vi/chapter_recurrent-neural-networks/rnn.ipynb")));
        assertTrue(Files.readString(dir.resolve("chapter_recurrent-neural-networks/bptt.ipynb"))
                .contains("// BEGIN SOLUTION"));
    }
}
