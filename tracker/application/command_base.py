"""What every recording command shares: its sources, an import entry's id, whether the entry is
a proposal of tracker extract (new or known), leads written as PARTY=NAME, and the one way a
number of meetings a year is read."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tracker.domain.events import ENTRY_ID_PATTERN
from tracker.domain.values import GivenLead, GivenSource

MIN_PER_YEAR, MAX_PER_YEAR = 0.01, 366
_NUMBER = re.compile(
    r"[-+]?(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)"
)


# An import entry's own id: stable across re-imports, unique within its channel.
EntryId = Annotated[str, Field(pattern=ENTRY_ID_PATTERN)]
# What an entry's ``status`` says when tracker extract proposed it: "new", or "known" when the
# store records the fact already (import skips it).
PROPOSAL_STATUSES = ("new", "known")
ProposalStatus = Literal["new", "known"]


class Command(BaseModel):
    """A request to record something. ``sources`` say where it was reported; ``id`` is the
    import entry's own id, if it has one."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: EntryId | None = None
    sources: tuple[GivenSource, ...] = ()
    # Given as ``status`` in an entry (see _proposal_status); never part of the fact.
    proposal: ProposalStatus | None = Field(default=None, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _proposal_status(cls, data: Any) -> Any:
        """A proposal's ``status`` (new or known) is the entry's ``proposal``; an opening's own
        status then stands as ``channel_status``, as Proposal.entry writes it."""
        if not isinstance(data, dict):
            return data
        if "proposal" in data:
            raise ValueError(
                'proposal is not a field of an entry: status = "new" or "known" marks a '
                "proposal of tracker extract"
            )
        data = dict(data)
        status = data.get("status")
        has_status = "status" in cls.model_fields  # an opening's (or a correction's) own
        if isinstance(status, str) and status in PROPOSAL_STATUSES:
            data["proposal"] = data.pop("status")
        elif "status" in data and not has_status:
            raise ValueError(
                f"status is {' or '.join(PROPOSAL_STATUSES)} (whether tracker extract found "
                f"the fact recorded already), not {str(status)[:20]!r}"
            )
        if "channel_status" in data and has_status:
            if "status" in data:
                raise ValueError(
                    "give the channel's status once: as channel_status when status says "
                    "whether the proposal is new or known, else as status"
                )
            data["status"] = data.pop("channel_status")
        return data

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


def lead_as_text(value: Any) -> Any:
    return GivenLead.parse(value) if isinstance(value, str) else value


class HasLeads(Command):
    leads: tuple[GivenLead, ...] = ()

    @field_validator("leads", mode="before")
    @classmethod
    def _leads_as_text(cls, value: Any) -> Any:
        return [lead_as_text(v) for v in value] if isinstance(value, list | tuple) else value

    @field_validator("leads")
    @classmethod
    def _each_lead_once(cls, value: tuple[GivenLead, ...]) -> tuple[GivenLead, ...]:
        # The same lead given twice is one lead, as a party or a topic given twice is one.
        return tuple(dict.fromkeys(value))


def meetings_a_year(value: Any) -> Any:
    """A number of meetings a year as written: a plain number (not true nor "1_0"), from
    MIN_PER_YEAR to MAX_PER_YEAR, checked before pydantic turns it into a float so that a
    value out of range is shown as given ("366.0000001", not the 366 a float prints)."""
    # pydantic would take true as 1 (a seed file's "per_year": true is a mistake).
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a number of meetings a year, e.g. 2")
    if isinstance(value, str):
        # float() would also take "1_0" and " 2 "; a cadence is written as a plain number.
        if not _NUMBER.fullmatch(value):
            raise ValueError(f"{value[:20]!r} is not a number of meetings a year, e.g. 2 or 0.5")
        number, shown = float(value), value
    elif isinstance(value, int | float):
        # A seed file's number: repr is the shortest text that reads back as the same float.
        number, shown = value, repr(value)
    else:
        return value  # pydantic says what it should be
    if not math.isnan(number) and not MIN_PER_YEAR <= number <= MAX_PER_YEAR:
        shown = shown if len(shown) <= 24 else f"{shown[:20]}…"
        raise ValueError(
            f"must be at least {MIN_PER_YEAR} (once a century) and at most {MAX_PER_YEAR} "
            f"(daily) (got {shown})"
        )
    return value
