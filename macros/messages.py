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


def review_due_order(due: str, reviewed: str) -> tuple[str, str]:
    return (f"field 'review_due' is {due}, which is not after last_reviewed ({reviewed})",
            "set review_due to a date after last_reviewed, at most 3 years later (YYYY-MM-DD)")


def review_due_too_late(due: str, reviewed: str, latest: str) -> tuple[str, str]:
    return (f"field 'review_due' is {due}, more than 3 years after last_reviewed ({reviewed})",
            f"set review_due to {latest} or earlier: health content is reviewed at least every 3 years")


def no_front_matter() -> tuple[str, str]:
    return ("the page has no front matter",
            "start the file with a '---' block holding description, last_reviewed, review_due and sources "
            "(copy one from an existing page)")


def bad_yaml(error: str) -> tuple[str, str]:
    return f"the YAML could not be read ({error})", "fix the indentation or quoting on that line"


class MacroMisuse(ValueError):
    """A macro used where it cannot work; the build adds the page and line of the call."""


def wrong_page_kind(macro: str, kind: str, folder: str) -> str:
    return (f"{macro}(page) is used on a page that is not a {kind} page "
            f"— use it only on pages in docs/{folder}/, or name one: {macro}(\"its-id\")")


# --- content lint on the rendered site ---------------------------------------------------------

LINT = {
    "contraindications-link": (
        "this technique page does not link to the contraindications page",
        "add {{ technique_summary(page) }} near the top of the page; it includes the link",
    ),
    "stop-rules-box": (
        "this {kind} page does not show the stop-rules box",
        "add {{ stop_rules(page) }} (on a muscle page: {{ stop_rules() }}) under the 'When to stop' heading",
    ),
    "immediate-card": (
        "this {kind} page does not show the 'Immediate action required' card",
        "add {{ when_to_get_help() }} under the 'Get help now' heading",
    ),
    "urgent-card": (
        "this {kind} page does not show the 'Urgent advice' card (signs that need a doctor the same day)",
        "add {{ when_to_get_help() }} under the 'Get help now' heading",
    ),
    "ask-first-link": (
        "this {kind} page does not link to the ask-first list (safety/contraindications.md#precautions)",
        "add {{ when_to_get_help() }} under the 'Get help now' heading; it includes the link",
    ),
    "image-alt": (
        "an image has no alt text ({src})",
        "describe the picture in the brackets: ![What the picture shows](file.svg)",
    ),
    "image-caption": (
        "a picture is not in a figure with a caption ({src})",
        "put it in <figure markdown=\"span\"> with a <figcaption> that says what it shows and that the "
        "drawing is simplified, as on docs/muscles/piriformis.md",
    ),
    "svg-name": (
        "an inline drawing (<svg>) has no text alternative",
        "give the <svg> role=\"img\" and a <title> that says what it shows, or use it as an image file: "
        "![What it shows](file.svg)",
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
    "key-points-first": (
        "the page does not open with a 'Key points' box",
        "put '!!! key-points \"Key points\"' with 2 to 4 short bullets right after the '# Title' line",
    ),
    "sentence-too-long": (
        "a sentence has {words} words (limit {limit}): \"{start}…\"",
        "split it into two or more sentences of 15 to 20 words",
    ),
    "list-too-long": (
        "a list has {items} items (limit {limit}), starting \"{start}\"",
        "split it into two shorter lists under their own headings, or group related items",
    ),
    "reading-grade": (
        "the reading grade is {grade} (limit {limit}); the longest sentence has {words} words",
        "use shorter sentences and everyday words; explain medical terms in plain words "
        "(run `make readability` to see every page's figures)",
    ),
    "meta-description": (
        "the page has no description for search engines and link previews",
        "add 'description: one plain sentence' to the front matter",
    ),
    "placeholder": (
        "a placeholder is still here: \"{text}\"",
        "replace the whole 'TODO: …' note with what it asks for (the build lists every one left)",
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


# --- the scaffold (scripts/scaffold.py) ----------------------------------------------------------

SCAFFOLD_EXAMPLE = {"technique": 'make new-technique NAME="Trigger point pressure"',
                    "muscle": 'make new-muscle NAME="Quadratus lumborum"'}


def scaffold_no_name(kind: str) -> str:
    return f"no name given — give the {kind}'s name in plain words: {SCAFFOLD_EXAMPLE[kind]}"


def scaffold_bad_name(kind: str, name: str, reason: str) -> str:
    return (f"'{name}' cannot be a {kind} name: {reason} — use 3 to 60 letters, digits, spaces or hyphens, "
            f"starting with a letter and ending with a letter or digit: {SCAFFOLD_EXAMPLE[kind]}")


def scaffold_reserved(kind: str, name: str, slug: str) -> str:
    return (f"'{name}' cannot be a {kind} name: its id would be '{slug}', which the site uses for its own pages "
            f"— pick another name")


def scaffold_exists(kind: str, path: str) -> str:
    return (f"{path} already exists, so there is already a {kind} with this name "
            f"— edit that page, or pick a name that is not taken")


def scaffold_created(path: str, template: str, placeholders: int) -> str:
    return "\n".join([
        f"Created {path} from {template}.",
        "Next:",
        f"  1. Open {path} and replace each of its {placeholders} 'TODO: …' notes with what it asks for.",
        "  2. Run `make serve` to see the page as you write, then `make test` to run every check.",
        "  The build lists every note still left, with its line, until all are done.",
    ])


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
