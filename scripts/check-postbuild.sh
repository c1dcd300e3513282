#!/usr/bin/env bash
# Runs the Binder postBuild into a throw-away prefix and checks that Jupyter then lists both
# kernels and can run a cell on the chapter kernel. CI calls this after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
JUPYTER_PREFIX="$prefix" bash postBuild
export JUPYTER_PATH="$prefix/share/jupyter"
specs=$(/usr/bin/jupyter kernelspec list)
echo "$specs"
for k in java d2l-rnn; do
  grep -q "$prefix/share/jupyter/kernels/$k" <<<"$specs" || { echo "postBuild did not install kernel $k" >&2; exit 1; }
done
/usr/bin/python3 - <<'PY'
import nbformat
from nbclient import NotebookClient
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("new Vocab(List.of(List.of(\"a\", \"b\", \"a\"))).size()")])
NotebookClient(nb, kernel_name="d2l-rnn", timeout=120).execute()
out = nb.cells[0].outputs[0]["data"]["text/plain"]
assert out.strip() == "3", out
print("postBuild: the installed chapter kernel runs a cell: Vocab size", out)
PY
