"""scripts/review_due.py: the pages the weekly workflow asks a clinician to review."""
from __future__ import annotations

import datetime
import re
import subprocess
import sys

from conftest import ROOT, copy_project
from macros.data import load_guide

sys.path.insert(0, str(ROOT / "scripts"))
import review_due  # noqa: E402


def test_a_page_due_within_the_window_is_listed_and_others_are_not(tmp_path):
    project = copy_project(tmp_path)
    guide = load_guide(project)
    meta = guide.pages["tools.md"]
    day = meta.review_due - datetime.timedelta(days=30)
    rows = review_due.due_pages(project, day, 60)
    assert ("docs/tools.md", meta.last_reviewed, meta.review_due) in rows
    assert all(due <= day + datetime.timedelta(days=60) for _, _, due in rows)
    soonest = min(m.review_due for m in guide.pages.values())
    assert review_due.due_pages(project, soonest - datetime.timedelta(days=61), 60) == []


def test_an_overdue_page_says_so(tmp_path):
    project = copy_project(tmp_path)
    page = project / "docs/tools.md"
    page.write_text(re.sub(r"^last_reviewed: .*\nreview_due: .*$", "last_reviewed: 2026-01-05\nreview_due: 2026-11-30",
                           page.read_text(), count=1, flags=re.M))
    rows = review_due.due_pages(project, datetime.date(2026, 12, 1), 60)
    assert "`docs/tools.md`: overdue since 30 November 2026" in review_due.report(rows, datetime.date(2026, 12, 1), 60)


def test_the_command_exits_1_when_a_page_is_due_and_0_when_none_is():
    soonest = min(m.review_due for m in load_guide(ROOT).pages.values())

    def run(today):
        return subprocess.run([sys.executable, str(ROOT / "scripts/review_due.py"), "--today", today.isoformat()],
                              capture_output=True, text=True, timeout=60)
    due = run(soonest - datetime.timedelta(days=10))
    assert due.returncode == 1 and "due for review" in due.stdout
    quiet = run(soonest - datetime.timedelta(days=90))
    assert quiet.returncode == 0 and "No page is due" in quiet.stdout
