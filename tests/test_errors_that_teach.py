"""Errors that teach: the most common mistakes, made in a scratch copy and run through the real
strict build, each reported as `path:line: what is wrong — how to fix it` at the line to edit.

Data mistakes stop the build before any page is written, so they share one build; content mistakes
are found by the lint after the build, so they share another. Each build reports every problem.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from conftest import build_problems, copy_project, edit, mkdocs_build

MESSAGE = re.compile(r"^(?P<path>[\w./-]+\.(?:md|yml)):(?P<line>\d+): (?P<what>.+?) — (?P<fix>.+)$")


@dataclass(frozen=True)
class Mistake:
    name: str
    path: str
    marker: str  # text on the line the message must point at
    what: str
    fix: str


def line_of(path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if text in line]
    assert len(found) == 1, f"{text!r} is on lines {found} of {path}"
    return found[0]


def remove_line(path, start: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, f"no single line starting {start!r} in {path}"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")


def append(path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


LONG_SENTENCE = ("When the ache in your buttock spreads down into the back of your thigh after a long day of "
                 "sitting at a desk you may want to try a ball on the tender spot before bed.")

DATA_MISTAKES = [
    Mistake("unknown muscle", "docs/techniques/stripping.md", "glute-maximus",
            "field 'technique.muscles' names 'glute-maximus', which is not a muscle here "
            "(known: gluteus-medius, gluteus-minimus, piriformis)",
            "use one of the known names, or add docs/muscles/glute-maximus.md"),
    Mistake("page without sources", "docs/about.md", "description:",
            "field 'sources' is missing", "add it: a list of source ids from data/sources/"),
    Mistake("unknown source", "docs/tools.md", "my-blog",
            "field 'sources' names 'my-blog', which is not a source here",
            "use one of the known names, or add data/sources/my-blog.yml"),
]

CONTENT_MISTAKES = [
    Mistake("missing contraindications link", "docs/techniques/stripping.md", "# Stripping",
            "this technique page does not link to the contraindications page",
            "add {{ technique_summary(page) }} near the top of the page"),
    Mistake("heading skipped", "docs/glossary.md", "#### Words we plan to add",
            "heading 'Words we plan to add' is an h4 after an h2, skipping a level",
            "use one more '#' than the heading above it (h3)"),
    Mistake("image without alt text", "docs/muscles/piriformis.md", "piriformis-sketch.svg",
            "an image has no alt text (../../assets/piriformis-sketch.svg)",
            "describe the picture in the brackets"),
    Mistake("sentence too long", "docs/understanding/how-it-feels.md", "When the ache in your buttock spreads",
            'a sentence has 36 words (limit 30): "When the ache in your buttock spreads down…"',
            "split it into two or more sentences"),
]


def make_data_mistakes(root) -> None:
    edit(root / "docs/techniques/stripping.md", "muscles: [", "muscles: [glute-maximus, ")
    remove_line(root / "docs/about.md", "sources:")
    edit(root / "docs/tools.md", "sources: [", "sources: [my-blog, ")


def make_content_mistakes(root) -> None:
    page = root / "docs/techniques/stripping.md"
    text = page.read_text(encoding="utf-8")
    # Every route to the contraindications page: the summary, the stop-rules box and the care cards
    # carry the link, and the page links to it by hand too.
    text = text.replace("{{ technique_summary(page) }}", "").replace("{{ stop_rules(page) }}", "")
    text = text.replace("{{ when_to_get_help() }}", "")
    page.write_text("\n".join(line for line in text.splitlines() if "contraindications.md" not in line) + "\n",
                    encoding="utf-8")
    append(root / "docs/glossary.md", "\n#### Words we plan to add\n\nWe add new words when a page needs them.\n")
    (root / "docs/assets/piriformis-sketch.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>\n')
    edit(root / "docs/muscles/piriformis.md", "## Find it {#find-it}\n",
         "## Find it {#find-it}\n\n![](../assets/piriformis-sketch.svg)\n")
    append(root / "docs/understanding/how-it-feels.md", f"\n{LONG_SENTENCE}\n")


MISTAKES = {"data": (make_data_mistakes, DATA_MISTAKES), "content": (make_content_mistakes, CONTENT_MISTAKES)}


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    """kind -> (project, build output): one scratch copy with every mistake of that kind, built once."""
    cache = {}

    def build(kind: str):
        if kind not in cache:
            root = copy_project(tmp_path_factory.mktemp(f"{kind}-mistakes"))
            MISTAKES[kind][0](root)
            result = mkdocs_build(root, root / "site")
            assert result.returncode != 0, f"the build passed although the pages have {kind} mistakes"
            cache[kind] = root, result.stdout + result.stderr
        return cache[kind]

    return build


def problem_lines(output: str) -> list[str]:
    """The problem list the build prints under 'N problems in the guide:'."""
    assert re.search(r"\d+ problems? in the guide:", output), output
    return build_problems(output)


@pytest.mark.parametrize("kind", MISTAKES)
def test_every_problem_names_file_line_what_and_fix(broken_build, kind):
    _, output = broken_build(kind)
    problems = problem_lines(output)
    assert len(problems) >= len(MISTAKES[kind][1]), output
    for problem in problems:
        assert MESSAGE.match(problem), f"not `path:line: what — fix`: {problem!r}"


@pytest.mark.parametrize("kind, mistake", [(kind, m) for kind, (_, ms) in MISTAKES.items() for m in ms],
                         ids=lambda value: value.name if isinstance(value, Mistake) else value)
def test_each_common_mistake_points_at_its_line(broken_build, kind, mistake):
    root, output = broken_build(kind)
    found = [m for m in map(MESSAGE.match, problem_lines(output))
             if m and m["path"] == mistake.path and mistake.what in m["what"]]
    assert len(found) == 1, f"{mistake.name}: no single message for {mistake.path} saying {mistake.what!r}:\n{output}"
    assert int(found[0]["line"]) == line_of(root / mistake.path, mistake.marker), mistake.name
    assert mistake.fix in found[0]["fix"], mistake.name
