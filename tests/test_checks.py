"""The fast checks of .pre-commit-config.yaml (spelling, YAML, Markdown, whitespace, issue forms):
they pass on every file of the repository, and each one catches what it is there for."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

CHECKS = ROOT / "scripts" / "checks.py"


def run_checks(*files, home) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run([sys.executable, str(CHECKS), *map(str, files)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_every_file_passes_the_checks(tmp_path):
    result = run_checks(home=tmp_path / "pre-commit")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


MISTAKES = [
    ("spelling.md", "# Notes\n\nPress the pirformis, not the lumber spine.\n",  # codespell:ignore
     "codespell", "pirformis ==> piriformis"),  # codespell:ignore
    ("data.yml", "muscles:\n  name: One\n  name: Two\n", "yamllint", 'duplication of key "name"'),
    ("page.md", "# Title\n\n### Skipped a level\n\nText.\n", "pymarkdown", "MD001"),
    ("trailing.md", "# Title\n\nA line with spaces after it.   \n", "trailing-whitespace", "trailing.md:3:"),
    ("no-newline.md", "# Title\n\nNo newline at the end.", "end-of-file", "no-newline.md:3:"),
]


@pytest.fixture(scope="module")
def checked_mistakes(tmp_path_factory) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    """One run of the checks over every mistake, each in its own file: hook id -> what that hook said."""
    folder = tmp_path_factory.mktemp("mistakes")
    for name, text, _, _ in MISTAKES:
        (folder / name).write_text(text, encoding="utf-8")
    result = run_checks(*(folder / name for name, _, _, _ in MISTAKES), home=folder / "pre-commit")
    # pre-commit prints "<hook name>....Failed", then "- hook id: <id>" and what the hook said.
    sections = re.split(r"^\S.*?\.{3,}(?:Passed|Failed|\(no files to check\)Skipped)$", result.stdout, flags=re.M)
    said = {match[1]: section for section in sections if (match := re.search(r"^- hook id: (\S+)", section, re.M))}
    return result, said


@pytest.mark.parametrize("name, text, hook, says", MISTAKES, ids=[name for name, _, _, _ in MISTAKES])
def test_each_check_catches_its_problem(checked_mistakes, name, text, hook, says):
    result, said = checked_mistakes
    assert result.returncode != 0
    assert hook in said and says in said[hook], result.stdout
