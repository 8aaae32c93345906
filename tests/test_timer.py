"""The hold timer and the routine player on the built site (issue 14): their numbers come from each
technique's dose and their words from data/timer.yml and data/safety.yml, never from the scripts;
the scripts and stylesheet load only on the pages that use them (on a technique page, when its steps
come near the screen); their weight stays in budget. The browser tests
(tests/browser/test_hold_timer.py, test_routine_player.py) run them."""
from __future__ import annotations

import gzip
import re

import pytest
import yaml

from conftest import ROOT, edit
from macros import timer
from macros.data import TECHNIQUES, load_guide, slug_of
from macros.messages import GuideError

GUIDE = load_guide(ROOT)
SCRIPTS = ROOT / "docs/assets/javascripts"
TIMER_JS, PLAYER_JS = "hold-timer.js", "routine-player.js"
JS_BUDGET = 6 * 1024  # bytes gzip, both scripts together
PLAYER_PAGE = "routine.md"


def scripts(soup) -> dict[str, bool]:
    """Our two scripts on a page: name -> whether it is deferred."""
    found = {}
    for tag in soup.select("script[src]"):
        name = tag["src"].rsplit("/", 1)[-1]
        if name in (TIMER_JS, PLAYER_JS):
            found[name] = tag.has_attr("defer")
    return found


def test_the_scripts_load_deferred_only_where_they_are_used(rendered, source_pages, site):
    """The routine page links both scripts, deferred, and has guided.css in its head; a technique page
    links neither: its inline loader (overrides/main.html) adds them when the steps come near the
    screen (tests/browser/test_hold_timer.py); every other page has none of them."""
    guided = (site / "assets" / "stylesheets" / "guided.css").read_text(encoding="utf-8").strip()
    for src in source_pages:
        soup = rendered(src)
        expected = {TIMER_JS: True, PLAYER_JS: True} if src == PLAYER_PAGE else {}
        assert scripts(soup) == expected, f"docs/{src}: {scripts(soup)}"
        # guided.css is in the player page's head (overrides/hooks/inline_css.py), whole.
        styles = [style for style in soup.head.select("style") if guided in style.get_text()]
        assert bool(styles) == bool(expected), f"docs/{src}: guided.css {'missing' if expected else 'loaded'}"
        loaders = [tag for tag in soup.select("script:not([src])") if f'/{TIMER_JS}"' in tag.get_text()]
        if slug_of(src, TECHNIQUES):
            assert soup.select_one("article .hold-timer[hidden]") is not None, f"docs/{src}: no timer box"
            assert len(loaders) == 1 and '/guided.css")' in loaders[0].get_text(), f"docs/{src}: no timer loader"
        else:
            assert not loaders, f"docs/{src}: a timer loader on a page without a technique's timer"


def test_the_scripts_stay_within_their_weight():
    weight = sum(len(gzip.compress((SCRIPTS / name).read_bytes(), 9)) for name in (TIMER_JS, PLAYER_JS))
    assert weight <= JS_BUDGET, f"{weight} bytes gzip, over the {JS_BUDGET} budget"


def test_each_technique_page_has_a_hidden_timer_with_its_dose(rendered):
    for slug, technique in GUIDE.techniques.items():
        box = rendered(f"{TECHNIQUES}/{slug}.md").select_one("article .hold-timer")
        assert box is not None and box.has_attr("hidden"), slug
        spot = technique.dose.per_spot
        if spot.hold:
            assert box["data-hold"] == f"{spot.hold.min} {spot.hold.max} {spot.hold.check_at or 0}"
        else:
            assert box["data-passes"] == f"{spot.passes.count.min} {spot.passes.count.max} {spot.passes.seconds_each.max}"
        stop = box.select_one(".guided-stop")
        for rule in GUIDE.safety.hold_timer.stop_rules:
            assert GUIDE.stop_rule(rule).rule in stop.get_text()
        assert box["data-stop"] == GUIDE.safety.hold_timer.stop_label
        assert stop.select_one("a")["href"].endswith("safety/contraindications/#immediate-action")


def test_the_player_offers_every_muscle_and_technique(rendered):
    player = rendered(PLAYER_PAGE).select_one("article .routine-player")
    assert player.has_attr("hidden")
    offered = {name: {i["value"] for i in player.select(f'input[name="{name}"]')} for name in ("muscle", "technique")}
    assert offered == {"muscle": set(GUIDE.muscles), "technique": set(GUIDE.techniques)}


def test_the_scripts_hold_no_sentence_of_the_data():
    cues = yaml.safe_load((ROOT / "data/timer.yml").read_text(encoding="utf-8"))
    sentences = [v for v in cues.values() if isinstance(v, str) and " " in v]
    sentences += [rule.rule for rule in GUIDE.safety.stop_rules.values()]
    sentences += [GUIDE.safety.hold_timer.check_prompt, GUIDE.safety.hold_timer.stop_label]
    for name in (TIMER_JS, PLAYER_JS):
        text = (SCRIPTS / name).read_text(encoding="utf-8")
        pieces = [max(re.split(r"\{\w+\}", s), key=len).strip()[:30] for s in sentences]
        assert not [p for p in pieces if len(p) > 12 and p in text], name


@pytest.mark.parametrize("old, new, expected", [
    ("end: Time is up", "ending: Time is up", "data/timer.yml:"),
    ("rest_seconds: 15", "rest_seconds: soon", "data/timer.yml:"),
])
def test_a_mistake_in_the_timer_words_is_reported_at_its_line(project_copy, old, new, expected):
    edit(project_copy / timer.CUES_FILE, old, new)
    with pytest.raises(GuideError) as error:
        timer.load_cues(project_copy)
    assert expected in str(error.value)
    assert f"{timer.CUES_FILE}:" in str(error.value)
