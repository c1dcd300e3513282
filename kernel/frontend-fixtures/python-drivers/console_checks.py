"""Drive `jupyter console` (Debian's jupyter-console) on one of our kernels through a pseudo-terminal.

Usage: /usr/bin/python3 console_checks.py KERNEL_NAME [--transport=ipc]

Types into the console as a person does, from its first prompt on: a method over three lines, a class
with braces inside a string, a line for System.in and a Ctrl-D at the input prompt, a compile error, an
exception, then Ctrl-D to quit. (Not Ctrl-C: Debian's jupyter-console 6.4.4 on Python 3.11 lets the
KeyboardInterrupt escape its event loop and is broken afterwards, with ipykernel as well.) Prints one JSON object (the last line of
output) with what the screen showed after each step; JupyterConsoleIT judges it.
"""
import json
import os
import re
import stat
import sys
import time

import pexpect

PYTHON = "/usr/bin/python3"
# Colours, cursor moves and mode switches of prompt_toolkit's screen.
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]")
FALLBACK_WARNING = "did not respond to an is_complete_request"


class Console:
    def __init__(self, kernel, extra_args):
        env = dict(os.environ, TERM="xterm")
        # No cursor-position requests: a pseudo-terminal does not answer them, and an answer arriving
        # while a cell runs is read by prompt_toolkit inside jupyter_client's nested event loop.
        env["PROMPT_TOOLKIT_NO_CPR"] = "1"
        self.child = pexpect.spawn(PYTHON, ["-m", "jupyter_console", "--kernel", kernel, *extra_args],
                                   encoding="utf-8", timeout=60, dimensions=(50, 220), env=env)
        self.screen = ""
        self.seen = 0

    def wait_for(self, pattern, timeout=90):
        """Reads the screen (escapes removed) until `pattern` shows after what was seen so far."""
        deadline = time.time() + timeout
        rx = re.compile(pattern)
        while True:
            match = rx.search(self.screen, self.seen)
            if match:
                before = self.screen[self.seen:match.start()]
                self.seen = match.end()
                return before
            if time.time() > deadline:
                raise RuntimeError("%r did not show within %d s; the screen ends with:\n%s"
                                   % (pattern, timeout, self.screen[self.seen:][-1500:]))
            try:
                chunk = self.child.read_nonblocking(65536, timeout=0.2)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                if rx.search(self.screen, self.seen):
                    continue
                raise RuntimeError("the console ended while waiting for %r:\n%s" % (pattern, self.screen[-1500:]))
            self.screen += ANSI.sub("", chunk).replace("\r", "")

    def type_line(self, text):
        self.child.send(text + "\r")

    def prompt(self, number):
        return r"In \[%d\]: " % number


def main(argv):
    kernel = argv[1]
    console = Console(kernel, argv[2:])
    results = {}
    steps = []

    def step(name, action):
        try:
            results[name] = action()
        except Exception as e:  # noqa: BLE001 - one failed step must not hide the others
            results[name] = {"failure": f"{type(e).__name__}: {e}"}
        steps.append(name)

    start = time.time()
    console.wait_for(console.prompt(1), timeout=120)
    results["promptSeconds"] = round(time.time() - start, 2)
    # Under the ipc transport the kernel's channels are Unix domain sockets beside the connection file.
    runtime = os.environ.get("JUPYTER_RUNTIME_DIR", "")
    results["unixSockets"] = sorted(name for name in (os.listdir(runtime) if os.path.isdir(runtime) else [])
                                    if stat.S_ISSOCK(os.stat(os.path.join(runtime, name)).st_mode))

    def multi_line_method():
        # Typed at once, as a student would: the first is_complete comes while the kernel may still start.
        console.type_line("int twice(int x) {")
        console.wait_for(r"\.\.\.: ")
        console.type_line("return 2 * x;")
        console.wait_for(r"\.\.\.: ")
        console.type_line("}")
        console.wait_for(console.prompt(2))
        console.type_line("twice(21)")
        shown = console.wait_for(console.prompt(3))
        return {"shown": shown}

    def multi_line_class():
        console.type_line("class Greeter {")
        console.wait_for(r"\.\.\.: ")
        console.type_line('String greet(String name) { return "{ " + name + " }"; }')
        console.wait_for(r"\.\.\.: ")
        console.type_line("}")
        console.wait_for(console.prompt(4))
        console.type_line('new Greeter().greet("Ada")')
        return {"shown": console.wait_for(console.prompt(5))}

    def stdin_line():
        console.type_line("new Scanner(System.in).nextLine().toUpperCase()")
        console.wait_for(r"\n>")
        console.type_line("typed words")
        return {"shown": console.wait_for(console.prompt(6))}

    def stdin_end():
        console.type_line("new Scanner(System.in).hasNextLine()")
        console.wait_for(r"\n>")
        console.child.sendcontrol("d")
        return {"shown": console.wait_for(console.prompt(7))}

    def compile_error():
        console.type_line("int bad = missingName + 1;")
        shown = console.wait_for(console.prompt(8))
        console.type_line("6 * 7")
        return {"shown": shown, "next": console.wait_for(console.prompt(9))}

    def exception():
        console.type_line('throw new IllegalStateException("broken on purpose");')
        return {"shown": console.wait_for(console.prompt(10))}

    for name, action in (("multiLineMethod", multi_line_method), ("multiLineClass", multi_line_class),
                         ("stdin", stdin_line), ("stdinEnd", stdin_end), ("compileError", compile_error),
                         ("exception", exception)):
        step(name, action)
        if "failure" in results[name]:
            break

    def quit_console():
        console.child.sendcontrol("d")
        console.wait_for(r"exit")
        console.type_line("y")
        console.child.expect(pexpect.EOF, timeout=30)
        console.child.close()
        return {"exitStatus": console.child.exitstatus}

    step("quit", quit_console)
    if console.child.isalive():
        console.child.terminate(force=True)
    results["fellBackToPythonCheck"] = FALLBACK_WARNING in console.screen
    results["screen"] = console.screen[-6000:]
    print(console.screen)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
