"""Drive the chapter's kernels in a real JupyterLab 4 (built from npm packages) in headless Chromium.

Usage:
  /usr/bin/python3 lab_checks.py LAB_DIR run-all NOTEBOOK.ipynb SCREENSHOT.png [TIMEOUT_SECONDS]
  /usr/bin/python3 lab_checks.py LAB_DIR front-end KERNEL_NAME SCREENSHOT_DIR

LAB_DIR holds d2l_lab_fixture.py and the webpack build (see kernel/frontend-fixtures/jupyterlab-app). The server
runs on 127.0.0.1 with a random token over a temporary copy of the notebook, with any further options
in D2L_LAB_SERVER_ARGS (e.g. --KernelManager.transport=ipc). Both modes print one
JSON object (the last line of output) with what the page showed; the Java tests judge it.
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
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from headless_chromium import CHROMEDRIVER, CHROMIUM, chromium, free_port

PYTHON = "/usr/bin/python3"

# The open notebook panel, its kernel and cells, as JupyterLab's own objects.
PANEL_JS = """
const app = window.jupyterapp;
const panel = app && app.shell.currentWidget;
if (!panel || !panel.content || !panel.sessionContext) return null;
"""

KERNEL_IDLE_JS = PANEL_JS + """
const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
return !!kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected';
"""

ALL_RAN_JS = PANEL_JS + """
const cells = panel.content.widgets.filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim() !== '');
const ran = cells.every(c => c.model.executionCount !== null);
const failed = cells.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
const running = cells.some(c => (c.node.querySelector('.jp-InputPrompt') || {}).textContent === '[*]:');
const kernel = panel.sessionContext.session.kernel;
return (ran || failed) && !running && kernel.status === 'idle';
"""

# Watches every code cell's images while the notebook runs: how many it showed at once, and how many
# different pictures its first image showed while the cell was still running (a live chart redraws).
WATCH_IMAGES_JS = PANEL_JS + """
window.__imageLog = {};
const record = () => {
  panel.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    const imgs = cell.node.querySelectorAll('.jp-OutputArea-output img');
    const prompt = (cell.node.querySelector('.jp-InputPrompt') || {}).textContent;
    const log = window.__imageLog[index] || (window.__imageLog[index] = {maxImages: 0, whileRunning: new Set()});
    log.maxImages = Math.max(log.maxImages, imgs.length);
    if (prompt === '[*]:' && imgs.length > 0) {
      const src = imgs[0].getAttribute('src') || '';
      log.whileRunning.add(src.length + ':' + src.slice(-120));
    }
  });
};
new MutationObserver(record).observe(panel.content.node, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
return true;
"""

SUMMARY_JS = PANEL_JS + """
const outputs = panel.content.widgets.filter(c => c.model.type === 'code').map(c => c.model.outputs.toJSON());
const isImage = o => o.data && Object.keys(o.data).some(k => k.startsWith('image/'));
const cells = panel.content.widgets.map((cell, index) => {
  const log = (window.__imageLog || {})[index];
  const outs = cell.model.type === 'code' ? cell.model.outputs.toJSON() : [];
  return {index: index, type: cell.model.type, imageOutputs: outs.filter(isImage).length,
          maxImages: log ? log.maxImages : 0, picturesWhileRunning: log ? log.whileRunning.size : 0};
});
const rendered = Array.from(panel.content.node.querySelectorAll('.jp-OutputArea-output img'));
const figures = Array.from(panel.content.node.querySelectorAll('.jp-MarkdownOutput img'));
const markdownCells = panel.content.widgets.filter(c => c.model.type === 'markdown');
const rawMarkdown = markdownCells.filter(c => !c.node.querySelector('.jp-RenderedMarkdown')).length;
const mathSources = markdownCells.filter(c => /\\$[^$]+\\$/.test(c.model.sharedModel.getSource())).length;
return JSON.stringify({
  kernel: panel.sessionContext.session.kernel.name,
  cells: panel.content.widgets.length,
  codeCells: outputs.length,
  errors: outputs.flat().filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue),
  domErrors: panel.content.node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
  imageOutputs: outputs.flat().filter(isImage).length,
  renderedImages: rendered.filter(img => img.complete && img.naturalWidth > 0).length,
  figures: figures.length,
  brokenFigures: figures.filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.getAttribute('src')),
  unrenderedMarkdownCells: rawMarkdown,
  markdownCellsWithMath: mathSources,
  typesetFormulas: panel.content.node.querySelectorAll('mjx-container').length,
  perCell: cells
});
"""


class Lab:
    """The fixture server over a temporary root directory, and a headless Chromium on it."""

    def __init__(self, lab_dir, files):
        for tool in (CHROMIUM, CHROMEDRIVER):
            if not os.access(tool, os.X_OK):
                raise RuntimeError(tool + " is missing: apt-get install chromium chromium-driver python3-selenium")
        self.work = tempfile.mkdtemp(prefix="lab-browser-")
        self.root = os.path.join(self.work, "root")
        os.makedirs(self.root)
        for source, name in files:
            shutil.copy(source, os.path.join(self.root, name))
            # The figures a notebook shows live beside it in img/ (a link there in the vi edition).
            figures = os.path.join(os.path.dirname(os.path.abspath(source)), "img")
            if os.path.isdir(figures) and not os.path.exists(os.path.join(self.root, "img")):
                shutil.copytree(figures, os.path.join(self.root, "img"))
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ)
        env["PYTHONPATH"] = lab_dir
        env.setdefault("JUPYTER_CONFIG_DIR", os.path.join(self.work, "config"))
        env.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(self.work, "runtime"))
        self.server_log_path = os.path.join(self.work, "server.log")
        self.server_log = open(self.server_log_path, "w")
        self.server = subprocess.Popen(
            [PYTHON, "-m", "d2l_lab_fixture", "--ServerApp.open_browser=False", "--ServerApp.allow_root=True",
             "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
             f"--ServerApp.token={self.token}", f"--ServerApp.root_dir={self.root}",
             *os.environ.get("D2L_LAB_SERVER_ARGS", "").split()],
            stdout=self.server_log, stderr=subprocess.STDOUT, env=env, cwd=lab_dir)
        self.driver = None
        self._wait_for_server(time.time() + 90)
        self.driver = chromium(os.path.join(self.work, "profile"), window="1400,1000", browser_log=True)

    def _wait_for_server(self, deadline):
        while time.time() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError("the JupyterLab server stopped:\n" + open(self.server_log_path).read())
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        raise RuntimeError("the JupyterLab server did not answer on " + self.base)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def wait(self, seconds, condition, message):
        try:
            return WebDriverWait(self.driver, seconds, poll_frequency=0.1).until(condition)
        except Exception as e:
            raise RuntimeError(f"{message} (waited {seconds} s): {e}") from e

    def open_notebook(self, name):
        """Opens the notebook as a reader does (its URL) and returns the seconds until its kernel is idle."""
        start = time.time()
        self.driver.get(f"{self.base}/lab/tree/{name}?token={self.token}")
        self.wait(180, lambda d: d.execute_script(KERNEL_IDLE_JS), "the notebook's kernel never became idle")
        seconds = time.time() - start
        self.js("window.jupyterapp.shell.collapseLeft();")
        return seconds

    def menu(self, menu_label, command):
        """Clicks a main-menu entry, as a reader does."""
        for item in self.driver.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item"):
            if item.text.strip() == menu_label:
                item.click()
                break
        else:
            raise RuntimeError("no menu " + menu_label)
        entry = self.wait(10, lambda d: next(iter(d.find_elements(
            By.CSS_SELECTOR, f'.lm-Menu-item[data-command="{command}"]')), None), f"no {command} in {menu_label}")
        entry.click()

    def screenshot(self, path):
        # The notebook scrolls inside the page: its full height plus the page around it.
        height = self.js(PANEL_JS + "const outer = panel.content.node.querySelector('.jp-WindowedPanel-outer')"
                         " || panel.content.node;"
                         " return outer.scrollHeight + (window.innerHeight - outer.clientHeight) + 40;") or 1000
        self.driver.set_window_size(1400, min(max(height, 1000), 16000))
        time.sleep(1.5)  # the notebook re-lays out at the new size
        # Run All leaves the last cell active and scrolled into view: show the notebook from its top.
        self.js(PANEL_JS + "panel.content.activeCellIndex = 0; panel.content.mode = 'command';"
                " const outer = panel.content.node.querySelector('.jp-WindowedPanel-outer') || panel.content.node;"
                " outer.scrollTop = 0;")
        time.sleep(0.5)
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        self.driver.save_screenshot(path)
        self.driver.set_window_size(1400, 1000)

    def console_errors(self):
        try:
            return [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]
        except Exception:  # noqa: BLE001 - logs are a diagnostic only
            return []

    def close(self):
        if self.driver is not None:
            self.driver.quit()
        try:
            with urllib.request.urlopen(f"{self.base}/api/kernels?token={self.token}", timeout=5) as reply:
                for kernel in json.load(reply):
                    request = urllib.request.Request(
                        f"{self.base}/api/kernels/{kernel['id']}?token={self.token}", method="DELETE")
                    urllib.request.urlopen(request, timeout=10).close()
        except (urllib.error.URLError, OSError) as e:
            print("warning: could not shut kernels down through the API:", e, file=sys.stderr)
        self.server.terminate()
        try:
            self.server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.server.kill()
        self.server_log.close()
        shutil.rmtree(self.work, ignore_errors=True)


# Lab 4 only windows (virtualises) long notebooks when asked; the whole page must render for the
# screenshot and for counting images, so windowing is switched off through an overrides file.
def write_overrides(lab_dir):
    settings = os.path.join(lab_dir, "build", "application_settings")
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, "overrides.json"), "w") as f:
        json.dump({"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}, f)


def run_all(lab_dir, notebook, screenshot, timeout):
    write_overrides(lab_dir)
    name = os.path.basename(notebook)
    lab = Lab(lab_dir, [(notebook, name)])
    try:
        load_seconds = lab.open_notebook(name)
        lab.js(WATCH_IMAGES_JS)
        start = time.time()
        lab.menu("Run", "runmenu:run-all")
        time.sleep(1)  # let the first execute_request go out before polling for completion
        lab.wait(timeout, lambda d: d.execute_script(ALL_RAN_JS), "Run All did not finish")
        run_seconds = time.time() - start
        time.sleep(1)  # images decode after their output is added
        summary = json.loads(lab.js(SUMMARY_JS))
        lab.screenshot(screenshot)
        summary.update(screenshot=screenshot, loadToIdleSeconds=round(load_seconds, 2),
                       runAllSeconds=round(run_seconds, 1), consoleErrors=lab.console_errors()[:20])
        return summary
    finally:
        lab.close()


# --- the front-end checks, one scratch notebook on the given kernel --------------------------------

CELL_JS = PANEL_JS + """
const cell = panel.content.activeCell;
return cell ? cell : null;
"""


def scratch_notebook(path, kernel_name):
    with open(path, "w") as f:
        json.dump({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                              "source": ""}],
                   "metadata": {"kernelspec": {"name": kernel_name, "display_name": kernel_name,
                                               "language": "java"}},
                   "nbformat": 4, "nbformat_minor": 5}, f)


class Checks:
    def __init__(self, lab, shots):
        self.lab, self.shots = lab, shots

    def editor(self):
        return self.lab.wait(10, lambda d: d.execute_script(
            PANEL_JS + "const c = panel.content.activeCell; return c && c.node.querySelector('.cm-content');"),
            "no editor in the active cell")

    def new_cell(self, code=None):
        """Adds a code cell below, focuses its editor and types the code (or sets it, for long code)."""
        self.lab.js(PANEL_JS + "window.jupyterapp.commands.execute('notebook:insert-cell-below');")
        time.sleep(0.3)
        self.lab.js(PANEL_JS + "window.jupyterapp.commands.execute('notebook:enter-edit-mode');")
        editor = self.editor()
        editor.click()
        if code is not None:
            self.lab.js(PANEL_JS + "panel.content.activeCell.model.sharedModel.setSource(arguments[0]);", code)
        return editor

    def run_active(self):
        """Shift+Enter in the active cell; returns its index."""
        index = self.lab.js(PANEL_JS + "return panel.content.activeCellIndex;")
        self.editor().send_keys(Keys.SHIFT, Keys.ENTER)
        return index

    def wait_ran(self, index, seconds=60):
        self.lab.wait(seconds, lambda d: d.execute_script(
            PANEL_JS + "const c = panel.content.widgets[arguments[0]];"
            " return c.model.executionCount !== null && panel.sessionContext.session.kernel.status === 'idle'"
            " && (c.node.querySelector('.jp-InputPrompt') || {}).textContent !== '[*]:';", index),
            f"cell {index} did not finish")
        return self.outputs(index)

    def outputs(self, index):
        return self.lab.js(PANEL_JS + "return panel.content.widgets[arguments[0]].model.outputs.toJSON();", index)

    def run(self, code, seconds=60):
        self.new_cell(code)
        return self.wait_ran(self.run_active(), seconds)

    def completion(self):
        editor = self.new_cell()
        editor.send_keys("Integer.parseI")
        time.sleep(0.3)
        editor.send_keys(Keys.TAB)
        items = self.lab.wait(20, lambda d: [e.text for e in d.find_elements(
            By.CSS_SELECTOR, ".jp-Completer:not(.lm-mod-hidden) .jp-Completer-item .jp-Completer-match")] or None,
            "no completer popped up")
        self.lab.driver.save_screenshot(os.path.join(self.shots, "completer.png"))
        editor.send_keys(Keys.ESCAPE)
        return {"items": items}

    def tooltip(self):
        editor = self.new_cell()
        editor.send_keys("Math.max(")
        time.sleep(0.3)
        editor.send_keys(Keys.SHIFT, Keys.TAB)
        text = self.lab.wait(20, lambda d: next((e.text for e in d.find_elements(By.CSS_SELECTOR, ".jp-Tooltip")
                                                 if e.text.strip()), None), "no tooltip")
        self.lab.driver.save_screenshot(os.path.join(self.shots, "tooltip.png"))
        editor.send_keys(Keys.ESCAPE)
        self.lab.js(PANEL_JS + "panel.content.activeCell.model.sharedModel.setSource('');")
        return {"text": text}

    def interrupt(self):
        self.lab.js(PANEL_JS + """
const kernel = panel.sessionContext.session.kernel;
window.__statuses = [];
kernel.statusChanged.connect((_, status) => window.__statuses.push([status, performance.now()]));
""")
        self.new_cell("while (true) {}")
        index = self.run_active()
        self.lab.wait(30, lambda d: d.execute_script(
            PANEL_JS + "return panel.sessionContext.session.kernel.status === 'busy';"), "the loop never ran")
        time.sleep(1.5)  # well inside the loop
        button = self.lab.driver.find_element(
            By.CSS_SELECTOR, '.jp-NotebookPanel-toolbar [data-command="notebook:interrupt-kernel"]')
        clicked = self.lab.js("return performance.now();")
        button.click()  # a real click: the toolbar's web component ignores a scripted element.click()
        self.lab.wait(30, lambda d: d.execute_script(
            "return (window.__statuses || []).some(s => s[0] === 'idle' && s[1] > arguments[0]);", clicked),
            "the kernel did not go idle after the interrupt")
        idle_at = self.lab.js("return window.__statuses.find(s => s[0] === 'idle' && s[1] > arguments[0])[1];", clicked)
        outputs = self.wait_ran(index)
        after = self.run("1 + 1")
        return {"idleAfterSeconds": round((idle_at - clicked) / 1000, 3), "outputs": outputs, "nextCell": after}

    def restart(self):
        before = self.run("int kept = 42;\nkept")
        self.lab.menu("Kernel", "kernelmenu:restart")
        accept = self.lab.wait(20, lambda d: next(iter(d.find_elements(
            By.CSS_SELECTOR, ".jp-Dialog .jp-Dialog-button.jp-mod-accept")), None), "no restart dialog")
        accept.click()
        time.sleep(1)
        self.lab.wait(120, lambda d: d.execute_script(KERNEL_IDLE_JS), "the kernel did not come back")
        gone = self.run("kept")
        nxt = self.run("6 * 7")
        return {"before": before, "afterRestart": gone, "nextCell": nxt}

    def exception(self):
        return {"outputs": self.run('int a = 1;\nthrow new IllegalStateException("broken on purpose");'),
                "text": self.error_text()}

    def compile_error(self):
        return {"outputs": self.run("int ok = 1;\nint bad = missingName + 1;"), "text": self.error_text()}

    def error_text(self):
        return self.lab.js(PANEL_JS + "const n = panel.content.activeCell;"
                           " const prev = panel.content.widgets[panel.content.activeCellIndex - 1];"
                           " const c = [n, prev].find(x => x && x.node.querySelector('.jp-OutputArea-output'));"
                           " return c ? c.node.querySelector('.jp-OutputArea').innerText : '';")

    def html_display(self):
        """display(string, "text/html") must render as HTML, not print the markup."""
        outputs = self.run('display("<b id=\'d2l-bold\'>bold</b>", "text/html");')
        shown = self.lab.js(PANEL_JS + "const b = panel.content.activeCell.node.querySelector('.jp-RenderedHTMLCommon b#d2l-bold')"
                            " || (panel.content.widgets[panel.content.activeCellIndex - 1] || {node: document})"
                            ".node.querySelector('.jp-RenderedHTMLCommon b#d2l-bold'); return b ? b.textContent : null;")
        return {"outputs": outputs, "boldText": shown}

    def stdin(self):
        self.new_cell("new java.util.Scanner(System.in).nextLine()")
        index = self.run_active()
        box = self.lab.wait(30, lambda d: next(iter(d.find_elements(By.CSS_SELECTOR, ".jp-Stdin-input")), None),
                            "no input box")
        box.click()
        self.lab.driver.save_screenshot(os.path.join(self.shots, "stdin.png"))
        box.send_keys("typed words", Keys.ENTER)
        return {"outputs": self.wait_ran(index)}

    def highlighting(self):
        self.new_cell("public static int twice(int x) { return 2 * x; } // a comment")
        time.sleep(1)
        return self.lab.js(PANEL_JS + """
const cell = panel.content.activeCell;
const spans = Array.from(cell.node.querySelectorAll('.cm-content span'));
const colors = new Set(spans.map(s => getComputedStyle(s).color));
return {mimeType: cell.model.mimeType, codeMimetype: panel.content.codeMimetype, colouredSpans: spans.length,
        colours: Array.from(colors),
        language: panel.sessionContext.session.kernel.info ? null : null};
""")

    def language_info(self):
        return self.lab.driver.execute_async_script(PANEL_JS.replace("return null;", "return arguments[0](null);") + """
const done = arguments[arguments.length - 1];
panel.sessionContext.session.kernel.info.then(info => done(info.language_info));
""")

    def launcher(self):
        self.lab.js("window.jupyterapp.commands.execute('launcher:create');")
        cards = self.lab.wait(20, lambda d: d.execute_script("""
const cards = Array.from(document.querySelectorAll('.jp-LauncherCard[data-category="Notebook"]'));
return cards.length ? cards.map(c => {
  const img = c.querySelector('.jp-LauncherCard-icon img');
  return {label: c.querySelector('.jp-LauncherCard-label').innerText.trim(), title: c.getAttribute('title'),
          logo: img ? img.getAttribute('src') : null, logoLoaded: !!img && img.complete && img.naturalWidth > 0};
}) : null;
"""), "no launcher cards")
        time.sleep(1)
        cards = self.lab.js("""
return Array.from(document.querySelectorAll('.jp-LauncherCard[data-category="Notebook"]')).map(c => {
  const img = c.querySelector('.jp-LauncherCard-icon img');
  return {label: c.querySelector('.jp-LauncherCard-label').innerText.trim(),
          logo: img ? img.getAttribute('src') : null, logoLoaded: !!img && img.complete && img.naturalWidth > 0};
});""") or cards
        self.lab.driver.save_screenshot(os.path.join(self.shots, "launcher.png"))
        return {"cards": cards}


def connection_transports():
    """The transport of each kernel connection file the server wrote (tcp, or ipc when started so)."""
    runtime = os.environ.get("JUPYTER_RUNTIME_DIR", "")
    names = [n for n in (os.listdir(runtime) if os.path.isdir(runtime) else []) if n.startswith("kernel-") and n.endswith(".json")]
    transports = []
    for name in sorted(names):
        with open(os.path.join(runtime, name)) as f:
            transports.append(json.load(f).get("transport"))
    return transports


def front_end(lab_dir, kernel_name, shots):
    write_overrides(lab_dir)
    os.makedirs(shots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="lab-scratch-")
    notebook = os.path.join(work, "checks.ipynb")
    scratch_notebook(notebook, kernel_name)
    lab = Lab(lab_dir, [(notebook, "checks.ipynb")])
    results = {}
    try:
        results["loadToIdleSeconds"] = round(lab.open_notebook("checks.ipynb"), 2)
        results["transports"] = connection_transports()
        checks = Checks(lab, shots)
        for name, check in (("languageInfo", checks.language_info), ("highlighting", checks.highlighting),
                            ("completion", checks.completion), ("tooltip", checks.tooltip),
                            ("exception", checks.exception), ("compileError", checks.compile_error),
                            ("stdin", checks.stdin), ("htmlDisplay", checks.html_display), ("interrupt", checks.interrupt),
                            ("restart", checks.restart)):
            try:
                results[name] = check()
            except Exception as e:  # noqa: BLE001 - one failed check must not hide the others
                results[name] = {"failure": f"{type(e).__name__}: {e}"}
                lab.js(PANEL_JS + "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}));")
        lab.screenshot(os.path.join(shots, "checks.png"))
        try:
            results["launcher"] = checks.launcher()
        except Exception as e:  # noqa: BLE001
            results["launcher"] = {"failure": f"{type(e).__name__}: {e}"}
        results["consoleErrors"] = lab.console_errors()[:20]
        return results
    finally:
        lab.close()
        shutil.rmtree(work, ignore_errors=True)


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    lab_dir, mode = os.path.abspath(argv[1]), argv[2]
    if mode == "run-all":
        timeout = float(argv[5]) if len(argv) > 5 else 900
        summary = run_all(lab_dir, argv[3], argv[4], timeout)
    elif mode == "front-end":
        summary = front_end(lab_dir, argv[3], argv[4])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
