"""The routine player (docs/routine.md, issue 14): a routine picked in the page address runs through its
spots with the data's durations and a rest between them; it will not start until every check is
ticked; Skip and Stop work; axe finds nothing in the picker or while a spot runs. Playwright's clock
runs the holds, so the tests take no real time for them."""
from __future__ import annotations

import pytest
import yaml
from axe_playwright_python.base import AXE_SCRIPT

from conftest import ROOT
from macros.data import load_guide

from pdfs import flat, pdf_info, pdf_text

from .conftest import AXE_OPTIONS, PHONE, SETTLED, axe_violations
from .test_accessibility import report

GUIDE = load_guide(ROOT)
CUES = yaml.safe_load((ROOT / "data/timer.yml").read_text(encoding="utf-8"))
# Two techniques on one muscle and one side: two spots, in the data's order of techniques.
CHOICE = "routine/?muscle=piriformis&technique=sustained-compression,circular-friction&side=left"
FIRST, SECOND = "circular-friction", "sustained-compression"


def seconds(slug: str) -> int:
    return GUIDE.technique(slug).dose.per_spot.hold.max


def clock(value: int) -> str:
    return f"{value // 60}:{value % 60:02d}"


def open_player(new_page, server, path: str = CHOICE, **options):
    page = new_page(**options)
    page.clock.install()
    page.goto(server.url + path)
    return page


def tick_every_check(page) -> None:
    page.locator(".routine-player .task-list input").evaluate_all("boxes => boxes.forEach(b => b.checked = true)")


def begin(page) -> None:
    page.get_by_role("button", name="Start the routine").click()


def test_a_routine_from_the_address_runs_each_spot_with_the_data_durations(new_page, server):
    page = open_player(new_page, server)
    assert page.locator('input[name="muscle"]:checked').evaluate_all("i => i.map(x => x.value)") == ["piriformis"]
    assert page.locator(".routine-player__card li").count() == 2
    tick_every_check(page)
    begin(page)
    play = page.locator(".routine-player__play")
    assert play.locator("h2").inner_text() == "Spot 1 of 2"
    assert GUIDE.technique(FIRST).name in play.inner_text()
    assert play.locator(".hold-timer__time").inner_text() == clock(seconds(FIRST))
    # The steps and the find-it landmarks come from the technique and muscle pages.
    play.locator("ol").nth(1).wait_for()
    assert "ball" in play.locator("ol").first.inner_text().lower()
    play.locator(".hold-timer__main").click()
    page.clock.run_for(seconds(FIRST) * 1000 + 500)
    live = page.locator(".routine-player__live")
    assert live.inner_text().startswith(f"Rest for {CUES['rest_seconds']} seconds")
    page.clock.run_for(CUES["rest_seconds"] * 1000 + 500)
    assert play.locator("h2").inner_text() == "Spot 2 of 2"
    assert GUIDE.technique(SECOND).name in play.inner_text()
    page.clock.run_for(10_000)  # the second hold starts by itself after the rest (ticks are 1/4 s)
    assert play.locator(".hold-timer__time").inner_text() in {clock(seconds(SECOND) - 10), clock(seconds(SECOND) - 11)}
    page.clock.run_for(seconds(SECOND) * 1000)
    assert live.inner_text() == "Routine done."


def test_the_routine_starts_only_when_every_check_is_ticked(new_page, server):
    page = open_player(new_page, server)
    begin(page)
    assert page.locator(".routine-player__play").is_hidden()
    assert page.locator(".routine-player__live").inner_text()
    assert page.evaluate("() => document.activeElement.closest('.task-list') !== null")


def test_skip_moves_on_and_stop_shows_the_stop_rule_and_the_care_cards(new_page, server):
    page = open_player(new_page, server)
    tick_every_check(page)
    begin(page)
    play = page.locator(".routine-player__play")
    page.get_by_role("button", name="Skip this spot").click()
    assert play.locator("h2").inner_text() == "Spot 2 of 2"
    page.clock.run_for(5_000)
    assert play.locator(".hold-timer__time").inner_text() == clock(seconds(SECOND) - 5)
    play.locator(".hold-timer__stop").click()
    stopped = page.locator(".routine-player__stopped")
    assert stopped.is_visible()
    text = stopped.inner_text()
    for rule in GUIDE.safety.hold_timer.stop_rules:
        assert GUIDE.stop_rule(rule).rule in text
    for tier in ("immediate", "urgent"):
        assert GUIDE.care_tier(tier).label in text
    left = play.locator(".hold-timer__time").inner_text()
    page.clock.run_for(30_000)
    assert play.locator(".hold-timer__time").inner_text() == left


def test_a_choice_is_kept_in_the_address(new_page, server):
    page = open_player(new_page, server, "routine/")
    page.locator('input[name="muscle"][value="gluteus-medius"]').check()
    page.locator('input[name="technique"][value="stripping"]').check()
    page.locator('input[name="side"][value="right"]').check()
    assert page.url.endswith("routine/?muscle=gluteus-medius&technique=stripping&side=right")


@pytest.mark.parametrize("scheme, viewport", [("light", None), ("dark", PHONE)], ids=["light-desktop", "dark-phone"])
def test_no_axe_violations_while_a_spot_runs_or_after_stop(new_page, server, scheme, viewport):
    page = new_page(color_scheme=scheme, **({"viewport": viewport} if viewport else {}))
    page.context.add_init_script(script=AXE_SCRIPT)
    page.clock.install()
    page.goto(server.url + CHOICE)
    # The picker is the page as loaded, which the accessibility tour checks in both palettes; here axe
    # looks at the player alone while a spot runs, and after Stop.
    tick_every_check(page)
    begin(page)
    page.locator(".routine-player__play .hold-timer__main").click()
    page.clock.run_for(3_000)
    page.locator(".routine-player__play ol").nth(1).wait_for()
    failures = {}
    for state in ("running", "stopped"):
        if state == "stopped":
            page.locator(".routine-player__play .hold-timer__stop").click()
        page.evaluate(SETTLED)
        page.evaluate("([options]) => { window.__axe = axe.run('.routine-player', options); }", [AXE_OPTIONS])
        page.clock.run_for(1_000)
        violations = axe_violations(page)
        if violations:
            failures[state] = report(violations)
    assert not failures, "\n".join(f"{state}:\n{text}" for state, text in failures.items())


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_chosen_routine_prints_on_one_page_with_the_safety_advice(new_page, server, tmp_path, paper):
    """Browser print of the player: one page with the chosen spots, the stop rules, the ask-first
    list and the three care cards, all from the data."""
    page = open_player(new_page, server, "routine/?muscle=piriformis,gluteus-medius"
                                         "&technique=sustained-compression,stripping&side=both")
    page.emulate_media(media="print")
    pdf = tmp_path / "card.pdf"
    page.pdf(path=str(pdf), format=paper)
    assert pdf_info(pdf)["Pages"] == "1"
    text = flat(pdf_text(pdf))
    assert flat(f"Sustained compression, Piriformis, right side: {GUIDE.technique(SECOND).dose.per_spot.hold.min}") in text
    needed = [rule.rule for rule in GUIDE.safety.stop_rules.values()]
    needed += [p.condition for p in GUIDE.safety.precautions.values()]
    needed += [GUIDE.care_tier(tier).label for tier in ("immediate", "urgent", "non-urgent")]
    missing = [item for item in needed if flat(item) not in text]
    assert not missing, missing
