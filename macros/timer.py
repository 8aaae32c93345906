"""The hold timer on each technique page and the routine player: their markup, made from the data.

Every number comes from a technique's `dose:` block, every sentence from data/timer.yml (what the
timer says) or data/safety.yml (the stop rule and the care cards), so the scripts
(docs/assets/javascripts/hold-timer.js and routine-player.js) hold no medical text and no dose.
All of it is `hidden`: without JavaScript a page reads exactly as before, with no dead controls.
"""
from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path

from macros import dose
from macros.data import CONTRAINDICATIONS, MUSCLES, TECHNIQUES, Guide, _parse_yaml, _validate, page_url
from macros.markdown import admonition
from macros.messages import GuideError, Problem
from macros.models import Cues

CUES_FILE = "data/timer.yml"
EMERGENCY_ANCHOR = "immediate-action"  # the emergency card's heading on the contraindications page


def load_cues(root: Path) -> Cues:
    """data/timer.yml, validated. (Its safety words, the check-point question and the Stop button, are
    in data/safety.yml under hold_timer, checked with the rest of that file.)"""
    problems: list[Problem] = []
    doc = _parse_yaml(CUES_FILE, (root / CUES_FILE).read_text(encoding="utf-8"), 1, problems)
    cues = _validate(doc, Cues, (), problems) if doc else None
    if problems or cues is None:
        raise GuideError(problems)
    return cues


def url(from_src: str, to_src: str, anchor: str = "") -> str:
    """The built address of one docs/ page as seen from another (directory URLs)."""
    rel = posixpath.relpath(page_url(to_src) or ".", page_url(from_src) or ".")
    return ("./" if rel == "." else rel + "/") + (f"#{anchor}" if anchor else "")


def _attrs(values: dict[str, object]) -> str:
    return " ".join(f'{name}="{escape(str(value))}"' for name, value in values.items())


def stop_panel(guide: Guide, from_src: str) -> str:
    """What the Stop button shows: the matching stop rules (hold_timer.stop_rules in data/safety.yml)
    and a link to the emergency card."""
    timer = guide.safety.hold_timer
    rules = "".join(f"<p><strong>{escape(rule.rule)}</strong> {escape(rule.why)}</p>"
                    for rule in map(guide.stop_rule, timer.stop_rules))
    tier = guide.care_tier("immediate")
    link = url(from_src, CONTRAINDICATIONS, EMERGENCY_ANCHOR)
    return (f'<div class="admonition guided-stop" hidden tabindex="-1">'
            f'<p class="admonition-title">{escape(timer.stop_label)}</p>{rules}'
            f'<p><a href="{escape(link)}">{escape(tier.label)}</a></p></div>')


def hold_timer(guide: Guide, cues: Cues, from_src: str, slug: str, stop: bool = True) -> str:
    """One technique's timer: its numbers and what it says, as data-* attributes, all hidden."""
    technique = guide.technique(slug)
    spot = technique.dose.per_spot
    values: dict[str, object] = {
        "data-technique": slug, "data-name": technique.name,
        "data-url": url(from_src, f"{TECHNIQUES}/{slug}.md"),
        "data-muscles": " ".join(technique.muscles), "data-stop": guide.safety.hold_timer.stop_label,
        "data-dose": dose.per_spot(technique.dose, check=False),
        "data-max-spots": technique.dose.per_session.max_spots}
    if spot.hold is not None:
        hold = spot.hold
        values |= {"data-hold": f"{hold.min} {hold.max} {hold.check_at or 0}",
                   "data-cue-start": cues.start.format(max=hold.max),
                   "data-cue-check": guide.safety.hold_timer.check_prompt,
                   "data-cue-enough": cues.enough.format(min=hold.min, max=hold.max)}
    else:
        count, each = spot.passes.count, spot.passes.seconds_each
        values |= {"data-passes": f"{count.min} {count.max} {each.max}",
                   "data-cue-start": cues.passes_start.format(max=each.max),
                   "data-cue-enough": cues.passes_enough.format(count=count.min, max=count.max),
                   "data-cue-pass": cues.pass_}
    values["data-cue-end"] = cues.end
    panel = stop_panel(guide, from_src) if stop else ""
    return f'<div class="hold-timer" hidden {_attrs(values)}>{panel}</div>'


BEFORE_YOU_START = "safety/before-you-start.md"
_TASK = re.compile(r"^- \[ \] ")
_LINK = re.compile(r"\]\((?!https?:|#)([^)#\s]+)(#[^)\s]*)?\)")


def checklist(root: Path, from_src: str) -> str:
    """The before-you-start page's checklist (its task lists, under their headings one level down),
    with its links made relative to the page that shows it."""
    here = posixpath.dirname(BEFORE_YOU_START)

    def relink(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(here, match[1]))
        return f"]({posixpath.relpath(target, posixpath.dirname(from_src) or '.')}{match[2] or ''})"

    out, lines = [], (root / "docs" / BEFORE_YOU_START).read_text(encoding="utf-8").splitlines()
    heading = None
    for line in lines:
        if line.startswith("## "):
            heading = re.sub(r"\{#([a-z-]+)\}", r"{#before-\1}", line)
        elif _TASK.match(line) or (line.startswith("  ") and out and _TASK.match(out[-1].lstrip("#"))):
            if heading:
                match = re.match(r"## (.*?) \{#([a-z-]+)\}", heading)
                out += ["", f'<h3 id="{match[2]}">{escape(match[1])}</h3>', ""]
                heading = None
            if line.startswith("  "):
                out[-1] += " " + line.strip()
            else:
                out.append(line)
    return _LINK.sub(relink, "\n".join(out))


def player(guide: Guide, cues: Cues, from_src: str) -> str:
    """The routine player: the picker (every muscle, technique and side, from the data), the
    checklist and stop rules to tick, each technique's timer, and what stopping shows. All hidden
    until routine-player.js shows it."""
    from macros import safety

    muscles = "".join(
        f'<span data-muscle="{slug}" data-name="{escape(m.name)}" data-url="{url(from_src, f"{MUSCLES}/{slug}.md")}"></span>'
        for slug, m in guide.muscles.items())
    timers = "".join(hold_timer(guide, cues, from_src, slug, stop=False) for slug in guide.techniques)

    def choices(legend: str, name: str, kind: str, items) -> str:
        boxes = "".join(f'<label><input type="{kind}" name="{name}" value="{value}"> {escape(text)}</label>'
                        for value, text in items)
        return f'<fieldset class="routine-player__pick"><legend>{legend}</legend>{boxes}</fieldset>'

    pick = (choices("Muscles", "muscle", "checkbox", [(s, m.name) for s, m in guide.muscles.items()])
            + choices("Techniques", "technique", "checkbox", [(s, t.name) for s, t in guide.techniques.items()])
            + choices("Side", "side", "radio", [("left", "Left"), ("right", "Right"), ("both", "Both")]))
    rules = "\n".join(f"- [ ] **{r.rule}**" for r in guide.safety.stop_rules.values())
    values = {"data-rest": cues.rest_seconds, "data-too-many": cues.too_many}
    stopped = "\n\n".join([safety.stop_rules(guide, from_src, guide.safety.hold_timer.stop_rules),
                           safety.care_card(guide, "immediate"), safety.care_card(guide, "urgent")])
    return "\n\n".join([
        f'<div class="routine-player" hidden {_attrs(values)} markdown>',
        f'<div class="routine-player__catalogue" hidden>{timers}{muscles}</div>',
        '<h2 id="choose">Choose your routine</h2>',
        f'<div class="routine-player__choice">{pick}</div>',
        '<h2 id="check">Check before you start</h2>',
        checklist(guide.root, from_src),
        '<h3 id="before-stop-rules">Know the stop rules</h3>',
        rules,
        '<div class="routine-player__stopped" hidden markdown>',
        stopped,
        "</div>",
        "</div>",
        '<div class="routine-player__print" markdown>',
        '??? note "Safety advice to keep with your routine"',
        "\n".join("    " + line if line.strip() else "" for line in "\n\n".join([
            safety.stop_rules(guide, from_src, why=False),
            admonition(safety.ASK_FIRST_KIND, safety.ASK_FIRST_TITLE, safety.precautions(guide, why=False)),
            safety.care_card(guide, "immediate"), safety.care_card(guide, "urgent"),
            safety.care_card(guide, "non-urgent")]).split("\n")),
        "</div>",
    ])
