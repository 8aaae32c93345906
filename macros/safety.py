"""Safety blocks from the one source, data/safety.yml, rendered as Material admonitions.

Each care card's title starts with its tier's label ("Immediate action required: ...") so the
urgency is carried by text, not only by colour.
"""
from __future__ import annotations

from macros.data import CONTRAINDICATIONS, Guide
from macros.markdown import admonition, bullets, link, table
from macros.references import cite

ADMONITION_KIND = {"immediate": "care-immediate", "urgent": "care-urgent", "non-urgent": "care-non-urgent"}
STOP_RULES_KIND = "stop-rules"
ASK_FIRST_KIND = "ask-first"
ASK_FIRST_TITLE = "Ask first: talk to a doctor, nurse or physiotherapist before you start if"
PRECAUTIONS_INTRO = "Ask a doctor, nurse or physiotherapist before you try self-massage if any of these apply to you."


def care_card(guide: Guide, tier: str) -> str:
    card = guide.care_tier(tier)
    body = bullets([sign.text for sign in card.signs]) + f"\n\n{card.why}"
    return admonition(ADMONITION_KIND[tier], f"{card.label}: {card.heading}", body)


def stop_rules(guide: Guide, src: str, rule_ids: list[str] | None = None, why: bool = True) -> str:
    """The stop-rules warning box: the given rules (a technique's), or every rule when ids is None."""
    ids = list(guide.safety.stop_rules) if rule_ids is None else rule_ids
    rules = [guide.stop_rule(i) for i in ids]
    body = bullets([f"**{r.rule}** {r.why}" if why else f"**{r.rule}**" for r in rules])
    if src != CONTRAINDICATIONS:
        body += "\n\n" + link(src, CONTRAINDICATIONS, "Read all the safety advice", "stop-rules") + "."
    return admonition(STOP_RULES_KIND, "Stop rules: when to stop self-massage", body)


def precaution_groups(guide: Guide) -> list[tuple[str, list]]:
    """(group heading, precautions) in the order of precaution_groups; empty groups left out."""
    groups = []
    for group_id, heading in guide.safety.precaution_groups.items():
        items = [p for p in guide.safety.precautions.values() if p.group == group_id]
        if items:
            groups.append((heading, items))
    return groups


def precautions(guide: Guide, why: bool = True) -> str:
    """The ask-first list, as one short list per group."""
    parts = [PRECAUTIONS_INTRO]
    for heading, items in precaution_groups(guide):
        parts.append(f"**{heading}**")
        parts.append(bullets([f"**{p.condition}.** {p.why}" if why else f"{p.condition}." for p in items]))
    return "\n\n".join(parts)


def precautions_box(guide: Guide) -> str:
    """The ask-first list in a box, as printed handouts show it."""
    body = "\n\n".join(f"**{heading}**\n\n" + bullets([f"**{p.condition}.** {p.why}" for p in items])
                       for heading, items in precaution_groups(guide))
    return admonition(ASK_FIRST_KIND, ASK_FIRST_TITLE, f"{body}\n\n**{guide.safety.precautions_note}**")


def when_to_get_help(guide: Guide, src: str) -> str:
    """What a technique or muscle page shows of the care tiers: the emergency and same-day cards in
    full, and links to the non-urgent advice and the ask-first list."""
    return "\n\n".join([
        care_card(guide, "immediate"),
        care_card(guide, "urgent"),
        f"If your pain is not getting better, see {link(src, CONTRAINDICATIONS, 'when to see a GP or physiotherapist', 'non-urgent-advice')}. "
        f"Before you start, check the {link(src, CONTRAINDICATIONS, 'ask-first list', 'precautions')} of health "
        "problems that need a clinician's advice first.",
    ])


def safety_items(guide: Guide) -> list[tuple[str, str, list[str]]]:
    """Every care-card sign, stop rule and precaution as (where it stands, its text, its source ids)."""
    items = []
    for tier in guide.safety.care_tiers.values():
        items += [(tier.label, sign.text, sign.sources) for sign in tier.signs]
    items += [("Stop rule", rule.rule, rule.sources) for rule in guide.safety.stop_rules.values()]
    items += [("Ask first", p.condition, p.sources) for p in guide.safety.precautions.values()]
    return items


def safety_provenance(guide: Guide) -> str:
    """Per source, the safety items that rest on it: a table for the references page."""
    rows = []
    for source_id, source in sorted(guide.sources.items(), key=lambda kv: kv[1].title.lower()):
        items = [f"{where}: {text}" for where, text, ids in safety_items(guide) if source_id in ids]
        if items:
            # A list, not lines: on a phone each item wraps over many lines and must show where it ends.
            rows.append([cite(source), "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"])
    return table(["Source", "Safety advice that rests on it"], rows)
