"""List the pages whose next review is due soon (or overdue), from each page's front matter.

    python scripts/review_due.py [--within DAYS] [--today YYYY-MM-DD]

Prints a Markdown list for the weekly workflow's issue, and exits 1 when any page is due within
DAYS (default 60), so the workflow knows to open or update the issue; 0 when none is.
"""
from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data import DOCS, load_guide  # noqa: E402
from macros.messages import GuideError  # noqa: E402
from macros.references import human_date  # noqa: E402


def due_pages(root: Path, today: datetime.date, within: int) -> list[tuple[str, datetime.date, datetime.date]]:
    """(path, last_reviewed, review_due) of each page due on or before today + within days, soonest first."""
    guide = load_guide(root, today=today)
    limit = today + datetime.timedelta(days=within)
    due = [(f"{DOCS}/{src}", meta.last_reviewed, meta.review_due)
           for src, meta in guide.pages.items() if meta.review_due <= limit]
    return sorted(due, key=lambda row: (row[2], row[0]))


def report(rows, today: datetime.date, within: int) -> str:
    if not rows:
        return f"No page is due for review within {within} days of {human_date(today)}."
    lines = [f"{len(rows)} page(s) due for review within {within} days of {human_date(today)}. "
             "Check each against its sources, then set `last_reviewed` to the day you checked and "
             "`review_due` to the next date (at most 3 years later).", ""]
    for path, reviewed, due in rows:
        state = "overdue since" if due < today else "due"
        lines.append(f"- `{path}`: {state} {human_date(due)} (last reviewed {human_date(reviewed)})")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/review_due.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--within", type=int, default=60, help="days ahead to look (default 60)")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today(),
                        help="the date to count from, YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    try:
        rows = due_pages(ROOT, args.today, args.within)
    except GuideError as error:
        print(error, file=sys.stderr)
        return 2
    print(report(rows, args.today, args.within))
    return 1 if rows else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
