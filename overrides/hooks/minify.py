"""MkDocs hook: smaller files for readers, readable sources for contributors.

After the build (and after the content lint, which reads the pages as written), this removes what
only a person reading the source needs: comments and indentation in our own stylesheets and script
(docs/assets/stylesheets/*.css, docs/assets/javascripts/*.js; Material's files are minified
already), and the indentation Material's templates leave at the start of each line of a page.
Text inside <pre>, <textarea>, <script> and <style> is left as it is, and so are HTML comments
(the lint's macro markers). A line break stays a line break, so the page renders the same.
Listed before csp.py in mkdocs.yml `hooks:`, which hashes the inline scripts of the final pages.
"""
from __future__ import annotations

import re
from pathlib import Path

# A CSS string, comment, run of whitespace or other text; and the spaces punctuation does not need.
_CSS_TOKEN = re.compile(r"""(?P<string>"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|(?P<comment>/\*.*?\*/)|(?P<space>\s+)|(?P<text>[^"'/\s]+|/)""",
                        re.DOTALL)
_CSS_PUNCTUATION = re.compile(r"\s*([{};,>])\s*")
_JS_COMMENT = re.compile(r"^\s*(?://[^\n]*|/\*.*?\*/)\s*$", re.MULTILINE | re.DOTALL)
_HTML_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_HTML_INDENT = re.compile(r"\n[ \t\n]+")


def minify_css(css: str) -> str:
    """Comments dropped and whitespace squeezed; strings (the data: icons) left as they are."""
    out = []
    for match in _CSS_TOKEN.finditer(css):
        if match["string"]:
            out.append(match["string"])
        elif match["comment"]:
            continue
        elif match["space"]:
            out.append(" ")
        else:
            out.append(match["text"])
    return _CSS_PUNCTUATION.sub(r"\1", "".join(out)).replace(";}", "}").strip() + "\n"


def minify_js(js: str) -> str:
    """Whole-line comments and indentation dropped; code is left as written."""
    js = _JS_COMMENT.sub("", js)
    return "\n".join(line.strip() for line in js.splitlines() if line.strip()) + "\n"


def squeeze_html(html: str) -> str:
    """Each line's indentation and blank lines dropped, outside <pre>, <textarea>, <script>, <style>."""
    parts = _HTML_VERBATIM.split(html)
    # split() returns text, then each match's two groups: keep the matched element as it is.
    out = []
    for i in range(0, len(parts), 3):
        out.append(_HTML_INDENT.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
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
