"""MkDocs hook: a Content Security Policy on every built page, as a <meta http-equiv> tag, since
GitHub Pages sends no headers. Scripts run only from the site's own files and from the theme's
inline scripts, each allowed by the sha256 hash of its exact text on that page (computed here,
after the build, so a theme upgrade that changes them still works). Everything else is the
site's own too, with no plugins, no forms sent anywhere and no <base> change. Pictures may also
be data: addresses, as Material's stylesheet draws its icons with them.

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
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
}
# An inline script that runs: no src, and no type or a JavaScript type (not the theme's JSON config).
_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<text>.*?)</script>", re.DOTALL | re.IGNORECASE)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(?!(?:text|application)/(?:x-)?javascript|module)[\w/+.-]""", re.IGNORECASE)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)

_command: list[str] = []


def on_startup(command: str, **_) -> None:
    _command[:] = [command]


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' of each inline script outside the article, in page order, without repeats. Scripts a
    page's author wrote are refused by the content lint, and never allowed here."""
    article_start, article_end = html.find("<article"), html.rfind("</article>")
    hashes = []
    for match in _SCRIPT.finditer(html):
        if re.search(r"\bsrc\s*=", match["attributes"], re.IGNORECASE) or _DATA_TYPE.search(match["attributes"]):
            continue
        if 0 <= article_start < match.start() < article_end:
            continue
        digest = base64.b64encode(hashlib.sha256(match["text"].encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def policy(hashes: list[str]) -> str:
    return "; ".join(" ".join([name, *values, *(hashes if name == "script-src" else [])])
                     for name, values in POLICY.items())


def add_policy(html: str) -> str:
    """The page with its policy as the first thing in <head> after the charset, before any script."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html))}">'
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
