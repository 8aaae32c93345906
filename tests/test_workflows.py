"""The GitHub workflows cannot run here, so they are checked statically: actionlint, zizmor
(offline, no medium or high finding), least-privilege permissions, no expressions inside `run:`."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
ZIZMOR_CONFIG = ROOT / ".github" / "zizmor.yml"
CURRENT_MAJORS = {"actions/checkout": "v7", "actions/setup-python": "v7",
                  "actions/upload-pages-artifact": "v5", "actions/deploy-pages": "v5"}


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is not installed: run `make test`, which installs requirements.lock"
    return found


def zizmor(target: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("zizmor"), "--offline", "--no-progress", "--min-severity", "medium",
                           "--config", str(ZIZMOR_CONFIG), str(target)],
                          capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_there_are_the_three_workflows():
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "pages.yml", "links.yml"}


def test_actionlint():
    result = subprocess.run([tool("actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_medium_or_high():
    result = zizmor(ROOT / ".github" / "workflows")
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_would_catch_a_template_injection(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: issues\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo \"${{ github.event.issue.title }}\"\n")
    result = zizmor(bad)
    assert result.returncode != 0 and "template-injection" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_permissions(path):
    workflow = load(path)
    assert workflow.get("permissions") == {"contents": "read"}, f"{path.name}: top-level permissions"
    for name, job in workflow["jobs"].items():
        for scope, level in (job.get("permissions") or {}).items():
            assert level in ("read", "write", "none"), f"{path.name}:{name}: {scope}: {level}"
        assert "write-all" not in str(job.get("permissions")), f"{path.name}:{name}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expressions_inside_run(path):
    for name, job in load(path)["jobs"].items():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), (
                f"{path.name}:{name}: pass values to run: through env:, not ${{{{ }}}}")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_current_majors(path):
    for job in load(path)["jobs"].values():
        for step in job.get("steps", []):
            if "uses" in step:
                action, _, ref = step["uses"].partition("@")
                assert action in CURRENT_MAJORS, f"{path.name}: {action} is not a known first-party action"
                assert ref == CURRENT_MAJORS[action], f"{path.name}: {action}@{ref}, want {CURRENT_MAJORS[action]}"


def test_the_properdocs_build_is_a_non_blocking_ci_job():
    job = load(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]["properdocs"]
    assert job["continue-on-error"] == "true"  # BaseLoader keeps YAML scalars as text
    assert [step.get("run") for step in job["steps"] if "run" in step] == ["make properdocs"]


def test_the_weekly_workflow_lists_pages_due_for_review():
    workflow = load(ROOT / ".github" / "workflows" / "links.yml")
    assert "schedule" in workflow["on"]
    job = workflow["jobs"]["review-due"]
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "scripts/review_due.py --within 60" in runs and "gh issue create" in runs
    assert job["permissions"] == {"contents": "read", "issues": "write"}
