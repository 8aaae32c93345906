"""Sources, review dates and the glossary."""
from __future__ import annotations

import re
from pathlib import Path

from macros.data import Guide
from macros.markdown import table
from macros.models import Source

GLOSSARY_FILE = "includes/abbreviations.md"
_ABBR = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+)$")


def cite(source: Source) -> str:
    """'Doe J. [Title](url). Publisher, 2020.': one full stop after the authors, even after 'et al.'."""
    who = f"{source.authors.rstrip('.')}. " if source.authors else ""
    year = f", {source.year}" if source.year else ""
    return f"{who}[{source.title}]({source.url}). {source.publisher}{year}."


def human_date(value) -> str:
    return f"{value.day} {value.strftime('%B %Y')}"


def page_sources(guide: Guide, src: str) -> str:
    """Appended to every page: when it was last reviewed and what it is based on."""
    meta = guide.pages[src]
    items = "\n".join(f"1. {cite(guide.source(s))}" for s in meta.sources)
    return (f"## Sources and review {{#sources}}\n\n"
            f"Last reviewed: <time datetime=\"{meta.last_reviewed.isoformat()}\">"
            f"{human_date(meta.last_reviewed)}</time>. "
            f"Next review due: <time datetime=\"{meta.review_due.isoformat()}\">"
            f"{human_date(meta.review_due)}</time>.\n\n"
            f"This page is based on:\n\n{items}\n")


def references(guide: Guide) -> str:
    rows = [[cite(s), s.kind, s.supports]
            for _, s in sorted(guide.sources.items(), key=lambda kv: kv[1].title.lower())]
    return table(["Source", "Kind", "What it supports"], rows)


def glossary_terms(root: Path) -> list[tuple[str, str]]:
    terms = []
    for line in (root / GLOSSARY_FILE).read_text(encoding="utf-8").splitlines():
        match = _ABBR.match(line.strip())
        if match:
            terms.append((match["term"], match["meaning"]))
    return terms


def glossary(root: Path) -> str:
    """The glossary page, from the same file that gives every page its hover tooltips."""
    terms = sorted(glossary_terms(root), key=lambda t: t[0].lower())
    return "\n\n".join(f"**{term}**\n:   {meaning}" for term, meaning in terms)
