"""Time the PDF handouts: each PDF on its own, and the whole set as `make handouts` makes it.

    python scripts/bench_handouts.py [--repeat N] [--jobs N]      (or: make bench-handouts)

Builds the site into a scratch folder first (not timed), so site/ is left alone. Per PDF it prints
the best and the median of N renders in one process (fonts already loaded, as in a real run); for
the whole set, the wall time with one worker and with one worker per core. Goal: under 0.5 s per
handout on 2 cores. The figures depend on the machine and on what else it is doing: compare runs
made on the same machine.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data import load_guide  # noqa: E402
from postbuild.handouts import build_handouts, build_jobs, read_site, render  # noqa: E402

GOAL_SECONDS = 0.5


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="renders of each PDF (default 5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the whole set")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        site_dir = Path(scratch) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                       cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        out = Path(scratch) / "out"
        start = time.perf_counter()
        jobs = build_jobs(read_site(ROOT, site_dir), load_guide(ROOT))
        prepare = time.perf_counter() - start
        print(f"Machine: {os.cpu_count()} cores. Reading the built pages and data: {prepare:.2f} s\n")

        render(dataclasses.replace(jobs[-1], out=out / "warm-up.pdf"))  # load the fonts once
        print(f"{'PDF':<44} {'pages':>5} {'best s':>7} {'median s':>9}")
        handout_best = []
        for job in jobs:
            times, result = [], None
            for _ in range(args.repeat):
                result = render(dataclasses.replace(job, out=out / job.label))
                times.append(result.seconds)
            print(f"{job.label:<44} {result.pages:>5} {min(times):>7.2f} {statistics.median(times):>9.2f}")
            if "/techniques/" in job.label or "/muscles/" in job.label:
                handout_best.append(min(times))

        print(f"\nPer technique or muscle handout: mean {statistics.mean(handout_best):.2f} s, "
              f"slowest {max(handout_best):.2f} s (goal: under {GOAL_SECONDS} s)")
        for workers in sorted({1, args.jobs}):
            start = time.perf_counter()
            results = build_handouts(ROOT, site_dir, jobs=workers, report=lambda line: None)
            print(f"Whole set, {len(results)} PDFs, {workers} worker{'s' if workers > 1 else ''}: "
                  f"{time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
