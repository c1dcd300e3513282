#!/usr/bin/env bash
# A class on one machine, measured: JupyterHub with docs/jupyterhub_config.py, N students (default 40)
# each with a server and a d2l-rnn kernel, installed the teacher's way. Prints how long the hub, the
# servers and the kernels took to come up, per-kernel and per-server RSS and PSS, the latency of a
# chapter cell run by one student at a time and by all at once, and the load average before, at its
# peak and after. A failed run keeps its directory (the hub's log, each student's log, result.json).
# It is a benchmark, not a test: run it on a quiet machine, once. Needs `mvn package` first and the
# packages of scripts/prerequisites.sh --test.
#   scripts/classroom-benchmark.sh [STUDENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
students="${1:-40}"
root="$(mktemp -d /tmp/d2l-classroom.XXXXXX)"
# Kept when the run fails: jupyterhub.log (hub, servers and kernels) and result.json say what happened.
trap 'status=$?; if ((status == 0)); then rm -rf "$root"; else echo "kept $root for diagnosis" >&2; fi' EXIT
export OMP_NUM_THREADS=1
hub_dir=kernel/frontend-fixtures/jupyterhub
[[ -x $hub_dir/node_modules/.bin/configurable-http-proxy ]] || (cd $hub_dir && npm ci --no-audit --no-fund)
java -cp 'kernel/target/kernelspecs/java/lib/*' d2l.kernel.install.Installer --source kernel/target/kernelspecs \
  --prefix "$root/prefix" --kernel d2l-rnn
/usr/bin/python3 $hub_dir/classroom.py --students "$students" --root "$root" --config docs/jupyterhub_config.py \
  --proxy $hub_dir/node_modules/.bin/configurable-http-proxy \
  --notebook notebooks/chapter_recurrent-neural-networks/rnn.ipynb --out "$root/result.json"
