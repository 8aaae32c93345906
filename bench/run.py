"""The speed and size figures (`make bench`): printed, never asserted.

1. Build time of the site, and how it scales: copies with 50 and 500 generated technique pages.
2. First-load transfer of every reader page, ours and the anchor's (gzip, as GitHub Pages serves them).
3. Lighthouse, mobile settings, every reader page, ours and the anchor's interleaved (when Node is present).
4. Main-thread work of every reader page as Chromium counts it in a real load (not simulated, as
   Lighthouse's figures are): script, style, layout, and the blocking time after the first paint.
5. `make test` wall time and its 15 slowest tests, `--durations=15` (skip with --no-make-test).

The anchor is stock Material over the same page text, built here in a temporary folder
(bench/anchor.py); both sites are served the same way (postbuild/serve.py). The machine may be
busy, so what counts is the ratio ours / anchor within one run.

Run as `python -m bench.run` from the project folder (make bench does); `--help` lists the options
that pick pages and parts, e.g. `python -m bench.run --only lighthouse --pages / techniques/stripping/`.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import copy_project as copy_project_parts, mkdocs_build, offline_build  # noqa: E402
from postbuild.chromium import FLAGS, LOOPBACK_ONLY, find_chromium, not_found_message  # noqa: E402
from postbuild.serve import SiteServer  # noqa: E402

from bench.anchor import build_anchor  # noqa: E402
from postbuild.offline import precache_files  # noqa: E402

BENCH = Path(__file__).resolve().parent
TECHNIQUE = "techniques/stripping/"
TEMPLATE = ROOT / "docs" / "techniques" / "stripping.md"
LIGHTHOUSE_RUNS = 3
GOALS = {"scaling_ratio": 1.3, "make_test_s": 90}
TRANSFER_MARGIN_KB = 5  # a page of ours may send at most this much more than the anchor's
METRICS = {"FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time"}
# A run whose first paint came this long after the page had loaded met a headless paint stall:
# Chromium's compositor held back frames (Lighthouse issue 17148), about 1 s in this machine's runs.
STALL_MS = 500
STALL_RETRIES = 2  # a stalled run is run again this many times at most (--stall-retries)
PARTS = ("build", "transfer", "lighthouse", "main-thread", "make-test")
MAIN_THREAD_RUNS = 5
LIGHTHOUSE_PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True}
# Every long task (over 50 ms) of the page, recorded from before its first script runs.
LONG_TASKS = """window.__longTasks = [];
new PerformanceObserver(list => window.__longTasks.push(...list.getEntries().map(e => [e.startTime, e.duration])))
    .observe({type: "longtask", buffered: true});"""


def say(text: str = "") -> None:
    print(text, flush=True)


def page_name(path: str) -> str:
    return f"/{path}"


def reader_pages(site: Path) -> list[str]:
    """Every page of the built site, as its path under the site root ('' is the home page)."""
    pages = [page.parent.relative_to(site).as_posix() + "/" for page in site.rglob("index.html")]
    return sorted("" if page == "./" else page for page in pages)


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


# 1. Build time and scaling ---------------------------------------------------------------------

def copy_project(target: Path, generated: int) -> int:
    """A scratch copy of the project with `generated` extra technique pages; returns the page count."""
    copy_project_parts(target)
    text = TEMPLATE.read_text(encoding="utf-8")
    for n in range(1, generated + 1):
        page = (text.replace("  name: Stripping\n", f"  name: Stripping variant {n}\n", 1)
                    .replace("\n# Stripping\n", f"\n# Stripping variant {n}\n", 1))
        assert page != text, "the template page changed shape: update bench/run.py"
        (target / "docs" / "techniques" / f"stripping-variant-{n}.md").write_text(page, encoding="utf-8")
    return len(list((target / "docs").rglob("*.md")))


def timed_build(generated: int) -> tuple[int, float]:
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        project = Path(scratch)
        pages = copy_project(project, generated)
        start = time.perf_counter()
        result = mkdocs_build(project, project / "site")
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(f"build with {generated} generated pages failed:\n{result.stdout}\n{result.stderr}")
        return pages, elapsed


def bench_build() -> None:
    say("== Build time (mkdocs build --strict, content lint included) ==")
    rows = {}
    for generated in (0, 50, 500):
        # Small builds are short, so other work on the machine skews them: take the best of three.
        pages, seconds = min((timed_build(generated) for _ in range(1 if generated == 500 else 3)),
                             key=lambda run: run[1])
        rows[generated] = seconds / pages
        label = "the site as it is" if generated == 0 else f"with {generated} generated technique pages"
        say(f"  {label:<40} {pages:>4} pages  {seconds:7.1f} s  {1000 * seconds / pages:6.0f} ms/page"
            + ("" if generated == 500 else "  (best of 3)"))
    ratio = rows[500] / rows[50]
    say(f"  per-page cost at 500 / at 50: {ratio:.2f}x  (goal <= {GOALS['scaling_ratio']}x)")


def build_both(scratch: Path) -> dict[str, Path]:
    """Our site as readers get it (with the offline copy's worker, as `make build` makes it; the PDFs
    are left out, as no page loads them), and the stock anchor made from it."""
    site = scratch / "ours"
    for step in (mkdocs_build, offline_build):
        result = step(ROOT, site)
        if result.returncode != 0:
            raise SystemExit(f"build failed:\n{result.stdout}\n{result.stderr}")
    (scratch / "anchor").mkdir()
    return {"ours": site, "anchor": build_anchor(site, scratch / "anchor", ROOT / ".venv" / "bin" / "mkdocs")}


# 2. First-load transfer ------------------------------------------------------------------------

def kind_of(url_path: str) -> str:
    name = url_path.rsplit("/", 1)[-1]
    if not name or name.endswith(".html"):
        return "HTML"
    return {"css": "CSS", "js": "JS", "json": "search index"}.get(name.rsplit(".", 1)[-1], "image")


def first_load(browser, server: SiteServer, path: str) -> list[tuple[str, str, int]]:
    """(kind, file, bytes sent) of one first visit with an empty cache, until the network is idle. The
    service worker is blocked: what it saves for offline reading after the page has loaded is not part
    of the first load (bench_transfer prints it apart)."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    server.sent.clear()
    page.goto(server.url + path)
    page.wait_for_load_state("networkidle")
    context.close()
    prefix = server.url.removeprefix(server.origin)
    return [(kind_of(url), url.removeprefix(prefix) or "(home)", size) for url, size in server.sent]


def page_kb(files: list[tuple[str, str, int]]) -> dict[str, float]:
    totals = {kind: 0.0 for kind in ("HTML", "CSS", "JS", "search index", "image")}
    for kind, _, size in files:
        totals[kind] += size / 1024
    totals["page"] = totals["HTML"] + totals["CSS"] + totals["JS"]
    return totals


def bench_transfer(servers: dict[str, SiteServer], executable: str, pages: list[str], our_site: Path) -> None:
    """Bytes the servers sent (gzip level 6 for text, as GitHub Pages compresses), ours and the anchor's."""
    from playwright.sync_api import sync_playwright

    say("\n== First-load transfer, KB (gzip, empty cache; the search index and images counted apart) ==")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[*FLAGS, LOOPBACK_ONLY])
        loads = {(side, path): first_load(browser, server, path)
                 for path in pages for side, server in servers.items()}
        browser.close()
    for side in servers:
        say(f"  each file, {side}, {page_name(pages[0])}:")
        for kind, name, size in loads[side, pages[0]]:
            say(f"    {size / 1024:6.1f}  {kind:<12} {name}")
    say(f"  {'page':<44} {'ours: HTML  CSS   JS  total':>28} {'anchor: HTML  CSS   JS  total':>30}  "
        f"{'goal: ours <= anchor + ' + str(TRANSFER_MARGIN_KB) + ' KB'}")
    met = 0
    for path in pages:
        ours, anchor = page_kb(loads["ours", path]), page_kb(loads["anchor", path])
        ok = ours["page"] <= anchor["page"] + TRANSFER_MARGIN_KB
        met += ok
        say(f"  {page_name(path):<44} {ours['HTML']:10.1f} {ours['CSS']:4.1f} {ours['JS']:4.1f} {ours['page']:6.1f}"
            f" {anchor['HTML']:12.1f} {anchor['CSS']:4.1f} {anchor['JS']:4.1f} {anchor['page']:6.1f}"
            f"  {ours['page'] - anchor['page']:+5.1f} {'met' if ok else 'NOT MET'}")
    index = {side: page_kb(loads[side, pages[0]])["search index"] for side in servers}
    say(f"  transfer goal met on {met} of {len(pages)} pages; then the search index: "
        f"ours {index['ours']:.1f} KB, anchor {index['anchor']:.1f} KB")
    say(f"  after a first visit, the offline copy's worker saves {precache_kb(our_site):.0f} KB "
        "(gzip level 6 of every precached file; the anchor has none)")


def precache_kb(site: Path) -> float:
    """What the service worker downloads once, after a reader's first visit (postbuild/offline.py)."""
    return sum(len(gzip.compress(path.read_bytes(), 6)) for path in precache_files(site).values()) / 1024


# 3. Lighthouse ---------------------------------------------------------------------------------

def lighthouse_binary() -> Path | None:
    binary = BENCH / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    if not (shutil.which("node") and shutil.which("npm")):
        say("  Node or npm is not installed: Lighthouse skipped (install Node 18.16+ and run make bench again)")
        return None
    say("  installing Lighthouse (bench/package.json) into bench/node_modules ...")
    result = subprocess.run(["npm", "install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"],
                            cwd=BENCH, capture_output=True, text=True)
    if result.returncode != 0 or not binary.exists():
        say(f"  npm install failed, Lighthouse skipped:\n{result.stderr.strip()[-2000:]}")
        return None
    return binary


def lighthouse(binary: Path, executable: str, url: str) -> dict[str, float] | str:
    """One Lighthouse run (mobile, performance only): the score and metrics, or why it failed."""
    with tempfile.TemporaryDirectory(prefix="bench-lh-") as scratch:
        report = Path(scratch) / "report.json"
        result = subprocess.run(
            [str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--chrome-flags={' '.join(['--headless=new', *FLAGS])}", "--only-categories=performance"],
            env={**os.environ, "CHROME_PATH": executable}, capture_output=True, text=True, timeout=300)
        if result.returncode != 0 or not report.exists():
            return result.stderr.strip()[-1000:]
        run = json.loads(report.read_text(encoding="utf-8"))
    figures = {"perf": 100 * run["categories"]["performance"]["score"], "stall": paint_stall_ms(run)}
    figures.update({name: run["audits"][audit]["numericValue"] for name, audit in METRICS.items()})
    return figures


def paint_stall_ms(report: dict) -> float:
    """How long after the page had loaded Chromium first painted it, in one Lighthouse report (0 when it
    painted before). Over STALL_MS, the paint was held back (STALL_MS's comment), and Lighthouse counts
    every request made before that paint in its simulated largest paint, so such a run's figures are
    mostly the headless browser's (the anchor stalled about twice as often as ours: README)."""
    observed = report["audits"]["metrics"]["details"]["items"][0]
    return max(0.0, observed["observedFirstContentfulPaint"] - observed["observedLoad"])


def without_stall(run_once, retries: int) -> tuple[dict[str, float] | str, list[dict[str, float]]]:
    """One Lighthouse run, `run_once()`, run again up to `retries` times while its first paint was held
    back (paint_stall_ms over STALL_MS): the figures kept, and the stalled runs set aside. The stall
    comes from the headless browser (Lighthouse issue 17148) and hits either side; the last try is kept
    even if it stalled as well (the report marks it with *)."""
    set_aside = []
    while True:
        figures = run_once()
        if isinstance(figures, str) or figures["stall"] <= STALL_MS or len(set_aside) >= retries:
            return figures, set_aside
        set_aside.append(figures)


def ratio(ours: float, anchor: float) -> str:
    return f"{ours / anchor:.2f}" if anchor else ("1.00" if not ours else "inf")


def bench_lighthouse(servers: dict[str, SiteServer], executable: str, pages: list[str], runs: int,
                     stall_retries: int = STALL_RETRIES) -> None:
    say(f"\n== Lighthouse, mobile (emulated phone, simulated slow 4G, 4x CPU slowdown), median of {runs}, "
        f"ours and the anchor interleaved ==")
    binary = lighthouse_binary()
    if binary is None:
        return
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    say(f"  Lighthouse {version}; load average now {load_average()} (a busy machine lowers performance)")
    say("  goal: performance >= the anchor's; FCP, LCP and TBT each <= 1.1 x the anchor's (ratio = ours / anchor)")
    say("  'in the spread': not met on the medians, but each miss is within the anchor's own runs (its worst run "
        "would meet the goal against our median), so one more run could turn the verdict")
    say(f"  a run whose first paint came over {STALL_MS} ms after the page had loaded (a headless paint stall) is set "
        f"aside and run again, {stall_retries} times at most; a stalled run kept after that is marked *")
    met = spread = measured = stalled_runs = set_aside_runs = 0
    for path in pages:
        results: dict[str, list[dict[str, float]]] = {side: [] for side in servers}
        aside: dict[str, list[dict[str, float]]] = {side: [] for side in servers}
        for n in range(runs):
            # Alternate which side goes first, so neither always gets the warmer machine.
            for side in (list(servers) if n % 2 == 0 else list(reversed(servers))):
                url = servers[side].url + path
                figures, stalled_runs_here = without_stall(lambda: lighthouse(binary, executable, url), stall_retries)
                aside[side] += stalled_runs_here
                if isinstance(figures, str):
                    say(f"  {page_name(path)} ({side}): Lighthouse failed: {figures}")
                else:
                    results[side].append(figures)
        if not all(results.values()):
            continue
        median = {side: {key: statistics.median(run[key] for run in results[side]) for key in ("perf", *METRICS)}
                  for side in servers}
        ours, anchor = median["ours"], median["anchor"]
        misses = [key for key in ("perf", *METRICS) if not meets(key, ours[key], anchor[key])]
        # The same test against each of the anchor's runs: a miss that one of them would pass is noise-bound.
        noise = all(any(meets(key, ours[key], run[key]) for run in results["anchor"]) for key in misses)
        measured += 1
        met += not misses
        spread += bool(misses) and noise
        verdict = "met" if not misses else f"NOT MET ({', '.join(misses)}{'; in the spread' if noise else ''})"
        stalled = {side: [run["stall"] > STALL_MS for run in results[side]] for side in servers}
        each = {side: {key: ", ".join(f"{run[key]:.0f}{'*' * mark}" for run, mark in zip(results[side], stalled[side]))
                       for key in ("perf", *METRICS)}
                for side in servers}
        stalls = {side: sum(stalled[side]) for side in servers}
        stalled_runs += sum(stalls.values())
        say(f"  {page_name(path)}: {verdict}")
        say(f"    performance  ours {ours['perf']:3.0f} ({each['ours']['perf']})  anchor {anchor['perf']:3.0f} "
            f"({each['anchor']['perf']})  ratio {ratio(ours['perf'], anchor['perf'])}")
        for key in METRICS:
            say(f"    {key:<11}  ours {ours[key]:5.0f} ms ({each['ours'][key]})  anchor {anchor[key]:5.0f} ms "
                f"({each['anchor'][key]})  ratio {ratio(ours[key], anchor[key])}")
        if any(stalls.values()):
            say(f"    * a run whose first paint came over {STALL_MS} ms after the page had loaded (headless paint "
                f"stall): ours {stalls['ours']}, anchor {stalls['anchor']}")
        for side in servers:
            if aside[side]:
                set_aside_runs += len(aside[side])
                say(f"    set aside for a paint stall, {side}: {len(aside[side])} run(s), performance / LCP / TBT "
                    + "; ".join(f"{run['perf']:.0f} / {run['LCP']:.0f} / {run['TBT']:.0f}" for run in aside[side]))
    say(f"  Lighthouse goal met on {met} of {measured} pages measured ({len(pages)} asked); of the {measured - met} "
        f"not met, {spread} in the spread; runs set aside for a headless paint stall: {set_aside_runs}, stalled runs "
        f"kept (*): {stalled_runs}")


def meets(key: str, ours: float, anchor: float) -> bool:
    """The goal for one figure: performance at least the anchor's, each timing at most 1.1 times it."""
    return ours >= anchor if key == "perf" else ours <= 1.1 * anchor


# 4. Main-thread work -----------------------------------------------------------------------------

def main_thread(browser, url: str) -> dict[str, float]:
    """One load of url in a fresh context, the way Lighthouse's mobile setting runs a page (its phone
    screen, 4x CPU slowdown) but on the loopback network, measured rather than simulated: Chromium's
    own counters of main-thread time 3 s after the load event, the first paint, and the blocking time
    after it (each long task's time over 50 ms, as total blocking time adds them up)."""
    context = browser.new_context(service_workers="block", **LIGHTHOUSE_PHONE)
    context.add_init_script(script=LONG_TASKS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(3000)
    counters = {metric["name"]: metric["value"] for metric in cdp.send("Performance.getMetrics")["metrics"]}
    first_paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0")
    long_tasks = page.evaluate("window.__longTasks")
    context.close()
    return {"main thread": 1000 * counters["TaskDuration"], "script": 1000 * counters["ScriptDuration"],
            "style": 1000 * counters["RecalcStyleDuration"], "layout": 1000 * counters["LayoutDuration"],
            "first paint": first_paint,
            "blocking": sum(duration - 50 for start, duration in long_tasks if start >= first_paint and duration > 50)}


def bench_main_thread(servers: dict[str, SiteServer], executable: str, pages: list[str], runs: int) -> None:
    """Where each side's main thread spends a page load. Lighthouse simulates its timings from one
    trace (a script's place in the page decides whether its run counts before or after the first
    paint); these are what the browser did, so they say what a feature costs whatever the model."""
    from playwright.sync_api import sync_playwright

    say(f"\n== Main-thread work of a page load, ms (Chromium's counters, phone size, 4x CPU slowdown, loopback "
        f"network), median of {runs}, ours and the anchor interleaved ==")
    say(f"  load average now {load_average()}; 'blocking' is the long tasks' time over 50 ms after the first paint")
    names = ("main thread", "script", "style", "layout", "first paint", "blocking")
    say(f"  {'page':<44} {'side':<7}" + "".join(f"{name:>13}" for name in names))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[*FLAGS, LOOPBACK_ONLY])
        for path in pages:
            results: dict[str, list[dict[str, float]]] = {side: [] for side in servers}
            for n in range(runs):
                for side in (list(servers) if n % 2 == 0 else list(reversed(servers))):
                    results[side].append(main_thread(browser, servers[side].url + path))
            median = {side: {name: statistics.median(run[name] for run in results[side]) for name in names}
                      for side in servers}
            for side in servers:
                say(f"  {page_name(path) if side == 'ours' else '':<44} {side:<7}"
                    + "".join(f"{median[side][name]:13.0f}" for name in names))
            say(f"  {'':<44} {'ratio':<7}"
                + "".join(f"{ratio(median['ours'][name], median['anchor'][name]):>13}" for name in names))
        browser.close()


# 5. make test ----------------------------------------------------------------------------------

def bench_make_test() -> None:
    say(f"\n== make test wall time ({os.cpu_count()} cores; load average before: {load_average()}) ==")
    start = time.perf_counter()
    # The slowest tests too, from the same run (pytest reads extra options from PYTEST_ADDOPTS).
    env = {**os.environ, "PYTEST_ADDOPTS": f"{os.environ.get('PYTEST_ADDOPTS', '')} --durations=15".strip()}
    result = subprocess.run(["make", "--no-print-directory", "test"], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    lines = result.stdout.splitlines()
    summary = next((line.strip(" =") for line in reversed(lines)
                    if " passed" in line or " failed" in line or " error" in line), "(no pytest summary)")
    say(f"  {elapsed:.0f} s (goal <= {GOALS['make_test_s']} s): {summary}")
    slowest = next((i for i, line in enumerate(lines) if "slowest 15 durations" in line), None)
    if slowest is not None:
        say("  the slowest 15 (pytest --durations=15; a setup time includes the worker's session build):")
        for line in lines[slowest + 1:]:
            if not re.match(r"\d+(\.\d+)?s ", line):
                break
            say(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=PARTS, default=PARTS, metavar="PART",
                        help=f"run only these parts ({', '.join(PARTS)}); default: all")
    parser.add_argument("--pages", nargs="+", metavar="PATH",
                        help="only these pages, as paths under the site root: / techniques/stripping/ ...; "
                             "default: every reader page")
    parser.add_argument("--runs", type=int, default=LIGHTHOUSE_RUNS, help="Lighthouse runs per page and site")
    parser.add_argument("--stall-retries", type=int, default=STALL_RETRIES,
                        help="times a Lighthouse run whose first paint was held back is run again (0: keep it)")
    parser.add_argument("--main-thread-runs", type=int, default=MAIN_THREAD_RUNS,
                        help="page loads per page and site for the main-thread figures")
    parser.add_argument("--no-make-test", action="store_true", help="skip timing make test")
    args = parser.parse_args()
    if "build" in args.only:
        bench_build()
    if {"transfer", "lighthouse", "main-thread"} & set(args.only):
        scratch = Path(tempfile.mkdtemp(prefix="bench-sites-"))
        try:
            sites = build_both(scratch)
            known = reader_pages(sites["ours"])
            pages = known if not args.pages else [path.strip("/") + "/" if path.strip("/") else "" for path in args.pages]
            unknown = [page_name(path) for path in pages if path not in known]
            if unknown:
                raise SystemExit(f"no such page: {', '.join(unknown)} (known: {', '.join(map(page_name, known))})")
            executable = find_chromium(full=True)  # as readers' browsers are, and as Lighthouse wants
            if executable is None:
                say(f"\n{not_found_message(full=True)}: transfer, Lighthouse and main-thread skipped")
            else:
                with SiteServer(sites["ours"]) as ours, SiteServer(sites["anchor"]) as anchor:
                    servers = {"ours": ours, "anchor": anchor}
                    say(f"\n{len(pages)} pages; anchor: stock Material over the same text (bench/anchor.py)")
                    if "transfer" in args.only:
                        bench_transfer(servers, executable, pages, sites["ours"])
                    if "lighthouse" in args.only:
                        bench_lighthouse(servers, executable, pages, args.runs, args.stall_retries)
                    if "main-thread" in args.only:
                        bench_main_thread(servers, executable, pages, args.main_thread_runs)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    if "make-test" in args.only and not args.no_make_test:
        bench_make_test()


if __name__ == "__main__":
    main()
