"""Open a notebook in the classic Notebook, Run All, screenshot, and check what a reader sees.

Usage: /usr/bin/python3 browser_run_all.py NOTEBOOK.ipynb SCREENSHOT.png [TIMEOUT_SECONDS]

Starts Debian's jupyter-notebook on 127.0.0.1 with a random token over a temporary copy of the
notebook (so autosave never touches the original), drives headless Chromium through the Cell menu's
"Run All", waits until every code cell has run and the kernel is idle, saves a full-page screenshot,
and exits non-zero unless at least one image output rendered and no cell shows an error.
The kernel the notebook names must be visible through JUPYTER_PATH (the Maven test installs it).
"""
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from headless_chromium import CHROMEDRIVER, CHROMIUM, chromium, free_port

NOTEBOOK_SERVER = "/usr/bin/jupyter-notebook"

# Every non-empty code cell has a number in its prompt and the kernel indicator shows idle; or a
# cell failed, after which the kernel aborts the rest of Run All and their prompts stay empty.
ALL_RAN_JS = """
const nb = window.Jupyter && Jupyter.notebook;
if (!nb || !nb.kernel) return false;
const code = nb.get_cells().filter(c => c.cell_type === 'code' && c.get_text().trim() !== '');
const ran = code.every(c => typeof c.input_prompt_number === 'number');
const failed = code.some(c => c.output_area.outputs.some(o => o.output_type === 'error'));
const idle = document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
return (ran || failed) && idle;
"""

# What the reader sees: rendered images, and the model's error outputs with their text.
SUMMARY_JS = """
const outputs = Jupyter.notebook.get_cells()
    .filter(c => c.cell_type === 'code').flatMap(c => c.output_area.outputs);
const images = Array.from(document.querySelectorAll('.output_area img'))
    .filter(img => img.complete && img.naturalWidth > 0).length;
const errors = outputs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue);
const domErrors = document.querySelectorAll('.output_error').length;
return JSON.stringify({images: images, errors: errors, domErrors: domErrors,
                       cells: Jupyter.notebook.get_cells().length,
                       kernel: Jupyter.notebook.kernel.name});
"""


def wait_for_server(base, token, deadline):
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as reply:
                if reply.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise RuntimeError("jupyter-notebook did not answer on " + base)


def shut_down_kernels(base, token):
    """Stops the server's kernels through its REST API before the server itself goes."""
    try:
        with urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=5) as reply:
            kernels = json.load(reply)
        for kernel in kernels:
            request = urllib.request.Request(f"{base}/api/kernels/{kernel['id']}?token={token}", method="DELETE")
            urllib.request.urlopen(request, timeout=10).close()
    except (urllib.error.URLError, OSError) as e:
        print("warning: could not shut kernels down through the API:", e, file=sys.stderr)


def run_all(notebook, screenshot, timeout):
    for tool in (CHROMIUM, CHROMEDRIVER, NOTEBOOK_SERVER):
        if not os.access(tool, os.X_OK):
            raise RuntimeError(tool + " is missing: apt-get install jupyter-notebook chromium chromium-driver python3-selenium")
    work = tempfile.mkdtemp(prefix="nb-browser-")
    root = os.path.join(work, "root")
    os.makedirs(root)
    name = os.path.basename(notebook)
    shutil.copy(notebook, os.path.join(root, name))
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.setdefault("JUPYTER_CONFIG_DIR", os.path.join(work, "config"))
    env.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(work, "runtime"))
    server_log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen(
        [NOTEBOOK_SERVER, "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
         f"--NotebookApp.token={token}", f"--notebook-dir={root}"],
        stdout=server_log, stderr=subprocess.STDOUT, env=env)
    driver = None
    try:
        wait_for_server(base, token, time.time() + 60)
        driver = chromium(os.path.join(work, "profile"))
        driver.get(f"{base}/notebooks/{name}?token={token}")
        wait = WebDriverWait(driver, 120)
        wait.until(lambda d: d.execute_script(
            "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
            " && Jupyter.notebook.kernel.is_connected())"))
        # Run All the way a reader does it: Cell menu, then "Run All".
        driver.find_element(By.ID, "celllink").click()
        wait.until(expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, "#run_all_cells > a"))).click()
        time.sleep(1)  # Let the first execute_request go out before polling for completion.
        WebDriverWait(driver, timeout, poll_frequency=0.5).until(lambda d: d.execute_script(ALL_RAN_JS))
        time.sleep(1)  # Images decode asynchronously after their output is appended.
        summary = json.loads(driver.execute_script(SUMMARY_JS))
        height = driver.execute_script("return document.getElementById('notebook').scrollHeight + 200")
        driver.set_window_size(1280, min(max(height, 800), 16000))
        os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
        driver.save_screenshot(screenshot)
        summary["screenshot"] = screenshot
        return summary
    finally:
        if driver is not None:
            driver.quit()
        shut_down_kernels(base, token)
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        server_log.close()
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    timeout = float(argv[3]) if len(argv) > 3 else 600
    summary = run_all(argv[1], argv[2], timeout)
    print(json.dumps(summary))
    problems = []
    if summary["images"] < 1:
        problems.append("no rendered image output")
    if summary["errors"] or summary["domErrors"]:
        problems.append("error outputs: " + "; ".join(summary["errors"]) if summary["errors"]
                        else f"{summary['domErrors']} error outputs on the page")
    if problems:
        print("FAILED " + argv[1] + ": " + ", ".join(problems), file=sys.stderr)
        return 1
    print("OK " + argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
