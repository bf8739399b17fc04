"""Why a request failed, each with the exit code the command line documents.

0 done; 1 refused by a rule, a duplicate, or an unknown channel; 2 bad input or usage;
3 the store is unreachable, unreadable, busy, or a write conflict persisted after retries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pydantic import ValidationError


class TrackerError(Exception):
    """A failure to report to the user in one line."""

    exit_code = 1


class Refused(TrackerError):
    """A rule, a duplicate fact, or a retraction that cannot be made."""

    exit_code = 1


class ChannelNotFound(Refused):
    """No channel has this slug (or none had it by the moment asked about)."""

    @classmethod
    def then(
        cls, slug: str, recorded: dt.datetime, as_of: dt.date | None, known_on: dt.datetime | None
    ) -> ChannelNotFound:
        """A channel first recorded at ``recorded`` that has no state as of the day, as known
        at the moment: not yet recorded then (it may well have existed), or not yet opened."""
        if known_on is not None and known_on < recorded:
            return cls(f"the channel {slug} was not yet recorded on {known_on.isoformat()}")
        known = f" as known on {known_on.isoformat()}" if known_on else ""
        return cls(f"the channel {slug} did not exist as of {as_of}{known}")


class BadInput(TrackerError):
    """A value the user gave is not valid."""

    exit_code = 2


class StoreError(TrackerError):
    """The store cannot be reached, read or written."""

    exit_code = 3


class NoStoreYet(StoreError):
    """There is no store where --db points: nothing was ever recorded there."""


class WriteConflict(StoreError):
    """Other writers kept changing the same channel while this write retried."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def explain(error: ValidationError, names: Mapping[str, str] | None = None) -> str:
    """One line saying which value was wrong and why, naming it as the user wrote it."""
    first = error.errors()[0]
    location = [str(p) for p in first["loc"] if not isinstance(p, int)]
    # A discriminated union puts the command's name first; the user knows which command it is.
    if len(location) > 1 and location[0] in _COMMANDS:
        location = location[1:]
    field = location[0] if location else ""
    # Named as the user wrote it: an option (names given), or a seed file's field, nested
    # fields joined by dots (sources.quote).
    shown = names.get(field, field) if names is not None else ".".join(location)
    # A value inside a list of values (a source's quote, a lead's name) has its own option.
    if len(location) > 1 and f"{field}.{location[1]}" in (names or {}):
        shown = (names or {})[f"{field}.{location[1]}"]
    kind, message = first["type"], first["msg"]
    if kind == "missing":
        message = "is required"
    elif kind == "extra_forbidden":
        message = "is not a field of this entry"
    elif kind == "value_error":
        message = message.removeprefix("Value error, ")
    else:
        message = f"{message[0].lower()}{message[1:]} (got {_shown(first.get('input'))})"
    return " ".join(f"{shown}: {message}".split()) if shown else message


_COMMANDS = {"open", "agree", "cadence", "plan", "meet", "suspend", "resume", "conclude"}
