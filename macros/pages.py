"""Checks on every page's Markdown before any macro runs, so that a typo reads as
`path:line: what — fix` instead of a traceback: braces that do not close, a macro name that does not
exist (with the nearest one), a snippet file that is not there.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import jinja2
import yaml
from jinja2 import meta

from macros import messages
from macros.data import _FAST_LOADER
from macros.messages import Problem

# pymdownx.snippets lines: `--8<-- "file.md"` (a section after ':'), or a block of file names.
_SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+["']([^"':]+)(?::[^"']*)?["']\s*$""")
_SNIPPET_BLOCK = re.compile(r"^\s*-{1,}8<-{1,}\s*$")
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)  # as MkDocs reads it
# Names every page may use besides the macros and variables: what mkdocs-macros adds per page, and
# Jinja's own globals.
PAGE_NAMES = {"page", "files", "navigation", "config", "environment", "plugin", "git", "extra",
              "macros", "filters", "filters_builtin"}


def included_files(lines: list[str]) -> list[str]:
    """The files a page pulls in with pymdownx.snippets, single-line or block form."""
    return [name for _, name in _snippets(lines)]


def _snippets(lines: list[str]) -> list[tuple[int, str]]:
    found, in_block = [], False
    for number, line in enumerate(lines, 1):
        if _SNIPPET_BLOCK.match(line):
            in_block = not in_block
            continue
        match = _SNIPPET.match(line)
        if match:
            found.append((number, match.group(1)))
        elif in_block and line.strip() and not line.strip().startswith(";"):
            found.append((number, line.strip().split(":", 1)[0]))
    return found


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """(front matter, the Markdown MkDocs gives the macros, how many lines come before it)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 0
    try:
        data = yaml.load(match.group(1), Loader=_FAST_LOADER)
    except (yaml.YAMLError, ValueError):
        data = {}  # reported by the data checks
    return (data if isinstance(data, dict) else {}), text[match.end():], match.group(0).count("\n")


def _unclosed(markdown: str, opener: str, closer: str) -> int | None:
    """The line of the first opener with no closer before the next opener or the end."""
    start = markdown.find(opener)
    while start >= 0:
        close = markdown.find(closer, start + 2)
        following = markdown.find(opener, start + 2)
        if close < 0 or 0 <= following < close:
            return markdown.count("\n", 0, start) + 1
        start = following
    return None


def _line_of_name(markdown: str, name: str) -> int:
    pattern = re.compile(rf"(\{{\{{|\{{%)[^\n]*?\b{re.escape(name)}\b")
    match = pattern.search(markdown)
    return markdown.count("\n", 0, match.start()) + 1 if match else 1


def check_page(rel: str, text: str, environment: jinja2.Environment, known: set[str],
               macro_names: list[str], root: Path) -> list[Problem]:
    """Every problem in one page's macros and snippets."""
    problems = []
    front, markdown, offset = split_front_matter(text)
    for number, name in _snippets(text.splitlines()):
        if not (root / name).is_file():
            problems.append(Problem(rel, *messages.missing_snippet(name), number))
    if front.get("render_macros") is False:
        return problems
    try:
        tree = environment.parse(markdown)
    except jinja2.TemplateSyntaxError as error:
        for opener, closer in (("{{", "}}"), ("{%", "%}")):
            line = _unclosed(markdown, opener, closer)
            if line:
                problems.append(Problem(rel, *messages.unclosed_braces(opener, closer), line + offset))
                break
        else:
            problems.append(Problem(rel, *messages.template_syntax(error.message or str(error)),
                                    (error.lineno or 1) + offset))
        return problems
    allowed = known | set(front)
    for name in sorted(meta.find_undeclared_variables(tree) - allowed):
        nearest = difflib.get_close_matches(name, macro_names, n=1, cutoff=0.6)
        problems.append(Problem(rel, *messages.unknown_macro(name, nearest[0] if nearest else None, macro_names),
                                _line_of_name(markdown, name) + offset))
    return problems


def check_pages(root: Path, docs_dir: Path, environment: jinja2.Environment, known: set[str],
                macro_names: list[str]) -> list[Problem]:
    """check_page on every Markdown file under docs_dir (those that are not UTF-8 are reported
    by the data checks)."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        problems += check_page(path.relative_to(root).as_posix(), text, environment,
                               known | PAGE_NAMES | set(environment.globals), macro_names, root)
    return problems
