"""MkDocs hook: smaller files for readers, readable sources for contributors.

After the build (and after the content lint, which reads the pages as written), this removes what
only a person reading the source needs: comments and spaces in our own stylesheets and scripts
(docs/assets/stylesheets/*.css, docs/assets/javascripts/*.js; Material's files are minified
already) and in the pages' inline scripts, by rCSSmin and rJSmin, which leave strings, template
literals and regular expressions as they are; and the indentation Material's templates leave at the
start of each line of a page. Text inside <pre>, <textarea> and <style> is left as it is, and so are
HTML comments (the lint's macro markers). A line break stays a line break, so the page renders the same.
Listed before csp.py in mkdocs.yml `hooks:`, which hashes the inline scripts of the final pages.
"""
from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin

_HTML_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_HTML_INDENT = re.compile(r"\n[ \t\n]+")
# An inline script that a browser runs (not JSON data such as Material's __config, not a src script).
_INLINE_SCRIPT = re.compile(r"(<script(?![^>]*\b(?:src|type)=)[^>]*>)(.*?)(</script>)", re.DOTALL | re.IGNORECASE)


def minify_css(css: str) -> str:
    """Comments dropped and whitespace squeezed (rCSSmin); strings (the data: icons) left as they are."""
    return rcssmin.cssmin(css).strip() + "\n"


def minify_js(js: str) -> str:
    """Comments dropped and whitespace squeezed (rJSmin); names and code are left as written."""
    minified = rjsmin.jsmin(js).strip()
    return minified + "\n" if minified else ""


def squeeze_html(html: str) -> str:
    """Each line's indentation and blank lines dropped, outside <pre>, <textarea>, <script>, <style>;
    each inline script minified."""
    parts = _HTML_VERBATIM.split(html)
    # split() returns text, then each match's two groups: keep the matched element (an inline script minified).
    out = []
    for i in range(0, len(parts), 3):
        out.append(_HTML_INDENT.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(_INLINE_SCRIPT.sub(lambda m: m[1] + minify_js(m[2]).rstrip("\n") + m[3], parts[i + 1]))
    return "".join(out)


def on_post_build(config, **_) -> None:
    site = Path(config["site_dir"])
    docs = Path(config["docs_dir"])
    for kind, minify in (("stylesheets", minify_css), ("javascripts", minify_js)):
        for source in (docs / "assets" / kind).glob("*.[cj]s*"):
            built = site / "assets" / kind / source.name
            if built.is_file():
                built.write_text(minify(source.read_text(encoding="utf-8")), encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        squeezed = squeeze_html(html)
        if squeezed != html:
            page.write_text(squeezed, encoding="utf-8")
