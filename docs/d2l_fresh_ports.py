"""A kernel manager for Jupyter servers that start many kernels at once (a class on JupyterHub).

Two ways a kernel's start goes wrong when forty start together, and what this manager does:

- Ports taken before the kernel binds them. A Jupyter server picks a kernel's five ports by asking
  the system for free ones and hands them to the kernel, which binds them a few seconds later (a
  JVM starting). Those ports come from the range the system also gives every outgoing connection
  and every other server picking ports, so with forty servers doing the same one is sometimes
  taken in between. With D2L_KERNEL_PORTS=LOW-HIGH (docs/jupyterhub_config.py gives every student
  a range of their own, below the system's range for outgoing connections) this manager takes the
  ports from that range instead, in turn, skipping any that is in use.
- Restarts on the same taken ports. A kernel that could not bind (the d2l kernels then exit at once,
  naming the port) is restarted by the server, but on the same ports: jupyter_client 7.x reserves
  a kernel's ports once (cache_ports, which cannot be changed from configuration), and even without
  that it keeps the ports of a kernel that lived ten seconds, which a JVM starting on a busy
  machine does before it binds. The restart fails the same way, again and again (seen with forty
  students: one kernel restarted on a port another student's kernel held). This manager restarts a
  dead kernel whose ports are taken on new ones. A front end must then open a new websocket (the
  server connects one to the kernel's ports when it opens): JupyterLab does so when the server
  says 'restarting'; the classic notebook page does not and needs a reload.

Used by docs/jupyterhub_config.py: the servers get this directory on PYTHONPATH and
--MappingKernelManager.kernel_manager_class=d2l_fresh_ports.FreshPortsKernelManager.
"""
import itertools
import os
import socket

from jupyter_client.connect import port_names
from jupyter_client.ioloop import IOLoopKernelManager
from traitlets import default


def _port_range():
    """LOW-HIGH from D2L_KERNEL_PORTS, or None (then the system picks, as jupyter_client does)."""
    text = os.environ.get("D2L_KERNEL_PORTS", "")
    if not text:
        return None
    try:
        low, high = (int(part) for part in text.split("-"))
    except ValueError:
        raise ValueError(f"D2L_KERNEL_PORTS={text!r}: expected two port numbers, LOW-HIGH, such as 20000-20099") from None
    if not 0 < low <= high < 65536 or high - low < 2 * len(port_names):
        raise ValueError(f"D2L_KERNEL_PORTS={text!r}: expected 0 < LOW, HIGH < 65536 and room for two kernels ({2 * len(port_names)} ports)")
    return range(low, high + 1)


_RANGE = _port_range()
# In turn through the range: a port handed out comes round again only after the others, by which
# time its kernel has bound it (and the check below skips it) or has gone.
_NEXT = itertools.cycle(_RANGE) if _RANGE else None


def _free(ip, port):
    # As the kernel binds (SO_REUSEADDR): connections of a kernel that died, still in TIME_WAIT,
    # do not keep it from binding again; a socket listening there does.
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, port))
            return True
        except OSError:
            return False


def _take_port(ip):
    for _ in range(len(_RANGE)):
        port = next(_NEXT)
        if _free(ip, port):
            return port
    raise RuntimeError(f"No free port in D2L_KERNEL_PORTS={os.environ['D2L_KERNEL_PORTS']}: every port in it is in use."
                       " Give each server a larger range.")


class FreshPortsKernelManager(IOLoopKernelManager):
    @default("cache_ports")
    def _fresh_ports_on_every_start(self):
        return False

    def write_connection_file(self):
        # Ports still 0 are the ones to choose: at the first start, and after a restart with new
        # ports (jupyter_client resets them to 0 and removes the file). Otherwise the file stands.
        if _NEXT is not None and not (self._connection_file_written and os.path.exists(self.connection_file)):
            self._record_random_port_names()
            for name in port_names:
                if getattr(self, name) <= 0:
                    setattr(self, name, _take_port(self.ip))
        super().write_connection_file()

    def restart_kernel(self, now=False, newports=False, **kw):
        # A dead kernel's ports are free again unless someone else took them: then new ones. A
        # restart the student asked for (the kernel alive) keeps its ports, as jupyter_client does.
        if not newports and not self.is_alive():
            newports = any(not _free(self.ip, getattr(self, name)) for name in port_names if getattr(self, name) > 0)
            if newports:
                self.log.warning("Kernel %s: its ports are taken by another process; restarting it on new ports", self.kernel_id)
        return super().restart_kernel(now=now, newports=newports, **kw)
