"""Unit tests of the pure renderers, on a small guide built in memory."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from macros import dose, references, safety, tables
from macros.data import Guide
from macros.markdown import admonition, cell, link, table
from macros.messages import UnknownId
from macros.models import (CareTier, Dose, HoldTimer, Muscle, PageMeta, Position, Precaution, Safety, Sign, Source, StopRule,
                           Technique, Tool)

HOLD = Dose.model_validate({"per_spot": {"hold": {"min": 30, "max": 90, "check_at": 30}, "sources": ["src"]},
                            "per_session": {"max_spots": 5, "max_minutes": 10}, "per_day": {"max_sessions": 3},
                            "rest_rule": "sore"})
PASSES = Dose.model_validate({"per_spot": {"passes": {"count": {"min": 3, "max": 5},
                                                      "seconds_each": {"min": 5, "max": 10}}},
                              "per_session": {"max_spots": 1, "max_minutes": 2}, "per_day": {"max_sessions": 1},
                              "rest_rule": "sore"})


def tier(label: str) -> CareTier:
    return CareTier(label=label, heading="Do this if you have", why="Because.",
                    signs=[Sign(text="sign one", sources=["src"]), Sign(text="sign two", sources=["src"])])


@pytest.fixture
def guide() -> Guide:
    muscle = dict(where="In the buttock.", landmarks=["Find the bone.", "Move up."], refers_pain_to="The calf.",
                  do_not_press=["the bone"])
    technique = dict(summary="Press.", tools=["ball"], pressure="Firm.", dose=HOLD, stop_rules=["sharp"],
                     positions=["Lying down", Position(position="Cross-legged", not_for="a new hip",
                                                       instead="sit with your feet flat")])
    return Guide(
        root=Path("."),
        pages={"techniques/hold.md": PageMeta(description="A page used in a unit test.",
                                              last_reviewed=datetime.date(2026, 1, 2),
                                              review_due=datetime.date(2027, 1, 2), sources=["src"])},
        techniques={"hold": Technique(name="Hold", muscles=["alpha"], **technique),
                    "roll": Technique(name="Roll", muscles=["alpha", "beta"], **technique)},
        muscles={"alpha": Muscle(name="Alpha", **muscle), "beta": Muscle(name="Beta", **muscle)},
        tools={"ball": Tool(name="Ball", good_for="Spots | small ones", pressure_tip="Lean.", cautions="Bone.")},
        sources={"src": Source(title="A source", publisher="NHS", url="https://example.org/a", kind="guide",
                               supports="Things.", year=2020, authors="Doe J")},
        safety=Safety(care_tiers={"immediate": tier("Immediate action required"), "urgent": tier("Urgent advice"),
                                  "non-urgent": tier("Non-urgent advice")},
                      stop_rules={"sharp": StopRule(rule="Stop if sharp.", why="Nerve.", sources=["src"]),
                                  "bone": StopRule(rule="Not on bone.", why="Bruises.", sources=["src"]),
                                  "sore": StopRule(rule="Rest if sore.", why="Too hard.", sources=["src"],
                                                   every_technique=True)},
                      hold_timer=HoldTimer(check_prompt="Easing?", check_rules=["sharp"], stop_label="Stop",
                                           stop_rules=["sharp"]),
                      precaution_groups={"blood": "Blood", "bones": "Bones"},
                      precautions={"clot": Precaution(group="blood", condition="You have a clot", why="It could move.",
                                                      sources=["src"]),
                                   "thin": Precaution(group="blood", condition="You take thinners", why="Bruising.",
                                                      sources=["src"])},
                      precautions_note="A swollen calf cannot wait."),
    )


def test_link_is_relative_to_the_page():
    assert link("techniques/hold.md", "safety/contraindications.md", "x") == "[x](../safety/contraindications.md)"
    assert link("index.md", "muscles/alpha.md", "A", "find") == "[A](muscles/alpha.md#find)"
    assert link("techniques/hold.md", "techniques/roll.md", "R") == "[R](roll.md)"


def test_table_escapes_pipes_and_folds_whitespace():
    assert cell("a | b\n c") == "a \\| b c"
    assert table(["A", "B"], [["1", "2"]]) == "| A | B |\n| --- | --- |\n| 1 | 2 |"


def test_admonition_indents_its_body():
    assert admonition("note", 'Say "hi"', "line one\n\nline two") == (
        "!!! note \"Say 'hi'\"\n\n    line one\n\n    line two\n")


def test_technique_table_lists_every_technique_with_links(guide):
    rendered = tables.technique_table(guide, "techniques/index.md")
    lines = rendered.splitlines()
    assert len(lines) == 2 + 2
    assert "[Hold](hold.md)" in lines[2] and "[Alpha](../muscles/alpha.md)" in lines[2]
    assert "[Roll](roll.md)" in lines[3] and "[Beta](../muscles/beta.md)" in lines[3]
    assert "30 to 90 seconds" in lines[2] and "Ball" in lines[2]


def test_matrix_says_yes_and_no_in_words(guide):
    lines = tables.muscle_technique_matrix(guide, "muscles/index.md").splitlines()
    assert lines[0] == "| Muscle | [Hold](../techniques/hold.md) | [Roll](../techniques/roll.md) |"
    assert lines[2] == "| [Alpha](alpha.md) | Yes | Yes |"
    assert lines[3] == "| [Beta](beta.md) | No | Yes |"


def test_tools_table(guide):
    assert "| Ball | Spots \\| small ones | Lean. | Bone. |" in tables.tools_table(guide)


def test_technique_summary_links_to_the_contraindications_page(guide):
    rendered = tables.technique_summary(guide, "techniques/hold.md", "hold")
    assert "[Check when not to use self-massage](../safety/contraindications.md)" in rendered
    assert ("| Each spot | 30 to 90 seconds on each spot; the ache should start to ease by about 30 seconds |"
            in rendered)
    assert "| If sore the next day | Rest if sore. |" in rendered
    assert "| Positions | Lying down<br>Cross-legged (not if you have a new hip: sit with your feet flat) |" in rendered


def test_muscle_summary_lists_the_techniques_that_suit_it(guide):
    rendered = tables.muscle_summary(guide, "muscles/beta.md", "beta")
    assert "| Techniques that suit it | [Roll](../techniques/roll.md) |" in rendered
    assert "1. Find the bone.<br>2. Move up." in rendered


def test_care_card_title_starts_with_its_tier(guide):
    card = safety.care_card(guide, "urgent")
    assert card.startswith('!!! care-urgent "Urgent advice: Do this if you have"')
    assert "    - sign one\n    - sign two" in card and "    Because." in card


def test_stop_rules_for_a_technique_and_for_all(guide):
    own = safety.stop_rules(guide, "techniques/hold.md", ["sharp"])
    assert own.startswith('!!! stop-rules "Stop rules: when to stop self-massage"')
    assert "Stop if sharp." in own and "Not on bone." not in own
    assert "(../safety/contraindications.md#stop-rules)" in own
    everything = safety.stop_rules(guide, "safety/contraindications.md")
    assert "Stop if sharp." in everything and "Not on bone." in everything
    assert "contraindications.md#stop-rules" not in everything  # no link to itself


def test_precautions_in_short_lists_by_group(guide):
    rendered = safety.precautions(guide)
    assert "**Blood**\n\n- **You have a clot.** It could move.\n- **You take thinners.** Bruising." in rendered
    assert "**Bones**" not in rendered  # a group with no precautions is left out


def test_a_technique_gets_its_own_rules_and_the_rules_for_every_technique(guide):
    assert guide.technique_stop_rules("hold") == ["sharp", "sore"]


def test_a_position_that_is_not_for_everyone_says_so(guide):
    rendered = tables.technique_summary(guide, "techniques/hold.md", "hold")
    assert "Lying down<br>Cross-legged (not if you have a new hip: sit with your feet flat)" in rendered


def test_when_to_get_help_shows_two_cards_and_links_the_rest(guide):
    rendered = safety.when_to_get_help(guide, "techniques/hold.md")
    assert rendered.count("!!! care-") == 2 and "care-immediate" in rendered and "care-urgent" in rendered
    assert "(../safety/contraindications.md#precautions)" in rendered
    assert "(../safety/contraindications.md#non-urgent-advice)" in rendered


def test_each_source_lists_the_safety_items_that_rest_on_it(guide):
    rendered = safety.safety_provenance(guide)
    assert rendered.startswith("| Source | Safety advice that rests on it |")
    assert "<ul><li>Immediate action required: sign one</li><li>" in rendered
    assert "<li>Ask first: You take thinners</li>" in rendered
    assert "| Doe J. [A source](https://example.org/a). NHS, 2020. | " in rendered  # cited as in the list above it


@pytest.mark.parametrize("call, kind, known", [
    (lambda g: safety.care_card(g, "soon"), "care tier", "immediate, non-urgent, urgent"),
    (lambda g: safety.stop_rules(g, "x.md", ["blunt"]), "stop rule", "bone, sharp, sore"),
    (lambda g: tables.technique_summary(g, "x.md", "press"), "technique", "hold, roll"),
    (lambda g: tables.muscle_summary(g, "x.md", "gamma"), "muscle", "alpha, beta"),
])
def test_unknown_ids_list_the_known_ones(guide, call, kind, known):
    with pytest.raises(UnknownId) as caught:
        call(guide)
    assert f"is not a {kind} here (known: {known})" in str(caught.value)


def test_page_sources_and_citation(guide):
    rendered = references.page_sources(guide, "techniques/hold.md")
    assert rendered.startswith("## Sources and review {#sources}")
    assert '<time datetime="2026-01-02">2 January 2026</time>' in rendered
    assert 'Next review due: <time datetime="2027-01-02">2 January 2027</time>' in rendered
    assert "1. Doe J. [A source](https://example.org/a). NHS, 2020." in rendered


def test_glossary_reads_the_tooltip_file(tmp_path):
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes/abbreviations.md").write_text("*[sacrum]: A bone.\n*[DVT]: A clot.\nnot a term\n")
    assert references.glossary(tmp_path) == "**DVT**\n:   A clot.\n\n**sacrum**\n:   A bone."


# --- the dose in words ----------------------------------------------------------------------------

def test_every_table_words_the_dose_from_the_same_numbers(guide):
    rows = dict(dose.dose_rows(guide, guide.technique("hold")))
    assert rows == {
        "Each spot": "30 to 90 seconds on each spot; the ache should start to ease by about 30 seconds",
        "Each session": "Up to 5 spots, 10 minutes in all at most",
        "Each day": "A few times a day at most (up to 3 sessions)",
        "If sore the next day": "Rest if sore.",
        "Where the numbers come from": "Time on each spot: Doe, 2020 (guide). "
                                       "The session limit and how often: the guide's advice from experience, "
                                       "not from research.",
    }
    assert dose.short(guide.technique("hold")) == ["30 to 90 seconds on each spot", rows["Each session"],
                                                   rows["Each day"]]
    overview = tables.technique_table(guide, "techniques/index.md").splitlines()
    assert overview[0] == "| Technique | Muscles | Tools | Each spot or muscle | Each session | Each day |"
    assert overview[2].endswith("| 30 to 90 seconds on each spot | Up to 5 spots, 10 minutes in all at most | "
                                "A few times a day at most (up to 3 sessions) |")


def test_slow_passes_one_number_and_no_sources():
    assert dose.per_spot(PASSES) == "3 to 5 slow passes along each muscle, each pass taking 5 to 10 seconds"
    assert dose.per_session(PASSES) == "Up to 1 muscle, 2 minutes in all at most"
    assert dose.per_day(PASSES) == "Once a day at most"
    assert dose.basis(None, PASSES) == ("The passes, the session limit and how often: the guide's advice from "
                                        "experience, not from research.")
    one = HOLD.model_copy(update={"per_spot": HOLD.per_spot.model_copy(
        update={"hold": HOLD.per_spot.hold.model_copy(update={"min": 60, "max": 60, "check_at": None})})})
    assert dose.per_spot(one) == "About 60 seconds on each spot"


def test_the_timer_reads_seconds_as_numbers():
    assert (HOLD.per_spot.hold.min, HOLD.per_spot.hold.max, HOLD.per_spot.hold.check_at) == (30, 90, 30)
    assert HOLD.per_spot.seconds == 90 and PASSES.per_spot.seconds == 50


def test_a_short_citation():
    source = Source(title="T", authors="Furlan AD, Giraldo M, Baskwill A", publisher="Cochrane", year=2015,
                    url="https://example.org/", kind="review", supports="x")
    assert dose.cite(source) == "Furlan and others, 2015"
    assert dose.cite(source.model_copy(update={"authors": None, "publisher": "NICE (the institute)"})) == "NICE, 2015"
    cut_short = source.model_copy(update={"authors": "Giuffre BA, et al."})
    assert dose.cite(cut_short) == "Giuffre and others, 2015"
    assert references.cite(cut_short).startswith("Giuffre BA, et al. [T](https://example.org/). Cochrane, 2015.")
