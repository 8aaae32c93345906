"""The system Chromium, as the browser tests and the benchmark run it: found through CHROME_PATH or
the usual install locations (Playwright never downloads a browser here), with these flags.

The tests prefer Chromium's headless shell (Debian's chromium-headless-shell, the same engine and
version as its chromium, without the full browser's windowing; Playwright's own headless runs use
it too): about a quarter less CPU a page here. Lighthouse wants the full browser (full=True)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
# No host name resolves except loopback: a page's third-party request is still seen by the browser,
# then fails at once, so a test or benchmark never reaches past the machine.
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


class ChromiumPathError(ValueError):
    pass


def find_chromium(full: bool = False) -> str | None:
    """CHROME_PATH if set (it must be an executable file), else the headless shell (unless `full`),
    else the first usual location, else None."""
    configured = os.environ.get("CHROME_PATH")
    if configured:
        if not (Path(configured).is_file() and os.access(configured, os.X_OK)):
            raise ChromiumPathError(f"CHROME_PATH={configured} is not an executable file: "
                                    "point it at Chromium or unset it")
        return configured
    candidates = CANDIDATES if full else (HEADLESS_SHELL, *CANDIDATES)
    return next((c for c in candidates if os.access(c, os.X_OK)), None) or shutil.which("chromium")


def not_found_message(full: bool = False) -> str:
    if full:
        return (f"no full Chromium found: set CHROME_PATH or install one at {', '.join(CANDIDATES)} "
                "(Debian: apt-get install chromium)")
    return (f"no Chromium found: set CHROME_PATH or install one at {', '.join((HEADLESS_SHELL, *CANDIDATES))} "
            "(Debian: apt-get install chromium-headless-shell; `make test` does this)")
