"""The fast checks of .pre-commit-config.yaml (spelling, YAML, Markdown, whitespace, issue forms):
they pass on every file of the repository, and each one catches what it is there for."""
from __future__ import annotations

import os
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


@pytest.mark.parametrize("name, text, hook, says", [
    ("spelling.md", "# Notes\n\nPress the pirformis, not the lumber spine.\n",  # codespell:ignore
     "codespell", "pirformis ==> piriformis"),  # codespell:ignore
    ("data.yml", "muscles:\n  name: One\n  name: Two\n", "yamllint", 'duplication of key "name"'),
    ("page.md", "# Title\n\n### Skipped a level\n\nText.\n", "pymarkdown", "MD001"),
    ("trailing.md", "# Title\n\nA line with spaces after it.   \n", "trailing-whitespace", "trailing.md:3:"),
    ("no-newline.md", "# Title\n\nNo newline at the end.", "end-of-file", "no-newline.md:3:"),
])
def test_each_check_catches_its_problem(tmp_path, name, text, hook, says):
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    result = run_checks(bad, home=tmp_path / "pre-commit")
    assert result.returncode != 0
    failed = [block for block in result.stdout.split("\n\n") if f"- hook id: {hook}" in block]
    assert failed and says in result.stdout, result.stdout
