"""What keeps pages fast (issue 13; `make bench` prints the figures): nothing of ours holds up the
first paint that need not, each glossary term is marked once a page, and the after-build steps that
shrink files change no meaning."""
from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter

import pytest

from conftest import ROOT

GLOSSARY_FILE = "assets/javascripts/glossary.json"  # overrides/hooks/glossary.py


def hook(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "overrides" / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_print_styles_and_no_script_block_the_first_paint(rendered, source_pages, site):
    """Print styles are in the page, inside @media print (overrides/hooks/inline_css.py), not a request
    of their own; every script a page loads, Material's bundle included, is deferred (overrides/main.html)."""
    printed = "@media print{" + (site / "assets" / "stylesheets" / "print.css").read_text(encoding="utf-8").strip() + "}"
    for src in source_pages:
        page = rendered(src)
        sheets = [link["href"].rsplit("/", 1)[-1] for link in page.head.select("link[rel=stylesheet]")]
        assert "print.css" not in sheets, (src, sheets)
        assert any(printed in style.get_text() for style in page.head.select("style")), src
        scripts = page.select("script[src]")
        assert any("/bundle." in s["src"] for s in scripts), src
        assert all(s.has_attr("defer") for s in scripts), (src, [s for s in scripts if not s.has_attr("defer")])


def test_our_first_paint_styles_are_in_the_page_whole_and_in_cascade_order(rendered, source_pages, site):
    """Only Material's main.css is a stylesheet request, as on stock Material; the trimmed palette,
    print.css (inside @media print) and guide.css (and guided.css on the routine page) are in the
    head, byte for byte as built, after main.css and in the order they were linked, in one <style>
    that CSP allows by its hash."""
    built = {path.name: path.read_text(encoding="utf-8").strip() for path in (site / "assets" / "stylesheets").glob("*.css")}
    palette = next(name for name in built if name.startswith("palette."))
    csp = hook("csp")
    for src in source_pages:
        head = rendered(src).head
        blocking = [link["href"].rsplit("/", 1)[-1] for link in head.select("link[rel=stylesheet]")]
        assert len(blocking) == 1 and blocking[0].startswith("main."), (src, blocking)
        styles = [style.get_text() for style in head.select("style")]
        linked = rendered(src).select_one('script[src$="hold-timer.js"]')  # the routine page links it
        printed = "@media print{" + built["print.css"] + "}"
        expected = [built[palette], printed, *([built["guided.css"]] if linked else []), built["guide.css"]]
        assert styles == ["\n".join(expected)], (src, [s[:40] for s in styles])  # one <style>, one hash
        main = str(head).index(blocking[0])
        assert all(str(head).index(style) > main for style in styles), src
        policy = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        style_src = next(part for part in policy.split("; ") if part.startswith("style-src "))
        assert all(csp._hash(style) in style_src for style in styles), src


def test_a_stylesheet_that_would_break_inline_fails_the_build_with_the_file_and_the_fix():
    inline = hook("inline_css")
    link = '<link rel="stylesheet" href="../assets/stylesheets/guide.css">'
    assert inline.inline(f"<head>{link}</head>", {"guide.css": "a{color:red}"}) == "<head><style>a{color:red}</style></head>"
    for css, says in (("a::after{content:'</style>'}", "guide.css holds '</style'"),
                      ("a{background:url(../images/x.png)}", "guide.css has a url() that is not data:")):
        try:
            inline.inline(link, {"guide.css": css})
        except inline.InlineError as error:
            assert says in str(error) and ("write it another way" in str(error) or "use a data: URL" in str(error))
        else:
            raise AssertionError(f"{css!r} was inlined")
    assert inline.inline(link, {"guide.css": "a{background:url('data:image/svg+xml,x')}"}).startswith("<style>")
    # Two sheets with only a print link between them become one <style> where the first stood;
    # with anything else between them, each stays in its own place, so the cascade never changes.
    palette = '<link rel="stylesheet" href="assets/stylesheets/palette.0a1b.min.css">'
    printed = '<link rel="stylesheet" href="assets/stylesheets/print.css" media="print">'
    sheets = {"palette.0a1b.min.css": "p{}", "guide.css": "g{}"}
    assert inline.inline(palette + printed + link, sheets) == "<style>p{}\ng{}</style>" + printed
    other = '<link rel="stylesheet" href="theirs.css">'
    # print.css, when inlined, keeps its media inside the <style>, in its place in the cascade.
    assert inline.inline(palette + printed + link, {**sheets, "print.css": "q{}"}) == "<style>p{}\n@media print{q{}}\ng{}</style>"
    assert inline.inline(palette + other + link, sheets) == "<style>p{}</style>" + other + "<style>g{}</style>"


def test_each_glossary_term_is_marked_once_a_page(rendered, source_pages):
    for src in source_pages:
        counts = Counter(abbr.get_text().lower() for abbr in rendered(src).select("article abbr"))
        assert all(n == 1 for n in counts.values()), (src, [t for t, n in counts.items() if n > 1])


def test_every_marked_word_has_its_definition_in_the_glossary_file_and_none_in_the_page(rendered, source_pages,
                                                                                        site):
    """The definitions leave the pages for one file that guide.js fetches on first use; none is lost:
    each is the glossary's own (includes/abbreviations.md)."""
    filed = json.loads((site / GLOSSARY_FILE).read_text(encoding="utf-8"))
    glossary = dict(re.findall(r"^\*\[(.+?)\]: (.+)$", (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8"),
                               re.MULTILINE))
    marked = 0
    for src in source_pages:
        for abbr in rendered(src).select("article abbr"):
            marked += 1
            words = " ".join(abbr.get_text().split())
            assert not abbr.has_attr("title"), (src, words)
            assert filed.get(words) == glossary[words], (src, words)
    assert marked > 100, "too few marked words for the check to mean anything"


def test_each_glossary_term_is_a_block_of_its_own():
    """includes/abbreviations.md is added to every page. Python-Markdown tests each block against every
    block rule again after each line it takes off the block, so 67 terms in one block cost about 35 ms
    of conversion a page (a build of 25 pages: 5.0 s against 3.3 to 4.4 s); a blank line between terms
    makes each one its own block."""
    lines = (ROOT / "includes/abbreviations.md").read_text(encoding="utf-8").split("\n")
    joined = [f"includes/abbreviations.md:{number + 1}: this term follows the one above without a blank line — "
              "put a blank line between the two" for number in range(1, len(lines))
              if lines[number].startswith("*[") and lines[number - 1].strip()]
    assert not joined, "\n".join(joined)


def test_a_definition_that_differs_stays_in_the_page():
    glossary = hook("glossary")
    filed = {}
    html = ('<p><abbr title="A bone &amp; more.">sacrum</abbr>, <abbr title="A clot.">DVT</abbr></p>'
            '<p><abbr title="Another meaning.">DVT</abbr>, <abbr title=\'A "false" one.\'>pseudo-X</abbr></p>')
    assert glossary.definitions_apart(html, filed) == (
        '<p><abbr>sacrum</abbr>, <abbr>DVT</abbr></p><p><abbr title="Another meaning.">DVT</abbr>, '
        '<abbr>pseudo-X</abbr></p>')
    assert filed == {"sacrum": "A bone & more.", "DVT": "A clot.", "pseudo-X": 'A "false" one.'}


def test_first_use_keeps_the_definition_and_later_uses_are_plain_words():
    glossary = hook("glossary")
    html = ('<p><abbr title="A bone.">Sacrum</abbr> and <abbr title="A bone.">sacrum</abbr>, '
            '<abbr title="A clot.">DVT</abbr></p>')
    assert glossary.first_use_only(html) == ('<p><abbr title="A bone.">Sacrum</abbr> and sacrum, '
                                             '<abbr title="A clot.">DVT</abbr></p>')


def test_the_palette_stylesheet_keeps_the_colours_in_use_and_nothing_is_lost_when_all_are():
    palette = hook("palette")
    css = next((ROOT / ".venv").glob("lib/python3*/site-packages/material/templates/assets/stylesheets/palette.*.min.css"))
    text = css.read_text(encoding="utf-8").split("\n/*# sourceMappingURL")[0]
    every = set(palette._COLOUR.findall(text))
    switching = re.compile(r"[^{}]*\[data-md-color-switching\][^{}]*\{[^{}]*\}")
    assert len(switching.findall(text)) == 1, "Material's palette stylesheet changed: read palette.py's docstring again"
    assert palette.prune(text, every) == switching.sub("", text)  # nothing else is lost when every colour is used
    used = palette.used_colours([{"media": "(prefers-color-scheme)"}, {"scheme": "slate", "primary": "indigo"}])
    pruned = palette.prune(text, used)
    assert set(palette._COLOUR.findall(pruned)) == {("primary", "indigo"), ("accent", "indigo")}
    assert "[data-md-color-scheme=slate]{color-scheme:dark" in pruned  # the dark scheme itself
    assert "[data-md-color-scheme=slate][data-md-color-primary=indigo]" in pruned


def test_material_s_colour_scheme_tag_is_left_out_and_a_changed_bundle_stops_the_build(site):
    """Material's bundle no longer adds <meta name="color-scheme"> (palette.py's docstring says why);
    only that step goes, and a bundle without it (an upgrade) stops the build with the fix."""
    palette = hook("palette")
    installed = next((ROOT / ".venv").glob("lib/python3*/site-packages/material/templates/assets/javascripts/bundle.*.min.js"))
    text = installed.read_text(encoding="utf-8")
    patched = palette.without_scheme_tag(installed.name, text)
    step = 'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'  # Material 9.8.1's names
    assert patched == text.split("\n//# sourceMappingURL")[0].replace(step, "let o={};"), "more than that step went"
    assert step not in patched and '"meta",{name:"theme-color"}' in patched  # the other tag Material adds stays
    built = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert built == patched
    with pytest.raises(palette.PaletteError, match=r"assets/javascripts/bundle\.0a1b\.min\.js: .* 0 times.*_SCHEME_TAG"):
        palette.without_scheme_tag("bundle.0a1b.min.js", text.replace('{name:"color-scheme"}', '{name:"scheme"}'))


def test_minifying_keeps_strings_pre_blocks_and_data():
    minify = hook("minify")
    css = "/* note */\n.a > .b ,\n.c { content: \" /* kept */ \" ; mask: url('data:x,<svg a=\"1 2\">') ; }\n"
    assert minify.minify_css(css) == ".a>.b,.c{content:\" /* kept */ \";mask:url('data:x,<svg a=\"1 2\">')}\n"
    html = ("<div>\n    <p>x</p>\n\n  <pre>  a\n    b</pre>\n  <script>\n  var a = 'x  // y';  // why\n</script>\n"
            "  <script id=\"c\" type=\"application/json\">{\"a\":  1}</script>\n  <script src=\"s.js\" defer></script>\n</div>")
    assert minify.squeeze_html(html) == ("<div>\n<p>x</p>\n<pre>  a\n    b</pre>\n<script>var a='x  // y';</script>\n"
                                         "<script id=\"c\" type=\"application/json\">{\"a\":  1}</script>\n"
                                         "<script src=\"s.js\" defer></script>\n</div>")
    js = "// why\n(function () {\n  var a = `x  ${b}  /* kept */`; /* not kept */\n  return /a  b/.test(a);\n})();\n"
    assert minify.minify_js(js) == "(function(){var a=`x  ${b}  /* kept */`;return/a  b/.test(a);})();\n"
    assert minify.minify_js("// only a comment\n") == ""


def test_the_bench_marks_a_run_whose_first_paint_was_held_back():
    """bench/run.py marks a Lighthouse run painted long after load (a headless stall) with '*'."""
    from bench.run import STALL_MS, paint_stall_ms

    def report(first_paint: float, load: float) -> dict:
        observed = {"observedFirstContentfulPaint": first_paint, "observedLoad": load}
        return {"audits": {"metrics": {"details": {"items": [observed]}}}}

    assert paint_stall_ms(report(205, 302)) == 0  # painted before load: no stall
    assert paint_stall_ms(report(1240, 351)) == 889 > STALL_MS  # a stall seen on this machine
    assert paint_stall_ms(report(289, 260)) < STALL_MS  # painted just after load: not a stall


def test_the_bench_runs_a_stalled_run_again_and_keeps_the_last_try():
    from bench.run import STALL_MS, without_stall

    def runs(*stalls):
        tries = iter([{"stall": stall, "LCP": n} for n, stall in enumerate(stalls)])
        return lambda: next(tries)

    kept, aside = without_stall(runs(0, 900), retries=2)
    assert kept["LCP"] == 0 and aside == []  # no stall: one try
    kept, aside = without_stall(runs(900, 10), retries=2)
    assert kept["LCP"] == 1 and [run["LCP"] for run in aside] == [0]
    kept, aside = without_stall(runs(900, STALL_MS + 1, 900, 0), retries=2)
    assert kept["LCP"] == 2 and len(aside) == 2  # still stalled after two more tries: the last is kept
    kept, aside = without_stall(runs(900, 0), retries=0)
    assert kept["LCP"] == 0 and aside == []  # --stall-retries 0: as before
    assert without_stall(lambda: "Lighthouse failed", retries=2) == ("Lighthouse failed", [])
