"""Finding the browser: CHROME_PATH wins and must be an executable file."""
from __future__ import annotations

import sys

import pytest

from postbuild.chromium import ChromiumPathError, find_chromium


def test_chrome_path_is_used_when_set(monkeypatch):
    monkeypatch.setenv("CHROME_PATH", sys.executable)
    assert find_chromium() == sys.executable


def test_a_wrong_chrome_path_is_an_error_not_a_skip(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROME_PATH", str(tmp_path / "no-chromium-here"))
    with pytest.raises(ChromiumPathError, match="CHROME_PATH=.*not an executable file"):
        find_chromium()
