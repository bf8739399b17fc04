"""Correcting a recorded fact: a corrected copy that replaces it, checked as the timeline would
be with the copy in the original's place.

The copy is a fact of the same kind whose ``corrects`` names the original; the channel records it
together with the original's retraction, all or nothing. Any fact may be corrected, the opening
included (its slug aside: the slug names the channel).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from tracker.domain import refusals
from tracker.domain.events import (
    ChannelAmended,
    ChannelEvent,
    ChannelOpened,
    EventRetracted,
    Fact,
    MeetingPlanned,
)
from tracker.domain.live import LiveTimeline, fact_key, same_content
from tracker.domain.rules import CannotCorrect, DuplicateFact
from tracker.domain.timeline import describe, in_valid_time, walk
from tracker.domain.values import InvalidValue, Source

# Fields a copy takes from the recording, not from the original or the changes.
_RECORD_KEEPING = ("originator_version", "recorded", "corrects")


def target_of(
    slug: str, seq: int, events: Sequence[ChannelEvent], retracted: Mapping[int, EventRetracted]
) -> Fact:
    """The live fact ``seq`` of a channel, or the reason it cannot be corrected."""
    target = next((e for e in events if e.seq == seq), None)
    if target is None:
        raise CannotCorrect(
            f"{slug} has no event #{seq}; its events are #1 to #{events[-1].seq} "
            f"(see tracker history {slug})"
        )
    if not isinstance(target, Fact):
        raise CannotCorrect(
            f"event #{seq} of {slug} is a retraction, which cannot be corrected; record the "
            "retracted fact again instead"
        )
    if seq in retracted:
        later = next((e.seq for e in events if isinstance(e, Fact) and e.corrects == seq), None)
        hint = f"; correct #{later}, its corrected copy, instead" if later else ""
        raise CannotCorrect(f"event #{seq} of {slug} is retracted{hint}")
    return target


def corrected_copy(
    target: Fact,
    changes: Mapping[str, Any],
    *,
    slug: str,
    version: int,
    recorded: dt.datetime,
    sources: Sequence[Source] = (),
) -> Fact:
    """The copy of ``target`` (a fact of channel ``slug``) with ``changes`` (fields of its
    event) made, as event ``version``.

    Sources given replace the recorded ones; without them the copy keeps the original's."""
    if isinstance(target, ChannelOpened) and changes.get("slug", target.slug) != target.slug:
        raise CannotCorrect(
            f"a channel's slug cannot be corrected ({target.slug}); open a channel of the right "
            "slug, and conclude this one with --successor"
        )
    fields = target.model_dump(exclude={"originator_id", *_RECORD_KEEPING})
    fields.update(changes)
    if sources:
        fields["sources"] = tuple(sources)
    try:
        copy = type(target)(
            originator_id=target.originator_id,
            originator_version=version,
            recorded=recorded,
            corrects=target.seq,
            **fields,
        )
    except ValidationError as e:
        first = e.errors()[0]
        raise InvalidValue(f"the corrected {describe(target)}: {first['msg']}") from None
    for name, verb in (("follows", "follow"), ("successor", "succeed")):
        if getattr(copy, name, None) == slug:
            raise InvalidValue(
                f"a channel cannot {verb} itself ({slug}); name another channel, or --clear {name}"
            )
    if isinstance(copy, ChannelAmended) and not _changes_anything(copy):
        raise CannotCorrect(
            f"the corrected amendment #{target.seq} of {slug} would change nothing: an "
            "amendment that was wrong altogether is retracted, not corrected "
            f"(tracker retract {slug} {target.seq})"
        )
    if isinstance(copy, MeetingPlanned) and copy.window.latest < copy.occurred.earliest:
        raise InvalidValue(
            f"the window {copy.window} ends before the meeting was agreed on {copy.occurred}"
        )
    if same_content(target, copy):
        raise DuplicateFact(
            f"refused: the correction changes nothing of {describe(target)} (#{target.seq}); "
            "give the options whose values are wrong, with the right values"
        )
    return copy


def check_in_place(slug: str, target: Fact, copy: Fact, live: LiveTimeline) -> None:
    """Refuse the copy if it duplicates another live fact, or if the timeline with the copy in
    the original's place would break a rule."""
    others = [f for f in live.facts if f.seq != target.seq]
    key = fact_key(copy)
    twin = next((f.seq for f in others if fact_key(f) == key), None)
    if twin is not None:
        raise refusals.recorded_already(copy, slug, twin)
    aliases = {**live.aliases, target.seq: copy.seq}
    _, violation = walk(in_valid_time([*others, copy]), aliases)
    if violation is None:
        return
    better = refusals.straddled(in_valid_time(others), copy, aliases, slug, violation)
    if violation.fact is copy:
        raise violation.rule(
            f"refused: {violation.rule.rule}: corrected, {violation.why}; "
            f"{better or violation.advice}"
        )
    raise violation.rule(
        f"refused: {violation.rule.rule}: with {describe(target)} (#{target.seq}) corrected, "
        f"{describe(violation.fact)} (#{violation.fact.seq}) would be out of order: "
        f"{violation.why}; {better or f'correct or retract #{violation.fact.seq} first'}"
    )


def _changes_anything(amendment: ChannelAmended) -> bool:
    """Whether an amendment changes a value (an empty list of topics takes them all away)."""
    return bool(
        amendment.title is not None
        or amendment.leads
        or amendment.drop_leads
        or amendment.topics is not None
        or amendment.level is not None
    )
