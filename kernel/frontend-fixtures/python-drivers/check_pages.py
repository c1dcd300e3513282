"""Open every HTML page the notebook runner wrote, from disk, in headless Chromium, and check it.

Usage: /usr/bin/python3 check_pages.py PAGES_DIR SCREENSHOT_DIR [NAME ...]

For each PAGES_DIR/*.html (file://, the browser offline): waits until MathJax has typeset the page
and highlight.js has run, then checks what a reader sees: no raw TeX in the visible text, every
math span typeset and none a MathJax error, every image loaded, every link to another page (and
its #anchor) present, the previous/next links forming one chain from index.html, nothing loaded
but local files, no console errors. Saves a full-page screenshot of each NAME (e.g. rnn) as
SCREENSHOT_DIR/NAME.png. Prints a JSON summary per page; exits 1 naming every problem found.
"""
import json
import os
import sys
import tempfile
import urllib.parse

from selenium.webdriver.support.ui import WebDriverWait

import headless_chromium
from headless_chromium import CHROMEDRIVER, CHROMIUM


# Resolves once MathJax has typeset the page (its startup promise), or names why it could not.
TYPESET_JS = """
const done = arguments[arguments.length - 1];
const started = Date.now();
(function poll() {
  const mj = window.MathJax;
  if (mj && mj.startup && mj.startup.promise) {
    mj.startup.promise.then(() => done('ok'), e => done('MathJax failed: ' + e));
  } else if (Date.now() - started > 60000) {
    done('MathJax never started (assets/mathjax/tex-svg-full.js missing?)');
  } else {
    setTimeout(poll, 100);
  }
})();
"""

# What the reader sees, once typeset.
INSPECT_JS = r"""
const text = document.body.innerText;
const named = text.match(/\\(mathbf|frac|begin|end|Longleftrightarrow|sum|partial|left|right|top|mid)\b/g) || [];
const prose = Array.from(document.querySelectorAll('section.md, .out .math'))
    .flatMap(e => e.innerText.match(/\\[A-Za-z]+/g) || []);
// A dollar before a letter, brace or backslash outside code is math the renderer did not lift.
const dollars = Array.from(document.querySelectorAll('section.md')).flatMap(e => {
  const copy = e.cloneNode(true);
  copy.querySelectorAll('code, pre').forEach(c => c.remove());
  return copy.textContent.match(/\$+[A-Za-z{\\][^$]{0,30}/g) || [];
});
const spans = Array.from(document.querySelectorAll('span.math'));
const images = Array.from(document.images);
return {
  lang: document.documentElement.lang,
  title: document.title,
  rawTex: Array.from(new Set(named.concat(prose, dollars))),
  mathSpans: spans.length,
  untypeset: spans.filter(s => !s.querySelector('mjx-container')).map(s => s.textContent.slice(0, 80)),
  mathErrors: Array.from(document.querySelectorAll('mjx-merror, [data-mml-node="merror"], .katex-error'))
      .map(e => (e.getAttribute('data-mjx-error') || e.textContent || '').slice(0, 120)),
  images: images.length,
  brokenImages: images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src').slice(0, 80)),
  codeCells: document.querySelectorAll('code.language-java').length,
  highlighted: document.querySelectorAll('code.language-java.hljs').length,
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')),
  prev: (document.querySelector('nav.pager.top a.prev') || {}).href || null,
  next: (document.querySelector('nav.pager.top a.next') || {}).href || null,
  ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id),
  resources: performance.getEntriesByType('resource').map(r => r.name),
};
"""


def chromium(profile_dir):
    return headless_chromium.chromium(profile_dir, window="1280,1000", browser_log=True)


def local_target(pages_dir, page, href):
    """The file and anchor a relative link leads to, or None for links off the run (http:, mailto:)."""
    parsed = urllib.parse.urlparse(href)
    if parsed.scheme or href.startswith("//"):
        return None
    path = urllib.parse.unquote(parsed.path)
    target = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
    return target, urllib.parse.unquote(parsed.fragment)


def check(pages_dir, screenshot_dir, names):
    pages = sorted(os.path.join(pages_dir, f) for f in os.listdir(pages_dir) if f.endswith(".html"))
    if not pages:
        return {}, ["no .html pages in " + pages_dir]
    problems, report = [], {}
    with tempfile.TemporaryDirectory(prefix="pages-browser-") as profile:
        driver = chromium(profile)
        try:
            # Nothing may come over a network: the pages must open in a classroom without one.
            driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
            driver.set_script_timeout(120)
            for page in pages:
                name = os.path.basename(page)[:-5]
                driver.get("file://" + os.path.abspath(page))
                typeset = driver.execute_async_script(TYPESET_JS)
                WebDriverWait(driver, 60).until(lambda d: d.execute_script(
                    "return Array.from(document.images).every(i => i.complete)"))
                seen = driver.execute_script(INSPECT_JS)
                console = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
                seen["typeset"], seen["consoleErrors"] = typeset, console
                report[name] = seen
                if typeset != "ok":
                    problems.append(f"{name}: {typeset}")
                for key, what in (("rawTex", "raw TeX in the visible text"), ("untypeset", "math not typeset"),
                                  ("mathErrors", "MathJax errors"), ("brokenImages", "images that did not load"),
                                  ("consoleErrors", "console errors")):
                    if seen[key]:
                        problems.append(f"{name}: {what}: {seen[key]}")
                remote = [r for r in seen["resources"] if not r.startswith(("file:", "data:"))]
                if remote:
                    problems.append(f"{name}: loads from a network: {remote}")
                if seen["highlighted"] != seen["codeCells"]:
                    problems.append(f"{name}: {seen['highlighted']} of {seen['codeCells']} code cells highlighted")
                if name in names:
                    height = driver.execute_script("return document.documentElement.scrollHeight")
                    driver.set_window_size(1280, min(max(height, 800), 16000))
                    os.makedirs(screenshot_dir, exist_ok=True)
                    shot = os.path.join(screenshot_dir, name + ".png")
                    driver.save_screenshot(shot)
                    driver.set_window_size(1280, 1000)
                    seen["screenshot"] = shot
        finally:
            driver.quit()
    ids = {os.path.abspath(p): set(report[os.path.basename(p)[:-5]]["ids"]) for p in pages}
    for page in pages:
        name = os.path.basename(page)[:-5]
        for href in report[name]["links"]:
            target = local_target(pages_dir, os.path.abspath(page), href)
            if target is None:
                continue
            file, anchor = target
            if not os.path.exists(file):
                problems.append(f"{name}: link {href} leads to no file ({file})")
            elif anchor and file in ids and anchor not in ids[file]:
                problems.append(f"{name}: link {href} names no anchor of {os.path.basename(file)}")
    problems += chain_problems(pages_dir, report)
    missing = [n for n in names if n not in report]
    if missing:
        problems.append(f"no page to screenshot for {missing}")
    return report, problems


def chain_problems(pages_dir, report):
    """From index.html, next links must visit every page once, and each page's previous leads back."""
    problems, order, current = [], [], "index"
    if current not in report:
        return ["no index.html"]
    while current is not None and current not in order:
        order.append(current)
        following = report[current]["next"]
        if following is None:
            break
        file = urllib.parse.unquote(urllib.parse.urlparse(following).path)
        step = os.path.basename(file)[:-5]
        if step not in report:
            problems.append(f"{current}: next leads to {following}, not a page of the run")
            break
        back = report[step]["prev"]
        if back is None or os.path.basename(urllib.parse.urlparse(back).path) != current + ".html":
            problems.append(f"{step}: previous is {back}, but it follows {current}")
        current = step
    unvisited = sorted(set(report) - set(order))
    if unvisited:
        problems.append(f"previous/next from index.html never reach {unvisited} (order: {order})")
    return problems


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            print(tool + " is missing: apt-get install chromium chromium-driver python3-selenium", file=sys.stderr)
            return 2
    report, problems = check(argv[1], argv[2], argv[3:])
    for name, seen in report.items():
        summary = {k: v for k, v in seen.items() if k not in ("links", "ids", "resources")}
        summary["resources"] = len(seen["resources"])
        print(name, json.dumps(summary, ensure_ascii=False))
    if problems:
        print("FAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"OK {len(report)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
