"""The scaffold (`make new-technique`, `make new-muscle`): names it refuses, and templates that fail
with a message for each note left unfilled and pass every check once the notes are filled."""
from __future__ import annotations

import datetime
import re
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from macros.data import find_placeholders
from postbuild.lint import lint_site

sys.path.insert(0, str(ROOT / "scripts"))
import scaffold  # noqa: E402

TODAY = datetime.date(2026, 1, 5)

# What a contributor might write for each note. A new note in a template needs a line here, so the
# test keeps proving that the filled template passes.
FILLS = {
    "technique": {
        "TODO: one plain sentence, 20 to 200 characters, saying what this page is for":
            "How to press and hold a tender spot with your thumb, safely and step by step.",
        "TODO: ids of files in data/sources/ that back this page, e.g. cochrane-massage-2015":
            "cochrane-massage-2015",
        "TODO: one sentence saying what you do": "You press one tender spot with your thumb and hold still.",
        "TODO: ids of the muscles it suits (file names in docs/muscles/), e.g. piriformis": "gluteus-medius",
        "TODO: ids of the tools from data/tools.yml, e.g. tennis-ball": "tennis-ball",
        "TODO: how hard to press, in plain words": "Deep but bearable. Never sharp.",
        "TODO: fewest seconds on one spot, e.g. 30": "30",
        "TODO: most seconds on one spot, e.g. 90": "60",
        "TODO: ids of sources that give this time, e.g. wilke-2018, or delete this line": "wilke-2018",
        "TODO: a position, e.g. Lying on your back on the floor": "Lying on your side",
        "TODO: what you do, in one short sentence.": "Press one tender spot and hold still.",
        "TODO: which muscles it suits, and the tool you use.": "It suits the gluteus medius. Use a ball.",
        "TODO: how hard to press, and for how long.": "Press until it aches, then hold for up to a minute.",
        "TODO: when to stop, in your own words, such as a pain that shoots down the leg.":
            "If a sharp pain runs down your leg, take your thumb away at once.",
        "TODO: two or three short sentences that say what this technique is, in plain words.":
            "You press one sore spot and keep still. The ache should fade as you hold.",
        "TODO: what the technique is and why people use it. Link to each muscle page it suits.":
            "People use it on a sore spot in the [gluteus medius](../muscles/gluteus-medius.md).",
        "TODO: what the evidence says, honestly. Say where it is weak. Each fact must come from a source in "
        "the front matter.": "Massage may ease pain for a short time. The evidence is weak.",
        "TODO: the tools, and what each one is good for.": "A tennis ball is soft enough to start with.",
        "TODO: how hard to press, and how it should feel.": "Press until you feel a deep ache you can bear.",
        "TODO: how the time on each spot should feel, and where its numbers come from. The table above shows "
        "the numbers; repeat one only where you must.": "Hold each spot for the time in the table, until the "
                                                        "ache fades. A small study gives the time.",
        "TODO: the first thing you do.": "Lie on your side with the ball under your hip.",
        "TODO: the next thing you do. Add a step for each action, 7 steps at most.":
            "Hold still until the ache fades.",
        "TODO: what the reader may feel that is normal, and what is not.":
            "A dull ache that fades is normal. Sharp pain is not.",
    },
    "muscle": {
        "TODO: one plain sentence, 20 to 200 characters, saying what this page is for":
            "Where a small hip muscle is, how to find it, and how to massage it safely.",
        "TODO: ids of files in data/sources/ that back this page, e.g. travell-simons": "travell-simons",
        "TODO: where the muscle is, in one or two plain sentences": "A small muscle on the side of your hip.",
        "TODO: the first step to find it, e.g. Find the bony bump on the outer side of your hip.":
            "Find the bony bump on the outer side of your hip.",
        "TODO: the next step. Add a line for each step.": "Move your fingers up a little, onto soft muscle.",
        "TODO: where its trigger points send pain": "The side of your hip and thigh.",
        "TODO: a place not to press, e.g. The bony bump on the outer side of your hip (greater trochanter)":
            "The bony bump on the outer side of your hip",
        "TODO: where the muscle is, in one short sentence.": "This small muscle sits on the side of your hip.",
        "TODO: how to find it.": "Find the bony bump on your hip, then move up a little.",
        "TODO: where tender spots in it may send pain.": "Sore spots in it may ache down the side of your thigh.",
        "TODO: two or three short sentences that say what this muscle is and why it matters here.":
            "This muscle helps you stand on one leg. It can feel sore after a long walk.",
        "TODO: where the muscle is and what it does, in plain words. Explain each medical word.":
            "It lies on the side of your hip and helps hold your pelvis level when you walk.",
        "TODO: the first step to find it.": "Find the bony bump on the outer side of your hip.",
        "TODO: the next step. Add a step for each action, 7 steps at most.": "Move your fingers up onto soft muscle.",
        "TODO: where its tender spots may send pain. Say that experts still debate trigger points.":
            "Sore spots may send an ache down your thigh. Experts still debate this idea.",
        "TODO: which techniques suit it, with a link to each technique page.":
            "[Sustained compression](../techniques/sustained-compression.md) is a good place to start.",
        "TODO: a place not to press, and why.": "**Bone.** Keep off the bony bump. Pressing bone can bruise.",
    },
}
NAMES = {"technique": "Thumb pressure test", "muscle": "Side hip test muscle"}


def fill(text: str, fills: dict[str, str]) -> str:
    notes = {note for _, note in find_placeholders(text)}
    assert notes <= set(fills), f"notes without a fill in this test: {sorted(notes - set(fills))}"
    for note in sorted(notes, key=len, reverse=True):
        text = text.replace(note, fills[note])
    return text


@pytest.fixture
def scaffolded(tmp_path):
    """A scratch project with a new technique and a new muscle page straight from the scaffold."""
    root = tmp_path / "project"
    root.mkdir()
    copy_project(root)
    pages = {kind: scaffold.scaffold(kind, name, root, TODAY) for kind, name in NAMES.items()}
    return root, pages


def test_the_filled_templates_pass_the_strict_build_and_the_lint(scaffolded, tmp_path):
    root, pages = scaffolded
    for kind, page in pages.items():
        page.write_text(fill(page.read_text(encoding="utf-8"), FILLS[kind]), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert lint_site(site, root / "docs") == []
    overview = (site / "techniques/index.html").read_text(encoding="utf-8")
    assert "Thumb pressure test" in overview and 'href="thumb-pressure-test/"' in overview
    assert "Side hip test muscle" in (site / "muscles/index.html").read_text(encoding="utf-8")


def test_the_unfilled_templates_fail_with_one_message_per_note(scaffolded, tmp_path):
    root, pages = scaffolded
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0
    printed = [line.strip() for line in result.stderr.splitlines() if line.startswith("  docs/")]
    expected = []
    for page in sorted(pages.values()):
        rel = page.relative_to(root).as_posix()
        for line, note in find_placeholders(page.read_text(encoding="utf-8")):
            expected.append(f'{rel}:{line}: a placeholder is still here: "{note}" — replace the whole '
                            f"'TODO: …' note with what it asks for (the build lists every one left)")
    assert len(expected) > 20
    assert printed == expected, result.stderr


def test_the_templates_fill_every_field_the_schema_asks_for():
    """Only notes stand between a new page and a valid one: no field is left out of a template."""
    from macros.models import Muscle, PageMeta, Technique
    for kind, model in (("technique", Technique), ("muscle", Muscle)):
        text = (scaffold.TEMPLATES / f"{kind}.md").read_text(encoding="utf-8")
        for field in [*PageMeta.model_fields, *model.model_fields]:
            assert re.search(rf"^\s*{field}:", text, re.M), f"scripts/templates/{kind}.md has no '{field}:'"


@pytest.mark.parametrize("name, slug", [
    ("Trigger point pressure", "trigger-point-pressure"),
    ("  Gluteus   maximus ", "gluteus-maximus"),
    ("Rolling with a ball - slow", "rolling-with-a-ball-slow"),
    ("Tensor fasciae latae", "tensor-fasciae-latae"),
    ("Runner's stretch 2", "runners-stretch-2"),
])
def test_the_slug_comes_from_the_name(name, slug):
    assert scaffold.slug_for("technique", name) == slug


@pytest.mark.parametrize("name, why", [
    ("", "no name given"),
    ("Piri/formis", "it has '/'"),
    ("Ab", "it has 2 characters"),
    ("3 ball roll", "it does not start with a letter"),
    ("Rolling-", "it does not end with a letter or digit"),
    ("Étirement", "it has 'É'"),
    ("Index", "its id would be 'index'"),
])
def test_a_bad_name_is_refused_with_the_reason(name, why, tmp_path):
    root = copy_project(tmp_path)
    before = sorted((root / "docs").rglob("*"))
    with pytest.raises(scaffold.ScaffoldError, match=re.escape(why)):
        scaffold.scaffold("technique", name, root)
    assert sorted((root / "docs").rglob("*")) == before


def test_a_taken_name_is_refused_and_the_page_is_kept(tmp_path):
    root = copy_project(tmp_path)
    before = (root / "docs/techniques/stripping.md").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/scaffold.py"), "technique", "Stripping",
                             "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        "make new-technique: docs/techniques/stripping.md already exists, so there is already a technique with "
        "this name — edit that page, or pick a name that is not taken")
    assert (root / "docs/techniques/stripping.md").read_text(encoding="utf-8") == before


def test_the_command_line_says_what_to_do_next(tmp_path):
    root = copy_project(tmp_path)
    result = subprocess.run([sys.executable, str(ROOT / "scripts/scaffold.py"), "muscle", "Test muscle for the CLI",
                             "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = root / "docs/muscles/test-muscle-for-the-cli.md"
    notes = len(find_placeholders(page.read_text(encoding="utf-8")))
    assert result.stdout.startswith("Created docs/muscles/test-muscle-for-the-cli.md from scripts/templates/muscle.md.")
    assert f"replace each of its {notes} 'TODO: …' notes" in result.stdout
    assert "name: Test muscle for the CLI" in page.read_text(encoding="utf-8")
