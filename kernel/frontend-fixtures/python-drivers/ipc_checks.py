"""A kernel started by jupyter_client over the ipc transport (Unix domain sockets), as Google Colab
and `--KernelManager.transport=ipc` start kernels, against the same kernel over tcp.

Usage: /usr/bin/python3 ipc_checks.py KERNEL_NAME ROUNDS

With the kernelspec KERNEL_NAME (JUPYTER_PATH): over ipc, a cell, System.in answered through
KernelClient.input() (no parent header), an interrupted busy loop, a restart on the same socket
paths, and a shutdown that removes them; then ROUNDS round trips of kernel_info and of `1 + 1` over
tcp and over ipc, alternating in blocks so that both see the same machine. Prints one JSON object
(the last line) that IpcTransportIT judges.
"""
import json
import os
import stat
import statistics
import sys
import tempfile
import time

from jupyter_client import KernelManager


def sockets(km):
    return [p for p in ("%s-%d" % (km.ip, port) for port in km.ports)
            if os.path.exists(p) and stat.S_ISSOCK(os.stat(p).st_mode)]


def execute(kc, code, timeout=60, **kwargs):
    """Runs a cell; returns (reply content, text of its result or error, stdout)."""
    msg_id = kc.execute(code, **kwargs)
    result, stdout = None, ""
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "execute_result":
            result = msg["content"]["data"]["text/plain"]
        elif kind == "error":
            result = msg["content"]["ename"] + ": " + msg["content"]["evalue"]
        elif kind == "stream" and msg["content"]["name"] == "stdout":
            stdout += msg["content"]["text"]
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply["content"], result, stdout


def start(kernel, transport, work):
    km = KernelManager(kernel_name=kernel, transport=transport,
                       connection_file=os.path.join(work, "kernel-%s.json" % transport))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    return km, kc


def checks(kernel, work):
    results = {}
    km, kc = start(kernel, "ipc", work)
    try:
        results["ip"] = km.ip
        results["socketsWhileRunning"] = len(sockets(km))
        results["cell"] = execute(kc, "6 * 7")[1]

        # System.in: KernelClient.input() sends the reply without a parent header.
        msg_id = kc.execute("new Scanner(System.in).nextLine().toUpperCase()", allow_stdin=True)
        request = kc.get_stdin_msg(timeout=60)
        results["inputPrompt"] = request["content"]["prompt"]
        kc.input("over a unix socket")
        while True:
            msg = kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_result":
                results["stdin"] = msg["content"]["data"]["text/plain"]
                break

        # Interrupt: the kernelspec's interrupt_mode is "message", sent on the control channel.
        msg_id = kc.execute("while (true) { }")
        time.sleep(1.0)
        started = time.time()
        km.interrupt_kernel()
        while True:
            reply = kc.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        results["interruptSeconds"] = round(time.time() - started, 2)
        results["interruptedWith"] = reply["content"].get("ename")
        results["afterInterrupt"] = execute(kc, "1 + 1")[1]

        # A restart starts a new process on the same socket paths.
        execute(kc, "int kept = 1;")
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=120)
        results["socketsAfterRestart"] = len(sockets(km))
        results["afterRestart"] = execute(kc, "kept")[1]
        results["cellAfterRestart"] = execute(kc, "2 + 3")[1]
    finally:
        kc.stop_channels()
        paths = ["%s-%d" % (km.ip, port) for port in km.ports]
        km.shutdown_kernel(now=False)
        results["socketsAfterShutdown"] = [p for p in paths if os.path.exists(p)]
    return results


def round_trips(kernel, work, rounds):
    """Medians and 90th percentiles in ms, kernels of both transports alive at once, asked in turn."""
    clients = {t: start(kernel, t, work) for t in ("tcp", "ipc")}
    times = {t: {"kernel_info": [], "execute": []} for t in clients}
    try:
        for transport, (km, kc) in clients.items():
            for _ in range(20):   # both JITs warm before measuring
                execute(kc, "1 + 1")
                kc.kernel_info(reply=True, timeout=30)
        block = 10
        for first in range(0, rounds, block):
            order = list(clients.items())
            if (first // block) % 2:
                order.reverse()   # neither transport always goes first
            for transport, (km, kc) in order:
                for _ in range(block):
                    begin = time.perf_counter()
                    kc.kernel_info(reply=True, timeout=30)
                    times[transport]["kernel_info"].append((time.perf_counter() - begin) * 1000)
                    begin = time.perf_counter()
                    execute(kc, "1 + 1")
                    times[transport]["execute"].append((time.perf_counter() - begin) * 1000)
    finally:
        for km, kc in clients.values():
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    def summary(values):
        values = sorted(values)
        return {"median": round(statistics.median(values), 3), "p90": round(values[int(0.9 * len(values))], 3)}
    return {t: {kind: summary(v) for kind, v in kinds.items()} for t, kinds in times.items()}


def main(argv):
    kernel, rounds = argv[1], int(argv[2])
    runtime = os.environ.get("JUPYTER_RUNTIME_DIR") or tempfile.gettempdir()
    os.makedirs(runtime, exist_ok=True)
    work = tempfile.mkdtemp(prefix="ipc-", dir=runtime)
    results = checks(kernel, work)
    results["roundTrips"] = round_trips(kernel, work, rounds)
    results["loadAverage"] = os.getloadavg()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
