"""Check that no run of 8 or more words from the seed texts appears on the site.

The seed texts are not ours to publish, so the repository keeps only hashes of their 8-word runs
(tests/data/seed-fingerprints.txt). Regenerate it when the seeds change:

    python -m postbuild.originality ../shared/seeds > tests/data/seed-fingerprints.txt
"""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

RUN = 8
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return _WORD.findall(text)


def fingerprint(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def runs(text: str, size: int = RUN):
    tokens = words(text)
    for start in range(len(tokens) - size + 1):
        yield tokens[start:start + size]


def fingerprints(text: str) -> set[str]:
    return {fingerprint(run) for run in runs(text)}


def copied_runs(text: str, known: set[str]) -> list[str]:
    """Every 8-word run of `text` whose fingerprint is in `known`, as plain words."""
    return [" ".join(run) for run in runs(text) if fingerprint(run) in known]


def load(path: Path) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def main(argv: list[str]) -> int:
    seeds = Path(argv[0] if argv else "../shared/seeds")
    prints: set[str] = set()
    for path in sorted(seeds.glob("*.txt")):
        prints |= fingerprints(path.read_text(encoding="utf-8"))
    print(f"# sha256[:16] of every {RUN}-word run of the seed texts; made by python -m postbuild.originality")
    print("\n".join(sorted(prints)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
