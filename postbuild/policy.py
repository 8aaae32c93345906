"""What contributors may write, checked on the rendered article of each page: the markup policy
(no scripts, frames, plugins, forms, inline event handlers, script or data addresses, nor pictures
and files loaded from another site) and the integrity rules (heading ids, file names, picture weight).

Only the <article> is checked: the theme's templates and our own assets in docs/assets/ are the
site's only scripts, and they are reviewed as code. Called by postbuild/lint.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from bs4 import Tag

from macros.data import _CODE_SPAN, _FENCE, title_line
from macros.messages import Problem, lint_problem

# Elements that run code or embed another site's page: none may be written in a page.
FORBIDDEN_ELEMENTS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base")
# Attributes that hold an address, and whether what they point at is loaded with the page (a resource).
LINK_ATTRIBUTES = ("href", "src", "srcset", "poster", "action", "formaction", "data", "xlink:href", "background")
RESOURCE_ELEMENTS = {"img", "source", "link", "video", "audio", "track", "input", "image", "use"}
BLOCKED_SCHEMES = ("javascript", "vbscript", "data")
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20]")  # browsers ignore these inside a scheme: "java\tscript:"

FILE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)+$")
FOLDER_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ALLOWED_DOTFILES = {".nav.yml"}  # the awesome-nav plugin's navigation file
RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff"}
RASTER_LIMIT_KB = 200

Found = tuple[str, int] | None
Report = Callable[..., None]


def written_lines(source) -> Iterator[tuple[str, int, str]]:
    """(path, line, text) of a page and the files it includes, leaving out code, which may show
    markup on purpose (the contributing page shows `<script>` in this policy's own section)."""
    for part in (source, *source.includes):
        in_fence = False
        for number, line in enumerate(part.lines, 1):
            if _FENCE.match(line):
                in_fence = not in_fence
                continue
            if not in_fence:
                yield part.path, number, _CODE_SPAN.sub("", line)


def find_written(source, needle: str, skip: int = 0) -> Found:
    """Where needle (case-insensitive) is written outside code; skip finds a later place."""
    needle = needle.strip().lower()
    for path, number, line in written_lines(source):
        if needle and needle in line.lower():
            if skip == 0:
                return path, number
            skip -= 1
    return None


def _scheme(url: str) -> str:
    match = _SCHEME.match(_CONTROL.sub("", url))
    return match.group(1).lower() if match else ""


def _addresses(element: Tag) -> Iterator[tuple[str, str]]:
    """(attribute, address) for each address the element holds; a srcset holds several."""
    for attribute in LINK_ATTRIBUTES:
        value = element.get(attribute)
        if not isinstance(value, str) or not value.strip():
            continue
        if attribute == "srcset":
            for candidate in value.split(","):
                if candidate.strip():
                    yield attribute, candidate.split()[0]
        else:
            yield attribute, value.strip()


def _elsewhere(url: str) -> bool:
    """An address on another host: with a scheme (https:, ftp:, …) or protocol-relative (//host)."""
    return url.startswith("//") or bool(_scheme(url))


def check_markup(article: Tag, source, report: Report) -> None:
    """The markup policy, on one page's rendered article."""
    for element in article.find_all(FORBIDDEN_ELEMENTS):
        report("markup-element", find_written(source, f"<{element.name}"), tag=element.name, a=_a(element.name),
               fix=ELEMENT_FIX.get(element.name, ELEMENT_FIX["script"]))
    for element in article.find_all(True):
        for attribute in element.attrs:
            if attribute.lower().startswith("on"):
                report("markup-handler", find_written(source, f"{attribute}="), tag=element.name,
                       attribute=attribute)
        for attribute, url in _addresses(element):
            scheme = _scheme(url)
            if scheme in BLOCKED_SCHEMES:
                report("markup-scheme", find_written(source, f"{scheme}:"), scheme=scheme, tag=element.name,
                       a=_a(element.name))
            elif element.name in RESOURCE_ELEMENTS and _elsewhere(url):
                report("markup-external", find_written(source, url) or find_written(source, f"<{element.name}"),
                       tag=element.name, a=_a(element.name), url=url,
                       fix=EXTERNAL_FIX["link" if element.name == "link" else "picture"])


def _a(tag: str) -> str:
    return "an" if tag[0] in "aeiou" else "a"


EXTERNAL_FIX = {
    "picture": "save the picture as a file in docs/assets/figures/ (an SVG drawing, see 'Add or change a figure' "
               "in CONTRIBUTING.md) and show it from there; to point at the other site, use a plain link",
    "link": "remove it: the site's own stylesheets in docs/assets/stylesheets/ are the only ones; "
            "to point at the other site, use a plain link",
}

ELEMENT_FIX = {
    "script": "remove it: pages hold no scripts. A feature that needs one is site code, "
              "added in docs/assets/javascripts/ and reviewed as code",
    "iframe": "remove it and use a plain link to that page: [What it shows](https://…)",
    "frame": "remove it and use a plain link to that page: [What it shows](https://…)",
    "frameset": "remove it and use a plain link to that page: [What it shows](https://…)",
    "object": "remove it: show a picture as an SVG file from docs/assets/figures/, or link to the file",
    "embed": "remove it: show a picture as an SVG file from docs/assets/figures/, or link to the file",
    "applet": "remove it: show a picture as an SVG file from docs/assets/figures/, or link to the file",
    "form": "remove it: the guide asks readers for nothing. Link to the other site's form instead",
    "base": "remove it: links are written relative to the page, as in [Piriformis](../muscles/piriformis.md)",
}


def check_heading_ids(article: Tag, source, report: Report) -> None:
    """Each id on a page is used once: a link to #id can lead to only one place."""
    seen: dict[str, int] = {}
    for element in article.find_all(re.compile(r"^h[1-6]$"), id=True):
        anchor = element["id"]
        seen[anchor] = seen.get(anchor, 0) + 1
        if seen[anchor] == 2:
            first = find_written(source, "{#" + anchor)
            second = find_written(source, "{#" + anchor, skip=1)
            report("duplicate-heading-id", second or first, id=anchor,
                   other=f"line {first[1]}" if first and second else "elsewhere on the page")


def check_file_names(docs_dir: Path) -> list[Problem]:
    """Every file and folder under docs/ is named in lower-case words joined by hyphens, as
    addresses are made from names: a space or capital letter makes an address that is easy to break."""
    problems = []
    root = docs_dir.parent
    for path in sorted(docs_dir.rglob("*")):
        name = path.name
        if name in ALLOWED_DOTFILES or any(part.startswith(".") for part in path.relative_to(docs_dir).parts[:-1]):
            continue
        pattern = FILE_NAME if path.is_file() else FOLDER_NAME
        if not pattern.match(name):
            line = None  # a folder has no line; a page is reported at its title, another file at line 1
            if path.is_file():
                line = title_line(path.read_text(encoding="utf-8", errors="replace").splitlines()) \
                    if path.suffix == ".md" else 1
            problems.append(lint_problem("file-name", path.relative_to(root).as_posix(), line,
                                         name=name, better=better_name(name, path.is_file())))
    return problems


def better_name(name: str, is_file: bool = True) -> str:
    """'Foam Roll.md' -> 'foam-roll.md'."""
    stem, dot, suffix = name.rpartition(".") if is_file and "." in name.strip(".") else (name, "", "")
    words = re.findall(r"[a-z0-9]+", stem.lower())
    return "-".join(words or ["name"]) + (dot + suffix.lower() if dot else "")


def check_raster_weight(docs_dir: Path, sources: list) -> list[Problem]:
    """A raster picture over RASTER_LIMIT_KB: reported where a page shows it, else at the file."""
    problems = []
    root = docs_dir.parent
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in RASTER_SUFFIXES:
            continue
        size_kb = path.stat().st_size / 1024
        if size_kb <= RASTER_LIMIT_KB:
            continue
        rel = path.relative_to(root).as_posix()
        shown = next((found for source in sources if (found := find_written(source, path.name))), None)
        where, line = shown or (rel, None)
        problems.append(lint_problem("raster-too-big", where, line, file=rel, size=f"{size_kb:.0f}",
                                     limit=RASTER_LIMIT_KB))
    return problems
