"""MkDocs hook: give each task-list checkbox a name. pymdownx.tasklist renders
`<label class="task-list-control"><input type="checkbox"><span></span></label> text`, so the
checkbox is announced as "checkbox, not checked" with no words (axe rule `label`). The item's own
text becomes the checkbox's aria-label. Loaded by path from mkdocs.yml `hooks:`.
"""
from __future__ import annotations

from bs4 import BeautifulSoup


def on_page_content(html: str, **_) -> str:
    if "task-list-control" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for control in soup.select("li.task-list-item > label.task-list-control"):
        item = control.parent
        words = "".join(
            child.get_text() if hasattr(child, "get_text") else str(child)
            for child in item.children
            if child is not control and getattr(child, "name", None) not in ("ul", "ol"))
        checkbox = control.find("input", type="checkbox")
        if checkbox is not None and not checkbox.has_attr("aria-label"):
            checkbox["aria-label"] = " ".join(words.split())
    return str(soup)
