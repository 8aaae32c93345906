"""The strict build: every page is built, reachable from the nav, and ends with its sources."""
from __future__ import annotations

import json

from conftest import ROOT, mkdocs_build
from macros.data import TECHNIQUES, load_guide, slug_of
from postbuild.lint import page_url


def test_every_source_page_is_built(site, source_pages):
    missing = [p for p in source_pages if not (site / page_url(p) / "index.html").is_file()]
    assert not missing, f"pages not built: {missing}"


def test_every_page_is_in_the_nav(site, rendered, source_pages):
    nav_links = {a["href"] for a in rendered("index.md").select("nav.md-nav--primary a[href]")}
    for src in source_pages:
        url = page_url(src)
        assert url in nav_links or "./" + url in nav_links or (url == "" and "." in nav_links), (
            f"docs/{src} is not in the navigation (looked for {url!r})")


def test_every_page_ends_with_review_date_and_sources(rendered, source_pages):
    guide = load_guide(ROOT)
    for src in source_pages:
        article = rendered(src).select_one("article")
        section = article.select_one("#sources")
        assert section is not None, f"docs/{src}: no 'Sources and review' section"
        times = [t["datetime"] for t in article.find_all("time")]
        meta = guide.pages[src]
        assert meta.last_reviewed.isoformat() in times, f"docs/{src}: no last review date"
        assert meta.review_due.isoformat() in times, f"docs/{src}: no date the next review is due"
        cited = {a["href"] for a in article.select("ol a[href^='http']")}
        for source_id in guide.pages[src].sources:
            assert str(guide.sources[source_id].url) in cited, f"docs/{src}: source {source_id} not listed"


def test_search_index_has_every_technique(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    for slug, technique in load_guide(ROOT).techniques.items():
        assert technique.name in titles, f"{slug} is not in the search index"


def test_glossary_terms_become_tooltips(rendered, site):
    abbrs = {a.get_text() for a in rendered("muscles/piriformis.md").select("article abbr")}
    assert "sacrum" in abbrs
    definitions = json.loads((site / "assets/javascripts/glossary.json").read_text(encoding="utf-8"))
    assert f"*[sacrum]: {definitions['sacrum']}\n" in (ROOT / "includes/abbreviations.md").read_text(encoding="utf-8")


def test_no_third_party_fonts_or_scripts(site):
    """No page asks another host for fonts or scripts (theme.font: false, no repo-stats fetch)."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page
        assert 'data-md-component="source"' not in html, f"{page}: Material would fetch repository stats"


def test_edit_links_point_at_the_source_file(rendered):
    edit = rendered("techniques/stripping.md").select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None and edit["href"].endswith("/edit/main/docs/techniques/stripping.md")


def test_technique_pages_are_the_technique_folder():
    techniques = {slug_of(p.relative_to(ROOT / "docs").as_posix(), TECHNIQUES)
                  for p in (ROOT / "docs" / TECHNIQUES).glob("*.md")} - {None}
    assert techniques == set(load_guide(ROOT).techniques)


def test_a_dirty_build_stops_before_it_writes_anything(tmp_path):
    """`--dirty` rebuilds the changed pages only, and the after-build hooks would then write a wrong site
    (an empty glossary.json: every tooltip without its text); overrides/hooks/whole_build.py stops it."""
    site = tmp_path / "site"
    done = mkdocs_build(ROOT, site, "--dirty")
    assert done.returncode != 0, done.stdout + done.stderr
    assert "mkdocs build --dirty" in done.stderr and "Leave out --dirty: `make build`" in done.stderr, done.stderr
    assert not site.exists()
