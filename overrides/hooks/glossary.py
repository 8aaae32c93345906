"""MkDocs hook: a glossary term is explained once per page, where it first appears.

pymdownx.snippets appends the glossary (includes/abbreviations.md) to every page, and the abbr
extension then marks every occurrence of every term with the full definition in `title`. Material's
content.tooltips builds a tooltip for each marked word as the page loads (an element, listeners and
a layout read each), so a page with 48 marked words paid for 48 tooltips. The content standard asks
to define a term the first time it appears: that occurrence keeps its tooltip, later ones are plain
words. Loaded by path from mkdocs.yml `hooks:`.
"""
from __future__ import annotations

import re

_ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<words>.*?)</abbr>', re.DOTALL)


def first_use_only(html: str) -> str:
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        term = match["words"].lower()
        if term in seen:
            return match["words"]
        seen.add(term)
        return match[0]

    return _ABBR.sub(keep_first, html)


def on_page_content(html: str, **_) -> str:
    return first_use_only(html) if "<abbr " in html else html
