"""The recording commands, as validated data.

The CLI builds one of these from its options; an import file is a list of them. Both go through
the same validation, so a bad date or party is reported the same way wherever it came from.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from tracker.domain.dates import FuzzyDate
from tracker.domain.values import (
    ChannelStatus,
    GivenLead,
    GivenName,
    GivenSource,
    GivenText,
    GivenTitle,
    Level,
    Party,
    Slug,
)

MIN_PER_YEAR, MAX_PER_YEAR = 0.01, 366
_NUMBER = re.compile(
    r"[-+]?(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)"
)


class Command(BaseModel):
    """A request to record something. ``sources`` say where it was reported."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    sources: tuple[GivenSource, ...] = ()

    @field_validator("sources", mode="before")
    @classmethod
    def _sources_as_written(cls, value: Any) -> Any:
        # In a seed file a single source may stand alone, and a bare string is a citation.
        if isinstance(value, dict | str):
            value = [value]
        if isinstance(value, list | tuple):
            return [{"citation": v} if isinstance(v, str) else v for v in value]
        return value

    def channels(self) -> tuple[str, ...]:
        """The channels this command touches."""
        return (str(self.slug),)  # type: ignore[attr-defined]


def _lead(value: Any) -> Any:
    return GivenLead.parse(value) if isinstance(value, str) else value


class _HasLeads(Command):
    leads: tuple[GivenLead, ...] = ()

    @field_validator("leads", mode="before")
    @classmethod
    def _leads_as_text(cls, value: Any) -> Any:
        return [_lead(v) for v in value] if isinstance(value, list | tuple) else value


class OpenChannel(_HasLeads):
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

    @field_validator("per_year", mode="before")
    @classmethod
    def _plain_number(cls, value: Any) -> Any:
        # pydantic would take true as 1 (a seed file's "per_year": true is a mistake).
        if isinstance(value, bool):
            raise ValueError(f"{str(value).lower()} is not a number of meetings a year, e.g. 2")
        # float() would also take "1_0" and " 2 "; a cadence is written as a plain number.
        if isinstance(value, str) and not _NUMBER.fullmatch(value):
            raise ValueError(f"{value[:20]!r} is not a number of meetings a year, e.g. 2 or 0.5")
        return value

    @field_validator("per_year")
    @classmethod
    def _in_range(cls, value: float) -> float:
        if not MIN_PER_YEAR <= value <= MAX_PER_YEAR:
            raise ValueError(
                f"must be at least {MIN_PER_YEAR} (once a century) and at most {MAX_PER_YEAR} "
                f"(daily) (got {value:g})"
            )
        return value


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


class HoldMeeting(_HasLeads):
    command: Literal["meet"] = "meet"
    slug: Slug
    on: FuzzyDate
    level: Level | None = None
    location: GivenName | None = None
    summary: GivenText | None = None


class _ManyChannels(Command):
    slugs: tuple[Slug, ...] = Field(min_length=1)

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
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    command: Literal["retract"] = "retract"
    slug: Slug
    seq: int = Field(ge=1)
    reason: GivenText = Field(min_length=1)

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
)

ChannelCommand = (
    AgreeChannel
    | AgreeCadence
    | PlanMeeting
    | HoldMeeting
    | SuspendChannels
    | ResumeChannels
    | ConcludeChannel
)

# What a seed file's entry may hold: any recording command, or a retraction (whose ``seq`` is
# the channel's event number in the store imported into).
SeedEntry = RecordingCommand | RetractEvent
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
    "seq": "SEQ",
}
