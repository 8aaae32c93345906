"""The contributor pages say what the code does: CONTRIBUTING.md is the site's "How to contribute"
page, the macros reference covers every macro with live output, and the examples are real."""
from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, copy_project, edit, mkdocs_build
from macros.data import load_guide
from macros.messages import GuideError
from test_scaffold import FILLS, fill

sys.path.insert(0, str(ROOT / "scripts"))
import scaffold  # noqa: E402

MACROS_PAGE = ROOT / "docs/contributing/macros.md"
RAW_BLOCK = re.compile(r"\{% raw %\}\s*```markdown\n(?P<code>.*?)```\s*\{% endraw %\}", re.S)
CALL = re.compile(r"\{\{\s*(?P<call>(?P<name>\w+)\(.*?\))\s*\}\}")


def registered_macros() -> set[str]:
    """The names define_env registers, found by running it with a stand-in environment."""
    import macros

    class Env:
        project_dir = str(ROOT)
        variables: dict = {}
        names: set = set()

        def macro(self, function, name=""):
            self.names.add(name or function.__name__)
            return function

    env = Env()
    macros.define_env(env)
    return env.names


def test_every_macro_has_a_section_with_an_example_and_its_live_output():
    text = MACROS_PAGE.read_text(encoding="utf-8")
    shown = {m["name"] for block in RAW_BLOCK.finditer(text) for m in CALL.finditer(block["code"])}
    outside = RAW_BLOCK.sub("", text)
    live = {m["name"] for m in CALL.finditer(outside)}
    names = registered_macros() - {"references_list"}  # another name for references(), said on the page
    assert "references_list" in registered_macros() and "`references_list`" in text
    assert names <= shown, f"macros with no example: {sorted(names - shown)}"
    assert names <= live, f"macros with no live output: {sorted(names - live)}"


def test_each_live_output_runs_a_call_shown_just_above_it():
    text = MACROS_PAGE.read_text(encoding="utf-8")
    blocks = list(RAW_BLOCK.finditer(text))
    for block, after in zip(blocks, [*blocks[1:], None]):
        following = text[block.end():after.start() if after else len(text)]
        calls = [m["call"] for m in CALL.finditer(following)]
        assert calls, f"no live output after the example {block['code']!r}"
        shown = [m["call"] for m in CALL.finditer(block["code"])]
        assert set(calls) <= set(shown), f"{calls} runs something other than the example {shown}"


def test_the_macros_page_shows_the_syntax_and_the_output(rendered):
    article = rendered("contributing/macros.md").select_one("article")
    code = article.get_text(" ")
    assert '{{ care_card("urgent") }}' in code and "{{ glossary() }}" in code
    assert "{% raw %}" in code  # the last section explains raw blocks in words
    assert article.select_one("details.example .admonition.care-urgent") is not None
    assert article.select_one("details.example .admonition.stop-rules") is not None
    assert article.select_one("#sources") is not None


def test_the_how_to_contribute_page_is_contributing_md(rendered):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("[start:guide]", 1)[1]
    headings = re.findall(r"^## (.+)$", guide, re.M)
    assert len(headings) >= 6
    page = [h.get_text(" ", strip=True).rstrip("¶").strip()
            for h in rendered("contributing/index.md").select("article h2")]
    assert page == [*headings, "Sources and review"]


def test_every_make_command_in_contributing_exists():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    used = set(re.findall(r"(?:^\s*|`)make ([a-z][\w-]*)", text, re.M))  # in code, not "make a page"
    assert {"serve", "test", "new-technique", "new-muscle", "check"} <= used
    assert used <= targets, f"CONTRIBUTING.md names make targets that do not exist: {sorted(used - targets)}"


def test_the_failure_shown_in_contributing_is_what_the_build_says(tmp_path):
    """The example in "How to read a failed check" is the real message for that mistake."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = " ".join(re.search(r"```text\n(.*?)```", text, re.S).group(1).split())
    root = copy_project(tmp_path)
    (root / "docs/techniques/trigger-point-pressure.md").unlink(missing_ok=True)  # a real one, one day
    page = scaffold.scaffold("technique", "Trigger point pressure", root)
    fills = {**FILLS["technique"], "TODO: ids of the muscles it suits (file names in docs/muscles/), e.g. piriformis":
             "piriform"}
    page.write_text(fill(page.read_text(encoding="utf-8"), fills), encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        load_guide(root)
    messages = [str(p) for p in caught.value.problems]
    assert example in messages, f"{example}\nis not one of:\n" + "\n".join(messages)


def test_a_page_that_turns_macros_off_still_ends_with_its_sources(tmp_path):
    root = copy_project(tmp_path)
    page = root / "docs/about.md"
    edit(page, "last_reviewed:", "render_macros: false\nlast_reviewed:")
    edit(page, "## Who writes the guide", 'Write `{{ care_card("urgent") }}` to show a card.\n\n## Who writes the guide')
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/about/index.html").read_text(encoding="utf-8")
    assert '{{ care_card("urgent") }}' in html  # shown, not run
    assert 'id="sources"' in html and "Last reviewed:" in html
