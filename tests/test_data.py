"""The structured data: schema, cross-references, and the messages bad input gets.

Each bad-input test breaks one thing in a scratch copy and asserts that the message names the
file, the line, the field and the fix.
"""
from __future__ import annotations

import datetime
import re

import pytest
import yaml

from conftest import ROOT, edit, mkdocs_build
from macros import data
from macros.data import call_line, find_placeholders, load_guide
from macros.messages import GuideError


def problems_of(root) -> list[str]:
    with pytest.raises(GuideError) as caught:
        load_guide(root)
    return [str(p) for p in caught.value.problems]


def line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_real_data_is_valid():
    guide = load_guide(ROOT)
    assert {"gluteus-medius", "gluteus-minimus", "piriformis"} <= set(guide.muscles)
    assert {"sustained-compression", "circular-friction", "stripping"} <= set(guide.techniques)
    assert set(guide.safety.care_tiers) == {"immediate", "urgent", "non-urgent"}


def test_every_technique_and_muscle_reference_exists():
    guide = load_guide(ROOT)
    for slug, technique in guide.techniques.items():
        assert set(technique.muscles) <= set(guide.muscles), slug
        assert set(technique.tools) <= set(guide.tools), slug
        assert set(technique.stop_rules) <= set(guide.safety.stop_rules), slug
    for src, meta in guide.pages.items():
        assert set(meta.sources) <= set(guide.sources), src


def test_a_typo_in_a_muscle_reference(project_copy):
    page = project_copy / "docs/techniques/stripping.md"
    edit(page, "muscles: [", "muscles: [glute-maximus, ")
    line = line_of(page, "glute-maximus")
    assert problems_of(project_copy) == [
        f"docs/techniques/stripping.md:{line}: field 'technique.muscles' names 'glute-maximus', which is not a "
        f"muscle here (known: gluteus-medius, gluteus-minimus, piriformis) — use one of the known names, "
        f"or add docs/muscles/glute-maximus.md"]


def test_an_unknown_stop_rule_id(project_copy):
    page = project_copy / "docs/techniques/circular-friction.md"
    edit(page, "stop_rules: [", "stop_rules: [sharp-pains, ")
    [message] = problems_of(project_copy)
    assert message.startswith(f"docs/techniques/circular-friction.md:{line_of(page, 'sharp-pains')}: ")
    assert "field 'technique.stop_rules' names 'sharp-pains', which is not a stop rule here" in message
    assert ("known: bony-points, good-pain, numb-skin, sharp-pain, sore-next-day, tingling-or-weakness, "
            "where-to-massage" in message)
    assert "under stop_rules in data/safety.yml" in message


def test_an_unknown_tool_and_source(project_copy):
    page = project_copy / "docs/techniques/sustained-compression.md"
    edit(page, "tools: [", "tools: [golf-ball, ")
    edit(page, "sources: [", "sources: [my-blog, ")
    messages = problems_of(project_copy)
    assert any("'technique.tools' names 'golf-ball', which is not a tool here" in m
               and "add an entry 'golf-ball:' to data/tools.yml" in m for m in messages), messages
    assert any("'sources' names 'my-blog', which is not a source here" in m
               and "add data/sources/my-blog.yml" in m for m in messages), messages


def test_a_missing_field(project_copy):
    page = project_copy / "docs/techniques/stripping.md"
    text = page.read_text()
    per_day = next(line for line in text.splitlines() if line.strip().startswith("per_day:"))
    edit(page, per_day + "\n", "")
    [message] = problems_of(project_copy)
    assert message.startswith("docs/techniques/stripping.md:")
    assert "field 'technique.dose.per_day' is missing — add it: {max_sessions: 3}" in message


# --- the dose: numbers the tables, handouts and a timer read -------------------------------------

def test_a_dose_in_words_is_refused(project_copy):
    page = project_copy / "docs/techniques/sustained-compression.md"
    edit(page, "hold: {min: 30, max: 90, check_at: 30}", "hold: {min: 30 seconds, max: 90, check_at: 30}")
    [message] = problems_of(project_copy)
    assert message.startswith(f"docs/techniques/sustained-compression.md:{line_of(page, 'hold:')}: ")
    assert "field 'technique.dose.per_spot.hold.min' should be a whole number, not text" in message


@pytest.mark.parametrize("old, new, reason", [
    ("hold: {min: 30, max: 90, check_at: 30}", "hold: {min: 90, max: 30, check_at: 30}",
     "max (30) is less than min (90)"),
    ("hold: {min: 30, max: 90, check_at: 30}", "hold: {min: 30, max: 90, check_at: 120}",
     "check_at (120) is after max (90)"),
    ("hold: {min: 30, max: 90, check_at: 30}",
     "hold: {min: 30, max: 90}\n      passes: {count: {min: 3, max: 5}, seconds_each: {min: 5, max: 10}}",
     "give exactly one of hold"),
    ("per_session: {max_spots: 5, max_minutes: 10}", "per_session: {max_spots: 20, max_minutes: 10}",
     "per_session allows 20 spots of up to 90 seconds (1800 seconds), more than max_minutes (10 minutes)"),
])
def test_a_dose_that_does_not_add_up(project_copy, old, new, reason):
    page = project_copy / "docs/techniques/sustained-compression.md"
    edit(page, old, new)
    [message] = problems_of(project_copy)
    assert message.startswith("docs/techniques/sustained-compression.md:")
    assert "field 'technique.dose" in message and reason in message, message


def test_a_dose_names_a_rest_rule_and_sources_that_exist(project_copy):
    page = project_copy / "docs/techniques/sustained-compression.md"
    edit(page, "rest_rule: sore-next-day", "rest_rule: rest-a-week")
    edit(page, "      sources: [wilke-2018]", "      sources: [wilke-2019]")
    messages = problems_of(project_copy)
    assert any(f"sustained-compression.md:{line_of(page, 'rest_rule:')}: field 'technique.dose.rest_rule' names "
               "'rest-a-week', which is not a stop rule here" in m for m in messages), messages
    assert any("field 'technique.dose.per_spot.sources' names 'wilke-2019', which is not a source here" in m
               for m in messages), messages


def test_every_number_of_seconds_on_a_technique_page_is_in_its_dose():
    """Prose may repeat the dose's numbers only where it must; then they must match the data."""
    guide = load_guide(ROOT)
    for slug, technique in guide.techniques.items():
        spot = technique.dose.per_spot
        allowed = ({spot.hold.min, spot.hold.max, spot.hold.check_at} if spot.hold else
                   {spot.passes.seconds_each.min, spot.passes.seconds_each.max})
        allowed |= {90}  # the hold in the study each technique page describes (wilke-2018)
        body = (ROOT / "docs/techniques" / f"{slug}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
        for number in re.findall(r"(\d+) seconds", body):
            assert int(number) in allowed, f"docs/techniques/{slug}.md says {number} seconds; its dose says {allowed}"


def test_a_wrong_type(project_copy):
    page = project_copy / "docs/techniques/circular-friction.md"
    positions = next(line for line in page.read_text().splitlines() if line.strip().startswith("positions:"))
    edit(page, positions, "  positions: Lying on the floor")
    [message] = problems_of(project_copy)
    assert f"docs/techniques/circular-friction.md:{line_of(page, 'positions:')}: field 'technique.positions' should be " \
           "a list, not text" in message
    assert "give a list of positions" in message


def test_a_misspelt_field(project_copy):
    page = project_copy / "docs/muscles/piriformis.md"
    edit(page, "  refers_pain_to:", "  refers_pain:")
    messages = problems_of(project_copy)
    assert any("field 'muscle.refers_pain' is not a field here" in m and "refers_pain_to" in m for m in messages)
    assert any("field 'muscle.refers_pain_to' is missing" in m for m in messages)


def test_a_page_without_front_matter(project_copy):
    page = project_copy / "docs/about.md"
    text = page.read_text()
    page.write_text(text.split("---", 2)[2])
    assert problems_of(project_copy) == [
        "docs/about.md:1: the page has no front matter — start the file with a '---' block holding "
        "description, last_reviewed, review_due and sources (copy one from an existing page)"]


def test_a_review_date_in_the_future(project_copy):
    page = project_copy / "docs/tools.md"
    line = line_of(page, "last_reviewed:")
    lines = page.read_text().splitlines()
    lines[line - 1] = "last_reviewed: 2999-01-01"
    page.write_text("\n".join(lines) + "\n")
    assert problems_of(project_copy) == [
        f"docs/tools.md:{line}: field 'last_reviewed' is 2999-01-01, a date in the future — set it to the date "
        f"the page was last reviewed (YYYY-MM-DD)"]


def test_a_broken_safety_file(project_copy):
    safety = project_copy / "data/safety.yml"
    edit(safety, "  non-urgent:\n", "  later:\n")
    [message] = problems_of(project_copy)
    assert message.startswith("data/safety.yml:") and "exactly these tiers: immediate, urgent, non-urgent" in message


def test_every_problem_is_reported_at_once(project_copy):
    edit(project_copy / "docs/techniques/stripping.md", "muscles: [", "muscles: [glute-maximus, ")
    edit(project_copy / "docs/muscles/piriformis.md", "  refers_pain_to:", "  refers_pain:")
    assert len(problems_of(project_copy)) >= 3


# --- through the real build -------------------------------------------------------------------

# A bad muscle id and a technique page without the contraindications link, through the build:
# tests/test_errors_that_teach.py, with the other common mistakes.

def test_an_unknown_id_in_a_macro_fails_the_build_with_the_known_ids(project_copy, tmp_path):
    page = project_copy / "docs/safety/contraindications.md"
    edit(page, '{{ care_card("immediate") }}', '{{ care_card("emergency") }}')
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    line = line_of(page, 'care_card("emergency")')
    assert (f"docs/safety/contraindications.md:{line}: 'emergency' is not a care tier here "
            "(known: immediate, non-urgent, urgent) — use one of the known names") in output


def test_adding_a_technique_is_adding_one_file(project_copy, tmp_path, ):
    """A new technique page, and nothing else, appears in the nav, the tables and the matrix."""
    text = (project_copy / "docs/techniques/stripping.md").read_text()
    text = text.replace("name: Stripping", "name: Test pressure wave", 1)
    assert "Test pressure wave" in text
    (project_copy / "docs/techniques/test-pressure-wave.md").write_text(text)
    out = tmp_path / "out"
    result = mkdocs_build(project_copy, out)
    assert result.returncode == 0, result.stderr
    overview = (out / "techniques/index.html").read_text()
    matrix = (out / "muscles/index.html").read_text()
    home = (out / "index.html").read_text()
    assert 'href="test-pressure-wave/"' in overview and "Test pressure wave" in overview
    assert "Test pressure wave" in matrix
    assert "techniques/test-pressure-wave/" in home  # the nav on every page
    assert (out / "techniques/test-pressure-wave/index.html").is_file()


def test_review_dates_are_real_dates():
    for src, meta in load_guide(ROOT).pages.items():
        assert isinstance(meta.last_reviewed, datetime.date), src


def test_find_placeholders_skips_code():
    text = ('summary: "TODO: one sentence"\n\nWrite `TODO: x` notes.\n\n```\nTODO: in a fence\n```\n'
            "- TODO: a list item.\n")
    assert find_placeholders(text) == [(1, "TODO: one sentence"), (8, "TODO: a list item.")]


def test_a_placeholder_replaces_what_the_schema_says_about_its_line(project_copy):
    page = project_copy / "docs/techniques/stripping.md"
    edit(page, "muscles: [", 'muscles: ["TODO: muscle ids", ')
    assert problems_of(project_copy) == [
        f"docs/techniques/stripping.md:{line_of(page, 'TODO:')}: a placeholder is still here: \"TODO: muscle ids\" "
        "— replace the whole 'TODO: …' note with what it asks for (the build lists every one left)"]


def test_call_line_finds_the_macro_call_with_its_arguments():
    text = "---\nx: 1\n---\n\n# Title\n\n{{ care_card(\"urgent\") }}\n\n{{ care_card(\"later\") }}\n"
    assert call_line(text, "care_card", ["later"]) == 9
    assert call_line(text, "care_card", ["unknown"]) == 7
    assert call_line(text, "glossary", []) == 5


# --- safety provenance and review dates -------------------------------------------------------------

def test_a_safety_item_without_a_source(project_copy):
    safety = project_copy / "data/safety.yml"
    text = safety.read_text()
    marker = "        sources: [nice-cks-sciatica]\n"  # the first urgent sign's only line of sources
    assert text.count(marker) == 1
    line = text[:text.index(marker)].count("\n")  # the sign's own line, just above
    safety.write_text(text.replace(marker, ""))
    [message] = problems_of(project_copy)
    assert message.startswith(f"data/safety.yml:{line}: field 'care_tiers.urgent.signs[0].sources' is missing — ")
    assert "at least one source id from data/sources/" in message


def test_a_safety_item_with_an_empty_source_list(project_copy):
    safety = project_copy / "data/safety.yml"
    edit(safety, "    sources: [cochrane-massage-2015]\n    every_technique: true", "    sources: []\n    every_technique: true")
    [message] = problems_of(project_copy)
    line = line_of(safety, "sources: []")
    assert message.startswith(f"data/safety.yml:{line}: field 'stop_rules.sore-next-day.sources' is not valid")


def test_an_unknown_source_in_the_safety_file(project_copy):
    safety = project_copy / "data/safety.yml"
    edit(safety, "    sources: [nccih-massage]\n  past-clot:", "    sources: [nccih-masage]\n  past-clot:")
    [message] = problems_of(project_copy)
    line = line_of(safety, "nccih-masage")
    assert message.startswith(
        f"data/safety.yml:{line}: field 'precautions.blood-thinners.sources' names 'nccih-masage', "
        "which is not a source here")
    assert message.endswith("— use one of the known names, or add data/sources/nccih-masage.yml")


def test_an_unknown_precaution_group(project_copy):
    safety = project_copy / "data/safety.yml"
    edit(safety, "  blood-thinners:\n    group: blood", "  blood-thinners:\n    group: bleeding")
    [message] = problems_of(project_copy)
    assert message.startswith(f"data/safety.yml:{line_of(safety, 'group: bleeding')}: field "
                              "'precautions.blood-thinners.group' names 'bleeding', which is not a precaution group")



def test_the_hold_timer_names_a_stop_rule_that_does_not_exist(project_copy):
    safety = project_copy / "data/safety.yml"
    edit(safety, "  stop_rules: [sharp-pain, tingling-or-weakness]", "  stop_rules: [sharp-pains, tingling-or-weakness]")
    [message] = problems_of(project_copy)
    assert message.startswith(f"data/safety.yml:{line_of(safety, 'sharp-pains')}: field 'hold_timer.stop_rules' "
                              "names 'sharp-pains', which is not a stop rule")
    assert message.endswith("add an entry 'sharp-pains:' under stop_rules in data/safety.yml")

def set_dates(page, reviewed: str, due: str | None) -> None:
    """Set a page's last_reviewed and review_due (None: leave review_due out)."""
    text = re.sub(r"^last_reviewed: .*$", f"last_reviewed: {reviewed}", page.read_text(), count=1, flags=re.M)
    text = re.sub(r"^review_due: .*\n", "" if due is None else f"review_due: {due}\n", text, count=1, flags=re.M)
    page.write_text(text)


def test_a_missing_review_due(project_copy):
    page = project_copy / "docs/tools.md"
    set_dates(page, "2026-11-22", None)
    [message] = problems_of(project_copy)
    assert message.startswith("docs/tools.md:")
    assert "field 'review_due' is missing — add it: the date the next review is due" in message


def test_a_review_due_more_than_three_years_after_the_review(project_copy):
    page = project_copy / "docs/tools.md"
    set_dates(page, "2026-11-22", "2029-11-23")
    assert problems_of(project_copy) == [
        f"docs/tools.md:{line_of(page, 'review_due:')}: field 'review_due' is 2029-11-23, more than 3 years after "
        "last_reviewed (2026-11-22) — set review_due to 2029-11-22 or earlier: health content is reviewed at least "
        "every 3 years"]


def test_a_review_due_three_years_after_the_review_is_allowed(project_copy):
    set_dates(project_copy / "docs/tools.md", "2026-11-22", "2029-11-22")
    load_guide(project_copy)


def test_a_review_due_before_the_review(project_copy):
    page = project_copy / "docs/tools.md"
    set_dates(page, "2026-11-22", "2026-11-22")
    [message] = problems_of(project_copy)
    assert message.startswith(f"docs/tools.md:{line_of(page, 'review_due:')}: field 'review_due' is 2026-11-22, "
                              "which is not after last_reviewed")


BROKEN_YAML = ['a: 1\nb: "x\nc: 2\n', "a:\n  b: 1\n c: 2\n", "a:\n\tb: 1\n", "a: b: c\n", "a: [1, 2\nb: 3\n",
               "a:\n  - b: 1\n  - c: 2026-02-30\n"]


@pytest.mark.parametrize("name", ["every data file and page head", *(f"broken {i}" for i in range(len(BROKEN_YAML)))])
def test_the_fast_yaml_loader_reads_as_pyyaml_does(monkeypatch, name):
    """libyaml reads the data (macros/data.py): the same data and lines as PyYAML's own loader, and a
    file it cannot read gets the same message at the same line."""
    if name.startswith("broken"):
        texts = {name: BROKEN_YAML[int(name.split()[1])]}
    else:
        texts = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in
                 sorted((ROOT / "data").rglob("*.yml"))}
        texts |= {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8").split("---\n")[1] for path in
                  sorted((ROOT / "docs").rglob("*.md"))}
    assert data._FAST_LOADER is yaml.CSafeLoader, "PyYAML without libyaml: the fast path is not taken"
    read = {}
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        monkeypatch.setattr(data, "_FAST_LOADER", loader)
        for rel, text in texts.items():
            problems = []
            doc = data._parse_yaml(rel, text, 1, problems)
            read.setdefault(rel, []).append((doc and (doc.data, doc.lines), [(p.line, p.what) for p in problems]))
    for rel, (fast, pure) in read.items():
        assert fast == pure, rel
    assert all(problems for (_, problems), _ in read.values()) == name.startswith("broken")
