"""What the Channel aggregate says when it refuses a fact: the rule, the fact, and what to do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence

from tracker.domain import straddles
from tracker.domain.events import ChannelEvent, ChannelOpened, EventRetracted, Fact, MeetingPlanned
from tracker.domain.live import LiveTimeline, sources_of
from tracker.domain.rules import (
    CannotRetract,
    DuplicateFact,
    EntryChanged,
    NoSuchPlan,
    NothingBeforeItHappens,
    NothingBeforeOpening,
    OnlyPartiesOfTheChannel,
    RuleBroken,
)
from tracker.domain.timeline import Violation, describe


def not_a_party(code: str, what: str, slug: str, parties: Sequence[str]) -> RuleBroken:
    return OnlyPartiesOfTheChannel(
        f"refused: {OnlyPartiesOfTheChannel.rule}: {code} ({what}) is not a party "
        f"of {slug}, whose parties are {', '.join(parties)}"
    )


def not_happened_yet(fact: Fact, today: dt.date | None) -> RuleBroken | None:
    """Refuse a fact dated after ``today`` (None: not checked); a plan may lie in the future.

    A fuzzy date is after today when the earliest day it could mean is: in December 2026,
    "2026-12" and "2026" may have happened already, "2027" cannot have."""
    if today is None or isinstance(fact, MeetingPlanned) or fact.occurred.earliest <= today:
        return None
    return NothingBeforeItHappens(
        f"refused: {NothingBeforeItHappens.rule}: {describe(fact)} is after today "
        f"({today.isoformat()}); record it once it has happened, or record the plan with "
        "tracker plan"
    )


def recorded_already(fact: Fact, slug: str, known: int) -> DuplicateFact:
    return DuplicateFact(
        f"refused: {describe(fact)} is already recorded on {slug} as event "
        f"#{known}; to correct it, retract #{known} and record it again"
    )


def retracted_already(fact: Fact, slug: str, retracted: int) -> DuplicateFact:
    return DuplicateFact(
        f"refused: {describe(fact)} was recorded on {slug} as event "
        f"#{retracted} and retracted since; record it again with its own command "
        "if the retraction was a mistake"
    )


def breaks_a_rule(fact: Fact, slug: str, violation: Violation, live: LiveTimeline) -> RuleBroken:
    """The rule that recording ``fact`` on the ``live`` timeline breaks: of the fact itself, or
    of a later fact that the new one would put out of order."""
    better = straddled(live.facts, fact, live.aliases, slug, violation)
    if violation.fact is fact:
        return violation.rule(
            f"refused: {violation.rule.rule}: {violation.why}; {better or violation.advice}"
        )
    return violation.rule(
        f"refused: {violation.rule.rule}: recording {describe(fact)} on {slug} would "
        f"put {describe(violation.fact)} (#{violation.fact.seq}) out of order: "
        f"{violation.why}; {better or f'check the date, or retract #{violation.fact.seq} first'}"
    )


def straddled(
    timeline: Sequence[Fact],
    fact: Fact,
    aliases: Mapping[int, int],
    slug: str,
    violation: Violation,
) -> str | None:
    """Advice for a refusal that a fuzzy date straddling a recorded fact causes (None: another
    cause). A date that could mean a day before the opening has its own advice."""
    if violation.rule is NothingBeforeOpening:
        return None
    return straddles.advice(timeline, fact, aliases, slug)


def unretractable(
    slug: str, seq: int, target: ChannelEvent | None, last: int, retracted: Collection[int]
) -> CannotRetract | None:
    """Why event ``seq`` of a channel whose events are #1 to #``last`` cannot be retracted
    (``target`` is the event, None if there is none)."""
    if target is None:
        return CannotRetract(
            f"{slug} has no event #{seq}; its events are #1 to #{last} (see tracker history {slug})"
        )
    if isinstance(target, EventRetracted):
        return CannotRetract(
            f"event #{seq} of {slug} is itself a retraction; record the retracted fact again "
            "instead"
        )
    if seq in retracted:
        return CannotRetract(f"event #{seq} of {slug} is already retracted")
    if isinstance(target, ChannelOpened):
        return CannotRetract(
            f"event #{seq} of {slug} is the channel's opening, which cannot be retracted; "
            f"correct it (tracker correct {slug} {seq} …), or conclude the channel"
        )
    return None


def no_such_plan(slug: str, seq: int, event: ChannelEvent | None, last: int) -> NoSuchPlan:
    """Why event ``seq`` is no planned meeting a postponement or cancellation can name."""
    if event is None:
        what = f"{slug} has no event #{seq}; its events are #1 to #{last}"
    elif isinstance(event, MeetingPlanned):
        what = f"planned meeting #{seq} of {slug} is retracted"
    elif isinstance(event, Fact):
        what = f"event #{seq} of {slug} is {describe(event)}, not a planned meeting"
    else:
        what = f"event #{seq} of {slug} is a retraction, not a planned meeting"
    return NoSuchPlan(f"{what}; name a planned meeting's number (see tracker history {slug})")


def entry_changed(
    slug: str, recorded: Fact, given: Fact, retracted: Collection[int]
) -> EntryChanged:
    """An entry whose id names ``recorded`` now says ``given``: both versions, and the fields
    a correction of the recorded fact would change."""
    changes: dict[str, object] = {}
    if str(recorded.occurred) != str(given.occurred):
        changes["occurred"] = given.occurred
    was, now = recorded.details(), given.details()
    for name in sorted(set(was) | set(now)):
        if was.get(name) != now.get(name):
            changes[name] = getattr(given, name)
    if sources_of(recorded) != sources_of(given):
        changes["sources"] = given.sources
    state = " (retracted since)" if recorded.seq in retracted else ""
    return EntryChanged(
        f"refused: entry {given.entry_id!r} was recorded on {slug} as event #{recorded.seq}"
        f"{state}, {describe(recorded)}, and now says {describe(given)}",
        seq=recorded.seq,
        command=recorded.COMMAND if type(recorded) is type(given) else given.COMMAND,
        changes=changes,
    )
