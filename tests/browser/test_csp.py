"""The Content Security Policy (overrides/hooks/csp.py): every page carries it, nothing the site does
breaks it (no `securitypolicyviolation` event on any page, in search, the palette toggle, printing,
the glossary tooltips or the hold timer that guide.js loads), and a script slipped into a built page does not run."""
from __future__ import annotations

import pytest

from conftest import ROOT
from postbuild.lint import page_url

from .conftest import CSP_RECORDER, EVERY_PAGE, page_id, search, show_timer

TECHNIQUE = "techniques/stripping/"
REQUIRED = {"default-src": "'self'", "object-src": "'none'", "base-uri": "'self'", "form-action": "'none'"}


def directives(content: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (part.split() for part in content.split(";") if part.strip())}


def test_every_page_has_the_policy_first_in_its_head(rendered, source_pages, site):
    pages = [rendered(src) for src in source_pages]
    for soup in pages:
        meta = soup.head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, soup.title
        policy = directives(meta["content"])
        for name, value in REQUIRED.items():
            assert policy[name] == [value], (soup.title, name, policy[name])
        assert [v for v in policy["script-src"] if not v.startswith("'sha256-")] == ["'self'"]
        assert "'unsafe-inline'" not in meta["content"] and "'unsafe-eval'" not in meta["content"]
        first_script = soup.head.find("script")
        assert first_script is None or meta.sourceline < first_script.sourceline or (
            meta.sourceline == first_script.sourceline and meta.sourcepos < first_script.sourcepos)
    assert 'http-equiv="Content-Security-Policy"' in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EVERY_PAGE, ids=page_id)
def test_no_policy_violation_on_any_page(tour, path):
    for scheme, visit in tour(path).items():
        assert visit.csp == [], f"{scheme}: {visit.csp}"


@pytest.fixture
def recorded_page(new_page):
    def open_page(path: str = TECHNIQUE, **options):
        page = new_page(**options)
        page.context.add_init_script(script=CSP_RECORDER)
        return page
    return open_page


def test_palette_search_print_and_tooltips_break_no_policy(recorded_page, server):
    page = recorded_page()
    page.goto(server.url + TECHNIQUE)
    show_timer(page)  # its script and stylesheet, loaded by guide.js, come under the policy too
    for _ in range(3):  # auto, light, dark, back to auto
        page.locator("form[data-md-component=palette] label:visible").first.click()
    summary, links = search(page, "piriformis")
    assert links, summary
    page.keyboard.press("Enter")  # the search box is a form: Enter must not send it anywhere
    page.keyboard.press("Escape")
    abbreviation = page.locator("article abbr").first
    abbreviation.scroll_into_view_if_needed()
    abbreviation.hover()
    page.wait_for_timeout(500)
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []


def test_a_script_injected_into_a_built_page_does_not_run(recorded_page, server, site):
    page = recorded_page()
    url = server.url + TECHNIQUE
    html = (site / page_url("techniques/stripping.md") / "index.html").read_text(encoding="utf-8")
    html = html.replace("</article>", "<script>window.__injected = true;</script></article>", 1)
    page.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__injected") is None
    assert any(v.startswith("script-src") and "inline" in v for v in page.evaluate("window.__csp"))
    assert page.locator(".md-search__input").is_visible()  # the theme's own scripts still ran


def test_the_policy_is_written_after_the_build_from_each_page(tmp_path):
    """The hook hashes the inline scripts it finds, outside the article only."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("csp_hook", ROOT / "overrides/hooks/csp.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    html = ('<html><head><meta charset="utf-8"><script>var a=1</script>'
            '<script id="__config" type="application/json">{}</script></head>'
            '<body><article><script>evil()</script></article><script src="x.js"></script></body></html>')
    result = hook.add_policy(html)
    assert result.index("Content-Security-Policy") < result.index("<script>")
    assert len(hook.inline_script_hashes(html)) == 1
    assert "'sha256-" in result and result.count("'sha256-") == 1
