"""Run the fast checks of .pre-commit-config.yaml on every file git tracks or would track, new
files included (pre-commit's own --all-files skips files not yet added). `make check` runs this;
so does `make test`, through tests/test_checks.py.

    python scripts/checks.py              # every file
    python scripts/checks.py FILE...      # just these
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def repository_files(root: Path = ROOT) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=root, capture_output=True, text=True, check=True).stdout
    return sorted({name for name in listed.split("\0") if name and (root / name).is_file()})


def main(argv: list[str]) -> int:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    files = argv or repository_files()
    return subprocess.run([str(pre_commit), "run", "--color", "never", "--files", *files], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
