"""MkDocs hook: a Content Security Policy on every built page, as a <meta http-equiv> tag, since
GitHub Pages sends no headers. Scripts run only from the site's own files and from the theme's
inline scripts, each allowed by the sha256 hash of its exact text on that page (computed here,
after the build, so a theme upgrade that changes them still works); styles likewise, from the
site's own files and the <style> elements that inline_css.py puts in the head. Everything else
is the site's own too, with no plugins, no forms sent anywhere and no <base> change. Pictures may
also be data: addresses, as Material's stylesheet draws its icons with them.

Not under `mkdocs serve`: its live reload adds an inline script to each page as it is served,
which no hash made here could allow. Loaded by path from mkdocs.yml `hooks:` (so no imports from
the project); tests/browser/test_csp.py checks it in Chromium.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],  # and the hashes of the page's inline scripts
    "style-src": ["'self'"],  # and the hashes of the page's <style> elements
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}
# An inline script that runs: no src, and no type or a JavaScript type (not the theme's JSON config).
_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<text>.*?)</script>", re.DOTALL | re.IGNORECASE)
_STYLE = re.compile(r"<style(?P<attributes>[^>]*)>(?P<text>.*?)</style>", re.DOTALL | re.IGNORECASE)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(?!(?:text|application)/(?:x-)?javascript|module)[\w/+.-]""", re.IGNORECASE)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)

_command: list[str] = []


def on_startup(command: str, **_) -> None:
    _command[:] = [command]


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _outside_article(html: str, pattern: re.Pattern, skip=lambda attributes: False) -> list[str]:
    """'sha256-…' of each element the pattern finds outside the article, in page order, without
    repeats. Scripts and styles a page's author wrote are refused by the content lint, and never
    allowed here."""
    article_start, article_end = html.find("<article"), html.rfind("</article>")
    hashes = []
    for match in pattern.finditer(html):
        if skip(match["attributes"]) or 0 <= article_start < match.start() < article_end:
            continue
        digest = _hash(match["text"])
        if digest not in hashes:
            hashes.append(digest)
    return hashes


def inline_script_hashes(html: str) -> list[str]:
    """Inline scripts that run: no src, and no type or a JavaScript type (not the theme's JSON config)."""
    return _outside_article(html, _SCRIPT, lambda attributes: bool(
        re.search(r"\bsrc\s*=", attributes, re.IGNORECASE) or _DATA_TYPE.search(attributes)))


def inline_style_hashes(html: str) -> list[str]:
    """The <style> elements in the head (overrides/hooks/inline_css.py)."""
    return _outside_article(html, _STYLE)


def policy(hashes: list[str], style_hashes: list[str] = ()) -> str:
    extra = {"script-src": list(hashes), "style-src": list(style_hashes)}
    return "; ".join(" ".join([name, *values, *extra.get(name, [])]) for name, values in POLICY.items())


def add_policy(html: str) -> str:
    """The page with its policy as the first thing in <head> after the charset, before any script."""
    tag = (f'<meta http-equiv="Content-Security-Policy" '
           f'content="{policy(inline_script_hashes(html), inline_style_hashes(html))}">')
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    return html[:anchor.end()] + tag + html[anchor.end():]


def on_post_build(config, **_) -> None:
    if _command == ["serve"]:
        return
    for page in Path(config["site_dir"]).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="Content-Security-Policy"' not in html:
            page.write_text(add_policy(html), encoding="utf-8")
