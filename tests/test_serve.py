"""`make serve` (mkdocs serve --strict) in a scratch copy: a mistake saved while it runs is shown as
`path:line: what — fix` and the server keeps running; once the file is fixed, the page is rebuilt.
It rebuilds on edits outside docs/ too (data/, includes/, macros/, overrides/: mkdocs.yml `watch:`)."""
from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
import urllib.request

import pytest

from conftest import BIN, copy_project, edit
from postbuild.serve import site_prefix


class Serving:
    """mkdocs serve in a project folder; its output is read as it comes."""

    def __init__(self, root):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--strict", "--dev-addr", f"127.0.0.1:{self.port}"], cwd=root,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True)
        self.output: list[str] = []
        threading.Thread(target=lambda: self.output.extend(iter(self.process.stdout.readline, "")),
                         daemon=True).start()

    def wait_for(self, text: str, after: int = 0, timeout: float = 90) -> int:
        """Wait until a line after line `after` holds text; return the number of lines read by then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.output[after:]):
                return len(self.output)
            assert self.process.poll() is None, "mkdocs serve stopped:\n" + "".join(self.output)
            time.sleep(0.2)
        pytest.fail(f"no {text!r} within {timeout} s:\n" + "".join(self.output[after:]))

    def get(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}{site_prefix()}{path}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


BUILT = "Reloading browsers"  # what serve says after each rebuild that succeeds


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("serve"))
    server = Serving(root)
    server.wait_for("Serving on")
    yield root, server
    server.stop()


# Each mistake a contributor might save, what serve must say, and the edit that makes it.
MISTAKES = [
    ("misspelt macro", "docs/understanding/how-it-feels.md", "{{ care_card(", "{{ care_cards(",
     "docs/understanding/how-it-feels.md:67: 'care_cards' is not a macro here — did you mean care_card?"),
    ("unknown care tier", "docs/understanding/how-it-feels.md", 'care_card("urgent")', 'care_card("urgnt")',
     "'urgnt' is not a care tier here"),
    ("broken data", "data/tools.yml", "  name: Tennis ball", "  name: [Tennis ball",
     "data/tools.yml:"),
    ("script in a page", "docs/about.md", "# About this guide", "# About this guide\n\n<script>x()</script>",
     "the page has a <script> element"),
]


@pytest.mark.parametrize("name, path, old, new, says", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_saved_mistake_is_shown_and_serve_recovers_when_it_is_fixed(serving, name, path, old, new, says):
    root, server = serving
    start = len(server.output)
    edit(root / path, old, new)
    after = server.wait_for(says, start)
    assert "Traceback" not in "".join(server.output[start:]), "".join(server.output[start:])
    edit(root / path, new, old)
    server.wait_for(BUILT, after)
    assert "About this guide" in server.get("about/")


def test_an_edit_to_the_data_rebuilds_the_page(serving):
    root, server = serving
    start = len(server.output)
    edit(root / "data/tools.yml", "  name: Tennis ball", "  name: Tennis ball (soft)")
    server.wait_for(BUILT, start)
    assert "Tennis ball (soft)" in server.get("tools/")
    edit(root / "data/tools.yml", "  name: Tennis ball (soft)", "  name: Tennis ball")


def test_serve_registers_no_service_worker(serving):
    """A worker would keep serving saved stylesheets and scripts while a contributor edits them."""
    html = serving[1].get("techniques/stripping/")
    assert "Last reviewed" in html, "not the page, so the check would prove nothing"
    # guide.js registers the worker only on pages that link the manifest (tests/test_offline.py).
    assert 'rel="manifest"' not in html and "guide.js" in html
