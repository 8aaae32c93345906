"""The schema of the guide's structured data.

Field descriptions double as the fix hint shown to a contributor when a field is missing or wrong,
so keep them short and concrete.
"""
from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # ids and file names: lower case, words joined by '-'
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Count = Annotated[int, Field(ge=1, le=3600)]  # seconds, passes, spots, minutes, sessions: whole numbers

CARE_TIERS = ("immediate", "urgent", "non-urgent")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageMeta(BaseModel):
    """Front matter every page carries. Other keys (title, hide, render_macros…) are Material's."""

    model_config = ConfigDict(extra="allow", frozen=True)

    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=200)] = Field(
        description="one plain sentence (20 to 200 characters) saying what the page is for")
    last_reviewed: datetime.date = Field(
        description="the date the page was last checked against its sources, as YYYY-MM-DD")
    review_due: datetime.date = Field(
        description="the date the next review is due, as YYYY-MM-DD: after last_reviewed and at most "
                    "3 years later (e.g. last_reviewed plus 2 years)")
    sources: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="a list of source ids from data/sources/, e.g. [nhs-sciatica]")


class Position(Strict):
    """A position that is not for everyone: who should not use it, and what to do instead."""

    position: Text = Field(description="the position, e.g. 'Sitting on the roller with one ankle on the other knee'")
    not_for: Text = Field(description="who should not use it, e.g. 'a hip replacement (crossing the legs)'")
    instead: Text = Field(description="what those people can do instead, e.g. 'keep both feet flat'")


# --- the dose: how long on each spot, each session and each day -------------------------------
# Numbers, not words, so every table and handout says the same thing and a timer can read them.
# Each level may name the sources its numbers rest on; a level without sources is the guide's advice
# from experience, and the pages say so.

DOSE_SOURCES_HINT = ("source ids from data/sources/ that give these numbers, e.g. [travell-simons]; "
                     "leave it out if no source gives them (the guide then says they come from experience)")


class Range(Strict):
    min: Count = Field(description="the smallest number, e.g. 3")
    max: Count = Field(description="the largest number, e.g. 5 (the same as min for one number)")

    @model_validator(mode="after")
    def _in_order(self):
        if self.max < self.min:
            raise ValueError(f"max ({self.max}) is less than min ({self.min}): give max at least min")
        return self


class Hold(Range):
    """Seconds on one spot, e.g. {min: 30, max: 90, check_at: 30}."""

    min: Count = Field(description="the shortest time on one spot, in seconds, e.g. 30")
    max: Count = Field(description="the longest time on one spot, in seconds, e.g. 90")
    check_at: Count | None = Field(default=None, description="seconds after which to check the ache is easing, "
                                                             "e.g. 30 (at most max)")

    @model_validator(mode="after")
    def _check_in_time(self):
        if self.check_at is not None and self.check_at > self.max:
            raise ValueError(f"check_at ({self.check_at}) is after max ({self.max}): check within the hold")
        return self


class Passes(Strict):
    """Slow passes along a muscle: how many, and how long each takes."""

    count: Range = Field(description="how many passes along each muscle, e.g. {min: 3, max: 5}")
    seconds_each: Range = Field(description="seconds for one slow pass, e.g. {min: 5, max: 10}")


class PerSpot(Strict):
    hold: Hold | None = Field(default=None, description="seconds on one spot, e.g. {min: 30, max: 90, "
                                                        "check_at: 30}; give this or passes")
    passes: Passes | None = Field(default=None, description="slow passes along each muscle, e.g. {count: "
                                                            "{min: 3, max: 5}, seconds_each: {min: 5, max: 10}}; give "
                                                            "this or hold")
    sources: list[Slug] = Field(default_factory=list, description=DOSE_SOURCES_HINT)

    @model_validator(mode="after")
    def _one_kind(self):
        if (self.hold is None) == (self.passes is None):
            raise ValueError("give exactly one of hold (seconds on one spot) or passes (slow passes along a muscle)")
        return self

    @property
    def seconds(self) -> int:
        """The longest time one spot (or one muscle's passes) takes."""
        if self.hold is not None:
            return self.hold.max
        return self.passes.count.max * self.passes.seconds_each.max


class PerSession(Strict):
    max_spots: Count = Field(description="the most spots (or muscles, for passes) in one session, e.g. 5")
    max_minutes: Count = Field(description="the longest a whole session should take, in minutes, e.g. 10")
    sources: list[Slug] = Field(default_factory=list, description=DOSE_SOURCES_HINT)


class PerDay(Strict):
    max_sessions: Count = Field(description="the most sessions in one day, e.g. 3")
    sources: list[Slug] = Field(default_factory=list, description=DOSE_SOURCES_HINT)


class Dose(Strict):
    """The `dose:` block of a technique: per spot, per session, per day, and the rest rule."""

    per_spot: PerSpot = Field(description="time on each spot: {hold: {min, max, check_at}} or {passes: {count, "
                                          "seconds_each}}, with sources")
    per_session: PerSession = Field(description="{max_spots: 5, max_minutes: 10}, with sources")
    per_day: PerDay = Field(description="{max_sessions: 3}, with sources")
    rest_rule: Slug = Field(description="the stop-rule id from data/safety.yml that says what to do if it is sore "
                                        "the next day, e.g. sore-next-day")

    @model_validator(mode="after")
    def _session_fits(self):
        needed = self.per_session.max_spots * self.per_spot.seconds
        if needed > self.per_session.max_minutes * 60:
            raise ValueError(f"per_session allows {self.per_session.max_spots} spots of up to "
                             f"{self.per_spot.seconds} seconds ({needed} seconds), more than max_minutes "
                             f"({self.per_session.max_minutes} minutes): lower max_spots or raise max_minutes")
        return self


class Technique(Strict):
    """The `technique:` block in the front matter of docs/techniques/<slug>.md."""

    name: Text = Field(description="the technique's name, e.g. 'Sustained compression'")
    summary: Text = Field(description="one sentence saying what you do")
    muscles: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="muscle ids it suits, e.g. [piriformis] (file names in docs/muscles/)")
    tools: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="tool ids from data/tools.yml, e.g. [tennis-ball]")
    pressure: Text = Field(description="how hard to press, in plain words")
    dose: Dose = Field(description="how long and how often, as numbers: per_spot, per_session, per_day and "
                                   "rest_rule (copy the block from another technique page)")
    positions: Annotated[list[Text | Position], Field(min_length=1)] = Field(
        description="a list of positions, e.g. ['Lying on your back on the floor']; a position that crosses "
                    "the legs or lies on the sore side is a mapping {position, not_for, instead}")
    stop_rules: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="stop-rule ids from data/safety.yml, e.g. [sharp-pain, bony-points]")


class Muscle(Strict):
    """The `muscle:` block in the front matter of docs/muscles/<slug>.md."""

    name: Text = Field(description="the muscle's name, e.g. 'Piriformis'")
    where: Text = Field(description="where the muscle is, in one or two plain sentences")
    landmarks: Annotated[list[Text], Field(min_length=1)] = Field(
        description="a list of steps or landmarks to find it")
    refers_pain_to: Text = Field(description="where its trigger points send pain")
    do_not_press: Annotated[list[Text], Field(min_length=1)] = Field(
        description="a list of places not to press, e.g. ['the greater trochanter (bone)']")


class Tool(Strict):
    name: Text = Field(description="the tool's name, e.g. 'Tennis ball'")
    good_for: Text = Field(description="what it is good for")
    pressure_tip: Text = Field(description="how to make the pressure stronger or gentler")
    cautions: Text = Field(description="what to take care with")


class Source(Strict):
    title: Text = Field(description="the title of the page, paper or book")
    authors: Text | None = Field(default=None, description="authors, e.g. 'Furlan AD, Giraldo M'")
    publisher: Text = Field(description="who publishes it: an organisation or journal")
    year: int | None = Field(default=None, ge=1900, le=2100, description="year of publication")
    url: HttpUrl = Field(description="a full https:// link to the source")
    kind: Text = Field(description="e.g. 'patient information', 'systematic review', 'clinical guideline'")
    supports: Text = Field(description="what this source supports on the site, in one sentence")


SourceIds = Annotated[list[Slug], Field(min_length=1)]
SOURCES_HINT = "a list of at least one source id from data/sources/ that this rests on, e.g. [nhs-sciatica]"


class Sign(Strict):
    text: Text = Field(description="the sign, in plain words, completing the card's heading")
    sources: SourceIds = Field(description=SOURCES_HINT)


class CareTier(Strict):
    label: Text = Field(description="the text prefix, e.g. 'Immediate action required'")
    heading: Text = Field(description="what to do, ending before the list of signs")
    signs: Annotated[list[Sign], Field(min_length=1, max_length=7)] = Field(
        description="a list of signs (7 at most), each {text, sources}")
    why: Text = Field(description="why it matters, in plain words")


class StopRule(Strict):
    rule: Text = Field(description="the rule, said as an instruction")
    why: Text = Field(description="why the rule matters")
    sources: SourceIds = Field(description=SOURCES_HINT)
    every_technique: bool = Field(default=False, description="true if the rule applies to every technique, "
                                                             "whether or not its page lists it")


class Precaution(Strict):
    group: Slug = Field(description="a group id from precaution_groups, e.g. blood")
    condition: Text = Field(description="the condition, e.g. 'You take blood thinners'")
    why: Text = Field(description="why to ask a clinician first, and what to avoid")
    sources: SourceIds = Field(description=SOURCES_HINT)


class HoldTimer(Strict):
    check_prompt: Text = Field(description="what the hold timer asks at its check point, in plain words")
    check_rules: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="ids of the stop rules the check-point question rests on, e.g. [good-pain]")
    stop_label: Text = Field(description="the words on the timer's stop button, e.g. 'Stop: sharp pain'")
    stop_rules: Annotated[list[Slug], Field(min_length=1)] = Field(
        description="ids of the stop rules shown when the reader presses the stop button, e.g. [sharp-pain]")


class Safety(Strict):
    care_tiers: dict[Slug, CareTier] = Field(description="the three tiers: immediate, urgent, non-urgent")
    stop_rules: Annotated[dict[Slug, StopRule], Field(min_length=1)] = Field(
        description="id: {rule, why, sources}")
    hold_timer: HoldTimer = Field(description="the hold timer's check-point question and stop button: "
                                              "{check_prompt, check_rules, stop_label, stop_rules}")
    precaution_groups: Annotated[dict[Slug, Text], Field(min_length=1)] = Field(
        description="id: heading of a group of precautions, e.g. blood: Blood and circulation")
    precautions: Annotated[dict[Slug, Precaution], Field(min_length=1)] = Field(
        description="id: {group, condition, why, sources}")
    precautions_note: Text = Field(description="the last line of the printed ask-first box: what is not on the list "
                                               "because it cannot wait")


class Cues(Strict):
    """data/timer.yml: what the hold timer and the routine player say."""

    start: Text = Field(description="said when a hold starts; {max} is the longest hold in seconds")
    enough: Text = Field(description="said when the shortest hold is done; {min} and {max} are seconds")
    end: Text = Field(description="said when the longest hold is done")
    # passes: a slow pass along a muscle (stripping)
    passes_start: Text = Field(description="said when the passes start; {max} is the seconds for one pass")
    passes_enough: Text = Field(description="said when the fewest passes are done; {count} and {max} are passes")
    pass_: Text = Field(alias="pass", description="said as each pass starts; {n} and {count} are numbers")
    too_many: Text = Field(description="the player's note when a routine has more spots than a technique allows; "
                                       "{name} is the technique, {max} its most spots in a session")
    rest_seconds: Count = Field(description="the player's pause between spots, in seconds, e.g. 15")
