"""Growth stays green: "adding a technique is adding one file" holds at ten techniques and four
muscles. Seven technique pages and one muscle page are made with the scaffold and filled, as a
contributor would; the strict build, the lint and axe-core (at desktop width in the light palette
and at phone width in the dark one) then pass on the new pages and on the pages whose navigation
they lengthen."""
from __future__ import annotations

import datetime

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from conftest import copy_project, mkdocs_build
from postbuild.lint import lint_site
from postbuild.serve import SiteServer
from test_scaffold import FILLS, fill, scaffold

from .conftest import DESKTOP, PHONE, axe_violations, start_axe
from .test_accessibility import report

TODAY = datetime.date(2026, 1, 5)
NEW_TECHNIQUES = [f"Test technique {word}" for word in
                  ("four", "five", "six", "seven", "eight", "nine", "ten")]
NEW_MUSCLE = "Test muscle four"
# The fourth and the tenth technique, the fourth muscle, and pages whose navigation they lengthen.
CHECKED = ["techniques/test-technique-four/", "techniques/test-technique-ten/", "muscles/test-muscle-four/",
           "techniques/", "techniques/stripping/", "", "contributing/macros/"]


@pytest.fixture(scope="module")
def grown_site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("grown"))
    for kind, name in [*(("technique", n) for n in NEW_TECHNIQUES), ("muscle", NEW_MUSCLE)]:
        page = scaffold.scaffold(kind, name, root, TODAY)
        page.write_text(fill(page.read_text(encoding="utf-8"), FILLS[kind]), encoding="utf-8")
    site = root / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return root, site


def test_the_grown_site_builds_and_passes_the_lint(grown_site):
    root, site = grown_site
    assert lint_site(site, root / "docs") == []
    overview = (site / "techniques/index.html").read_text(encoding="utf-8")
    assert all(name in overview for name in NEW_TECHNIQUES)


@pytest.fixture(scope="module")
def grown_server(grown_site):
    with SiteServer(grown_site[1]) as running:
        yield running


@pytest.mark.parametrize("scheme, viewport", [("light", DESKTOP), ("dark", PHONE)], ids=["light-desktop", "dark-phone"])
def test_the_grown_site_has_no_axe_violations(browser, grown_server, scheme, viewport):
    context = browser.new_context(color_scheme=scheme, viewport=viewport)
    context.add_init_script(script=AXE_SCRIPT)
    page = context.new_page()
    failures = {}
    try:
        for path in CHECKED:
            page.goto(grown_server.url + path)
            start_axe(page)
            violations = axe_violations(page)
            if violations:
                failures[path or "home"] = report(violations)
    finally:
        context.close()
    assert not failures, "\n".join(f"{path}:\n{text}" for path, text in failures.items())
