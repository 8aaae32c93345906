"""Where the printable PDFs live in the built site, and the links to them.

postbuild/handouts.py writes the files after the build; the macros link them. Both take every
name from here, so a link and the file it points to cannot drift apart.
"""
from __future__ import annotations

import posixpath
from html import escape

from macros.data import MUSCLES, TECHNIQUES, Guide, muscle_path, page_url, technique_path

HANDOUTS_DIR = "handouts"
# Paper name in file names -> (CSS page size, name a reader knows).
PAPERS = {"a4": ("A4", "A4"), "letter": ("letter", "US Letter")}
BOOKLET = "booklet"
ROUTINE_CARD = "routine-card"
PAIN_DIARY = "pain-diary"
TOOLS = {ROUTINE_CARD: "Routine card", PAIN_DIARY: "Pain-location diary"}


def handout_file(kind: str, slug: str, paper: str) -> str:
    """'handouts/techniques/stripping-a4.pdf': a page's handout, relative to the site root."""
    return f"{HANDOUTS_DIR}/{kind}/{slug}-{paper}.pdf"


def extra_file(name: str, paper: str) -> str:
    """'handouts/booklet-letter.pdf': the booklet or a printable tool, relative to the site root."""
    return f"{HANDOUTS_DIR}/{name}-{paper}.pdf"


def handout_pages(guide: Guide) -> list[tuple[str, str, str]]:
    """(kind, slug, src_uri) of every page that gets a handout: every technique and every muscle."""
    return ([(TECHNIQUES, slug, technique_path(slug)) for slug in sorted(guide.techniques)]
            + [(MUSCLES, slug, muscle_path(slug)) for slug in sorted(guide.muscles)])


def handout_title(guide: Guide, kind: str, slug: str) -> str:
    """'Technique: Stripping': how lists of handouts name one."""
    return f"Technique: {guide.technique(slug).name}" if kind == TECHNIQUES else f"Muscle: {guide.muscle(slug).name}"


def every_file(guide: Guide) -> list[str]:
    """Every PDF the handout step writes, relative to the site root."""
    files = [handout_file(kind, slug, paper) for kind, slug, _ in handout_pages(guide) for paper in PAPERS]
    return files + [extra_file(name, paper) for name in (BOOKLET, *TOOLS) for paper in PAPERS]


def _href(from_src: str, target: str) -> str:
    """A link from a page's built URL to a file given relative to the site root."""
    depth = page_url(from_src).count("/")
    return posixpath.join(*([".."] * depth), target) if depth else target


def _button(href: str, text: str, primary: bool) -> str:
    kind = "md-button md-button--primary" if primary else "md-button"
    return f'<a class="{kind}" href="{escape(href)}" type="application/pdf">{escape(text)}</a>'


def download_buttons(src: str, kind: str, slug: str) -> str:
    """The 'Download printable handout (PDF)' buttons of a technique or muscle page, A4 and US Letter.

    Raw HTML, not a Markdown link: the PDFs are made after the build, so MkDocs cannot check them
    (the tests' link check of the finished site does).
    """
    buttons = " ".join(_button(_href(src, handout_file(kind, slug, paper)),
                               f"Download printable handout (PDF, {label})", primary=index == 0)
                       for index, (paper, (_, label)) in enumerate(PAPERS.items()))
    return f'<p class="handout-download">{buttons}</p>'


def printables_table(guide: Guide, src: str) -> str:
    """Every printable PDF, each in A4 and US Letter, as a Markdown table of raw HTML links."""
    def links(files: dict[str, str], name: str) -> str:
        return " · ".join(f'<a href="{escape(_href(src, file))}" type="application/pdf" '
                          f'aria-label="{escape(name)} (PDF, {label})">{label}</a>'
                          for (_, label), file in zip(PAPERS.values(), files.values()))

    rows = [("The booklet: every handout, the safety page and a contents page", BOOKLET, None)]
    rows += [(title, name, None) for name, title in TOOLS.items()]
    rows += [(handout_title(guide, kind, slug), kind, slug) for kind, slug, _ in handout_pages(guide)]
    lines = ["| Handout | PDF |", "| --- | --- |"]
    for title, name, slug in rows:
        files = {paper: (handout_file(name, slug, paper) if slug else extra_file(name, paper)) for paper in PAPERS}
        lines.append(f"| {escape(title)} | {links(files, title)} |")
    return "\n".join(lines)
