"""The commands that keep a record true, as validated data: a channel amended, a planned meeting
postponed or cancelled, a fact corrected. Each names its channel, and the last three one of its
recorded events, by number or by the id of the import entry that recorded it."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from tracker.application.command_base import (
    Command,
    EntryId,
    HasLeads,
    meetings_a_year,
)
from tracker.domain.dates import FuzzyDate
from tracker.domain.values import (
    ChannelStatus,
    GivenName,
    GivenText,
    GivenTitle,
    Level,
    Party,
    Slug,
)


class _NamesAnEvent(Command):
    """A command about one recorded event of a channel: by its number (``seq``) or, in an
    import file, by the id of the entry that recorded it (``ref``)."""

    slug: Slug
    seq: int | None = Field(default=None, ge=1)
    ref: EntryId | None = None

    @model_validator(mode="after")
    def _one_event(self) -> _NamesAnEvent:
        if (self.seq is None) == (self.ref is None):
            raise ValueError(
                "name the event by its number (seq) or by the id of the entry that recorded "
                "it (ref), one of the two"
            )
        return self


class AmendChannel(HasLeads):
    command: Literal["amend"] = "amend"
    slug: Slug
    on: FuzzyDate
    title: GivenTitle | None = None
    drop_leads: tuple[Party, ...] = ()
    topics: tuple[GivenName, ...] | None = None
    level: Level | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> AmendChannel:
        # No topics at all (an empty list) is a change: it takes every topic away.
        changes = self.title or self.leads or self.drop_leads or self.level
        if not (changes or self.topics is not None):
            raise ValueError(
                "an amendment changes something: give --title, --lead, --drop-lead, --topic, "
                "--no-topics or --level"
            )
        both = {lead.party for lead in self.leads} & set(self.drop_leads)
        if both:
            raise ValueError(
                f"{', '.join(sorted(both))} is given a lead and dropped at once; give one"
            )
        return self


class PostponeMeeting(_NamesAnEvent):
    command: Literal["postpone"] = "postpone"
    on: FuzzyDate
    window: FuzzyDate
    reason: GivenText | None = None

    @model_validator(mode="after")
    def _window_after_postponement(self) -> PostponeMeeting:
        if self.window.latest < self.on.earliest:
            raise ValueError(
                f"the new window {self.window} ends before the postponement on {self.on}"
            )
        return self


class CancelMeeting(_NamesAnEvent):
    command: Literal["cancel"] = "cancel"
    on: FuzzyDate
    reason: GivenText | None = None


class CorrectFact(HasLeads, _NamesAnEvent):
    """A corrected copy of a recorded fact: the options given replace the recorded values.

    ``why`` says why it was wrong (the retraction's reason); ``reason`` is the fact's own."""

    command: Literal["correct"] = "correct"
    why: GivenText | None = None
    on: FuzzyDate | None = None
    title: GivenTitle | None = None
    parties: tuple[Party, ...] | None = None
    status: Literal[ChannelStatus.PROPOSED, ChannelStatus.AGREED] | None = None
    level: Level | None = None
    topics: tuple[GivenName, ...] | None = None
    follows: Slug | None = None
    per_year: float | None = Field(default=None, allow_inf_nan=False)
    window: FuzzyDate | None = None
    host: Party | None = None
    location: GivenName | None = None
    summary: GivenText | None = None
    by: Party | None = None
    reason: GivenText | None = None
    successor: Slug | None = None
    drop_leads: tuple[Party, ...] | None = None
    # Values to take away, by their option's name (--clear follows): a misused --follows, a
    # location that was not reported.
    clear: tuple[str, ...] = ()

    _per_year_as_given = field_validator("per_year", mode="before")(meetings_a_year)

    @field_validator("clear")
    @classmethod
    def _clearable(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        fields = []
        for name in names:
            field = CLEARABLE.get(name.strip().removeprefix("--"))
            if field is None:
                raise ValueError(
                    f"{name[:30]!r} is not a value a correction can take away; these can: "
                    f"{', '.join(sorted(CLEARABLE))}"
                )
            fields.append(field)
        return tuple(dict.fromkeys(fields))

    @model_validator(mode="after")
    def _given_or_cleared(self) -> CorrectFact:
        given = set(self.changes(cleared=False))
        both = sorted(given & set(self.clear))
        if both:
            raise ValueError(f"{', '.join(both)} is given a value and cleared at once; give one")
        return self

    def changes(self, *, cleared: bool = True) -> dict[str, Any]:
        """The fields of the fact that change, by the event's names (``on`` is ``occurred``):
        those given, and those cleared (None, or no items)."""
        changes = {
            name: getattr(self, name) for name in _CORRECTABLE if getattr(self, name) is not None
        }
        if self.leads:
            changes["leads"] = self.leads
        if "on" in changes:
            changes["occurred"] = changes.pop("on")
        if cleared:
            for field in self.clear:
                changes[field] = () if field in _LISTS else None
        return changes


# The values a correction may take away, by option name, and the field each names.
CLEARABLE = {
    "level": "level", "lead": "leads", "topic": "topics", "follows": "follows",
    "host": "host", "location": "location", "summary": "summary", "by": "by",
    "reason": "reason", "successor": "successor", "drop-lead": "drop_leads",
}  # fmt: skip
_LISTS = frozenset({"leads", "topics", "drop_leads"})

_CORRECTABLE = (
    "on", "title", "parties", "status", "level", "topics", "follows", "per_year", "window",
    "host", "location", "summary", "by", "reason", "successor", "drop_leads",
)  # fmt: skip
