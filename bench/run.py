"""The speed and size figures (`make bench`): printed, never asserted.

1. Build time of the site, and how it scales: copies with 50 and 500 generated technique pages.
2. First-load transfer of a technique page and the home page (gzip, as GitHub Pages serves them).
3. Lighthouse, mobile settings, for the home page and a technique page (when Node is present).
4. `make test` wall time and its 15 slowest tests, `--durations=15` (skip with --no-make-test).

Run as `python -m bench.run` from the project folder (make bench does).
"""
from __future__ import annotations

import argparse
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

from conftest import copy_project as copy_project_parts, mkdocs_build  # noqa: E402
from postbuild.chromium import FLAGS, LOOPBACK_ONLY, find_chromium, not_found_message  # noqa: E402
from postbuild.serve import SiteServer  # noqa: E402

BENCH = Path(__file__).resolve().parent
TECHNIQUE = "techniques/stripping/"
TEMPLATE = ROOT / "docs" / "techniques" / "stripping.md"
LIGHTHOUSE_RUNS = 3
GOALS = {"transfer_kb": 70, "performance": 98, "scaling_ratio": 1.3, "make_test_s": 90}


def say(text: str = "") -> None:
    print(text, flush=True)


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


def bench_build() -> Path:
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
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    result = mkdocs_build(ROOT, site)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout}\n{result.stderr}")
    return site


# 2. First-load transfer ------------------------------------------------------------------------

def kind_of(url_path: str) -> str:
    name = url_path.rsplit("/", 1)[-1]
    if not name or name.endswith(".html"):
        return "HTML"
    return {"css": "CSS", "js": "JS", "json": "search index"}.get(name.rsplit(".", 1)[-1], "image")


def bench_transfer(server: SiteServer, executable: str) -> None:
    """Bytes the server sent (gzip level 6 for text, as GitHub Pages compresses) for one first visit."""
    from playwright.sync_api import sync_playwright

    say("\n== First-load transfer (gzip, empty cache; images and the search index counted apart) ==")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[*FLAGS, LOOPBACK_ONLY])
        for path, name in ((TECHNIQUE, "technique page"), ("", "home page")):
            context = browser.new_context()
            page = context.new_page()
            server.sent.clear()
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
            context.close()
            totals: dict[str, float] = {}
            say(f"  {name} (/{path}):")
            for url_path, size in server.sent:
                kind = kind_of(url_path)
                totals[kind] = totals.get(kind, 0) + size / 1024
                say(f"    {size / 1024:6.1f} KB  {kind:<12} {url_path.removeprefix(server.url.removeprefix(server.origin)) or '(home)'}")
            page_kb = sum(totals.get(kind, 0) for kind in ("HTML", "CSS", "JS"))
            say(f"    {page_kb:6.1f} KB  HTML + CSS + JS (goal <= {GOALS['transfer_kb']} KB); "
                f"then {totals.get('search index', 0):.1f} KB of search index and "
                f"{totals.get('image', 0):.1f} KB of images")
        browser.close()


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


def bench_lighthouse(server: SiteServer, executable: str) -> None:
    say(f"\n== Lighthouse, mobile (the default: emulated phone, simulated slow 4G, 4x CPU slowdown), "
        f"median of {LIGHTHOUSE_RUNS} ==")
    binary = lighthouse_binary()
    if binary is None:
        return
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    say(f"  Lighthouse {version}; load average now {load_average()} (a busy machine lowers performance)")
    chrome_flags = " ".join(["--headless=new", *FLAGS])
    for path, name in (("", "home page"), (TECHNIQUE, "technique page")):
        runs = []
        for _ in range(LIGHTHOUSE_RUNS):
            with tempfile.TemporaryDirectory(prefix="bench-lh-") as scratch:
                report = Path(scratch) / "report.json"
                result = subprocess.run(
                    [str(binary), server.url + path, "--quiet", "--output=json", f"--output-path={report}",
                     f"--chrome-flags={chrome_flags}",
                     "--only-categories=performance,accessibility,best-practices,seo"],
                    env={**os.environ, "CHROME_PATH": executable}, capture_output=True, text=True, timeout=300)
                if result.returncode != 0 or not report.exists():
                    say(f"  {name}: Lighthouse failed: {result.stderr.strip()[-1000:]}")
                    break
                runs.append(json.loads(report.read_text(encoding="utf-8")))
        if not runs:
            continue
        scores = {key: statistics.median(100 * run["categories"][key]["score"] for run in runs)
                  for key in ("performance", "accessibility", "best-practices", "seo")}
        metrics = {key: statistics.median(run["audits"][key]["numericValue"] for run in runs)
                   for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                               "cumulative-layout-shift", "speed-index")}
        each = ", ".join(str(round(100 * run["categories"]["performance"]["score"])) for run in runs)
        say(f"  {name:<15} performance {scores['performance']:.0f} (runs: {each}; goal >= {GOALS['performance']}), "
            f"accessibility {scores['accessibility']:.0f}, best practices {scores['best-practices']:.0f}, "
            f"SEO {scores['seo']:.0f}")
        say(f"  {'':<15} FCP {metrics['first-contentful-paint']:.0f} ms, LCP {metrics['largest-contentful-paint']:.0f} ms, "
            f"TBT {metrics['total-blocking-time']:.0f} ms, CLS {metrics['cumulative-layout-shift']:.3f}, "
            f"Speed Index {metrics['speed-index']:.0f} ms")


# 4. make test ----------------------------------------------------------------------------------

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
    parser.add_argument("--no-make-test", action="store_true", help="skip timing make test")
    args = parser.parse_args()
    site = bench_build()
    try:
        executable = find_chromium()
        if executable is None:
            say(f"\n{not_found_message()}: transfer and Lighthouse skipped")
        else:
            with SiteServer(site) as server:
                bench_transfer(server, executable)
                bench_lighthouse(server, executable)
    finally:
        shutil.rmtree(site, ignore_errors=True)
    if not args.no_make_test:
        bench_make_test()


if __name__ == "__main__":
    main()
