"""The hold timer on a technique page (issue 14), driven by the keyboard alone, with Playwright's clock
so a 90-second hold takes no real time. Its numbers come from the technique's dose and its words from
data/timer.yml and data/safety.yml: the test reads them from the same data, never from the script."""
from __future__ import annotations

import pytest
import yaml
from axe_playwright_python.base import AXE_SCRIPT

from conftest import ROOT
from macros.data import load_guide

from .conftest import AXE_OPTIONS, PHONE, SETTLED, axe_violations, record_requests, show_timer
from .test_accessibility import report

PAGE = "techniques/sustained-compression/"
GUIDE = load_guide(ROOT)
HOLD = GUIDE.technique("sustained-compression").dose.per_spot.hold
CUES = yaml.safe_load((ROOT / "data/timer.yml").read_text(encoding="utf-8"))
TIMER = GUIDE.safety.hold_timer  # its safety words, from data/safety.yml
STOP_RULES = [GUIDE.stop_rule(rule).rule for rule in TIMER.stop_rules]
# Every text the live region shows, in order, recorded as it changes.
RECORD_LIVE = """() => {
  window.__said = [];
  const live = document.querySelector('.hold-timer__live');
  new MutationObserver(() => live.textContent && window.__said.push(live.textContent))
    .observe(live, {childList: true, characterData: true, subtree: true});
}"""


def open_timer(new_page, server, **options):
    page = new_page(**options)
    page.clock.install()
    page.goto(server.url + PAGE)
    show_timer(page)
    page.evaluate(RECORD_LIVE)
    return page


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element is focused, as a keyboard user would reach it."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def remaining(page) -> str:
    return page.locator(".hold-timer__time").inner_text()


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def test_a_hold_announces_start_check_and_end_in_order_by_keyboard(new_page, server):
    page = open_timer(new_page, server)
    timer = page.locator(".hold-timer")
    assert timer.is_visible()
    # The timer sits just after the numbered steps.
    assert page.evaluate("() => document.getElementById('steps').nextElementSibling.nextElementSibling"
                         ".classList.contains('hold-timer')")
    assert remaining(page) == clock(HOLD.max)
    tab_to(page, ".hold-timer__main")
    page.keyboard.press("Enter")
    page.clock.run_for(HOLD.check_at * 1000 + 500)
    page.clock.run_for((HOLD.max - HOLD.check_at) * 1000)
    said = page.evaluate("window.__said")
    start = CUES["start"].format(max=HOLD.max)
    check = TIMER.check_prompt
    end = CUES["end"]
    assert said[0] == start
    assert said[1].startswith(check)
    assert said[-1] == end
    assert len(said) == 3, said
    assert remaining(page) == "0:00"
    assert timer.get_attribute("data-state") == "ended"


def test_pause_holds_the_time_and_reset_starts_again(new_page, server):
    page = open_timer(new_page, server)
    tab_to(page, ".hold-timer__main")
    page.keyboard.press("Enter")
    page.clock.run_for(10_000)
    page.keyboard.press("Enter")  # Pause: the same button, still focused
    paused = remaining(page)
    assert paused == clock(HOLD.max - 10)
    page.clock.run_for(60_000)
    assert remaining(page) == paused
    assert page.locator(".hold-timer__main").inner_text() == "Resume"
    page.keyboard.press("Enter")
    page.clock.run_for(5_000)
    assert remaining(page) == clock(HOLD.max - 15)
    page.keyboard.press("Tab")  # Reset
    page.keyboard.press("Enter")
    assert remaining(page) == clock(HOLD.max)
    assert page.locator(".hold-timer").get_attribute("data-state") == "idle"
    page.clock.run_for(30_000)
    assert remaining(page) == clock(HOLD.max)


def test_stop_shows_the_stop_rule_and_the_emergency_card_link(new_page, server):
    page = open_timer(new_page, server)
    tab_to(page, ".hold-timer__main")
    page.keyboard.press("Enter")
    page.clock.run_for(12_000)
    tab_to(page, ".hold-timer__stop")
    assert page.locator(".hold-timer__stop").inner_text() == TIMER.stop_label
    page.keyboard.press("Enter")
    panel = page.locator(".hold-timer .guided-stop")
    assert panel.is_visible()
    for rule in STOP_RULES:
        assert rule in panel.inner_text()
    assert page.evaluate("() => document.activeElement.classList.contains('guided-stop')")
    assert page.evaluate("window.__said").pop() == " ".join(STOP_RULES)
    link = panel.locator("a")
    assert link.get_attribute("href").endswith("safety/contraindications/#immediate-action")
    stopped = remaining(page)
    page.clock.run_for(30_000)
    assert remaining(page) == stopped
    page.keyboard.press("Tab")  # the emergency card link, next in the panel
    page.keyboard.press("Enter")
    page.wait_for_url("**/safety/contraindications/#immediate-action")


# When the timer's box stops being hidden: whether guided.css had already styled it (the clock's
# digits are tabular only by guided.css).
RECORD_SHOWN = """window.__styled = null;
new MutationObserver(() => {
  const box = document.querySelector('article .hold-timer');
  if (box && !box.hidden && window.__styled === null) {
    window.__styled = getComputedStyle(box.querySelector('.hold-timer__time')).fontVariantNumeric;
  }
}).observe(document, {attributes: true, attributeFilter: ['hidden'], subtree: true});"""


def test_the_timer_and_its_styles_load_only_when_the_steps_come_near(new_page, server):
    page = new_page(viewport=PHONE)
    requests = record_requests(page.context)
    page.context.add_init_script(script=RECORD_SHOWN)
    page.goto(server.url + PAGE)
    page.wait_for_load_state("networkidle")
    files = lambda: {url.rsplit("/", 1)[-1] for url in requests}  # noqa: E731
    assert not files() & {"hold-timer.js", "guided.css"}, "loaded before the steps came near"
    assert not page.locator(".hold-timer").is_visible()
    show_timer(page)
    assert {"hold-timer.js", "guided.css"} <= files()
    assert page.evaluate("window.__styled") == "tabular-nums", "the box showed before its stylesheet applied"
    assert page.evaluate("() => document.getElementById('steps').nextElementSibling.nextElementSibling"
                         ".classList.contains('hold-timer')")


def test_without_javascript_the_page_shows_no_timer(new_page, server):
    page = new_page(java_script_enabled=False)
    page.goto(server.url + PAGE)
    assert page.locator(".hold-timer").count() == 1
    assert not page.locator(".hold-timer").is_visible()
    assert page.locator("article button").count() == 0


@pytest.mark.parametrize("scheme, viewport", [("light", None), ("dark", PHONE)], ids=["light-desktop", "dark-phone"])
def test_no_axe_violations_in_any_timer_state(new_page, server, scheme, viewport):
    options = {"color_scheme": scheme, **({"viewport": viewport} if viewport else {})}
    page = new_page(**options)
    page.context.add_init_script(script=AXE_SCRIPT)
    page.clock.install()
    page.goto(server.url + PAGE)
    show_timer(page)
    failures = {}
    # Idle is the page as loaded, which the accessibility tour checks in both palettes; axe looks at
    # the timer alone in the other states, which keeps the test quick.
    steps = [("running", 5_000, ".hold-timer__main"), ("check point", HOLD.check_at * 1000, None),
             ("stopped", 0, ".hold-timer__stop")]
    for state, run, press in steps:
        if press:
            page.locator(press).click()
        if run:
            page.clock.run_for(run)
        page.evaluate(SETTLED)
        page.evaluate("([options]) => { window.__axe = axe.run('.hold-timer', options); }", [AXE_OPTIONS])
        page.clock.run_for(1_000)  # axe's own timers run on the page's clock
        violations = axe_violations(page)
        if violations:
            failures[state] = report(violations)
    assert not failures, "\n".join(f"{state}:\n{text}" for state, text in failures.items())
