"""The hold timer on each technique page and the routine player: their markup, made from the data.

Every number comes from a technique's `dose:` block, every sentence from data/timer.yml (what the
timer says) or data/safety.yml (the stop rule and the care cards), so the scripts
(docs/assets/javascripts/hold-timer.js and routine-player.js) hold no medical text and no dose.
All of it is `hidden`: without JavaScript a page reads exactly as before, with no dead controls.
"""
from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path

from macros.data import CONTRAINDICATIONS, MUSCLES, TECHNIQUES, Guide, _parse_yaml, _validate, page_url
from macros.messages import GuideError, Problem, UnknownId
from macros.models import Cues

CUES_FILE = "data/timer.yml"
EMERGENCY_ANCHOR = "immediate-action"  # the emergency card's heading on the contraindications page


def load_cues(root: Path, guide: Guide) -> Cues:
    """data/timer.yml, validated; its stop rule must exist in data/safety.yml."""
    problems: list[Problem] = []
    doc = _parse_yaml(CUES_FILE, (root / CUES_FILE).read_text(encoding="utf-8"), 1, problems)
    cues = _validate(doc, Cues, (), problems) if doc else None
    if cues is not None and cues.stop_rule not in guide.safety.stop_rules:
        error = UnknownId("stop rule", cues.stop_rule, sorted(guide.safety.stop_rules))
        problems.append(Problem(CUES_FILE, str(error), "use an id from stop_rules in data/safety.yml",
                                doc.line("stop_rule")))
    if problems or cues is None:
        raise GuideError(problems)
    return cues


def url(from_src: str, to_src: str, anchor: str = "") -> str:
    """The built address of one docs/ page as seen from another (directory URLs)."""
    rel = posixpath.relpath(page_url(to_src) or ".", page_url(from_src) or ".")
    return ("./" if rel == "." else rel + "/") + (f"#{anchor}" if anchor else "")


def _attrs(values: dict[str, object]) -> str:
    return " ".join(f'{name}="{escape(str(value))}"' for name, value in values.items())


def stop_panel(guide: Guide, cues: Cues, from_src: str) -> str:
    """What the Stop button shows: the matching stop rule and a link to the emergency card."""
    rule = guide.stop_rule(cues.stop_rule)
    tier = guide.care_tier("immediate")
    link = url(from_src, CONTRAINDICATIONS, EMERGENCY_ANCHOR)
    return (f'<div class="admonition stop-rules guided-stop" hidden tabindex="-1">'
            f'<p class="admonition-title">{escape(cues.stop_button)}</p>'
            f"<p><strong>{escape(rule.rule)}</strong> {escape(rule.why)}</p>"
            f'<p><a href="{escape(link)}">{escape(tier.label)}</a></p></div>')


def hold_timer(guide: Guide, cues: Cues, from_src: str, slug: str, stop: bool = True) -> str:
    """One technique's timer: its numbers and what it says, as data-* attributes, all hidden."""
    technique = guide.technique(slug)
    spot = technique.dose.per_spot
    values: dict[str, object] = {
        "data-technique": slug, "data-name": technique.name,
        "data-url": url(from_src, f"{TECHNIQUES}/{slug}.md"),
        "data-muscles": " ".join(technique.muscles), "data-stop": cues.stop_button,
        "data-max-spots": technique.dose.per_session.max_spots}
    if spot.hold is not None:
        hold = spot.hold
        values |= {"data-hold": f"{hold.min} {hold.max} {hold.check_at or 0}",
                   "data-cue-start": cues.start.format(max=hold.max), "data-cue-check": cues.check,
                   "data-cue-enough": cues.enough.format(min=hold.min, max=hold.max)}
    else:
        count, each = spot.passes.count, spot.passes.seconds_each
        values |= {"data-passes": f"{count.min} {count.max} {each.max}",
                   "data-cue-start": cues.passes_start.format(max=each.max),
                   "data-cue-enough": cues.passes_enough.format(count=count.min, max=count.max),
                   "data-cue-pass": cues.pass_}
    values["data-cue-end"] = cues.end
    panel = stop_panel(guide, cues, from_src) if stop else ""
    return f'<div class="hold-timer" hidden {_attrs(values)}>{panel}</div>'
