"""Build the same mkdocs.yml with MkDocs and with ProperDocs (the maintained MkDocs 1.x
continuation), both --strict, and compare the pages they write. Run by `make properdocs` and by
the non-blocking `properdocs` job in .github/workflows/ci.yml.

ProperDocs runs in its own virtual environment (under .cache/properdocs/) holding the build's
packages from requirements.lock, at the locked versions and hashes, and no MkDocs at all: so a pass
shows that the site, its plugins and the lint need nothing from MkDocs itself.

Exit status 0 when both builds pass and write the same set of pages; 1 otherwise.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bs4 import BeautifulSoup
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
WORK = ROOT / ".cache" / "properdocs"
# What the build imports: the generator, the theme, the plugins and extensions, and what the
# macros and the lint use. Their dependencies are found from the installed packages' metadata.
BUILD_NEEDS = ["properdocs", "mkdocs-material", "pymdown-extensions", "mkdocs-macros-plugin",
               "mkdocs-awesome-nav", "pydantic", "pyyaml", "beautifulsoup4", "textstat", "setuptools"]
LEFT_OUT = {"mkdocs"}  # the point of the exercise


def closure(names: list[str], left_out: set[str] = LEFT_OUT) -> set[str]:
    """The packages `names` need, found from this environment's installed metadata (the lock)."""
    found, todo = set(), [canonicalize_name(n) for n in names]
    while todo:
        name = todo.pop()
        if name in found or name in left_out:
            continue
        found.add(name)
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    return found


def lock_entries(lock_text: str, wanted: set[str]) -> str:
    """The lock's hashed entries for `wanted` packages only, in pip's requirements format."""
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock_text)
    kept = [entry for entry in entries
            if re.match(r"[A-Za-z0-9]", entry)
            and canonicalize_name(entry.split("==", 1)[0]) in wanted]
    missing = wanted - {canonicalize_name(e.split("==", 1)[0]) for e in kept}
    if missing:
        raise SystemExit(f"requirements.lock has no entry for {', '.join(sorted(missing))} — run `make lock`")
    return "\n".join(entry.rstrip("\n") for entry in kept) + "\n"


def properdocs_venv() -> Path:
    """A virtual environment with ProperDocs and the build's packages, without MkDocs; reused
    while requirements.lock is unchanged."""
    wanted = closure(BUILD_NEEDS)
    requirements = lock_entries(LOCK.read_text(encoding="utf-8"), wanted)
    venv = WORK / f"venv-{hashlib.sha256(requirements.encode()).hexdigest()[:12]}"
    python = venv / "bin" / "python"
    if not (venv / ".installed").is_file():
        WORK.mkdir(parents=True, exist_ok=True)
        for stale in WORK.glob("venv-*"):  # made from an older lock
            shutil.rmtree(stale)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        (venv / "requirements.txt").write_text(requirements, encoding="utf-8")
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps",
                        "-r", str(venv / "requirements.txt")], check=True)
        (venv / ".installed").touch()
    return venv


@dataclass
class Build:
    name: str
    ok: bool
    seconds: float
    output: str
    pages: dict[str, str]  # page path in the site -> its article text


def pages_of(site: Path) -> dict[str, str]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article") or soup.body or soup
        pages[path.relative_to(site).as_posix()] = " ".join(article.get_text(" ").split())
    return pages


def build(name: str, command: list[str], site: Path) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([*command, "build", "--strict", "--clean", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    pages = pages_of(site) if result.returncode == 0 else {}
    return Build(name, result.returncode == 0, seconds, result.stdout + result.stderr, pages)


def compare(first: Build, second: Build) -> tuple[bool, list[str]]:
    """Whether both builds passed with the same page set, and the report's lines."""
    lines = [f"{b.name}: {'passed' if b.ok else 'FAILED'} in {b.seconds:.1f} s, {len(b.pages)} pages"
             for b in (first, second)]
    for b in (first, second):
        if not b.ok:
            lines.append(f"{b.name} output (last lines):")
            lines += ["    " + line for line in b.output.strip().splitlines()[-15:]]
    if not (first.ok and second.ok):
        return False, lines
    only_first = sorted(set(first.pages) - set(second.pages))
    only_second = sorted(set(second.pages) - set(first.pages))
    lines.append(f"pages only in {first.name}: {', '.join(only_first) or 'none'}")
    lines.append(f"pages only in {second.name}: {', '.join(only_second) or 'none'}")
    common = sorted(set(first.pages) & set(second.pages))
    differ = [page for page in common if first.pages[page] != second.pages[page]]
    lines.append(f"article text identical on {len(common) - len(differ)} of {len(common)} pages"
                 + (f"; differs on: {', '.join(differ)}" if differ else ""))
    same = not only_first and not only_second
    lines.append("result: " + ("same page set" if same else "DIFFERENT page sets"))
    return same, lines


def version(python: Path, package: str) -> str:
    return subprocess.run([str(python), "-c", f"from importlib.metadata import version; print(version('{package}'))"],
                          capture_output=True, text=True, check=True).stdout.strip()


def main() -> int:
    venv = properdocs_venv()
    has_mkdocs = subprocess.run([str(venv / "bin" / "python"), "-c", "import importlib.util as u; "
                                 "print(u.find_spec('mkdocs') is not None)"],
                                capture_output=True, text=True, check=True).stdout.strip()
    mkdocs = build(f"MkDocs {metadata.version('mkdocs')}", [str(Path(sys.executable).parent / "mkdocs")],
                   WORK / "site-mkdocs")
    properdocs = build(f"ProperDocs {version(venv / 'bin' / 'python', 'properdocs')}",
                       [str(venv / "bin" / "properdocs")], WORK / "site-properdocs")
    same, lines = compare(mkdocs, properdocs)
    lines.insert(0, "Same mkdocs.yml, both --strict (the content lint runs inside each build); "
                    f"MkDocs installed beside ProperDocs: {'yes' if has_mkdocs == 'True' else 'no'}")
    report = "\n".join(lines)
    print(report)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write("## ProperDocs compatibility build\n\n```text\n" + report + "\n```\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
