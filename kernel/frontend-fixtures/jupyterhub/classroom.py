"""A class of students on JupyterHub, each with the chapter kernel: the test's and the benchmark's driver.

    /usr/bin/python3 classroom.py --students N --root DIR --config docs/jupyterhub_config.py \
        --proxy node_modules/.bin/configurable-http-proxy --notebook .../rnn.ipynb --out result.json

Expects the d2l-rnn kernelspec installed under DIR/prefix (JUPYTER_PATH points there). Starts the hub
with the given config on free 127.0.0.1 ports, logs every student in through the login form, starts
their servers and a d2l-rnn kernel each through the REST API, and talks to each kernel over its
websocket as JupyterLab does (asking a starting kernel again, and opening a new websocket when the
server restarts it). With --restart-one, the first student's kernel is then killed while another
process holds its shell port, and must come back on new ports. With --widget-student, the last student
makes a widget slider and moves it with the comm messages JupyterLab's widget manager sends. Runs two cells of the chapter's rnn
section in each kernel one student after another, then one of them in all kernels at once, measures
memory, and stops it all through the API: kernels, servers, then the hub (which stops the proxy).
Writes what it saw to --out (JSON) and prints a summary. Exits non-zero if something went wrong; the
JSON says what, and a kernel that failed comes with its status from the server, its process and
ports, and the end of the student's log (DIR/logs/NAME.log, the hub's D2L_HUB_LOGS).
"""
import argparse, concurrent.futures, datetime, json, os, queue, re, secrets, socket, statistics, subprocess, sys, threading, time, uuid
from pathlib import Path

import psutil
import requests
import websocket

CELL_IDS = ("rnn-02", "rnn-03")   # four random matrices and two products; the same product, concatenated


def free_ports(n):
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def chapter_cells(notebook):
    cells = {c.get("id"): "".join(c["source"]) for c in json.loads(Path(notebook).read_text())["cells"]}
    return [cells[i] for i in CELL_IDS]


def wait_for(what, condition, timeout, every=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise TimeoutError(f"{what}: not within {timeout} s")


def memory_mib(pid):
    values = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                parts = line.split()
                if parts[0] in ("Rss:", "Pss:"):
                    values[parts[0][:-1].lower()] = int(parts[1]) / 1024
    except OSError:
        pass
    return values


class KernelRestarted(Exception):
    """The server said 'restarting' (the kernel died and is started again, perhaps on new ports) or
    'dead' (it gave up). These status messages come from the server itself, with no parent."""

    def __init__(self, user, state):
        super().__init__(f"{user}: the server reports the kernel {state}")
        self.state = state


class Kernel:
    """One student's kernel, reached over /user/NAME/api/kernels/ID/channels. Like a browser, it reads
    the websocket all the time (on a thread of its own), which also answers the server's pings: a
    socket that nobody reads is closed by the server after 90 s.

    The server connects a websocket to the kernel's ZMQ ports when the websocket opens, and only then.
    After the server restarted a kernel (on new ports, see docs/d2l_fresh_ports.py) an old websocket
    leads nowhere; like JupyterLab, the caller opens a new one."""

    def __init__(self, base_ws, user, kernel_id, token, open_timeout=300):
        self.user = user
        self.id = kernel_id
        self.session = uuid.uuid4().hex
        # The server answers the upgrade only after its own kernel_info round trip (or its 60 s
        # timeout), so opening waits; once open, reads block for as long as a request allows.
        try:
            self.ws = websocket.create_connection(f"{base_ws}/user/{user}/api/kernels/{kernel_id}/channels",
                                                  header=[f"Authorization: token {token}"], timeout=open_timeout,
                                                  enable_multithread=True)
        except websocket.WebSocketBadStatusException as e:
            if e.status_code == 404:
                raise KernelRestarted(user, "gone (the server removed it: it died and was not restarted)") from e
            raise
        self.ws.settimeout(None)
        self.inbox = queue.Queue()
        threading.Thread(target=self._read, name=f"ws-{user}", daemon=True).start()

    def _read(self):
        try:
            while True:
                self.inbox.put(json.loads(self.ws.recv()))
        except Exception as e:   # noqa: BLE001 (closed: tell a waiting request)
            self.inbox.put(e)

    def request(self, msg_type, content, timeout=600, reply_expected=True):
        """Sends on shell; returns (reply content, iopub messages up to idle, seconds). A message the
        spec gives no reply (comm_msg) is done at the kernel's idle after it."""
        msg_id = uuid.uuid4().hex
        message = {"header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": self.user,
                              "version": "5.3", "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
                   "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": []}
        start = time.monotonic()
        self.ws.send(json.dumps(message))
        reply, iopub, idle = (None if reply_expected else {}), [], False
        while reply is None or not idle:
            left = timeout - (time.monotonic() - start)
            try:
                received = self.inbox.get(timeout=max(left, 0.001))
            except queue.Empty:
                # Which half went missing tells the kernel's side from the server's.
                seen = ", ".join(m["msg_type"] + ("(" + m["content"].get("execution_state", "") + ")" if m["msg_type"] == "status" else "")
                                 for m in iopub) or "nothing"
                raise TimeoutError(f"{self.user}: no answer to {msg_type} in {timeout} s"
                                   f" (shell reply {'received' if reply is not None else 'missing'}; iopub: {seen})") from None
            if isinstance(received, Exception):
                raise ConnectionError(f"{self.user}: websocket closed while waiting for {msg_type}: {received!r}")
            if (received.get("channel") == "iopub" and received.get("msg_type") == "status"
                    and received["content"].get("execution_state") in ("restarting", "dead")):
                raise KernelRestarted(self.user, received["content"]["execution_state"])
            if received.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if received["channel"] == "shell":
                reply = received["content"]
            elif received["channel"] == "iopub":
                iopub.append(received)
                if received["msg_type"] == "status" and received["content"]["execution_state"] == "idle":
                    idle = True
        return reply, iopub, time.monotonic() - start

    def execute(self, code):
        reply, iopub, seconds = self.request("execute_request", {"code": code, "silent": False, "store_history": True,
                                                                 "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        results = [m["content"]["data"]["text/plain"] for m in iopub if m["msg_type"] == "execute_result"]
        errors = [m["content"]["evalue"] for m in iopub if m["msg_type"] == "error"]
        return {"status": reply["status"], "result": results[0] if results else None, "errors": errors, "seconds": seconds}

    def close(self):
        self.ws.close()


# A widget as JupyterLab's widget manager drives it, over the same websocket: the kernel opens a comm per
# model (target jupyter.widget, protocol 2), the reader's drag arrives as a comm_msg "update" with the new
# value, and the kernel answers with "echo_update" (protocol 2.1).
SLIDER_CELL = """import d2l.kernel.widget.*;
var slider = new IntSlider("k", 1, 16, 4);
display(slider);"""


def move_a_slider(kernel, value=11):
    """One student makes a slider, moves it to value through the hub's proxy and asks the kernel for it."""
    reply, iopub, _ = kernel.request("execute_request", {"code": SLIDER_CELL, "silent": False, "store_history": True,
                                                         "user_expressions": {}, "allow_stdin": False})
    if reply["status"] != "ok":
        return {"problem": f"the slider cell failed: {[m['content'].get('evalue') for m in iopub if m['msg_type'] == 'error']}"}
    opened = {m["content"]["comm_id"]: m["content"] for m in iopub if m["msg_type"] == "comm_open"}
    views = [m["content"]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] for m in iopub
             if m["msg_type"] == "display_data" and "application/vnd.jupyter.widget-view+json" in m["content"]["data"]]
    if not views or views[0] not in opened:
        return {"problem": f"no widget view of an opened comm: views {views}, comms {list(opened)}"}
    comm_id = views[0]
    _, answer, seconds = kernel.request("comm_msg", {"comm_id": comm_id, "data": {
        "method": "update", "state": {"value": value}, "buffer_paths": []}}, timeout=60, reply_expected=False)
    echo = [m["content"]["data"] for m in answer if m["msg_type"] == "comm_msg"
            and m["content"].get("comm_id") == comm_id and m["content"]["data"].get("method") == "echo_update"]
    seen = kernel.execute("slider.value()")
    return {"model_id": comm_id, "target": opened[comm_id].get("target_name"),
            "model_name": opened[comm_id]["data"]["state"].get("_model_name"), "comms_opened": len(opened),
            "value_sent": value, "kernel_value": seen["result"], "echo_update": echo,
            "update_to_idle_seconds": round(seconds, 3)}


def connect(base_ws, user, kernel_id, token, timeout=600, every=15, kernel=None):
    """Opens the kernel's websocket and returns it once the kernel answered kernel_info.
    Like JupyterLab it asks again while a starting kernel has not answered (a request sent before
    the kernel's sockets are up can be lost), and opens a new websocket when the server restarted
    the kernel (or the kernel has not answered for a minute). Returns (kernel, events) where events
    says what it took; raises KernelRestarted when
    the server gave the kernel up, TimeoutError when it never answered."""
    deadline = time.monotonic() + timeout
    events, details = [], []
    kernel = kernel or Kernel(base_ws, user, kernel_id, token)
    while True:
        try:
            kernel.request("kernel_info_request", {}, timeout=every)
            return kernel, events + details
        except TimeoutError as e:
            events.append("kernel_info unanswered")
            details.append(str(e))
            if events.count("kernel_info unanswered") % 4 == 0:
                # Should the server's 'restarting' have been missed, a new websocket reaches the
                # kernel on whatever ports it has now; the server drops the old one's connections.
                kernel.close()
                kernel = Kernel(base_ws, user, kernel_id, token)
        except KernelRestarted as e:
            if e.state != "restarting":
                raise
            events.append("server restarted the kernel")
            kernel.close()
            kernel = Kernel(base_ws, user, kernel_id, token)
        except ConnectionError as e:
            events.append(f"websocket closed ({e})")
            kernel = Kernel(base_ws, user, kernel_id, token)
        if time.monotonic() > deadline:
            raise TimeoutError(f"{user}: no kernel_info_reply in {timeout} s ({len(events)} tries: {', '.join(events[-5:])}; {details[-1:]})")


def kernel_process(kernel_id):
    """The kernel's process and the ports its connection file gives it."""
    for p in psutil.process_iter():
        connection_file = next((a for a in _cmdline(p).split() if a.endswith(f"kernel-{kernel_id}.json")), None)
        if connection_file and "d2l.kernel.KernelMain" in _cmdline(p):
            return p, {k: v for k, v in json.loads(Path(connection_file).read_text()).items() if k.endswith("_port")}
    raise RuntimeError(f"no process for kernel {kernel_id}")


def restart_on_taken_port(client, base_ws, token):
    """What a lost port race does to a running class, made to happen: the kernel dies and another
    process holds its shell port. The server must restart it on new ports, and a client with an
    open websocket must reach it again (on the server's 'restarting', with a new websocket)."""
    process, before = kernel_process(client.id)
    # jupyter_client itself gives new ports to a kernel that dies within its first 10 s or so (it
    # counts from its first poll, every 3 s); the race seen in a class took longer, and then only
    # the kernel manager's check of the ports helps.
    time.sleep(max(0.0, 20 - (time.time() - process.create_time())))
    process.kill()
    process.wait(30)
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # the dead kernel's connections linger in TIME_WAIT
    holder.bind(("127.0.0.1", before["shell_port"]))
    holder.listen()
    try:
        kernel, events = connect(base_ws, client.user, client.id, token, kernel=client)
        _, after = kernel_process(client.id)
    finally:
        holder.close()
    return kernel, {"ports_before": before, "ports_after": after, "events": events}


def same_matrix(a, b):
    """The two printed products agree up to float rounding, as the rnn notebook says (the two
    orders of summation can differ in the last printed digit)."""
    if a is None or b is None:
        return False
    number = re.compile(r"-?\d+\.\d+|-?\d+(?=[,\]])")
    xs, ys = [float(v) for v in number.findall(a)], [float(v) for v in number.findall(b)]
    shape = lambda text: text.split("\n", 1)[0]
    return shape(a) == shape(b) and len(xs) == len(ys) > 0 and all(abs(x - y) <= 1e-3 for x, y in zip(xs, ys))


def diagnosis(api, base, root, user, kernel_id, lines=40):
    """What to look at when a student's kernel does not answer: the server's view of it, its
    process and the ports it listens on against those it was given, and the ends of the logs."""
    out = [f"--- diagnosis of {user}'s kernel {kernel_id}"]
    for what, url in (("server (hub API)", f"{base}/hub/api/users/{user}"),
                      ("kernel (server API)", f"{base}/user/{user}/api/kernels/{kernel_id}")):
        try:
            response = api.get(url, timeout=30)
            body = response.json() if response.headers.get("content-type", "").startswith("application/json") else response.text[:300]
            if what.startswith("server"):
                body = body.get("servers", body) if isinstance(body, dict) else body
            out.append(f"{what}: HTTP {response.status_code} {json.dumps(body, default=str)[:600]}")
        except (requests.RequestException, ValueError) as e:
            out.append(f"{what}: {e!r}")
    processes = [p for p in psutil.process_iter() if f"kernel-{kernel_id}.json" in _cmdline(p)]
    if not processes:
        out.append("kernel process: none running")
    for p in processes:
        try:
            connection_file = next(a for a in p.cmdline() if a.endswith(f"kernel-{kernel_id}.json"))
            given = {k: v for k, v in json.loads(Path(connection_file).read_text()).items() if k.endswith("_port")}
        except (OSError, ValueError, StopIteration, psutil.Error) as e:
            given = f"connection file unreadable: {e!r}"
        try:
            listening = sorted(c.laddr.port for c in p.connections(kind="tcp") if c.status == psutil.CONN_LISTEN)
            out.append(f"kernel process {p.pid}: {p.status()}, {time.time() - p.create_time():.0f} s old,"
                       f" CPU {sum(p.cpu_times()[:2]):.1f} s; listens on {listening}; was given {given}")
        except psutil.Error as e:
            out.append(f"kernel process {p.pid}: {e!r}")
    student_log = root / "logs" / f"{user}.log"
    if student_log.exists():
        tail = student_log.read_text(errors="replace").splitlines()[-lines:]
        out.append(f"last {len(tail)} lines of {student_log} (the student's server and kernel):")
        out += ["  " + line for line in tail]
    hub_log = root / "jupyterhub.log"
    if hub_log.exists():
        mentions = [line for line in hub_log.read_text(errors="replace").splitlines() if user in line or kernel_id in line][-lines // 2:]
        out.append(f"last {len(mentions)} lines of {hub_log} that name {user} or the kernel:")
        out += ["  " + line for line in mentions]
    return "\n".join(out)


def kernel_ports_problems(user, port_range, kernel_cmdline):
    """The configuration gives each student's kernels ports from a range of their own (so no other
    server picks them): check that the kernel got its ports from there."""
    if not port_range:
        return [f"{user}: the server has no D2L_KERNEL_PORTS"]
    low, high = (int(v) for v in port_range.split("-"))
    connection_file = next((a for a in kernel_cmdline.split() if re.search(r"kernel-.*\.json$", a)), None)
    try:
        ports = {k: v for k, v in json.loads(Path(connection_file).read_text()).items() if k.endswith("_port")}
    except (OSError, TypeError, ValueError) as e:
        return [f"{user}: cannot read the kernel's connection file {connection_file}: {e!r}"]
    outside = {k: v for k, v in ports.items() if not low <= v <= high}
    return [f"{user}: kernel ports {outside} outside the student's range {port_range}"] if outside else []


def percentiles(values):
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]
    return {"p50": pick(0.5), "p90": pick(0.9), "max": ordered[-1]}


def descendants(pid):
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--proxy", type=Path, required=True)
    parser.add_argument("--notebook", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--jupyterhub", default="/usr/bin/jupyterhub")
    parser.add_argument("--restart-one", action="store_true",
                        help="kill the first student's kernel and hold its shell port: it must come back on new ports")
    parser.add_argument("--widget-student", action="store_true",
                        help="the last student makes a slider and moves it (widget comms through the hub's proxy)")
    args = parser.parse_args()
    root = args.root.resolve()
    state = root / "hub"
    state.mkdir(parents=True, exist_ok=True)
    port, api_port, proxy_port = free_ports(3)
    token = secrets.token_hex(32)
    env = {**os.environ,
           "JUPYTER_PATH": str(root / "prefix/share/jupyter"),
           "D2L_HUB_PORT": str(port), "D2L_HUB_API_PORT": str(api_port), "D2L_HUB_PROXY_API_PORT": str(proxy_port),
           "D2L_HUB_PROXY": str(args.proxy.resolve()), "D2L_HUB_HOMES": str(root / "homes"),
           "D2L_HUB_SERVICE_TOKEN": token, "D2L_HUB_LOGS": str(root / "logs"), "OMP_NUM_THREADS": "1"}
    base = f"http://127.0.0.1:{port}"
    api = requests.Session()
    api.headers["Authorization"] = f"token {token}"
    report = {"students": args.students, "cpus": os.cpu_count(), "load_before": os.getloadavg(), "problems": []}
    seen = {}            # pid -> command line, of every process the hub started
    students = [f"student{i:02d}" for i in range(1, args.students + 1)]
    kernels = {}
    cells = chapter_cells(args.notebook)

    def remember_processes():
        for p in descendants(hub.pid):
            try:
                seen.setdefault(p.pid, " ".join(p.cmdline())[:200])
            except psutil.NoSuchProcess:
                pass

    # The load average while the class runs, sampled every 5 s (the 1-minute figure lags behind).
    load_samples = []
    sampling = threading.Event()

    def sample_load():
        while not sampling.wait(5):
            load_samples.append(os.getloadavg()[0])
    threading.Thread(target=sample_load, name="load", daemon=True).start()

    log = open(root / "jupyterhub.log", "w")
    hub = subprocess.Popen([args.jupyterhub, "-f", str(args.config.resolve())], cwd=state, env=env,
                           stdout=log, stderr=subprocess.STDOUT)
    seen[hub.pid] = "jupyterhub"
    try:
        t0 = time.monotonic()
        wait_for("hub API", lambda: _ok(lambda: api.get(f"{base}/hub/api/").status_code == 200), 180)
        report["hub_start_seconds"] = time.monotonic() - t0

        # Each student logs in through the form, as in a browser: the hub answers with its login cookie.
        for user in students:
            browser = requests.Session()
            response = browser.post(f"{base}/hub/login", data={"username": user, "password": "class"}, allow_redirects=False)
            if response.status_code != 302 or "jupyterhub-hub-login" not in browser.cookies:
                raise RuntimeError(f"login of {user}: HTTP {response.status_code}, cookies {list(browser.cookies.keys())}")

        t0 = time.monotonic()
        for user in students:
            response = api.post(f"{base}/hub/api/users/{user}/server")
            if response.status_code not in (201, 202):
                raise RuntimeError(f"starting {user}'s server: HTTP {response.status_code} {response.text}")
        ready = lambda user: api.get(f"{base}/hub/api/users/{user}").json().get("servers", {}).get("", {}).get("ready")
        for user in students:
            wait_for(f"{user}'s server", lambda: ready(user), 600, every=1)
        report["servers_ready_seconds"] = time.monotonic() - t0

        t0 = time.monotonic()
        for user in students:
            response = api.post(f"{base}/user/{user}/api/kernels", json={"name": "d2l-rnn"})
            if response.status_code != 201:
                raise RuntimeError(f"starting {user}'s kernel: HTTP {response.status_code} {response.text}")
            kernels[user] = response.json()["id"]

        restarts = {}

        def answering(user):
            try:
                kernel, events = connect(f"ws://127.0.0.1:{port}", user, kernels[user], token)
            except Exception as e:
                raise RuntimeError(f"{type(e).__name__}: {e}\n{diagnosis(api, base, root, user, kernels[user])}") from e
            if events:
                restarts[user] = events
            return kernel
        with concurrent.futures.ThreadPoolExecutor(len(students)) as pool:
            futures = {user: pool.submit(answering, user) for user in students}
            clients, failed = {}, []
            for user, future in futures.items():
                try:
                    clients[user] = future.result()
                except Exception as e:   # noqa: BLE001 (each failure with its diagnosis)
                    failed.append(str(e))
        report["kernel_start_retries"] = restarts
        if failed:
            raise RuntimeError(f"{len(failed)} of {len(students)} kernels never answered:\n" + "\n".join(failed))
        report["kernels_answering_seconds"] = time.monotonic() - t0

        if args.restart_one:
            user = students[0]
            try:
                clients[user], report["restart_on_taken_port"] = restart_on_taken_port(clients[user], f"ws://127.0.0.1:{port}", token)
            except Exception as e:
                raise RuntimeError(f"restart on a taken port: {type(e).__name__}: {e}\n{diagnosis(api, base, root, user, kernels[user])}") from e
            check = report["restart_on_taken_port"]
            if check["ports_after"]["shell_port"] == check["ports_before"]["shell_port"]:
                report["problems"].append(f"{user}: the kernel was restarted on its taken shell port: {check}")
            if "server restarted the kernel" not in check["events"]:
                report["problems"].append(f"{user}: the open websocket never heard 'restarting': {check}")
            if "its ports are taken by another process" not in (root / "logs" / f"{user}.log").read_text(errors="replace"):
                report["problems"].append(f"{user}: the kernel manager did not say it restarts the kernel on new ports: {check}")
        remember_processes()

        def run(user, code):
            try:
                return clients[user].execute(code)
            except Exception as e:
                raise RuntimeError(f"{type(e).__name__}: {e}\n{diagnosis(api, base, root, user, kernels[user])}") from e

        # One student after another: the chapter's two cells; both print the same 2x5 matrix.
        alone, first_cells = [], []
        for user in students:
            first, second = (run(user, code) for code in cells)
            first_cells.append(first["seconds"])
            alone.append(second["seconds"])
            for name, outcome in (("first", first), ("second", second)):
                if outcome["status"] != "ok":
                    report["problems"].append(f"{user}: {name} cell failed: {outcome['errors']}")
            if not same_matrix(first["result"], second["result"]):
                report["problems"].append(f"{user}: the two products differ: {first['result']!r} vs {second['result']!r}")
        if args.widget_student:
            user = students[-1]
            try:
                check = report["widget_student"] = move_a_slider(clients[user])
            except Exception as e:
                raise RuntimeError(f"widget student: {type(e).__name__}: {e}\n{diagnosis(api, base, root, user, kernels[user])}") from e
            if "problem" in check:
                report["problems"].append(f"{user}: {check['problem']}")
            elif check["kernel_value"] != str(check["value_sent"]):
                report["problems"].append(f"{user}: moved the slider to {check['value_sent']}, the kernel has {check['kernel_value']}")
        report["first_cell_seconds"] = percentiles(first_cells)
        report["cell_alone_seconds"] = percentiles(alone)

        # Everyone at once.
        barrier = threading.Barrier(len(students))

        def together(user):
            barrier.wait()
            return run(user, cells[1])
        with concurrent.futures.ThreadPoolExecutor(len(students)) as pool:
            outcomes = list(pool.map(together, students))
        report["problems"] += [f"{u}: cell at once failed: {o['errors']}" for u, o in zip(students, outcomes) if o["status"] != "ok"]
        report["cell_at_once_seconds"] = percentiles([o["seconds"] for o in outcomes])

        time.sleep(5)   # let the kernels settle back to idle
        memory = {"kernel": [], "server": []}
        for user in students:
            server = [p for p in descendants(hub.pid) if "jupyterhub-singleuser" in _cmdline(p) and _env(p).get("JUPYTERHUB_USER") == user]
            for s in server:
                memory["server"].append(memory_mib(s.pid))
                for k in s.children(recursive=True):
                    if "d2l.kernel.KernelMain" in _cmdline(k):
                        memory["kernel"].append(memory_mib(k.pid))
                        report["problems"] += kernel_ports_problems(user, _env(s).get("D2L_KERNEL_PORTS"), _cmdline(k))
        report["memory_mib"] = {kind: {key: statistics.mean(v[key] for v in values) for key in ("rss", "pss")}
                                | {"rss_max": max(v["rss"] for v in values), "count": len(values)}
                                for kind, values in memory.items() if values}
        if len(memory["kernel"]) != len(students):
            report["problems"].append(f"found {len(memory['kernel'])} kernel processes for {len(students)} students")
        total = sum(memory_mib(p.pid).get("pss", 0) for p in [psutil.Process(hub.pid)] + descendants(hub.pid))
        report["total_pss_mib"] = total
        remember_processes()

        # Stop it all through the API, in the order a teacher would.
        for user in students:
            clients[user].close()
            response = api.delete(f"{base}/user/{user}/api/kernels/{kernels[user]}")
            if response.status_code != 204:
                report["problems"].append(f"{user}: kernel shutdown answered HTTP {response.status_code}")
        for user in students:
            response = api.delete(f"{base}/hub/api/users/{user}/server")
            if response.status_code not in (202, 204):
                report["problems"].append(f"{user}: server stop answered HTTP {response.status_code}")
        for user in students:
            wait_for(f"{user}'s server to stop", lambda: not api.get(f"{base}/hub/api/users/{user}").json().get("servers"), 300, every=1)
        api.post(f"{base}/hub/api/shutdown", json={"servers": True, "proxy": True})
        hub.wait(timeout=120)
        report["hub_exit_code"] = hub.returncode
    except Exception as e:   # noqa: BLE001 (whatever happened goes into the report)
        report["problems"].append(f"{type(e).__name__}: {e}")
    finally:
        if hub.poll() is None:
            remember_processes()
            hub.terminate()
            try:
                hub.wait(timeout=60)
            except subprocess.TimeoutExpired:
                hub.kill()
        log.close()
        # Kernels that lost a port race and were restarted (on new ports) before anyone noticed.
        logs = [root / "jupyterhub.log"] + sorted((root / "logs").glob("*.log"))
        report["kernel_port_races"] = sum(f.read_text(errors="replace").count("Cannot bind the kernel's") for f in logs)
        time.sleep(2)
        left = {pid: cmd for pid, cmd in seen.items() if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE}
        report["processes_seen"] = len(seen)
        report["processes_left"] = left
        for pid in left:
            report["problems"].append(f"process {pid} still running: {left[pid]}")
            try:
                psutil.Process(pid).kill()
            except psutil.NoSuchProcess:
                pass
        report["load_after"] = os.getloadavg()
        sampling.set()
        report["load_1min_peak"] = max(load_samples, default=report["load_after"][0])
        args.out.write_text(json.dumps(report, indent=1))
        print(summary(report))
    sys.exit(1 if report["problems"] else 0)


def _ok(check):
    try:
        return check()
    except requests.RequestException:
        return False


def _cmdline(p):
    try:
        return " ".join(p.cmdline())
    except psutil.Error:
        return ""


def _env(p):
    try:
        return p.environ()
    except psutil.Error:
        return {}


def summary(r):
    lines = [f"{r['students']} students on {r['cpus']} CPUs (load average, 1 min: before {r['load_before'][0]:.1f},"
             f" peak {r['load_1min_peak']:.1f}, after {r['load_after'][0]:.1f})"]
    for key, label in (("hub_start_seconds", "hub up"), ("servers_ready_seconds", "all servers ready"),
                       ("kernels_answering_seconds", "all kernels answering")):
        if key in r:
            lines.append(f"  {label}: {r[key]:.1f} s")
    for key, label in (("first_cell_seconds", "first cell (ND4J starts), one student at a time"),
                       ("cell_alone_seconds", "cell, one student at a time"), ("cell_at_once_seconds", "cell, all students at once")):
        if key in r:
            p = r[key]
            lines.append(f"  {label}: p50 {p['p50']:.2f} s, p90 {p['p90']:.2f} s, max {p['max']:.2f} s")
    for kind, m in r.get("memory_mib", {}).items():
        lines.append(f"  {kind} ({m['count']}): RSS {m['rss']:.0f} MiB, PSS {m['pss']:.0f} MiB (mean); RSS max {m['rss_max']:.0f} MiB")
    if "total_pss_mib" in r:
        lines.append(f"  hub, proxy, servers and kernels together: PSS {r['total_pss_mib']:.0f} MiB,"
                     f" {r['total_pss_mib'] / r['students']:.0f} MiB per student")
    lines.append(f"  kernel starts that lost a port race (and were restarted): {r.get('kernel_port_races')}")
    retries = r.get("kernel_start_retries", {})
    restarted = sum(1 for events in retries.values() if "server restarted the kernel" in events)
    asked = sum(events.count("kernel_info unanswered") for events in retries.values())
    lines.append(f"  while kernels started: {asked} kernel_info requests unanswered within 15 s (asked again),"
                 f" {restarted} kernels restarted by their server (websocket opened again)")
    lines += [f"    {detail}" for events in retries.values() for detail in events if detail.startswith("student")][:5]
    if "restart_on_taken_port" in r:
        c = r["restart_on_taken_port"]
        lines.append(f"  a kernel killed while its shell port {c['ports_before']['shell_port']} was held came back on"
                     f" {c['ports_after']['shell_port']}, reached after: {', '.join(c['events']) or 'nothing'}")
    if "widget_student" in r and "problem" not in r["widget_student"]:
        w = r["widget_student"]
        lines.append(f"  a student moved a slider to {w['value_sent']} through the proxy: the kernel has {w['kernel_value']},"
                     f" echo_update {'seen' if w['echo_update'] else 'not seen'}, idle after {w['update_to_idle_seconds']:.3f} s")
    lines.append(f"  processes started: {r.get('processes_seen')}, left running: {len(r.get('processes_left', {}))}")
    lines += [f"  PROBLEM: {p}" for p in r["problems"]]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
