# JupyterHub for a class on one machine, each student with the chapter's Java kernel.
# Used as is by the project's classroom test (kernel/frontend-fixtures/jupyterhub/classroom.py); see docs/classroom.md.
#
#   jupyterhub -f docs/jupyterhub_config.py      (run it from a directory the hub may keep its state in)
#
# Settings a teacher changes come from environment variables with working defaults, so the same file
# serves the test (private ports and directories) and a class.
import os

c = get_config()  # noqa: F821 (provided by JupyterHub)
env = os.environ.get

# --- Who gets in. The dummy authenticator lets anyone in who knows the shared password (any password
# when D2L_HUB_PASSWORD is unset): fine for a test or a closed room, not for a machine on the internet.
# For a real class use system accounts (c.JupyterHub.authenticator_class = "pam" with
# c.JupyterHub.spawner_class = "localprocess") or an OAuth authenticator.
c.JupyterHub.authenticator_class = "dummy"
if env("D2L_HUB_PASSWORD"):
    c.DummyAuthenticator.password = env("D2L_HUB_PASSWORD")
c.Authenticator.admin_users = {env("D2L_HUB_ADMIN", "teacher")}

# --- Where. Everything on 127.0.0.1 unless D2L_HUB_IP says otherwise (put a TLS proxy in front for students).
c.JupyterHub.bind_url = f"http://{env('D2L_HUB_IP', '127.0.0.1')}:{env('D2L_HUB_PORT', '8000')}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env('D2L_HUB_API_PORT', '8081')}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('D2L_HUB_PROXY_API_PORT', '8001')}"
# Debian's configurable-http-proxy package fails under Node 20 ("Cannot find module 'commander'"), and
# 5.x needs Node 22: the project pins 4.6.3 in kernel/frontend-fixtures/jupyterhub/package.json (npm ci there).
c.ConfigurableHTTPProxy.command = [env("D2L_HUB_PROXY", "configurable-http-proxy")]

# --- The students' servers. The simple spawner runs every student's server as the hub's own user, each
# in a home directory of its own (HOME is set to it, so the chapter's data cache is per student).
c.JupyterHub.spawner_class = "simple"
c.Spawner.ip = "127.0.0.1"
c.LocalProcessSpawner.home_dir_template = env("D2L_HUB_HOMES", "/tmp/d2l-hub-homes") + "/{username}"
c.Spawner.default_url = "/tree"
c.Spawner.start_timeout = 300       # 40 students starting at once on two cores take a while
c.Spawner.http_timeout = 300
# Passed on from the hub's environment: D2L_DATA (a shared copy of the dataset), D2L_MAX_EPOCHS (caps
# every training run in the notebooks, for a class that trains at once).
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "JUPYTER_PATH", "D2L_DATA", "D2L_MAX_EPOCHS", "OMP_NUM_THREADS"]
c.Spawner.environment = {
    # jupyterhub-singleuser prefers jupyter_server when it can import it, and then serves no UI with
    # Debian's packages (404 on /user/NAME/tree): pin the classic notebook server.
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
    "OMP_NUM_THREADS": "1",
    # The chapter's models split a minibatch over all cores unless told otherwise: on a shared
    # machine each student's training keeps to one core (d2l.engine.Threads).
    "D2L_THREADS": "1",
    # For d2l_fresh_ports, which lives beside this file.
    "PYTHONPATH": os.path.dirname(os.path.abspath(__file__)),
}
c.Spawner.args = [
    # Many kernels starting at once race for ports; this manager (d2l_fresh_ports.py, beside this
    # file) takes each student's kernel ports from a range of their own and gives a restarted kernel
    # new ports (jupyter_client 7.4 cannot be told cache_ports=False from configuration).
    "--MappingKernelManager.kernel_manager_class=d2l_fresh_ports.FreshPortsKernelManager",
]


def _ephemeral_low():
    """Where the system's ports for outgoing connections start (32768 unless changed)."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


# Kernel ports: 100 a student (twenty kernels at once), from 20000 up to the system's range for
# outgoing connections, so neither another student's server nor an outgoing connection picks them.
# Beyond 127 students the ranges are shared again (still checked, and restarts take new ports).
_KERNEL_PORTS_FROM, _KERNEL_PORTS_EACH = 20000, 100
_kernel_port_ranges = {}


def _kernel_ports(spawner):
    ranges = max(1, (_ephemeral_low() - _KERNEL_PORTS_FROM) // _KERNEL_PORTS_EACH)
    index = _kernel_port_ranges.setdefault(spawner.user.name, len(_kernel_port_ranges)) % ranges
    low = _KERNEL_PORTS_FROM + index * _KERNEL_PORTS_EACH
    return f"{low}-{low + _KERNEL_PORTS_EACH - 1}"


c.Spawner.environment["D2L_KERNEL_PORTS"] = _kernel_ports
if os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")
# --- Logs. With D2L_HUB_LOGS=DIR, each student's server and kernels write to DIR/NAME.log rather than
# into the hub's own output, where forty students' lines interleave: that file tells why one
# student's kernel died (a port it could not bind, a memory cap) and what the server did about it.
if env("D2L_HUB_LOGS"):
    import subprocess
    from pathlib import Path

    def _log_per_student(spawner):
        logs = Path(env("D2L_HUB_LOGS"))
        logs.mkdir(parents=True, exist_ok=True)
        spawner.popen_kwargs = {"stdout": open(logs / f"{spawner.user.name}.log", "ab"), "stderr": subprocess.STDOUT}

    c.Spawner.pre_spawn_hook = _log_per_student

# Per-student limits. The simple spawner does not enforce these (a container spawner does); the
# kernel's own caps (-Xmx and ND4J's off-heap limit, set by the installer) are what hold here.
c.Spawner.mem_limit = env("D2L_HUB_MEM_LIMIT", "1536M")
c.Spawner.cpu_limit = float(env("D2L_HUB_CPU_LIMIT", "1"))

# --- A service with an API token, for scripts that drive the class (the test, a teacher's tools).
if env("D2L_HUB_SERVICE_TOKEN"):
    c.JupyterHub.services = [{"name": "classroom", "api_token": env("D2L_HUB_SERVICE_TOKEN")}]
    c.JupyterHub.load_roles = [{
        "name": "classroom",
        "scopes": ["admin:users", "admin:servers", "access:servers", "shutdown"],
        "services": ["classroom"],
    }]

# Stopping the hub stops the students' servers too (and with them their kernels).
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
