"""Idle memory of one installed kernel after its first ND4J cell, for trying JVM options.

    /usr/bin/python3 idle_rss.py KERNELSPEC_DIR [--opt JVM_OPTION]... [--env NAME=VALUE]... [--repeat N]

Starts the kernelspec's argv (with the extra options placed before -cp) through jupyter_client,
runs the rnn chapter's first ND4J cell, waits until the kernel is idle for a few seconds and prints
its RSS and PSS (MiB, from /proc/PID/smaps_rollup), once before and once after the cell.
"""
import argparse, json, os, statistics, sys, tempfile, time
from pathlib import Path

from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpec

CELL = """var X = Nd4j.randn(DataType.FLOAT, 2, 3);
var W_xh = Nd4j.randn(DataType.FLOAT, 3, 5);
X.mmul(W_xh)"""


def memory(pid):
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if parts[0] in ("Rss:", "Pss:"):
                values[parts[0][:-1].lower()] = int(parts[1]) / 1024
    return values


def run_once(spec_dir, options, env):
    spec = json.loads((spec_dir / "kernel.json").read_text())
    argv = spec["argv"]
    at = argv.index("-cp")
    argv = [a.replace("{resource_dir}", str(spec_dir)) for a in argv[:at] + options + argv[at:]]
    km = KernelManager()
    km._kernel_spec = KernelSpec(argv=argv, display_name="probe", language="java", env={**spec.get("env", {}), **env})
    km.start_kernel()
    try:
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=180)
        pid = km.provisioner.process.pid
        time.sleep(3)
        before = memory(pid)
        reply = client.execute_interactive(CELL, timeout=180, output_hook=lambda m: None)
        assert reply["content"]["status"] == "ok", reply["content"]
        time.sleep(5)
        after = memory(pid)
        client.stop_channels()
        return before, after
    finally:
        km.shutdown_kernel(now=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("spec", type=Path)
    parser.add_argument("--opt", action="append", default=[])
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    env = dict(e.split("=", 1) for e in args.env)
    rows = [run_once(args.spec.resolve(), args.opt, env) for _ in range(args.repeat)]
    med = lambda key, i: statistics.median(r[i][key] for r in rows)
    print(f"{' '.join(args.opt + args.env) or '(kernelspec as installed)'}: before ND4J RSS {med('rss', 0):.0f} MiB,"
          f" after ND4J RSS {med('rss', 1):.0f} MiB PSS {med('pss', 1):.0f} MiB"
          f" (median of {len(rows)}; load {os.getloadavg()[0]:.1f})", flush=True)


if __name__ == "__main__":
    main()
