"""Safety blocks from the one source, data/safety.yml, rendered as Material admonitions.

Each care card's title starts with its tier's label ("Immediate action required: ...") so the
urgency is carried by text, not only by colour.
"""
from __future__ import annotations

from macros.data import CONTRAINDICATIONS, Guide
from macros.markdown import admonition, bullets, link

ADMONITION_KIND = {"immediate": "care-immediate", "urgent": "care-urgent", "non-urgent": "care-non-urgent"}
STOP_RULES_KIND = "stop-rules"


def care_card(guide: Guide, tier: str) -> str:
    card = guide.care_tier(tier)
    body = bullets(card.signs) + f"\n\n{card.why}"
    return admonition(ADMONITION_KIND[tier], f"{card.label}: {card.heading}", body)


def stop_rules(guide: Guide, src: str, rule_ids: list[str] | None = None) -> str:
    """The stop-rules warning box: a technique's own rules, or every rule when ids is None."""
    ids = list(guide.safety.stop_rules) if rule_ids is None else rule_ids
    rules = [guide.stop_rule(i) for i in ids]
    body = bullets([f"**{r.rule}** {r.why}" for r in rules])
    if src != CONTRAINDICATIONS:
        body += "\n\n" + link(src, CONTRAINDICATIONS, "Read all the safety advice", "stop-rules") + "."
    return admonition(STOP_RULES_KIND, "Stop rules: when to stop self-massage", body)


def precautions(guide: Guide) -> str:
    items = [f"**{p.condition}.** {p.why}" for p in guide.safety.precautions.values()]
    return ("Ask a doctor, nurse or physiotherapist before you try self-massage if any of these apply to you:\n\n"
            + bullets(items))
