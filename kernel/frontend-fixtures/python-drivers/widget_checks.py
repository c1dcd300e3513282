"""Jupyter widgets of the Java kernel in the JupyterLab test app (with @jupyter-widgets/jupyterlab-manager),
in headless Chromium, as a reader uses them.

Usage:
  /usr/bin/python3 widget_checks.py LAB_DIR live NOTEBOOK.ipynb SHOT_DIR
  /usr/bin/python3 widget_checks.py LAB_DIR saved NOTEBOOK.ipynb SHOT.png

NOTEBOOK is kernel/frontend-fixtures/widget-notebooks/controls.ipynb (a slider k and a dropdown curve under
`interact`, a chart titled with both, a cell that sets k = 9, a cell that prints both), or in saved mode an
executed copy of it (nbconvert's or the runner's) with its widget state in the metadata.

live: Run All; drag the slider's handle with the mouse and pick the other curve; run the print
cell; save and reload the page (the widgets come back from the kernel: jupyter.widget.control's
request_states), move the slider once more; restart the kernel (no widget comm is left, the old
variables are gone) and Run All again. saved: open the notebook and, before any cell runs, read the
widgets it shows, untrusted and then trusted. Both print one JSON object (the last line of output) for the Java tests to judge.
"""
import hashlib
import json
import os
import shutil
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import Select

from lab_checks import KERNEL_IDLE_JS, PANEL_JS, Lab, write_overrides

# Cells of controls.ipynb, by index.
WIDGET_CELL, PRINT_CELL = 2, 5

# What the page shows of the widget cell: the controls' views (JupyterLab's rendering of
# application/vnd.jupyter.widget-view+json), the chart image under them, and the chart's text/plain
# (XChart's renderer puts the title there: "XYChart "sine of k x / 4 with k = 4" 480x240").
WIDGETS_JS = PANEL_JS + """
const cell = panel.content.widgets[arguments[0]];
const node = cell.node;
const readouts = Array.from(node.querySelectorAll('.widget-hslider .widget-readout')).map(r => r.innerText.trim());
const selects = Array.from(node.querySelectorAll('.widget-dropdown select')).map(s => s.value);
const handles = node.querySelectorAll('.widget-hslider .noUi-handle').length;
const img = node.querySelector('.jp-OutputArea-output img');
const charts = cell.model.outputs.toJSON().filter(o => o.data && o.data['image/png']).map(o => o.data['text/plain']);
const errors = Array.from(node.querySelectorAll('.jupyter-widgets, .jp-OutputArea-output'))
  .map(e => e.innerText).filter(t => /Error displaying widget|model not found|javascript error/i.test(t));
return {readouts: readouts, dropdowns: selects, handles: handles,
        disconnected: node.querySelectorAll('.jupyter-widgets-disconnected').length,
        image: img && img.complete && img.naturalWidth > 0 ? img.getAttribute('src') : null,
        chartTitles: charts, widgetErrors: errors,
        executionCount: cell.model.executionCount};
"""

COMM_INFO_JS = PANEL_JS.replace("return null;", "return arguments[arguments.length - 1]({failure: 'no panel'});") + """
const done = arguments[arguments.length - 1];
panel.sessionContext.session.kernel.requestCommInfo({target_name: 'jupyter.widget'})
  .then(reply => done({status: reply.content.status, comms: Object.keys(reply.content.comms || {}).length}))
  .catch(e => done({failure: String(e)}));
"""


def digest(src):
    return hashlib.sha256(src.encode()).hexdigest()[:16] if src else None


class WidgetPage:
    def __init__(self, lab, shots):
        self.lab, self.shots = lab, shots

    def state(self, index=WIDGET_CELL):
        shown = self.lab.js(WIDGETS_JS, index)
        shown["imageDigest"] = digest(shown.pop("image"))
        return shown

    def wait_for(self, seconds, what, condition, index=WIDGET_CELL):
        """Waits until condition(state) holds; returns the state and the seconds it took."""
        start = time.time()
        last = {}

        def check(_):
            nonlocal last
            last = self.state(index)
            return condition(last)
        try:
            self.lab.wait(seconds, check, what)
        except RuntimeError as e:
            raise RuntimeError(f"{e}; the widget cell shows {last}") from None
        return last, round(time.time() - start, 3)

    def run_all(self, seconds=300):
        self.lab.menu("Run", "runmenu:run-all")
        time.sleep(1)
        self.lab.wait(seconds, lambda d: d.execute_script(PANEL_JS + """
const cells = panel.content.widgets.filter(c => c.model.type === 'code');
return cells.every(c => c.model.executionCount !== null
                        && (c.node.querySelector('.jp-InputPrompt') || {}).textContent !== '[*]:')
       && panel.sessionContext.session.kernel.status === 'idle';"""), "Run All did not finish")

    def run_cell(self, index, seconds=60):
        """Runs one cell as Shift+Enter would and returns its outputs."""
        self.lab.js(PANEL_JS + "panel.content.activeCellIndex = arguments[0]; panel.content.mode = 'command';"
                    " window.__ranBefore = panel.content.widgets[arguments[0]].model.executionCount;", index)
        self.lab.js("window.jupyterapp.commands.execute('notebook:run-cell');")
        self.lab.wait(seconds, lambda d: d.execute_script(
            PANEL_JS + "const c = panel.content.widgets[arguments[0]];"
            " return c.model.executionCount !== null && c.model.executionCount !== window.__ranBefore"
            " && panel.sessionContext.session.kernel.status === 'idle'"
            " && (c.node.querySelector('.jp-InputPrompt') || {}).textContent !== '[*]:';", index),
            f"cell {index} did not run")
        return self.lab.js(PANEL_JS + "return panel.content.widgets[arguments[0]].model.outputs.toJSON();", index)

    def printed(self):
        outputs = self.run_cell(PRINT_CELL)
        return "".join(o.get("text", "") if o["output_type"] == "stream" else
                       o.get("ename", "") + ": " + o.get("evalue", "") if o["output_type"] == "error" else ""
                       for o in outputs).strip()

    def control(self, selector):
        element = self.lab.js(PANEL_JS + "return panel.content.widgets[arguments[0]].node.querySelector(arguments[1]);",
                              WIDGET_CELL, selector)
        if element is None:
            raise RuntimeError(f"no {selector} in the widget cell: {self.state()}")
        return element

    def drag_slider(self, target, moves=3, redraw_required=True):
        """Drags the slider's handle to target with the mouse, in a few moves as a hand does (each move
        sends an update while continuous_update is on); returns the milliseconds from the release to
        the first redrawn chart on the page (None if none came and none was required). (Arrow keys on a focused handle would be the other way, but
        JupyterLab 4's command-mode shortcuts ArrowLeft/ArrowRight, notebook:move-cursor-heading-*, take
        those keys before noUiSlider sees them.)"""
        handle = self.control(".widget-hslider .noUi-handle")
        track = self.control(".widget-hslider .noUi-base")
        self.lab.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", handle)
        geometry = self.lab.js(PANEL_JS + """
const cell = panel.content.widgets[arguments[0]];
const readout = cell.node.querySelector('.widget-hslider .widget-readout').innerText.trim();
const handle = cell.node.querySelector('.widget-hslider .noUi-handle');
return {value: Number(readout), min: Number(handle.getAttribute('aria-valuemin')),
        max: Number(handle.getAttribute('aria-valuemax')), width: arguments[1].getBoundingClientRect().width};""",
                               WIDGET_CELL, track)
        before = self.state()["imageDigest"]
        offset = (target - geometry["value"]) / (geometry["max"] - geometry["min"]) * geometry["width"]
        actions = ActionChains(self.lab.driver).click_and_hold(handle)
        done = 0
        for i in range(1, moves + 1):
            step = round(offset * i / moves) - done
            actions.move_by_offset(step, 0).pause(0.1)
            done += step
        actions.release().perform()
        released = time.time()  # the moves before the release have sent their updates already
        try:
            self.wait_for(20, "the chart was not redrawn after the drag",
                          lambda s: s["imageDigest"] not in (None, before))
        except RuntimeError:
            if redraw_required:
                raise
            return None
        return round((time.time() - released) * 1000)

    def choose(self, label):
        Select(self.control(".widget-dropdown select")).select_by_visible_text(label)

    def shot(self, name):
        path = os.path.join(self.shots, name)
        self.lab.js(PANEL_JS + "panel.content.widgets[arguments[0]].node.scrollIntoView({block: 'start'});",
                    WIDGET_CELL)
        time.sleep(0.5)
        self.lab.driver.save_screenshot(path)
        return path

    def restart(self):
        self.lab.menu("Kernel", "kernelmenu:restart")
        accept = self.lab.wait(20, lambda d: next(iter(d.find_elements(
            By.CSS_SELECTOR, ".jp-Dialog .jp-Dialog-button.jp-mod-accept")), None), "no restart dialog")
        accept.click()
        time.sleep(1)
        self.lab.wait(120, lambda d: d.execute_script(KERNEL_IDLE_JS), "the kernel did not come back")

    def comm_info(self):
        return self.lab.driver.execute_async_script(COMM_INFO_JS)


def titled(k, curve):
    return lambda s: any(f"{curve} of k x / 4 with k = {k}\"" in t for t in s["chartTitles"])


def live(lab_dir, notebook, shots):
    write_overrides(lab_dir)
    os.makedirs(shots, exist_ok=True)
    lab = Lab(lab_dir, [(notebook, "controls.ipynb")])
    page = WidgetPage(lab, shots)
    results = {}
    try:
        lab.driver.set_window_size(1400, 1400)
        results["loadToIdleSeconds"] = round(lab.open_notebook("controls.ipynb"), 2)
        page.run_all()
        # The kernel set k = 9 after the cell with the controls: the slider and the chart follow.
        results["afterRunAll"], _ = page.wait_for(
            60, "the widgets did not show k = 9 after Run All",
            lambda s: s["readouts"] == ["9"] and titled(9, "sine")(s) and s["imageDigest"] is not None)
        results["afterRunAll"]["printed"] = page.printed()
        page.shot("widgets-ran.png")

        # The slider dragged from 9 to 12, then the other curve in the dropdown.
        before = results["afterRunAll"]["imageDigest"]
        results["dragEndToRedrawMillis"] = page.drag_slider(12)
        results["afterSlider"], _ = page.wait_for(
            30, "the chart never showed k = 12", lambda s: s["readouts"] == ["12"] and titled(12, "sine")(s))
        page.choose("cosine")
        results["afterDropdown"], results["dropdownToRedrawSeconds"] = page.wait_for(
            30, "the chart never showed the cosine", titled(12, "cosine"))
        results["imageChanged"] = results["afterDropdown"]["imageDigest"] not in (None, before)
        results["printedAfterMoving"] = page.printed()
        results["screenshotMoved"] = page.shot("widgets-moved.png")

        # Save (the notebook keeps its outputs, not the widget state: saveState is off by default), reload:
        # the views come back with the kernel's current values, and still reach the kernel. A failed
        # reload is recorded, and the restart checks still run.
        try:
            lab.js("window.jupyterapp.commands.execute('docmanager:save');")
            time.sleep(1.5)
            lab.driver.refresh()
            lab.wait(180, lambda d: d.execute_script(KERNEL_IDLE_JS), "the kernel was not idle after the reload")
            results["afterReload"], results["reloadSeconds"] = page.wait_for(
                60, "the widgets did not come back after the reload",
                lambda s: s["readouts"] == ["12"] and s["dropdowns"] == ["cosine"])
            page.shot("widgets-reloaded.png")
            # The restored slider reaches the kernel; whether the chart under it is drawn again is a check
            # of its own (interact replaces its output by display id, which a reloaded page no longer knows).
            results["reloadDragEndToRedrawMillis"] = page.drag_slider(11, redraw_required=False)
            results["afterReloadMoved"], _ = page.wait_for(
                30, "the restored slider did not move to 11", lambda s: s["readouts"] == ["11"])
            results["printedAfterReload"] = page.printed()
            page.shot("widgets-reloaded-moved.png")
        except Exception as e:  # noqa: BLE001
            results["reloadFailure"] = f"{type(e).__name__}: {e}"
            results["screenshotReloadFailure"] = page.shot("widgets-reload-failure.png")

        # Restart: the kernel has no widget left, the old variables are gone, Run All starts afresh.
        results["commsBeforeRestart"] = page.comm_info()
        page.restart()
        results["commsAfterRestart"] = page.comm_info()
        results["afterRestart"] = page.state()
        results["printedAfterRestart"] = page.printed()
        results["screenshotRestarted"] = page.shot("widgets-restarted.png")
        page.run_all()
        results["afterRestartRunAll"], _ = page.wait_for(
            60, "Run All after the restart did not show fresh widgets",
            lambda s: s["readouts"] == ["9"] and s["dropdowns"] == ["sine"] and titled(9, "sine")(s))
        results["commsAfterRerun"] = page.comm_info()
        results["consoleErrors"] = lab.console_errors()[:20]
        return results
    except Exception as e:  # noqa: BLE001 - the checks so far, and what failed, for the Java test
        results["failure"] = f"{type(e).__name__}: {e}"
        try:
            results["screenshotFailure"] = page.shot("widgets-failure.png")
            results["consoleErrors"] = lab.console_errors()[:20]
        except Exception:  # noqa: BLE001
            pass
        return results
    finally:
        lab.close()


def saved(lab_dir, notebook, screenshot):
    """Opens an executed copy and reads its widgets before any cell runs: first as JupyterLab opens a
    notebook it did not run (untrusted: unsafe renderers such as the widget view are not used, so the
    static text/html shows), then after the reader trusts it (Trust Notebook in the command palette)."""
    write_overrides(lab_dir)
    lab = Lab(lab_dir, [(notebook, "executed.ipynb")])
    shots = os.path.dirname(os.path.abspath(screenshot))
    page = WidgetPage(lab, shots)
    try:
        lab.driver.set_window_size(1400, 1400)
        lab.open_notebook("executed.ipynb")
        result = {}
        time.sleep(2)  # outputs render after the kernel is idle
        result["untrusted"] = page.state()
        result["untrusted"]["staticSliders"] = lab.js(
            PANEL_JS + "return panel.content.widgets[arguments[0]].node"
            ".querySelectorAll('.jp-RenderedHTMLCommon input[type=range]').length;", WIDGET_CELL)
        base = os.path.splitext(os.path.basename(screenshot))[0]
        result["untrustedScreenshot"] = page.shot(base + "-untrusted.png")
        lab.js("window.jupyterapp.commands.execute('notebook:trust');")
        accept = lab.wait(20, lambda d: next(iter(d.find_elements(
            By.CSS_SELECTOR, ".jp-Dialog .jp-Dialog-button.jp-mod-accept")), None), "no trust dialog")
        accept.click()
        try:
            result["shown"], result["seconds"] = page.wait_for(
                60, "the saved widgets did not render after trusting the notebook",
                lambda s: s["readouts"] and s["dropdowns"])
        except RuntimeError as e:
            result["failure"] = str(e)
            result["shown"] = page.state()
        shutil.copy(page.shot(base + "-trusted.png"), screenshot)
        result["screenshot"] = screenshot
        result["consoleErrors"] = lab.console_errors()[:20]
        return result
    finally:
        lab.close()


def main(argv):
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    lab_dir, mode = os.path.abspath(argv[1]), argv[2]
    if mode == "live":
        summary = live(lab_dir, argv[3], argv[4])
    elif mode == "saved":
        summary = saved(lab_dir, argv[3], argv[4])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
