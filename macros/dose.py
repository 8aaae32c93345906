"""A technique's dose in words, made from the numbers in its `dose:` block.

Every place that shows a dose calls `dose_rows` (or one of the functions it uses): the summary table
on a technique page, the techniques overview, the muscle handouts and the routine card. So the words
and numbers are the same everywhere, and a page never needs to retype them.
"""
from __future__ import annotations

from macros.data import Guide
from macros.models import Dose, Range, Source, Technique

# The labels of the rows, in the order every table shows them.
SPOT, SESSION, DAY, SORE, BASIS = ("Each spot", "Each session", "Each day", "If sore the next day",
                                   "Where the numbers come from")
SPOT_PASSES = "Each muscle"  # the first row's label when the dose is slow passes along a muscle
EXPERIENCE = "the guide's advice from experience, not from research"


def span(numbers: Range, unit: str) -> str:
    """'30 to 90 seconds', or '60 seconds' when both ends are the same."""
    if numbers.min == numbers.max:
        return f"{numbers.min} {unit}"
    return f"{numbers.min} to {numbers.max} {unit}"


def per_spot(dose: Dose, check: bool = True) -> str:
    """The time on each spot (with the check point, unless check is False), or the passes along a muscle."""
    spot = dose.per_spot
    if spot.hold is not None:
        hold = spot.hold
        text = ("About " if hold.min == hold.max else "") + span(hold, "seconds") + " on each spot"
        if check and hold.check_at is not None:
            text += f"; the ache should start to ease by about {hold.check_at} seconds"
        return text
    passes = spot.passes
    return (f"{span(passes.count, 'slow passes')} along each muscle, each pass taking "
            f"{span(passes.seconds_each, 'seconds')}")


def per_session(dose: Dose) -> str:
    what = "muscles" if dose.per_spot.passes is not None else "spots"
    count = dose.per_session.max_spots
    what = what[:-1] if count == 1 else what
    return f"Up to {count} {what}, {dose.per_session.max_minutes} minutes in all at most"


def per_day(dose: Dose) -> str:
    sessions = dose.per_day.max_sessions
    if sessions == 1:
        return "Once a day at most"
    if sessions == 2:
        return "Up to twice a day"
    return f"A few times a day at most (up to {sessions} sessions)"


def if_sore(guide: Guide, dose: Dose) -> str:
    """The rest rule, in the words of data/safety.yml."""
    return guide.stop_rule(dose.rest_rule).rule


def cite(source: Source) -> str:
    """A short name for a source: 'Travell and Simons, 1992', 'Furlan and others, 2015', 'NICE, 2016'."""
    if source.authors:
        names = [name.strip().split(" ")[0] for name in source.authors.split(",")]
        others = names[-1] == "et"  # 'Giuffre BA, et al.': the list is cut short
        who = " and ".join(names) if len(names) <= 2 and not others else f"{names[0]} and others"
    else:
        who = source.publisher.split(" (")[0]
    return f"{who}, {source.year}" if source.year else who


def basis(guide: Guide, dose: Dose) -> str:
    """Which numbers rest on which sources, and which are the guide's own advice."""
    spot = "time on each spot" if dose.per_spot.hold is not None else "the passes"
    levels = [(spot, dose.per_spot.sources), ("the session limit", dose.per_session.sources),
              ("how often", dose.per_day.sources)]
    sourced = [f"{what.capitalize()}: {'; '.join(f'{cite(guide.source(s))} ({guide.source(s).kind})' for s in ids)}."
               for what, ids in levels if ids]
    unsourced = [what for what, ids in levels if not ids]
    if unsourced:
        joined = unsourced[0] if len(unsourced) == 1 else ", ".join(unsourced[:-1]) + " and " + unsourced[-1]
        sourced.append(f"{joined[0].upper()}{joined[1:]}: {EXPERIENCE}.")
    return " ".join(sourced)


def dose_rows(guide: Guide, technique: Technique) -> list[tuple[str, str]]:
    """(label, text) for every part of the dose, in the order every table shows them."""
    dose = technique.dose
    first = SPOT if dose.per_spot.hold is not None else SPOT_PASSES
    return [(first, per_spot(dose)), (SESSION, per_session(dose)), (DAY, per_day(dose)),
            (SORE, if_sore(guide, dose)), (BASIS, basis(guide, dose))]


# The short form, for tables with one row per technique (the overview, the muscle handouts, the
# routine card): the first three parts of dose_rows, without the check point, under labels that fit
# every technique.
SHORT_LABELS = ("Each spot or muscle", SESSION, DAY)


def short(technique: Technique) -> list[str]:
    dose = technique.dose
    return [per_spot(dose, check=False), per_session(dose), per_day(dose)]
