"""MkDocs hook: a glossary term is explained once per page, where it first appears, and its definition
travels only when a reader asks for it.

pymdownx.snippets appends the glossary (includes/abbreviations.md) to every page, and the abbr
extension then marks every occurrence of every term with the full definition in `title`. Material's
content.tooltips builds a tooltip for each marked word as the page loads (an element, listeners and
a layout read each), so a page with 48 marked words paid for 48 tooltips. The content standard asks
to define a term the first time it appears: that occurrence stays marked, later ones are plain words.

The definitions themselves (0.5 to 1.3 KB gzip a page, on every page) leave the page: the marked word
keeps its <abbr> without a title, and the site gets one file, assets/javascripts/glossary.json (the
words as written -> the definition), which docs/assets/javascripts/guide.js fetches the first time
a reader points at, taps or focuses a marked word. A word whose definition differs from the one
already filed under the same words keeps its title, so no definition is lost.

Loaded by path from mkdocs.yml `hooks:` (so no imports from the project).
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

# As the abbr extension writes it, or as BeautifulSoup writes it back (hooks/accessibility.py) when
# the definition holds a double quote: title='… "false sciatica".'
_ABBR = re.compile(r"""<abbr title=(?:"(?P<title>[^"]*)"|'(?P<title1>[^']*)')>(?P<words>.*?)</abbr>""", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
DEFINITIONS = "assets/javascripts/glossary.json"  # under the site root; guide.js reads it from beside itself

_filed: dict[str, str] = {}  # the words as a reader sees them -> the definition, for this build


def words_of(marked: str) -> str:
    """The words of a marked term as a reader sees them (and as guide.js reads them: textContent,
    spaces collapsed), e.g. 'cauda equina syndrome'."""
    return " ".join(html.unescape(_TAG.sub("", marked)).split())


def first_use_only(page: str) -> str:
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        term = match["words"].lower()
        if term in seen:
            return match["words"]
        seen.add(term)
        return match[0]

    return _ABBR.sub(keep_first, page)


def definitions_apart(page: str, filed: dict[str, str]) -> str:
    """Each marked word without its title, the definition filed under its words instead."""

    def file_it(match: re.Match) -> str:
        title = match["title"] if match["title"] is not None else match["title1"]
        words, definition = words_of(match["words"]), html.unescape(title)
        if filed.setdefault(words, definition) != definition:
            return match[0]  # the same words defined another way here: the page keeps this definition
        return f"<abbr>{match['words']}</abbr>"

    return _ABBR.sub(file_it, page)


def on_pre_build(**_) -> None:
    _filed.clear()


def on_page_content(html: str, **_) -> str:  # noqa: A002 - MkDocs passes it by this name
    if "<abbr " not in html:
        return html
    return definitions_apart(first_use_only(html), _filed)


def on_post_build(config, **_) -> None:
    target = Path(config["site_dir"]) / DEFINITIONS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(_filed, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                      encoding="utf-8")
