"""The guide offline (postbuild/offline.py, postbuild/service_worker.js). After one visit, another
page and the search work with no network, and a page from the saved copy says so, with its review
date. After a rebuild with changed safety text, an online reader gets the new text at once; the
worker's update saves the new copy and deletes the old caches. The routine player runs offline. PDFs are saved when opened, not before.

Served from a folder of its own (a symlink swapped to the new build), on a server and origin of its
own, so the worker and its caches touch no other test."""
from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.base import AXE_SCRIPT

from conftest import copy_project, edit, mkdocs_build, offline_build
from postbuild.serve import SiteServer

from .conftest import CSP_RECORDER, PHONE, axe_violations, search, show_timer, start_axe

PAGE = "techniques/stripping/"
OLD_TEXT, NEW_TEXT = "pressing on can irritate the nerve more", "pressing on can make the nerve more irritated"
PDF_FOLDER = "handouts/"
ROUTINE = "routine/?muscle=piriformis&technique=sustained-compression&side=left"
# Every cache the site's worker has made, and the addresses each holds.
CACHES = """async () => Object.fromEntries(await Promise.all((await caches.keys()).map(async name =>
    [name, (await (await caches.open(name)).keys()).map(request => request.url)])))"""


# Resolves once the worker has saved this address among the PDFs (it saves while the PDF is shown).
SAVED = """async url => {
    const cache = await caches.open('guide-handouts');
    while (!await cache.match(url)) await new Promise(resolve => setTimeout(resolve, 50));
}"""


def version(site: Path) -> str:
    return re.search(r'const VERSION = "(\w+)"', (site / "sw.js").read_text(encoding="utf-8"))[1]


def review_date(src: str) -> str:
    """The page's last_reviewed, as the saved-copy notice writes it: '1 December 2026'."""
    text = (Path(__file__).resolve().parents[2] / "docs" / src).read_text(encoding="utf-8")
    reviewed = yaml.safe_load(text.split("---")[1])["last_reviewed"]
    return f"{reviewed.day} {reviewed.strftime('%B %Y')}"


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    link = folder / "served"
    link.symlink_to(site, target_is_directory=True)
    with SiteServer(link) as server:
        yield server, link, folder


def switch(link: Path, target: Path) -> None:
    """Serve another build from the same address, at once."""
    new_link = link.with_name("next")
    new_link.symlink_to(target, target_is_directory=True)
    os.replace(new_link, link)


# Resolves once the site's newest worker is active and has finished its activate step (so the old
# caches are deleted), after checking for a new one when asked to.
ACTIVATED = """async check => {
    const registration = await navigator.serviceWorker.ready;
    if (check) await registration.update();
    const worker = registration.installing || registration.waiting || registration.active;
    while (worker.state !== 'activated') {
        if (worker.state === 'redundant') throw new Error('the new worker failed to install');
        await new Promise(resolve => worker.addEventListener('statechange', resolve, {once: true}));
    }
}"""


def wait_for_worker(page, check_for_update: bool = False) -> None:
    """Until the site's newest worker is active and controls the page."""
    page.evaluate(ACTIVATED, check_for_update)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def rebuild_with_new_text(folder: Path) -> Path:
    """The site built from a scratch copy of the project whose safety text says NEW_TEXT."""
    (folder / "project").mkdir()
    project = copy_project(folder / "project")
    edit(project / "data" / "safety.yml", OLD_TEXT, NEW_TEXT)
    rebuilt = folder / "rebuilt"
    for step in (mkdocs_build, offline_build):
        result = step(project, rebuilt)
        assert result.returncode == 0, result.stdout + result.stderr
    return rebuilt


def test_after_one_visit_the_guide_works_offline_and_updates_when_rebuilt(new_page, served, site):
    server, link, folder = served
    with ThreadPoolExecutor(1) as pool:  # the rebuild runs while the browser works offline
        rebuilding = pool.submit(rebuild_with_new_text, folder)
        offline_then_rebuilt(new_page, server, link, site, rebuilding)


def offline_then_rebuilt(new_page, server, link, site, rebuilding) -> None:
    """The visit, offline, the switch to the rebuilt site, online, the update, offline again."""
    page = new_page(viewport=PHONE, color_scheme="dark", service_workers="allow")
    context = page.context
    context.add_init_script(script=AXE_SCRIPT)
    context.add_init_script(script=CSP_RECORDER)
    page.goto(server.url)
    wait_for_worker(page)
    assert set(page.evaluate(CACHES)) == {f"guide-precache-{version(site)}"}

    saved = page.evaluate(CACHES)[f"guide-precache-{version(site)}"]
    assert any(url.startswith(server.url + PAGE + "?") for url in saved)
    assert any("/search/search_index.json?" in url for url in saved)
    assert not [url for url in saved if ".pdf" in url]

    # A PDF is saved when it is opened, and is there offline.
    pdf = server.url + PDF_FOLDER + sorted(p.name for p in (site / PDF_FOLDER).glob("*.pdf"))[0]
    assert page.evaluate("url => fetch(url).then(r => r.status)", pdf) == 200
    page.evaluate(SAVED, pdf)

    context.set_offline(True)
    page.goto(server.url + PAGE)
    notice = page.locator(".saved-copy")
    assert notice.is_visible()
    assert "saved" in notice.inner_text() and review_date("techniques/stripping.md") in notice.inner_text()
    assert OLD_TEXT in page.locator("article").inner_text()
    show_timer(page)  # its script and stylesheet, loaded when the steps come near, from the saved copy
    start_axe(page)
    assert axe_violations(page) == []
    assert page.evaluate("window.__csp") == []
    summary, links = search(page, "piriformis")
    assert server.url + "muscles/piriformis/" in links, summary
    assert page.evaluate("url => fetch(url).then(r => r.status)", pdf) == 200

    # The routine player works offline too: a routine from the address starts, with the technique's
    # steps fetched from the saved copy of its page.
    page.goto(server.url + ROUTINE)
    page.locator(".routine-player .task-list input").evaluate_all("boxes => boxes.forEach(b => b.checked = true)")
    page.get_by_role("button", name="Start the routine").click()
    play = page.locator(".routine-player__play")
    assert play.locator("h2").inner_text() == "Spot 1 of 1"
    play.locator("ol").nth(1).wait_for()
    assert "ball" in play.locator("ol").first.inner_text().lower()
    page.goto(server.url + PAGE)

    # The safety text changes and the site is rebuilt; back online, the page shows the new text.
    rebuilt = rebuilding.result()
    switch(link, rebuilt)
    context.set_offline(False)
    page.reload()
    assert NEW_TEXT in page.locator("article").inner_text()
    assert not page.locator(".saved-copy").is_visible()

    # The worker updates: the new copy is saved, the old precache is gone, the PDFs kept.
    wait_for_worker(page, check_for_update=True)
    assert set(page.evaluate(CACHES)) == {f"guide-precache-{version(rebuilt)}", "guide-handouts"}
    context.set_offline(True)
    page.reload()
    assert page.locator(".saved-copy").is_visible()
    assert NEW_TEXT in page.locator("article").inner_text()


def test_the_site_can_be_installed_on_a_home_screen(new_page, served):
    """Chromium reads the manifest with no error and finds nothing that stops an install (but
    that the browser context is a private one, as every Playwright context is)."""
    server = served[0]
    page = new_page(service_workers="allow")
    page.goto(server.url)
    wait_for_worker(page)
    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    assert manifest["url"] == server.url + "manifest.webmanifest"
    errors = [error["errorId"] for error in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    assert [error for error in errors if error != "in-incognito"] == []  # every test context is private
