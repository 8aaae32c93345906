"""Finding the browser: CHROME_PATH wins and must be an executable file."""
from __future__ import annotations

import sys

import pytest

from postbuild import chromium
from postbuild.chromium import ChromiumPathError, find_chromium


def test_chrome_path_is_used_when_set(monkeypatch):
    monkeypatch.setenv("CHROME_PATH", sys.executable)
    assert find_chromium() == sys.executable


def test_a_wrong_chrome_path_is_an_error_not_a_skip(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROME_PATH", str(tmp_path / "no-chromium-here"))
    with pytest.raises(ChromiumPathError, match="CHROME_PATH=.*not an executable file"):
        find_chromium()


def test_the_tests_take_the_headless_shell_first_and_lighthouse_the_full_browser(monkeypatch, tmp_path):
    shell, full = tmp_path / "chromium-headless-shell", tmp_path / "chromium"
    for program in (shell, full):
        program.write_text("#!/bin/sh\n")
        program.chmod(0o755)
    monkeypatch.delenv("CHROME_PATH", raising=False)
    monkeypatch.setattr(chromium, "HEADLESS_SHELL", str(shell))
    monkeypatch.setattr(chromium, "CANDIDATES", (str(full),))
    assert (find_chromium(), find_chromium(full=True)) == (str(shell), str(full))
