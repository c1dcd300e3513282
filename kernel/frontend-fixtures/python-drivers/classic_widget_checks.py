"""The widget fixture notebook in Debian's classic Jupyter Notebook (6.x), in headless Chromium.

Usage:
  /usr/bin/python3 classic_widget_checks.py NOTEBOOK.ipynb SCREENSHOT.png

Debian's only widget extension for the classic Notebook, jupyter-nbextension-jupyter-js-widgets (enabled
system-wide in /etc/jupyter/nbconfig), is ipywidgets 6's: it speaks widget protocol 1 and cannot build
the protocol-2 models (@jupyter-widgets/controls 2.0.0) the Java kernel sends. So the page must show each
widget output's static fallback (text/html, else text/plain), and the kernel must keep working. The
driver runs all cells and prints one JSON object (the last line) with what the page showed.
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

from selenium.webdriver.support.ui import WebDriverWait

from headless_chromium import chromium, free_port

NOTEBOOK_APP = "/usr/bin/jupyter-notebook"

ALL_RAN_JS = """
const nb = window.Jupyter && Jupyter.notebook;
if (!nb || !nb.kernel || !nb.kernel.is_connected()) return false;
const cells = nb.get_cells().filter(c => c.cell_type === 'code');
return cells.every(c => c.input_prompt_number !== null && c.input_prompt_number !== undefined
                        && c.input_prompt_number !== '*')
       && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
"""

# Per code cell: the MIME types of its outputs, and what the page rendered for them.
CELLS_JS = """
return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').map(c => {
  const area = c.output_area.element[0];
  const html = Array.from(area.querySelectorAll('.output_html'));
  return {
    mimeTypes: c.output_area.outputs.map(o => Object.keys(o.data || {}).concat(o.output_type === 'stream' ? ['stream'] : [])),
    text: area.innerText.trim(),
    htmlOutputs: html.length,
    ranges: Array.from(area.querySelectorAll('.output_html input[type=range]')).map(r => ({value: r.value, disabled: r.disabled})),
    selects: Array.from(area.querySelectorAll('.output_html select')).map(s => s.value),
    images: Array.from(area.querySelectorAll('img')).filter(i => i.complete && i.naturalWidth > 0).length,
    liveWidgets: c.element[0].querySelectorAll('.widget-area .widget-subarea > *, .jupyter-widgets.widget-slider').length,
    errors: c.output_area.outputs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)
  };
});
"""


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    notebook, screenshot = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    work = tempfile.mkdtemp(prefix="classic-widgets-")
    root = os.path.join(work, "root")
    os.makedirs(root)
    shutil.copy(notebook, os.path.join(root, "controls.ipynb"))
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(work, "runtime"))
    log_path = os.path.join(work, "notebook.log")
    log = open(log_path, "w")
    server = subprocess.Popen(
        [NOTEBOOK_APP, "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
         f"--NotebookApp.token={token}", f"--notebook-dir={root}"],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
    driver = None
    result = {}
    try:
        result["notebookVersion"] = subprocess.run([NOTEBOOK_APP, "--version"], capture_output=True, text=True,
                                                   env=env).stdout.strip()
        deadline = time.time() + 90
        while True:
            if server.poll() is not None:
                raise RuntimeError("the Notebook server stopped:\n" + open(log_path).read())
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.time() > deadline:
                    raise RuntimeError("the Notebook server did not answer")
                time.sleep(0.3)
        with urllib.request.urlopen(f"{base}/api/config/notebook?token={token}", timeout=5) as reply:
            result["nbextensions"] = json.load(reply).get("load_extensions", {})
        driver = chromium(os.path.join(work, "profile"), window="1200,1800", browser_log=True)
        driver.get(f"{base}/notebooks/controls.ipynb?token={token}")
        wait = WebDriverWait(driver, 180, poll_frequency=0.2)
        wait.until(lambda d: d.execute_script(
            "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel"
            " && Jupyter.notebook.kernel.is_connected()"
            " && document.querySelector('#kernel_indicator_icon.kernel_idle_icon'));"))
        driver.execute_script("Jupyter.notebook.execute_all_cells();")
        time.sleep(1)
        wait.until(lambda d: d.execute_script(ALL_RAN_JS))
        time.sleep(2)  # images decode, and the widget extension has had its go at the comms
        result["cells"] = driver.execute_script(CELLS_JS)
        driver.save_screenshot(screenshot)
        result["screenshot"] = screenshot
        try:
            result["consoleErrors"] = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"][:20]
        except Exception:  # noqa: BLE001 - a diagnostic only
            result["consoleErrors"] = []
    except Exception as e:  # noqa: BLE001 - reported to the Java test with the server's log
        result["failure"] = f"{type(e).__name__}: {e}"
        log.flush()
        result["serverLog"] = open(log_path).read()[-4000:]
    finally:
        if driver is not None:
            driver.quit()
        try:
            with urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=5) as reply:
                for kernel in json.load(reply):
                    urllib.request.urlopen(urllib.request.Request(
                        f"{base}/api/kernels/{kernel['id']}?token={token}", method="DELETE"), timeout=10).close()
        except (urllib.error.URLError, OSError):
            pass
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
