"""Small Markdown builders shared by the renderers."""
from __future__ import annotations

import posixpath


def link(from_src: str, to_src: str, text: str, anchor: str = "") -> str:
    """A relative Markdown link from one docs/ page to another, so MkDocs can check it."""
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"[{text}]({target}{'#' + anchor if anchor else ''})"


def cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |",
             "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def admonition(kind: str, title: str, body: str) -> str:
    """A Material admonition; the body is indented so it stays inside the box."""
    title = title.replace('"', "'")
    indented = "\n".join(("    " + line) if line.strip() else "" for line in body.strip("\n").split("\n"))
    return f'!!! {kind} "{title}"\n\n{indented}\n'


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


# Comments around what a macro inserts: invisible to readers, but the lint knows the text between
# them comes from the data, so text repeated there by design is not counted as a repeated sentence.
MACRO_START = "guide-macro"
MACRO_END = "/guide-macro"


def block(markdown: str) -> str:
    """Surround with blank lines so the result renders the same wherever a page places it, and
    mark it as macro output (see MACRO_START)."""
    return f"\n\n<!-- {MACRO_START} -->\n\n{markdown.strip()}\n\n<!-- {MACRO_END} -->\n\n"
