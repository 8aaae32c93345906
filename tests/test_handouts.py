"""Printable handouts and browser printing: what a clinician gets on paper.

The PDFs are read with wheels from the lock (tests/pdfs.py: pypdf, pypdfium2, zxing-cpp), once each
per session; the browser print test drives Debian's Chromium through Playwright.
"""
from __future__ import annotations

import os
import posixpath
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import BIN, ROOT, copy_project, edit, handouts_build, mkdocs_build
from macros import dose as doses
from pdfs import flat, pdf_fonts, pdf_info, pdf_layout_text, pdf_text, qr_codes
from macros import handouts as files
from macros import safety
from macros.data import CONTRAINDICATIONS, MUSCLES, TECHNIQUES, load_guide
from macros.references import human_date
from postbuild.handouts import HandoutError, Job, build_handouts, read_site, render
from postbuild.lint import page_url

GUIDE = load_guide(ROOT)
SITE = read_site(ROOT, ROOT / "site")
HANDOUTS = [(kind, slug, src, paper) for kind, slug, src in files.handout_pages(GUIDE) for paper in files.PAPERS]
# Page sizes in PostScript points.
SIZES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}


def handout_path(site: Path, kind: str, slug: str, paper: str) -> Path:
    return site / files.handout_file(kind, slug, paper)


# --- every page gets its PDFs -----------------------------------------------------------------

def test_every_technique_and_muscle_has_both_pdfs(site):
    assert GUIDE.techniques and GUIDE.muscles
    expected = set(files.every_file(GUIDE))
    made = {p.relative_to(site).as_posix() for p in (site / files.HANDOUTS_DIR).rglob("*.pdf")}
    assert made == expected, f"missing: {sorted(expected - made)}; unexpected: {sorted(made - expected)}"
    for kind, slug, _, paper in HANDOUTS:
        assert handout_path(site, kind, slug, paper).stat().st_size > 1000


def test_each_page_links_both_pdfs_with_a_clear_button(site, rendered):
    for kind, slug, src in files.handout_pages(GUIDE):
        buttons = rendered(src).select("article .handout-download a[href]")
        assert [a.get_text(strip=True) for a in buttons] == [
            "Download printable handout (PDF, A4)", "Download printable handout (PDF, US Letter)"], f"docs/{src}"
        for button, paper in zip(buttons, files.PAPERS):
            target = posixpath.normpath(posixpath.join(page_url(src), button["href"]))
            assert target == files.handout_file(kind, slug, paper) and (site / target).is_file(), button["href"]


def test_the_printables_page_links_every_pdf(site, rendered):
    page = "printables.md"
    links = {posixpath.normpath(posixpath.join(page_url(page), a["href"]))
             for a in rendered(page).select("article a[href$='.pdf']")}
    assert links == set(files.every_file(GUIDE))


# --- each PDF: size, length, metadata, fonts ----------------------------------------------------

@pytest.mark.parametrize("name", files.every_file(GUIDE))
def test_pdf_paper_size_length_and_metadata(site, name):
    path = site / name
    info = pdf_info(path)
    paper = name.rsplit("-", 1)[1].removesuffix(".pdf")
    width, height = (float(n) for n in re.match(r"([\d.]+) x ([\d.]+) pts", info["Page size"]).groups())
    assert (width, height) == pytest.approx(SIZES[paper], abs=0.5), f"{name}: {info['Page size']}"
    pages = int(info["Pages"])
    if files.BOOKLET in name:
        assert pages >= 1 + len(files.handout_pages(GUIDE)) + len(files.TOOLS)
    else:
        assert 1 <= pages <= 2, f"{name}: {pages} pages; a handout is never more than two"
    assert info["Title"] and info["Author"] == SITE.name, info
    assert info["Tagged"] == "yes", f"{name}: not a tagged PDF, so screen readers get no structure"
    root = PdfReader(path).trailer["/Root"]
    assert root["/Lang"] == SITE.language
    assert root["/ViewerPreferences"]["/DisplayDocTitle"], f"{name}: viewers would show the file name"


def test_fonts_are_embedded(site):
    for name in files.every_file(GUIDE):
        fonts = pdf_fonts(site / name)
        assert fonts, f"{name}: no fonts, so no real text"
        for font in fonts:
            assert font.embedded and font.subset and font.unicode, f"{name}: font not embedded: {font}"


def safety_boxes() -> list[tuple[str, set[str]]]:
    """Each safety box as (its first line, the lines it can end with), from data/safety.yml. A stop
    rule's reason is printed only in the booklet's copy of the web page, so a stop-rules box is
    known to end by its last rule."""
    boxes = [(flat(f"{tier.label}: {tier.heading}"), {flat(tier.why)}) for tier in GUIDE.safety.care_tiers.values()]
    rule_lists = [GUIDE.technique_stop_rules(t) for t in GUIDE.techniques] + [list(GUIDE.safety.stop_rules)]
    last_rules = [GUIDE.stop_rule(rule_id) for rule_id in {rules[-1] for rules in rule_lists}]
    boxes.append(("Stop rules: when to stop self-massage", {flat(r.rule) for r in last_rules}))
    boxes.append((flat(safety.ASK_FIRST_TITLE), {flat(GUIDE.safety.precautions_note)}))
    return boxes


@pytest.mark.parametrize("name", files.every_file(GUIDE))
def test_safety_boxes_are_never_split_across_pages(site, name):
    """On every page, each box that starts there also ends there."""
    path = site / name
    for page in range(1, int(pdf_info(path)["Pages"]) + 1):
        text = pdf_text(path, page)
        for first, lasts in safety_boxes():
            starts, ends = text.count(first), sum(text.count(last) for last in lasts)
            assert starts == ends, f"{name}, page {page}: a box starting '{first[:40]}' is split"


# --- what each handout says ----------------------------------------------------------------------

def steps_of(rendered, kind: str, src: str) -> list[str]:
    from postbuild.handouts import STEPS_ID
    heading = rendered(src).find(id=STEPS_ID[kind])
    return [flat(li.get_text()) for li in heading.find_next_sibling("ol").find_all("li", recursive=False)]


@pytest.mark.parametrize("kind,slug,src,paper", HANDOUTS, ids=[f"{k}/{s}-{p}" for k, s, _, p in HANDOUTS])
def test_handout_is_safe_on_its_own(site, rendered, kind, slug, src, paper):
    text = pdf_text(handout_path(site, kind, slug, paper))
    article = rendered(src).select_one("article")
    title = article.find("h1").get_text(strip=True).rstrip("¶")
    assert title in text
    for point in article.select(".admonition.key-points li"):
        assert flat(point.get_text()) in text, "a key point is missing"
    for step in steps_of(rendered, kind, src):
        assert step in text, f"a step is missing: {step}"
    if kind == TECHNIQUES:
        technique = GUIDE.technique(slug)
        # the whole dose with its sources; the rest rule is in the stop-rules box, checked below
        dose = [text for label, text in doses.dose_rows(GUIDE, technique) if label != doses.SORE]
        rules = GUIDE.technique_stop_rules(slug)
    else:
        dose = [value for t in GUIDE.techniques_for(slug) for value in doses.short(GUIDE.technique(t))]
        rules = list(GUIDE.safety.stop_rules)
    for value in dose:
        assert flat(value) in text, f"the dose is missing: {value}"
    assert "Stop rules: when to stop self-massage" in text
    for rule in rules:
        assert flat(GUIDE.stop_rule(rule).rule) in text, f"stop rule {rule} is missing"
    for tier in ("immediate", "urgent"):
        card = GUIDE.care_tier(tier)
        assert flat(f"{card.label}: {card.heading}") in text, f"the {tier} card is missing"
        for sign in card.signs:
            assert flat(sign.text) in text, f"a sign of the {tier} card is missing: {sign.text}"
        assert flat(card.why) in text
    assert flat(safety.ASK_FIRST_TITLE) in text, "the ask-first list is missing"
    for precaution in GUIDE.safety.precautions.values():
        assert flat(precaution.condition) in text, f"an ask-first item is missing: {precaution.condition}"
    for address in (SITE.address(src), SITE.address(CONTRAINDICATIONS)):
        assert address in text, f"the address {address} is not printed"
    meta = GUIDE.pages[src]
    assert SITE.name in text and f"Last reviewed {human_date(meta.last_reviewed)}" in text
    assert f"Review due {human_date(meta.review_due)}" in text


@pytest.mark.parametrize("paper", files.PAPERS)
def test_qr_codes_scan_to_the_page_and_the_contraindications_page(site, paper):
    """Printed in greyscale and scanned back: each QR code gives the address printed beside it."""
    for kind, slug, src in files.handout_pages(GUIDE):
        # Every page: a handout that needs two pages carries "Where to read more" on the second.
        scanned = qr_codes(handout_path(site, kind, slug, paper))
        assert scanned == {SITE.address(src), SITE.address(CONTRAINDICATIONS)}, f"{kind}/{slug}-{paper}: {scanned}"


# --- booklet and tools ---------------------------------------------------------------------------

@pytest.mark.parametrize("paper", files.PAPERS)
def test_booklet_contents_page_points_at_each_part(site, paper):
    booklet = site / files.extra_file(files.BOOKLET, paper)
    contents = pdf_layout_text(booklet, 1)
    entries = dict(re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE))
    contra_title = BeautifulSoup((site / page_url(CONTRAINDICATIONS) / "index.html").read_text(encoding="utf-8"),
                                 "html.parser").find("h1").get_text(strip=True).rstrip("¶")
    expected = [contra_title] + [f"Technique: {GUIDE.technique(s).name}" for s in sorted(GUIDE.techniques)]
    expected += [f"Muscle: {GUIDE.muscle(s).name}" for s in sorted(GUIDE.muscles)] + list(files.TOOLS.values())
    assert list(entries) == expected, contents
    for title, page in entries.items():
        footer = f"{SITE.name} · {title.split(': ', 1)[-1]}"
        assert footer in pdf_text(booklet, int(page)), f"'{title}' does not start on page {page}"
    whole = pdf_text(booklet)
    for tier in GUIDE.safety.care_tiers.values():
        assert flat(f"{tier.label}: {tier.heading}") in whole
    for precaution in GUIDE.safety.precautions.values():
        assert flat(precaution.condition) in whole


@pytest.mark.parametrize("paper", files.PAPERS)
def test_routine_card_and_pain_diary(site, paper):
    card = pdf_text(site / files.extra_file(files.ROUTINE_CARD, paper))
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        assert day in card
    for slug, muscle in GUIDE.muscles.items():
        assert muscle.name in card
        for technique in GUIDE.techniques_for(slug):
            assert GUIDE.technique(technique).name in card
    for technique in GUIDE.techniques.values():
        for value in doses.short(technique):
            assert flat(value) in card, f"the routine card lacks {technique.name}'s dose: {value}"
        assert flat(doses.basis(GUIDE, technique.dose)) in flat(card), "where the dose numbers come from"
    diary = pdf_text(site / files.extra_file(files.PAIN_DIARY, paper))
    for word in ("Day 1", "Day 7", "Lower back", "Buttock", "Thigh", "Calf", "Foot", "Better", "Worse",
                 "Spreading further down your leg"):
        assert word in diary
    for text in (card, diary):
        assert flat(GUIDE.care_tier("immediate").heading) in text and SITE.address(CONTRAINDICATIONS) in text


# --- a new page, a figure, a broken page, and nothing from the network ---------------------------

def build_copy(project: Path, only: list[str] | None = None) -> tuple[Path, subprocess.CompletedProcess]:
    """`make build` in a scratch copy of the project: the site (which must build), then the handouts
    (with `only`, just those PDFs; every page is still read, so a page that cannot make one fails)."""
    site = project / "site"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr
    return site, handouts_build(project, site, only)


FIGURE_ALT, FIGURE_CAPTION = "Sitting on a foam roller.", "Sitting on the roller, leaning to one side."


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory) -> Path:
    """One scratch build for two edits in different files, which do not touch each other: a new
    technique page, gentle-rolling.md (a copy of stripping.md), and a figure added to stripping.md."""
    project = copy_project(tmp_path_factory.mktemp("edited"))
    page = project / "docs" / TECHNIQUES / "gentle-rolling.md"
    shutil.copy(project / "docs" / TECHNIQUES / "stripping.md", page)
    edit(page, "  name: Stripping", "  name: Gentle rolling")
    edit(page, "# Stripping", "# Gentle rolling")
    figure = project / "docs" / "assets" / "figures" / "test-position.svg"
    figure.parent.mkdir(parents=True, exist_ok=True)
    figure.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 120">'
                      '<rect x="10" y="10" width="180" height="100" fill="none" stroke="#000"/></svg>')
    edit(project / "docs" / TECHNIQUES / "stripping.md", "## Step by step {#steps}\n",
         f"## Step by step {{#steps}}\n\n<figure markdown>\n![{FIGURE_ALT}](../assets/figures/test-position.svg)\n"
         f"<figcaption>{FIGURE_CAPTION}</figcaption>\n</figure>\n")
    # Only the PDFs the two tests read. The run checks that each name is a handout of the guide, so the
    # new page's files are known to the handouts without any other change.
    site, result = build_copy(project, [files.handout_file(TECHNIQUES, slug, paper)
                                        for slug in ("gentle-rolling", "stripping") for paper in files.PAPERS])
    assert result.returncode == 0, result.stderr
    return site


def test_a_new_technique_page_gets_its_handouts_with_no_other_change(edited_site):
    for paper in files.PAPERS:
        pdf = edited_site / files.handout_file(TECHNIQUES, "gentle-rolling", paper)
        assert "Gentle rolling" in pdf_text(pdf)
    html = (edited_site / page_url(f"{TECHNIQUES}/gentle-rolling.md") / "index.html").read_text(encoding="utf-8")
    assert "../../handouts/techniques/gentle-rolling-a4.pdf" in html


def alt_texts(path: Path) -> list[str]:
    """The alternative texts in a tagged PDF's structure tree: what a screen reader says for a figure."""
    found, todo = [], [PdfReader(path).trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            kids = node.get("/K")
            todo += kids if isinstance(kids, list) else [kids] if kids is not None else []
    return found


def test_a_page_figure_goes_on_its_handout_with_its_alt_text(edited_site):
    for paper in files.PAPERS:
        pdf = edited_site / files.handout_file(TECHNIQUES, "stripping", paper)
        assert FIGURE_CAPTION in pdf_text(pdf)
        assert FIGURE_ALT in alt_texts(pdf)
        assert int(pdf_info(pdf)["Pages"]) <= 2, f"{paper}: the figure pushed the technique handout past two pages"


def test_only_a_known_handout_can_be_asked_for(site):
    """--only (used by the scratch build above) names real handouts; a wrong name fails before any PDF."""
    with pytest.raises(HandoutError, match=r"handouts/techniques/gentle-rolling-a4\.pdf is not a handout of this "
                                           r"guide \(known: .*handouts/techniques/stripping-a4\.pdf"):
        build_handouts(ROOT, site, only=[files.handout_file(TECHNIQUES, "gentle-rolling", "a4")])


def test_a_page_without_its_steps_fails_with_the_file_and_the_fix(project_copy):
    edit(project_copy / "docs" / MUSCLES / "piriformis.md", "## Find it {#find-it}", "## Find the muscle")
    _, result = build_copy(project_copy)
    assert result.returncode != 0
    assert "docs/muscles/piriformis.md" in result.stderr and "{#find-it}" in result.stderr, result.stderr


@pytest.mark.parametrize("reference", [
    '<link rel="stylesheet" href="https://fonts.example.org/font.css">',
    '<img src="https://example.org/figure.png" alt="A figure">',
    '<style>@font-face { font-family: X; src: url(http://example.org/x.woff2); } p { font-family: X; }</style>',
])
def test_nothing_is_fetched_from_the_network(tmp_path, reference):
    job = Job(f"<html lang=en><head>{reference}</head><body><p>Text</p></body></html>", None, "a4",
              tmp_path / "out.pdf", (str(tmp_path),), "test.pdf")
    with pytest.raises(HandoutError, match=r"test\.pdf: '.*example\.org.*' would be fetched from the network"):
        render(job)
    assert not (tmp_path / "out.pdf").exists()


def test_local_files_outside_the_site_are_refused(tmp_path):
    job = Job(f'<html><body><img src="{(ROOT / "mkdocs.yml").as_uri()}" alt="x"></body></html>', None, "a4",
              tmp_path / "out.pdf", (str(tmp_path),), "test.pdf")
    with pytest.raises(HandoutError, match="outside the built site"):
        render(job)


# --- while editing: `make serve` --------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def test_in_make_serve_each_handout_button_leads_to_a_pdf_that_says_make_build(tmp_path):
    """`mkdocs serve` (as `make serve` runs it) does not make the handouts; its buttons must not 404."""
    port = free_port()
    base = f"http://127.0.0.1:{port}{urlparse(SITE.url).path}"
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--strict", "--no-livereload", "--dev-addr",
                               f"127.0.0.1:{port}"], cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                urllib.request.urlopen(base, timeout=2).close()
                break
            except OSError:
                time.sleep(0.3)
        assert server.poll() is None, f"mkdocs serve stopped:\n{server.stderr.read()}"
        for name in files.every_file(GUIDE):
            status, kind, body = fetch(base + name)
            assert (status, kind) == (200, "application/pdf"), f"{name}: {status} {kind}"
            notice = tmp_path / "notice.pdf"
            notice.write_bytes(body)
            text = pdf_text(notice)
            assert "Handouts are made by make build" in text and "run make build" in text, f"{name}: {text}"
    finally:
        server.terminate()
        server.wait(timeout=30)
