"""Every message a contributor can see from the data checks and the content lint, in one place.

Each message names what is wrong and how to fix it. Problem renders as `path:line: what — fix`,
so editors and CI logs can jump straight to the line.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    what: str
    fix: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.what} — {self.fix}"


class GuideError(Exception):
    """One or more problems in the guide's data or pages; the message lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the guide:"
        super().__init__("\n".join([head, *(f"  {p}" for p in problems)]))


class UnknownId(LookupError):
    """A macro or data file named something that does not exist."""

    def __init__(self, kind: str, name: object, known: list[str], where: str = ""):
        self.kind, self.name, self.known = kind, name, known
        prefix = f"{where}: " if where else ""
        super().__init__(
            f"{prefix}'{name}' is not a {kind} here (known: {', '.join(known) or 'none'}) "
            f"— use one of the known names"
        )


def known_list(names) -> str:
    return ", ".join(sorted(names)) or "none"


# --- data and front matter -------------------------------------------------------------------

def missing_field(field: str, hint: str) -> tuple[str, str]:
    return f"field '{field}' is missing", f"add it: {hint}"


def wrong_type(field: str, expected: str, got: str, hint: str) -> tuple[str, str]:
    return f"field '{field}' should be {expected}, not {got}", f"give {hint}"


def unknown_field(field: str, known: list[str]) -> tuple[str, str]:
    return (f"field '{field}' is not a field here",
            f"check the spelling or remove it (known fields: {known_list(known)})")


def invalid_value(field: str, reason: str, hint: str) -> tuple[str, str]:
    return f"field '{field}' is not valid: {reason}", f"fix it: {hint}"


def unknown_reference(field: str, name: str, kind: str, known, add_where: str) -> tuple[str, str]:
    return (f"field '{field}' names '{name}', which is not a {kind} here (known: {known_list(known)})",
            f"use one of the known names, or add {add_where}")


def future_review_date(field: str, value: str) -> tuple[str, str]:
    return (f"field '{field}' is {value}, a date in the future",
            "set it to the date the page was last reviewed (YYYY-MM-DD)")


def no_front_matter() -> tuple[str, str]:
    return ("the page has no front matter",
            "start the file with a '---' block holding description, last_reviewed and sources "
            "(copy one from an existing page)")


def bad_yaml(error: str) -> tuple[str, str]:
    return f"the YAML could not be read ({error})", "fix the indentation or quoting on that line"


def wrong_page_kind(macro: str, path: str, kind: str, folder: str) -> str:
    return (f"{macro}(page) is used on {path}, which is not a {kind} page "
            f"— use it only on pages in docs/{folder}/")


# --- content lint on the rendered site ---------------------------------------------------------

LINT = {
    "contraindications-link": (
        "this technique page does not link to the contraindications page",
        "add {{ technique_summary(page) }} near the top of the page; it includes the link",
    ),
    "stop-rules-box": (
        "this technique page does not show the stop-rules box",
        "add {{ stop_rules(page) }} under the 'When to stop' heading",
    ),
    "immediate-card": (
        "this technique page does not show the 'Immediate action required' card",
        "add {{ care_card(\"immediate\") }} to the page",
    ),
    "image-alt": (
        "an image has no alt text ({src})",
        "describe the picture in the brackets: ![What the picture shows](file.svg)",
    ),
    "unrendered-macro": (
        "unrendered template text reached the page: {text}",
        "check the macro's name and braces; to show braces literally set 'render_macros: false' "
        "in the front matter",
    ),
    "heading-order": (
        "heading '{text}' is an h{level} after an h{previous}, skipping a level",
        "use one more '#' than the heading above it (h{expected})",
    ),
    "one-h1": (
        "the page has {count} top-level headings (h1)",
        "keep one '# Title' line at the top and make the others '##'",
    ),
    "meta-description": (
        "the page has no description for search engines and link previews",
        "add 'description: one plain sentence' to the front matter",
    ),
}


def _fill(text: str, values: dict) -> str:
    """Put values into {name} slots, leaving macro braces like {{ stop_rules(page) }} alone."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def lint_problem(rule: str, path: str, line: int | None = None, **values) -> Problem:
    what, fix = LINT[rule]
    return Problem(path, _fill(what, values), _fill(fix, values), line)


# --- printable handouts (postbuild/handouts.py) ------------------------------------------------

HANDOUT = {
    "key-points": (
        "the handout cannot find the page's title and 'Key points' box",
        "start the page with one '# Title' line and a !!! key-points \"Key points\" box (copy them from "
        "another page in the same folder)",
    ),
    "steps-heading": (
        "the handout cannot find the steps: there is no '##' heading with the id '{anchor}'",
        "give the heading above the numbered steps that id: '## {heading} {#{anchor}}'",
    ),
    "steps-list": (
        "the heading with the id '{anchor}' has no numbered list under it, so the handout has no steps",
        "write the steps as a numbered list (1. 2. 3.) under that heading",
    ),
}


def handout_problem(rule: str, path: str, **values) -> Problem:
    what, fix = HANDOUT[rule]
    return Problem(path, _fill(what, values), _fill(fix, values))
