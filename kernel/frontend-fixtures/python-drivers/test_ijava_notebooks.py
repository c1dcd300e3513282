"""The IJava-style notebooks in kernel/frontend-fixtures/ijava-notebooks, executed by `jupyter nbconvert --execute`
on the installed `java` kernel: each must run without an error output and show what its cells
are written to show (custom magics, a custom renderer, %load by name, magics as values)."""
import os
import subprocess
import sys
import tempfile
import unittest

import nbformat

NOTEBOOKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ijava-notebooks")

# Text each notebook's outputs must contain (any output, any MIME type).
EXPECTED = {
    "custom-magic.ipynb": ["4 words\n", "SHOUT THIS LINE", "10"],
    "custom-renderer.ipynb": ["<b style='color:red'>31.5 °C</b>", "**20.0 °C**", "14.0 °C"],
    "load-and-inline-magics.ipynb": ["Hello, IJava!", "42", "Wall time:", "6765", "3"],
}


def texts(notebook):
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            if output.output_type == "stream":
                yield output.text
            elif output.output_type in ("display_data", "execute_result"):
                yield from (v if isinstance(v, str) else str(v) for v in output.data.values())


class IJavaNotebooksTest(unittest.TestCase):
    def test_notebooks_execute(self):
        for name, expected in EXPECTED.items():
            with self.subTest(notebook=name), tempfile.TemporaryDirectory() as out_dir:
                command = ["/usr/bin/jupyter", "nbconvert", "--to", "notebook", "--execute",
                           "--ExecutePreprocessor.kernel_name=java", "--ExecutePreprocessor.timeout=120",
                           "--output-dir", out_dir, "--output", "executed", os.path.join(NOTEBOOKS, name)]
                run = subprocess.run(command, capture_output=True, text=True, timeout=300)
                self.assertEqual(run.returncode, 0, "nbconvert failed:\n" + run.stdout + run.stderr)
                executed = nbformat.read(os.path.join(out_dir, "executed.ipynb"), as_version=4)
                nbformat.validate(executed)
                errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
                self.assertEqual(errors, [], "error outputs")
                shown = "\n".join(texts(executed))
                for text in expected:
                    self.assertIn(text, shown)


if __name__ == "__main__":
    sys.exit(unittest.main())
