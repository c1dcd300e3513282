"""`jupyter nbconvert --to notebook --execute` through the installed kernel.

D2L_NBCONVERT_NOTEBOOK names the notebook (default: the chart-and-table fixture) and
D2L_NBCONVERT_KERNEL the kernel (default: the one in the notebook's metadata). The executed
notebook must be valid and hold an image, an HTML table, and no error output.
"""
import os
import subprocess
import sys
import tempfile
import unittest

import nbformat

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_NOTEBOOK = os.path.join(HERE, "..", "..", "book", "src", "test", "resources", "notebooks", "chart-and-table.ipynb")


def outputs_of(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            yield from cell.outputs


class NbconvertExecuteTest(unittest.TestCase):
    def test_execute_notebook_with_image_and_table(self):
        source = os.environ.get("D2L_NBCONVERT_NOTEBOOK", DEFAULT_NOTEBOOK)
        with tempfile.TemporaryDirectory() as out_dir:
            command = [
                "/usr/bin/jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=300",
                "--output-dir", out_dir, "--output", "executed", source,
            ]
            kernel = os.environ.get("D2L_NBCONVERT_KERNEL")
            if kernel:
                command.insert(5, "--ExecutePreprocessor.kernel_name=" + kernel)
            run = subprocess.run(command, capture_output=True, text=True, timeout=600)
            self.assertEqual(run.returncode, 0, "nbconvert failed:\n" + run.stdout + run.stderr)

            executed = nbformat.read(os.path.join(out_dir, "executed.ipynb"), as_version=4)
            nbformat.validate(executed)
            outputs = list(outputs_of(executed))
            errors = [o for o in outputs if o.output_type == "error"]
            self.assertEqual(errors, [], "error outputs in the executed notebook")
            rich = [o for o in outputs if o.output_type in ("display_data", "execute_result")]
            self.assertTrue(any("image/png" in o.data for o in rich), "no image/png output")
            tables = [o for o in rich if "<table" in o.data.get("text/html", "")]
            self.assertTrue(tables, "no HTML table output")
            counts = [c.execution_count for c in executed.cells if c.cell_type == "code"]
            self.assertEqual(counts, list(range(1, len(counts) + 1)), "every code cell ran once, in order")


if __name__ == "__main__":
    sys.exit(unittest.main())
