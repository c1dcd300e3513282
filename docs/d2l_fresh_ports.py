"""A kernel manager for Jupyter servers that start many kernels at once (a class on JupyterHub).

jupyter_client 7.x reserves a kernel's ports once and reuses them on every restart (cache_ports), and
that setting cannot be changed from configuration. When another process takes one of those ports
before the kernel binds it, the kernel cannot start (the d2l kernels then exit at once, naming the
port), and the restarter tries the same taken ports again, five times: the student sees a dead kernel.
This manager lets jupyter_client choose new random ports for each start, so a restart succeeds.

Used by docs/jupyterhub_config.py: the servers get this directory on PYTHONPATH and
--MappingKernelManager.kernel_manager_class=d2l_fresh_ports.FreshPortsKernelManager.
"""
from jupyter_client.ioloop import IOLoopKernelManager
from traitlets import default


class FreshPortsKernelManager(IOLoopKernelManager):
    @default("cache_ports")
    def _fresh_ports_on_every_start(self):
        return False
