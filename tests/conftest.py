"""Shared fixtures: one strict build of the real site per test session, and scratch copies of the
project for tests that feed the build bad input."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from filelock import FileLock
from xdist.scheduler import LoadScopeScheduling

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from postbuild.lint import page_url  # noqa: E402

# What a build needs; copied into a scratch folder for the bad-input tests.
PROJECT_PARTS = ["mkdocs.yml", "docs", "data", "includes", "macros", "postbuild", "overrides", "CONTRIBUTING.md"]
BIN = Path(sys.executable).parent


def mkdocs_build(project: Path, site_dir: Path, *options: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`, run from the project folder as `make build` does, with any other options."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", *options, "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


def build_problems(output: str) -> list[str]:
    """What a failed build says is wrong: its list of problems, else a macro error, else its last lines."""
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if re.search(r"\d+ problems? in the guide:", line)), None)
    if start is not None:
        return [line.strip() for line in lines[start + 1:] if line.startswith("  ")]
    macro = [line for line in lines if line.startswith("_") and "_: " in line]  # mkdocs-macros' error line
    return macro or lines[-30:]


def handouts_build(project: Path, site_dir: Path, only: list[str] | None = None) -> subprocess.CompletedProcess:
    """The PDF handouts from a built site, as `make build` makes them after `mkdocs build` (with
    `only`, just those files: a scratch build makes only the PDFs its tests read)."""
    return subprocess.run([str(BIN / "python"), "-m", "postbuild.handouts", str(site_dir),
                           *(["--only", *only] if only else [])],
                          cwd=project, capture_output=True, text=True, timeout=600)


def offline_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """The service worker, manifest and icons, as `make build` makes them after the handouts."""
    return subprocess.run([str(BIN / "python"), "-m", "postbuild.offline", str(site_dir)],
                          cwd=project, capture_output=True, text=True, timeout=120)


@pytest.hookimpl(trylast=True)  # after pytest's own, which makes the temporary folders
def pytest_configure(config):
    """Page texts of the PDFs are read once per run, whichever worker reads them first (tests/pdfs.py)."""
    if not config.option.collectonly:
        shared = config._tmp_path_factory.getbasetemp()
        if hasattr(config, "workerinput"):
            shared = shared.parent  # the controller's, as in the site fixture
        os.environ.setdefault("PDF_TEXT_CACHE", str(shared / "pdf-text"))


def pytest_sessionstart(session):
    """Under pytest-xdist (make test), the controller builds the site's pages before any worker
    starts, so a page that breaks the build stops the run with the build's own list of problems
    (file, line, fix). A worker's pytest.exit would end as an INTERNALERROR that hides them
    (pytest-xdist issue 1239). The workers then add the handouts and the offline copy (site)."""
    config = session.config
    if config.option.collectonly or config.pluginmanager.getplugin("dsession") is None:
        return
    shared = config._tmp_path_factory.getbasetemp() / "site"  # the workers' basetemp.parent / "site"
    with FileLock(f"{shared}.lock"):
        build_pages(shared)
        Path(f"{shared}.pages").touch()


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The real site with its handouts, built once per run: under pytest-xdist the controller has
    built its pages (pytest_sessionstart), the first worker adds the rest and the other waits for it
    and shares it (no test writes into it)."""
    if worker_id == "master":  # not under xdist
        return build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent / "site"
    with FileLock(f"{shared}.lock"):
        if not Path(f"{shared}.built").is_file():
            build_site(shared, pages_built=Path(f"{shared}.pages").is_file())
            Path(f"{shared}.built").touch()
    return shared


def build_pages(site_dir: Path) -> None:
    """`mkdocs build --strict` into site_dir. If the site does not build, nothing else can be checked:
    stop the run and show the build's own list of problems, once, instead of a failure for every test."""
    result = mkdocs_build(ROOT, site_dir)
    if result.returncode != 0:
        problems = "\n".join("  " + line for line in build_problems(result.stdout + result.stderr))
        pytest.exit(f"the site does not build (mkdocs build --strict), so the tests stop here.\n"
                    f"Fix these problems, then run `make test` again:\n{problems}", returncode=1)


def build_site(site_dir: Path, pages_built: bool = False) -> Path:
    """`make build` into site_dir (its pages already there if pages_built)."""
    if not pages_built:
        build_pages(site_dir)
    result = handouts_build(ROOT, site_dir)
    assert result.returncode == 0, f"handouts failed:\n{result.stdout}\n{result.stderr}"
    result = offline_build(ROOT, site_dir)
    assert result.returncode == 0, f"the offline copy failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def source_pages() -> list[str]:
    """Every page's path under docs/, e.g. 'techniques/stripping.md'."""
    return sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))


@pytest.fixture(scope="session")
def rendered(site, source_pages):
    """src_uri -> parsed HTML of the built page."""
    cache: dict[str, BeautifulSoup] = {}

    def get(src_uri: str) -> BeautifulSoup:
        if src_uri not in cache:
            html = (site / page_url(src_uri) / "index.html").read_text(encoding="utf-8")
            cache[src_uri] = BeautifulSoup(html, "html.parser")
        return cache[src_uri]

    return get


def copy_project(target: Path) -> Path:
    """Copy everything the build reads into target (a scratch folder, safe to break)."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A scratch copy of everything the build reads, safe to break."""
    return copy_project(tmp_path)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file, failing loudly if the text is not there (so a test cannot pass vacuously)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# --- pytest-xdist: which tests run on the same worker ----------------------------------------------
# Tests that share a costly fixture made once per module (a scratch build, a served copy) or a part of
# the browser tour (marked xdist_group) run on one worker, so that fixture is made once; every other
# test is handed out on its own, to whichever worker is free. The workers write the groups they
# collected to a file; the scheduler in the controlling process reads it.
GROUPS_FILE = "xdist-groups.json"


def shared_keys(item: pytest.Item) -> set[str]:
    """What a test shares with others: each module- or class-scoped fixture it uses, and its xdist_group."""
    keys = {f"group {mark.kwargs.get('name', mark.args[0] if mark.args else '')}"
            for mark in item.iter_markers("xdist_group")}
    info = getattr(item, "_fixtureinfo", None)
    for name in info.names_closure if info else ():
        for definition in info.name2fixturedefs.get(name, ())[-1:]:
            holder = {"module": item.getparent(pytest.Module), "class": item.getparent(pytest.Class),
                      "package": item.getparent(pytest.Package)}.get(definition.scope)
            if holder is not None:  # one instance of the fixture per module, class or package
                keys.add(f"fixture {name} in {holder.nodeid}")
    return keys


def groups_of(items: list[pytest.Item]) -> dict[str, str]:
    """nodeid -> the first nodeid of its group, for tests linked (through any chain) by a shared key."""
    parent = {item.nodeid: item.nodeid for item in items}

    def root(nodeid: str) -> str:
        while parent[nodeid] != nodeid:
            nodeid = parent[nodeid] = parent[parent[nodeid]]
        return nodeid

    first_with: dict[str, str] = {}
    for item in items:
        for key in shared_keys(item):
            other = first_with.setdefault(key, item.nodeid)
            parent[root(item.nodeid)] = root(other)
    roots = {nodeid: root(nodeid) for nodeid in parent}
    sizes = Counter(roots.values())
    return {nodeid: group for nodeid, group in roots.items() if sizes[group] > 1}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    if not hasattr(config, "workerinput"):  # only the xdist workers collect
        return
    shared = config._tmp_path_factory.getbasetemp().parent  # the controller's, as in the site fixture
    target = shared / GROUPS_FILE
    scratch = shared / f"{GROUPS_FILE}.{config.workerinput['workerid']}"
    scratch.write_text(json.dumps(groups_of(items)), encoding="utf-8")
    os.replace(scratch, target)  # the workers write the same groups; each write is whole


class SharedFixturesTogether(LoadScopeScheduling):
    """pytest-xdist scheduling for `make test`: a group of tests (see shared_keys) is one unit of work,
    any other test is a unit of its own. Bigger units are handed out first (xdist's default order)."""

    def _split_scope(self, nodeid: str) -> str:
        if not hasattr(self, "_groups"):
            path = self.config._tmp_path_factory.getbasetemp() / GROUPS_FILE
            self._groups = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        return self._groups.get(nodeid, nodeid)


def pytest_xdist_make_scheduler(config, log):
    return SharedFixturesTogether(config, log)
