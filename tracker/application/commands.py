"""The recording commands, as validated data.

The CLI builds one of these from its options; an import file is a list of them. Both go through
the same validation, so a bad date or party is reported the same way wherever it came from.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from tracker.application.changing import (
    AmendChannel,
    CancelMeeting,
    CorrectFact,
    PostponeMeeting,
)
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


class OpenChannel(HasLeads):
    command: Literal["open"] = "open"
    slug: Slug
    title: GivenTitle
    parties: tuple[Party, ...]
    on: FuzzyDate
    status: Literal[ChannelStatus.PROPOSED, ChannelStatus.AGREED] = ChannelStatus.AGREED
    level: Level | None = None
    topics: tuple[GivenName, ...] = ()
    follows: Slug | None = None

    @field_validator("follows")
    @classmethod
    def _not_itself(cls, follows: str | None, info: ValidationInfo) -> str | None:
        if follows is not None and follows == info.data.get("slug"):
            raise ValueError(
                f"a channel cannot follow itself ({follows}); name the channel it replaces"
            )
        return follows

    @field_validator("parties")
    @classmethod
    def _two_different_parties(cls, parties: tuple[str, ...]) -> tuple[str, ...]:
        distinct = tuple(dict.fromkeys(parties))
        if len(distinct) < 2:
            raise ValueError("a channel needs at least two different parties")
        return distinct


class AgreeChannel(Command):
    command: Literal["agree"] = "agree"
    slug: Slug
    on: FuzzyDate


class AgreeCadence(Command):
    command: Literal["cadence"] = "cadence"
    slug: Slug
    level: Level
    per_year: float = Field(allow_inf_nan=False)
    on: FuzzyDate

    _as_given = field_validator("per_year", mode="before")(meetings_a_year)


class PlanMeeting(Command):
    command: Literal["plan"] = "plan"
    slug: Slug
    on: FuzzyDate
    window: FuzzyDate
    level: Level | None = None
    host: Party | None = None
    location: GivenName | None = None

    @model_validator(mode="after")
    def _window_after_agreement(self) -> PlanMeeting:
        if self.window.latest < self.on.earliest:
            raise ValueError(
                f"the window {self.window} ends before the meeting was agreed on {self.on}"
            )
        return self


class HoldMeeting(HasLeads):
    command: Literal["meet"] = "meet"
    slug: Slug
    on: FuzzyDate
    level: Level | None = None
    location: GivenName | None = None
    summary: GivenText | None = None


class _ManyChannels(Command):
    slugs: tuple[Slug, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _one_slug(cls, data: Any) -> Any:
        # One channel may be named as slug = "x", as every other entry names its channel.
        if isinstance(data, dict) and "slug" in data:
            if "slugs" in data:
                raise ValueError(
                    "name the channels once: slug for one channel, or slugs for a list, not both"
                )
            data = dict(data)
            data["slugs"] = [data.pop("slug")]
        return data

    def channels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.slugs))


class SuspendChannels(_ManyChannels):
    command: Literal["suspend"] = "suspend"
    on: FuzzyDate
    by: Party | None = None
    reason: GivenText | None = None


class ResumeChannels(_ManyChannels):
    command: Literal["resume"] = "resume"
    on: FuzzyDate
    reason: GivenText | None = None


class ConcludeChannel(Command):
    command: Literal["conclude"] = "conclude"
    slug: Slug
    on: FuzzyDate
    reason: GivenText | None = None
    successor: Slug | None = None

    @field_validator("successor")
    @classmethod
    def _not_itself(cls, successor: str | None, info: ValidationInfo) -> str | None:
        if successor is not None and successor == info.data.get("slug"):
            raise ValueError(
                f"a channel cannot succeed itself ({successor}); name the channel replacing it"
            )
        return successor


class RetractEvent(BaseModel):
    """A retraction: of event ``seq``, or (in an import file) of the fact an entry of id
    ``ref`` recorded."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    command: Literal["retract"] = "retract"
    id: EntryId | None = None
    slug: Slug
    seq: int | None = Field(default=None, ge=1)
    ref: EntryId | None = None
    reason: GivenText = Field(min_length=1)

    @model_validator(mode="after")
    def _one_event(self) -> RetractEvent:
        if (self.seq is None) == (self.ref is None):
            raise ValueError(
                "name the event by its number (seq) or by the id of the entry that recorded "
                "it (ref), one of the two"
            )
        return self

    def channels(self) -> tuple[str, ...]:
        """The channels this command touches."""
        return (str(self.slug),)


RecordingCommand = (
    OpenChannel
    | AgreeChannel
    | AgreeCadence
    | PlanMeeting
    | HoldMeeting
    | SuspendChannels
    | ResumeChannels
    | ConcludeChannel
    | AmendChannel
    | PostponeMeeting
    | CancelMeeting
)

ChannelCommand = (
    AgreeChannel
    | AgreeCadence
    | PlanMeeting
    | HoldMeeting
    | SuspendChannels
    | ResumeChannels
    | ConcludeChannel
    | AmendChannel
    | PostponeMeeting
    | CancelMeeting
)

# What a seed file's entry may hold: any recording command, or a retraction (whose ``seq`` is
# the channel's event number in the store imported into).
SeedEntry = RecordingCommand | CorrectFact | RetractEvent
Entry = Annotated[SeedEntry, Field(discriminator="command")]

# The option each field is given with on the command line, for error messages.
OPTION_NAMES = {
    "slug": "SLUG",
    "slugs": "SLUG",
    "title": "--title",
    "parties": "--party",
    "on": "--on",
    "status": "--status",
    "level": "--level",
    "leads": "--lead",
    "topics": "--topic",
    "follows": "--follows",
    "per_year": "--per-year",
    "window": "--window",
    "host": "--host",
    "location": "--location",
    "summary": "--summary",
    "by": "--by",
    "reason": "--reason",
    "successor": "--successor",
    "sources": "--source",
    "sources.citation": "--source",
    "sources.quote": "--quote",
    "sources.note": "--note",
    "sources.confidence": "--confidence",
    "channel_status": "--status",
    "seq": "SEQ",
    "ref": "ref",
    "id": "id",
    "why": "--why",
    "drop_leads": "--drop-lead",
    "clear": "--clear",
}
