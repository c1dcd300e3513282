# JupyterHub for a class on one machine, each student with the chapter's Java kernel.
# Used as is by the project's classroom test (kernel/src/test/hub/classroom.py); see docs/classroom.md.
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
# 5.x needs Node 22: the project pins 4.6.3 in kernel/src/test/hub/package.json (npm ci there).
c.ConfigurableHTTPProxy.command = [env("D2L_HUB_PROXY", "configurable-http-proxy")]

# --- The students' servers. The simple spawner runs every student's server as the hub's own user, each
# in a home directory of its own (HOME is set to it, so the chapter's data cache is per student).
c.JupyterHub.spawner_class = "simple"
c.Spawner.ip = "127.0.0.1"
c.LocalProcessSpawner.home_dir_template = env("D2L_HUB_HOMES", "/tmp/d2l-hub-homes") + "/{username}"
c.Spawner.default_url = "/tree"
c.Spawner.start_timeout = 300       # 40 students starting at once on two cores take a while
c.Spawner.http_timeout = 300
c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "JUPYTER_PATH", "D2L_DATA", "OMP_NUM_THREADS"]
c.Spawner.environment = {
    # jupyterhub-singleuser prefers jupyter_server when it can import it, and then serves no UI with
    # Debian's packages (404 on /user/NAME/tree): pin the classic notebook server.
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
    "OMP_NUM_THREADS": "1",
    # For d2l_fresh_ports, which lives beside this file.
    "PYTHONPATH": os.path.dirname(os.path.abspath(__file__)),
}
c.Spawner.args = [
    # Many kernels starting at once race for ports. A kernel that lost the race exits at once, naming
    # the port; jupyter_client 7 would then restart it on the same (taken) ports five times and the
    # student sees a dead kernel. cache_ports=False is what fixes that, but jupyter_client 7.4 does
    # not read it from configuration; this manager sets it (see d2l_fresh_ports.py).
    "--MappingKernelManager.kernel_manager_class=d2l_fresh_ports.FreshPortsKernelManager",
    "--KernelManager.cache_ports=False",   # for jupyter_client versions that do read it
]
if os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")
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
