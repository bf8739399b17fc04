"""The event catalogue: every fact about a channel is one of these immutable events.

Class names and ``TOPIC`` strings are part of the stored format. Renaming a class keeps its
TOPIC; changing a field needs a ``class_version`` bump and an ``upcast_vN_vN+1`` method.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tracker.domain.dates import FuzzyDate
from tracker.domain.values import (
    ChannelStatus,
    Lead,
    Level,
    Name,
    Party,
    Slug,
    Source,
    Text,
    Title,
)

# Fields that are not a fact's details: identity, record keeping, sources, and its date (which
# counts on its own, as written).
NOT_DETAILS: set[str] = {  # a set, as pydantic's exclude takes; never changed
    "originator_id",
    "originator_version",
    "recorded",
    "sources",
    "occurred",
    "corrects",
    "entry_id",
}
# An entry's id, as an import file names one: what it may look like.
ENTRY_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$"


class ChannelEvent(BaseModel):
    """Something recorded about one channel, at one version, at one moment of record time."""

    # ignored_types: the event-sourcing library sets a TOPIC str on classes it has seen.
    model_config = ConfigDict(frozen=True, extra="forbid", ignored_types=(str,), defer_build=True)

    TOPIC: ClassVar[str]
    KIND: ClassVar[str]
    CAMEO: ClassVar[str]
    CAMEO_LABEL: ClassVar[str]
    COMMAND: ClassVar[str]
    class_version: ClassVar[int] = 1

    originator_id: uuid.UUID
    originator_version: int = Field(ge=1)
    recorded: dt.datetime
    # The id an import file gave the entry that recorded this event, if any: importing an
    # entry of that id again compares its content with this event's.
    entry_id: str | None = Field(default=None, pattern=ENTRY_ID_PATTERN)

    @property
    def seq(self) -> int:
        """The event's sequence number within its channel (1 is the opening)."""
        return self.originator_version

    def details(self) -> dict[str, Any]:
        """The payload that distinguishes this fact: what makes two facts the same."""
        return self.model_dump(mode="json", exclude=NOT_DETAILS, exclude_none=True)


class Fact(ChannelEvent):
    """An event that happened in the world on a (fuzzy) date and was reported somewhere."""

    occurred: FuzzyDate
    sources: tuple[Source, ...] = ()
    # The event this one is a corrected copy of (``tracker correct``), retracted with it.
    corrects: int | None = Field(default=None, ge=1)


class ChannelOpened(Fact):
    """A channel came into being, as proposed or already agreed between the parties."""

    TOPIC = "tracker.events:ChannelOpened"
    KIND = "opened"
    CAMEO = "036"
    CAMEO_LABEL = "Express intent to meet or negotiate"
    COMMAND = "open"

    slug: Slug
    title: Title
    parties: tuple[Party, ...]
    status: Literal[ChannelStatus.PROPOSED, ChannelStatus.AGREED] = ChannelStatus.AGREED
    topics: tuple[Name, ...] = ()
    level: Level | None = None
    leads: tuple[Lead, ...] = ()
    follows: Slug | None = None

    @field_validator("parties")
    @classmethod
    def _distinct_parties(cls, parties: tuple[str, ...]) -> tuple[str, ...]:
        # US and USA are one party: repeated codes are dropped once they are normalised.
        distinct = tuple(dict.fromkeys(parties))
        if len(distinct) < 2:
            raise ValueError("a channel needs at least two different parties")
        return distinct


class ChannelAgreed(Fact):
    """The parties agreed to a proposed channel."""

    TOPIC = "tracker.events:ChannelAgreed"
    KIND = "agreed"
    CAMEO = "036"
    CAMEO_LABEL = "Express intent to meet or negotiate"
    COMMAND = "agree"


class CadenceAgreed(Fact):
    """The parties agreed to meet at one level so many times a year."""

    TOPIC = "tracker.events:CadenceAgreed"
    KIND = "cadence"
    CAMEO = "036"
    CAMEO_LABEL = "Express intent to meet or negotiate"
    COMMAND = "cadence"

    level: Level
    per_year: float = Field(ge=0.01, le=366, allow_inf_nan=False)


class MeetingPlanned(Fact):
    """A meeting was agreed for a future window (occurred is when it was agreed)."""

    TOPIC = "tracker.events:MeetingPlanned"
    KIND = "planned"
    CAMEO = "036"
    CAMEO_LABEL = "Express intent to meet or negotiate"
    COMMAND = "plan"

    window: FuzzyDate
    level: Level | None = None
    host: Party | None = None
    location: Name | None = None


class MeetingHeld(Fact):
    """A session of the channel actually took place."""

    TOPIC = "tracker.events:MeetingHeld"
    KIND = "meeting"
    CAMEO = "046"
    CAMEO_LABEL = "Engage in negotiation"
    COMMAND = "meet"

    level: Level | None = None
    location: Name | None = None
    leads: tuple[Lead, ...] = ()
    summary: Text | None = None


class Suspended(Fact):
    """One party broke the channel off."""

    TOPIC = "tracker.events:Suspended"
    KIND = "suspended"
    CAMEO = "164"
    CAMEO_LABEL = "Halt negotiations"
    COMMAND = "suspend"

    by: Party | None = None
    reason: Text | None = None


class Resumed(Fact):
    """A suspended channel was taken up again."""

    TOPIC = "tracker.events:Resumed"
    KIND = "resumed"
    CAMEO = "050"
    CAMEO_LABEL = "Engage in diplomatic cooperation"
    COMMAND = "resume"

    reason: Text | None = None


class Concluded(Fact):
    """The channel ended, perhaps replaced by a successor."""

    TOPIC = "tracker.events:Concluded"
    KIND = "concluded"
    CAMEO = "164"
    CAMEO_LABEL = "Halt negotiations"
    COMMAND = "conclude"

    reason: Text | None = None
    successor: Slug | None = None


class ChannelAmended(Fact):
    """From this day the channel goes by other values: a group renamed, an envoy replaced, a
    channel upgraded. Only the values given change; ``leads`` replace the lead of their party,
    ``drop_leads`` name the parties that no longer have one, ``topics`` replace all topics."""

    TOPIC = "tracker.events:ChannelAmended"
    KIND = "amended"
    CAMEO = "---"
    CAMEO_LABEL = "(a change of the channel's name, leads, topics or level; no CAMEO event)"
    COMMAND = "amend"

    title: Title | None = None
    leads: tuple[Lead, ...] = ()
    drop_leads: tuple[Party, ...] = ()
    topics: tuple[Name, ...] | None = None
    level: Level | None = None


class MeetingPostponed(Fact):
    """A planned meeting (event ``plan_seq``) was moved to another window."""

    TOPIC = "tracker.events:MeetingPostponed"
    KIND = "postponed"
    CAMEO = "---"
    CAMEO_LABEL = "(a planned meeting moved; no CAMEO event)"
    COMMAND = "postpone"

    plan_seq: int = Field(ge=1)
    window: FuzzyDate
    reason: Text | None = None


class MeetingCancelled(Fact):
    """A planned meeting (event ``plan_seq``) was called off: it owes nothing from then on."""

    TOPIC = "tracker.events:MeetingCancelled"
    KIND = "cancelled"
    CAMEO = "---"
    CAMEO_LABEL = "(a planned meeting called off; no CAMEO event)"
    COMMAND = "cancel"

    plan_seq: int = Field(ge=1)
    reason: Text | None = None


class EventRetracted(ChannelEvent):
    """An earlier event was recorded by mistake; state and rules ignore it from now on."""

    TOPIC = "tracker.events:EventRetracted"
    KIND = "retracted"
    CAMEO = "---"
    CAMEO_LABEL = "(a correction of the record; no CAMEO event)"
    COMMAND = "retract"

    retracted_seq: int = Field(ge=1)
    reason: Text = Field(min_length=1)


FACT_CLASSES: tuple[type[Fact], ...] = (
    ChannelOpened,
    ChannelAgreed,
    CadenceAgreed,
    MeetingPlanned,
    MeetingHeld,
    Suspended,
    Resumed,
    Concluded,
    ChannelAmended,
    MeetingPostponed,
    MeetingCancelled,
)
EVENT_CLASSES: tuple[type[ChannelEvent], ...] = (*FACT_CLASSES, EventRetracted)

# The stored topics and the class each names: the only classes stored data may be read as. A
# class renamed keeps its TOPIC; a topic renamed keeps its old name here too, naming the class.
STORED_TOPICS: dict[str, type[ChannelEvent]] = {cls.TOPIC: cls for cls in EVENT_CLASSES}
