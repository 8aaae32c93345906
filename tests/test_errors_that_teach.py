"""Errors that teach: the most common mistakes, made in a scratch copy and run through the real
strict build, each reported as `path:line: what is wrong — how to fix it` at the line to edit.

Data mistakes stop the build before any page is written, so they share one build; content mistakes
are found by the lint after the build, so they share another. Each build reports every problem.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

import pytest

from conftest import ROOT, build_problems, copy_project, edit, mkdocs_build

MESSAGE = re.compile(r"^(?P<path>[\w ./-]+\.(?:md|yml)):(?P<line>\d+): (?P<what>.+?) — (?P<fix>.+)$")


@dataclass(frozen=True)
class Mistake:
    name: str
    path: str
    marker: str  # text on the line the message must point at
    what: str
    fix: str


def line_of(path, text: str) -> int:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
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
    Mistake("date that does not exist", "docs/glossary.md", "review_due: 2026-13-01",
            "'2026-13-01' is not a real date (month must be in 1..12)",
            "write the date as YYYY-MM-DD, with a month from 01 to 12"),
    Mistake("duplicate technique name", "docs/techniques/sustained-compression.md", "name: Sustained compression",
            "the technique name 'Sustained compression' is also used by docs/techniques/stripping.md",
            "give each technique its own name"),
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
    edit(root / "docs/glossary.md", "review_due: 2027-12-01", "review_due: 2026-13-01")
    edit(root / "docs/techniques/stripping.md", "  name: Stripping", "  name: Sustained compression")


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


# The markup policy: what a contributor may not write in a page, each refused at its line.
MARKUP_MISTAKES = [
    Mistake("script", "docs/about.md", "<script>alert('about')</script>",
            "the page has a <script> element, which pages may not hold", "pages hold no scripts"),
    Mistake("iframe", "docs/tools.md", "<iframe",
            "the page has an <iframe> element", "use a plain link to that page"),
    Mistake("object", "docs/glossary.md", "<object",
            "the page has an <object> element", "show a picture as an SVG file from docs/assets/figures/"),
    Mistake("form", "docs/understanding/heat-and-cold.md", "<form",
            "the page has a <form> element", "the guide asks readers for nothing"),
    Mistake("onclick", "docs/understanding/what-else-helps.md", "onclick=",
            "the <a> element has an inline script (onclick=…)", "remove onclick: pages hold no scripts"),
    Mistake("javascript: link", "docs/understanding/how-it-feels.md", "javascript:",
            "an <a> points at a 'javascript:' address", "link to a page with [words](https://…)"),
    Mistake("data: link", "docs/understanding/look-alikes.md", "data:text",
            "an <a> points at a 'data:' address", "show a picture from a file in docs/assets/figures/"),
    Mistake("script inside details", "docs/understanding/how-massage-helps.md", "<script>alert('details')",
            "the page has a <script> element", "pages hold no scripts"),
    Mistake("onclick inside figure", "docs/muscles/piriformis.md", "onmouseover=",
            "the <figure> element has an inline script (onmouseover=…)", "remove onmouseover"),
    Mistake("external image in a figure", "docs/muscles/gluteus-medius.md", "https://example.org/glute.png",
            "the page loads an <img> from another site (https://example.org/glute.png)",
            "save the picture as a file in docs/assets/figures/"),
    Mistake("external stylesheet", "docs/understanding/sciatic-nerve.md", "<link",
            "the page loads a <link> from another site", "the site's own stylesheets"),
]


def make_markup_mistakes(root) -> None:
    append(root / "docs/about.md", "\n<script>alert('about')</script>\n")
    append(root / "docs/tools.md", '\n<iframe src="https://example.org/video" title="A video"></iframe>\n')
    append(root / "docs/glossary.md", '\n<object data="../assets/figures/piriformis.svg"></object>\n')
    (root / "docs/understanding/heat-and-cold.md").write_text(
        (root / "docs/understanding/what-else-helps.md").read_text(encoding="utf-8").replace(
            "# What else helps", "# Heat and cold") + '\n<form action="/send"><input name="pain"></form>\n',
        encoding="utf-8")
    append(root / "docs/understanding/what-else-helps.md", '\n<a href="#heat" onclick="steal()">Heat</a>\n')
    append(root / "docs/understanding/how-it-feels.md", "\nSee [this page](javascript:alert(1)).\n")
    append(root / "docs/understanding/look-alikes.md", "\nSee [this note](data:text/html,hello).\n")
    append(root / "docs/understanding/how-massage-helps.md",
           '\n<details markdown>\n<summary>More</summary>\n\nA short note.\n\n'
           "<script>alert('details')</script>\n</details>\n")
    edit(root / "docs/muscles/piriformis.md", '<figure markdown="span">', '<figure markdown="span" onmouseover="x()">')
    append(root / "docs/muscles/gluteus-medius.md",
           '\n<figure markdown="span">\n  ![A photo of the muscle](https://example.org/glute.png)\n'
           "  <figcaption>The muscle. Simplified drawing, not to scale.</figcaption>\n</figure>\n")
    append(root / "docs/understanding/sciatic-nerve.md",
           '\n<link rel="stylesheet" href="https://example.org/style.css">\n')


# Integrity: names, ids, file names and picture weight that would break the site as it grows.
INTEGRITY_MISTAKES = [
    Mistake("duplicate heading id", "docs/tools.md", "## Floor or wall again {#why-a-tool}",
            "two headings on this page have the id 'why-a-tool'", "give each heading its own id"),
    Mistake("file name with a space and capitals", "docs/techniques/Foam Roll.md", "# Foam roll",
            "the name 'Foam Roll.md' is not lower-case words joined by hyphens", "rename it to 'foam-roll.md'"),
    Mistake("picture over 200 KB", "docs/about.md", "big-photo.png",
            "the picture docs/assets/big-photo.png is", "draw it as an SVG file in docs/assets/figures/"),
]


def make_integrity_mistakes(root) -> None:
    append(root / "docs/tools.md", "\n## Floor or wall again {#why-a-tool}\n\nUse the floor.\n")
    text = (root / "docs/techniques/circular-friction.md").read_text(encoding="utf-8")
    (root / "docs/techniques/Foam Roll.md").write_text(
        text.replace("name: Circular friction", "name: Foam roll").replace("# Circular friction", "# Foam roll"),
        encoding="utf-8")
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 1000  # 256 KB: the weight is what is checked
    (root / "docs/assets/big-photo.png").write_bytes(png)
    append(root / "docs/about.md", '\n<figure markdown="span">\n  ![A photo](assets/big-photo.png)\n'
           "  <figcaption>A photo of the team.</figcaption>\n</figure>\n")


# A file that is not UTF-8 stops the data checks at once (nothing else can be read), so it has its own build.
ENCODING_MISTAKES = [
    Mistake("byte that is not UTF-8", "docs/about.md", "Written in Z",
            "the file has a byte that is not UTF-8 text (0xFC)", "save the file as UTF-8"),
    Mistake("byte that is not UTF-8 in data", "data/tools.yml", "# A note from Z",
            "the file has a byte that is not UTF-8 text (0xFC)", "save the file as UTF-8"),
]


def make_encoding_mistakes(root) -> None:
    for path, text in (("docs/about.md", "\nWritten in Z\xfcrich.\n"), ("data/tools.yml", "# A note from Z\xfcrich\n")):
        with open(root / path, "ab") as file:
            file.write(text.encode("latin-1"))


# Macros and snippets, checked on every page before any macro runs.
TEMPLATE_MISTAKES = [
    Mistake("misspelt macro", "docs/understanding/how-it-feels.md", "care_cards(",
            "'care_cards' is not a macro here", "did you mean care_card?"),
    Mistake("unclosed braces", "docs/tools.md", "{{ tools_table()",
            "a '{{' is not closed", "end it with '}}' on the same line"),
    Mistake("missing snippet", "docs/contributing/index.md", "CONTRIBUTE.md",
            "the snippet line includes 'CONTRIBUTE.md', which does not exist", "check the file name"),
]


def make_template_mistakes(root) -> None:
    edit(root / "docs/understanding/how-it-feels.md", "{{ care_card(", "{{ care_cards(")
    edit(root / "docs/tools.md", "{{ tools_table() }}", "{{ tools_table()")
    edit(root / "docs/contributing/index.md", '"CONTRIBUTING.md:guide"', '"CONTRIBUTE.md:guide"')


MISTAKES = {"data": (make_data_mistakes, DATA_MISTAKES), "content": (make_content_mistakes, CONTENT_MISTAKES),
            "markup": (make_markup_mistakes, MARKUP_MISTAKES),
            "integrity": (make_integrity_mistakes, INTEGRITY_MISTAKES),
            "encoding": (make_encoding_mistakes, ENCODING_MISTAKES),
            "template": (make_template_mistakes, TEMPLATE_MISTAKES)}


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
            assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
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


def test_make_test_shows_the_build_problem_not_an_internal_error(tmp_path):
    """`make test` runs on two workers (pytest-xdist). A page that breaks the build must stop the run
    with the build's own `path:line: what — fix`, not an INTERNALERROR that hides it (the controller
    builds the pages before the workers start: tests/conftest.py, pytest_sessionstart)."""
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    long = " ".join(["This sentence keeps going with plain words"] * 6) + "."
    page = project / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + long + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "-q", "-p", "no:cacheprovider",
                             "tests/test_speed.py"], cwd=project, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "INTERNALERROR" not in output, output[-3000:]
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert f"docs/about.md:{line}: a sentence has" in output and "split it into" in output, output[-3000:]
