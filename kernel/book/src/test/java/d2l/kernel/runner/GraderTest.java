package d2l.kernel.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The grader's scoring rule (nbgrader's, for autograder cells) and its restoring of locked cells. */
class GraderTest {
    private static NotebookFile.Cell cellWith(String outputsJson) {
        var notebook = NotebookFile.parse("""
        {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "source": "check()", "outputs": %s}],
         "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""".formatted(outputsJson), "n", "test");
        return notebook.cells().get(0);
    }

    @Test
    void aCheckCellScoresAsNbgraderScoresIt() {
        var result =
                "{\"output_type\": \"execute_result\", \"execution_count\": 1, \"metadata\": {}, \"data\": {\"text/plain\": %s, \"text/html\": \"<p>x</p>\"}}";
        assertEquals(
                2,
                Grader.score("s", "n", "id", cellWith("[" + result.formatted("[\"2\"]") + "]"), 2)
                        .points(),
                "a number: its points");
        assertEquals(
                0.5,
                Grader.score("s", "n", "id", cellWith("[" + result.formatted("\"0.5\"") + "]"), 2)
                        .points(),
                "partial credit");
        assertEquals(
                2,
                Grader.score("s", "n", "id", cellWith("[" + result.formatted("\"7\"") + "]"), 2)
                        .points(),
                "capped at the cell's points");
        assertEquals(
                2,
                Grader.score("s", "n", "id", cellWith("[" + result.formatted("\"fine\"") + "]"), 2)
                        .points(),
                "not a number: full points");
        assertEquals(2, Grader.score("s", "n", "id", cellWith("[]"), 2).points(), "no output, no error: full points");
        var error = Grader.score(
                "s",
                "n",
                "id",
                cellWith("[{\"output_type\": \"error\", \"ename\": \"E\", \"evalue\": \"v\", \"traceback\": []}]"),
                2);
        assertEquals(0, error.points());
        assertEquals("error: E", error.note());
        assertEquals(
                0,
                Grader.score(
                                "s",
                                "n",
                                "id",
                                cellWith("[{\"output_type\": \"stream\", \"name\": \"stderr\", \"text\": \"w\"}]"),
                                2)
                        .points(),
                "stderr output scores 0");
    }

    @Test
    void lockedCellsArePutBackAndMissingGradeCellsNamed() {
        var released = NotebookFile.parse("""
        {"cells": [
          {"cell_type": "code", "execution_count": null, "outputs": [], "source": "Check.it(a())",
           "metadata": {"nbgrader": {"grade": true, "grade_id": "a-check", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}}},
          {"cell_type": "code", "execution_count": null, "outputs": [], "source": "Check.it(b())",
           "metadata": {"nbgrader": {"grade": true, "grade_id": "b-check", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}}}],
         "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "n", "test");
        var submitted = NotebookFile.parse("""
        {"cells": [
          {"cell_type": "code", "execution_count": null, "outputs": [], "source": "1",
           "metadata": {"nbgrader": {"grade": true, "grade_id": "a-check", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}}}],
         "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", "n", "test");
        assertEquals(List.of("b-check"), Grader.restoreLockedCells(submitted, released));
        assertEquals("Check.it(a())", submitted.cells().get(0).source());
    }
}
