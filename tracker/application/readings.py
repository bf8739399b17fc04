"""Reading the read model: channels as of a day, as known at a moment.

The rows say what the domain's walk reported (projector.py); the judgement of cadences and
plans (what is due, what is overdue) is the domain's (domain/state.py), given the rows in force
on the day. One query a table serves every channel at once, or one channel.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

import orjson

from tracker.application.channel_row import cadence_shown
from tracker.domain.dates import FuzzyDate
from tracker.domain.events import ChannelEvent, Fact
from tracker.domain.state import (
    CAN_BE_OVERDUE,
    LEVEL_ORDER,
    ChannelSummary,
    cadence_state,
    made,
    planned_state,
)
from tracker.domain.timeline import micros
from tracker.domain.values import ChannelStatus, Lead, Level, check_slug
from tracker.store.readmodel.cursor import ReadModelCursor
from tracker.store.readmodel.errors import ReadModelDamaged
from tracker.store.readmodel.queries import (
    SELECT_MEETINGS,
    select_cadences,
    select_channels,
    select_plans,
)
from tracker.store.readmodel.schema import FOREVER

NOW = FOREVER - 1  # the moment of the dashboard as known now: every current row


def moment_of(known_on: dt.datetime | None) -> int:
    """A moment of record time as the read model's rows hold it."""
    if known_on is None:
        return NOW
    return min(max(micros(known_on), -NOW), NOW)


def summaries(
    cursor: ReadModelCursor,
    as_of: dt.date,
    known_on: dt.datetime | None = None,
    channel: str = "",
    *,
    later_only: bool = False,
) -> list[ChannelSummary]:
    """Every channel that existed as of the day and was recorded by the moment (or only the
    channel with id ``channel``; or, ``later_only``, only those with facts after the day)."""
    moment = moment_of(known_on)
    params = {"d": as_of.isoformat(), "m": moment, "channel": channel}
    forms = {"now": moment == NOW, "one": bool(channel)}
    channels = cursor.execute(select_channels(**forms, later=later_only), params).fetchall()
    # A channel none of whose facts falls after the day (the dashboard as of today) shows the
    # cadences and plans its own row holds; those of the others are sought as of the day.
    cadences: dict[str, dict[str, tuple[Any, ...]]] = {}
    plans: dict[str, dict[int, tuple[Any, ...]]] = {}
    if not all(found[10] for found in channels):
        for found in cursor.execute(select_cadences(**forms), params).fetchall():
            by_level = cadences.setdefault(found[0], {})
            current = by_level.get(found[2])
            # The cadence in force at a level is the last agreed in valid time.
            if current is None or (found[5], found[1]) > (current[5], current[1]):
                by_level[found[2]] = found
        for found in cursor.execute(select_plans(**forms), params).fetchall():
            by_seq = plans.setdefault(found[0], {})
            current = by_seq.get(found[1])
            # A plan as its latest version by the day holds it.
            if current is None or found[8] > current[8]:
                by_seq[found[1]] = found
    result = []
    opened = cursor.store.seal.open
    no_cadences: dict[str, tuple[Any, ...]] = {}
    for found in channels:
        try:
            result.append(
                _summary(
                    found,
                    cadences.get(found[0], no_cadences),
                    list(plans.get(found[0], {}).values()),
                    (as_of, known_on),
                    opened,
                )
            )
        except ReadModelDamaged:
            raise
        except Exception as e:  # whatever a damaged row makes the reading fail with
            raise unreadable(found[0], e) from None
    return result


def unreadable(channel_id: Any, error: Exception) -> ReadModelDamaged:
    """The damage that made the rows of a channel fail to be read."""
    return ReadModelDamaged(
        f"the read model's rows of channel {str(channel_id)[:36]} cannot be read "
        f"({type(error).__name__})"
    )


def summary_of_row(values: dict[str, Any], opened: Callable[[Any], Any]) -> ChannelSummary:
    """The summary of a channel's row of rm_channels (by column, its texts as stored) as of the
    day of its last fact: the row read as the dashboard's query reads it at the end of the
    channel's timeline (select_channels)."""
    detail, reason = values["detail"], values["reason"]
    span = "|".join((values["status"], values["since_text"], values["since_by"], detail or "",
                     reason or ""))  # fmt: skip
    last_text = values["last_meeting_text"]
    found = (
        values["channel_id"], values["slug"], values["title"], values["parties"],
        values["topics"], values["level"], values["leads"], values["follows"],
        values["opened_text"], values["version"], True, span,
        None if last_text is None else f"{values['meetings_count']}|{last_text}",
        values["resumed_latest"], values["shown"], None,
    )  # fmt: skip
    last_day = dt.date.fromisoformat(values["last_start"])
    return _summary(found, {}, [], (last_day, None), opened)


def recent_meetings(
    cursor: ReadModelCursor,
    channel: str,
    as_of: dt.date,
    known_on: dt.datetime | None,
    limit: int,
) -> list[int]:
    """The sequence numbers of a channel's last meetings held as of the day, oldest first."""
    params = {"d": as_of.isoformat(), "m": moment_of(known_on), "channel": channel}
    found = cursor.execute(SELECT_MEETINGS, {**params, "limit": limit}).fetchall()
    return [int(row[0]) for row in reversed(found)]


def live_facts_of(
    events: Iterable[ChannelEvent], known_on: dt.datetime | None = None
) -> tuple[list[Fact], int, dict[int, int]]:
    """The live facts of a channel in valid time, its version, and each corrected fact's copy
    (for a rebuild), as known at the moment if one is given."""
    from tracker.domain.timeline import corrections, in_valid_time, live_facts

    known = [e for e in events if known_on is None or e.recorded <= known_on]
    return (
        in_valid_time(live_facts(known)),
        max(e.originator_version for e in known),
        corrections(known),
    )


# Read from stored text by lookup: calling an enum class costs more than the rest of a row.
_LEVELS = {level.value: level for level in Level}
_STATUSES = {status.value: status for status in ChannelStatus}


@lru_cache(maxsize=4096)
def _leads(stored: str) -> tuple[Lead, ...]:
    # Channels share few distinct lists of leads, parties and topics: read each once. Its
    # figure in `make bench` ("What each speed trick buys"): the summaries of 2,000 channels
    # took 19 to 78% longer without it (five runs, 2026-12-04).
    return tuple(Lead.model_validate(lead) for lead in json.loads(stored))


@lru_cache(maxsize=4096)
def _texts(stored: str) -> tuple[str, ...]:
    found = json.loads(stored)
    if not isinstance(found, list) or not all(isinstance(text, str) for text in found):
        raise TypeError("not a list of texts")
    return tuple(found)


def _summary(
    found: tuple[Any, ...],
    cadences: dict[str, tuple[Any, ...]],
    plans: list[tuple[Any, ...]],
    when: tuple[dt.date, dt.datetime | None],
    opened: Callable[[Any], Any],
) -> ChannelSummary:
    as_of, known_on = when
    (_, slug, title, parties, topics, level, leads, follows, opened_text, version, at_end, span,
     last_meeting, resumed, shown, profile) = found  # fmt: skip
    # The reason is last: a reason in clear may hold a "|" of its own.
    status_text, since_text, since_by, detail, reason = span.split("|", 4)
    # An empty detail or reason is none: the query writes none as an empty text.
    slug, title = check_slug(opened(slug)), orjson.loads(opened(title))
    detail, reason = opened(detail or None), opened(reason or None)
    if not isinstance(title, str) or type(version) is not int:
        raise TypeError("a title or version of another type")
    topics, leads = opened(topics), opened(leads)
    if profile is not None:  # an amended channel, as of a day before its last fact
        held_then = json.loads(opened(profile))
        title, level = held_then["title"], held_then["level"]
        topics, leads = json.dumps(held_then["topics"]), json.dumps(held_then["leads"])
    parties = _texts(opened(parties))
    if len(parties) < 2:
        raise ValueError("a channel of fewer than two parties")
    status = _STATUSES[status_text]
    can_be_overdue = status in CAN_BE_OVERDUE
    count, last_text = last_meeting.split("|", 1) if last_meeting else ("0", None)
    if at_end:  # as its row holds them (channel_row.py)
        # The rows' JSON is read by orjson (the title's too): the same values as json.loads,
        # in about a third of the time. Its figure in `make bench` ("What each speed trick
        # buys"): the summaries of 2,000 channels from the read model took 5 to 22% longer
        # with json.loads (four runs, 2026-12-04).
        shown_cadences, shown_plans = orjson.loads(opened(shown))
    else:
        shown_cadences, shown_plans = _as_of_day(cadences, plans, resumed, opened)
    parse = FuzzyDate.parse
    cadence_states = tuple(
        cadence_state(
            level=_LEVELS[name],
            per_year=per_year,
            agreed_on=parse(agreed_text),
            last_meeting=parse(last_at_level) if last_at_level else None,
            latest_base=dt.date.fromisoformat(base),
            as_of=as_of,
            can_be_overdue=can_be_overdue,
        )
        for name, per_year, agreed_text, last_at_level, base in shown_cadences
    )
    resumed_day = dt.date.fromisoformat(resumed) if resumed else None
    planned = tuple(
        planned_state(
            seq=seq,
            agreed_on=parse(agreed_text),
            window=parse(window_text),
            level=_LEVELS[plan_level] if plan_level else None,
            host=host,
            location=location,
            held=parse(held) if held else None,
            as_of=as_of,
            can_be_overdue=can_be_overdue,
            resumed=resumed_day,
            agreed_window=parse(agreed_window),
            change=change,
            changed_on=parse(changed_text) if changed_text else None,
            postponements=postponements,
        )
        for (seq, agreed_text, window_text, plan_level, host, location, held, agreed_window,
             change, changed_text, postponements) in shown_plans
    )  # fmt: skip
    return made(
        ChannelSummary,
        {
            "slug": slug,
            "title": title,
            "parties": parties,
            "topics": _texts(topics),
            "level": _LEVELS[level] if level else None,
            "leads": _leads(leads),
            "follows": opened(follows),
            "opened": FuzzyDate.parse(opened_text),
            "status": status,
            "status_since": FuzzyDate.parse(since_text),
            "suspended_by": (detail or None) if status is ChannelStatus.SUSPENDED else None,
            "successor": (detail or None) if status is ChannelStatus.CONCLUDED else None,
            "meetings_held": int(count),
            "last_meeting": FuzzyDate.parse(last_text) if last_text else None,
            "cadences": cadence_states,
            "planned": planned,
            "version": version,
            "as_of": as_of,
            "known_on": known_on,
            "since_by": since_by,
            "suspension_reason": reason if status is ChannelStatus.SUSPENDED else None,
        },
    )


def _as_of_day(
    cadences: dict[str, tuple[Any, ...]],
    plans: list[tuple[Any, ...]],
    resumed: str | None,
    opened: Callable[[Any], Any],
) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
    """The cadences and plans of a channel with facts after the day, as the queries found them
    in force on the day, in the form its row holds them at the end of its timeline."""
    shown_cadences = [
        cadence_shown(
            name,
            per_year,
            (agreed_text, agreed_start, agreed_latest),
            last_at_level.split("|", 2) if last_at_level else None,
            resumed,
        )
        for name, (_, _, _, per_year, agreed_text, agreed_start, agreed_latest, last_at_level)
        in sorted(cadences.items(), key=lambda item: LEVEL_ORDER[_LEVELS[item[0]]])
    ]  # fmt: skip
    # In valid time, as the domain walks them.
    shown_plans = [
        (seq, agreed_text, window_text, level, opened(host), opened(location), held,
         agreed_window, change, changed_text, postponements)
        for (_, seq, _, agreed_text, window_text, level, host, location, _, agreed_window, change,
             changed_text, postponements, held) in sorted(plans, key=lambda p: (p[2], p[1]))
    ]  # fmt: skip
    return shown_cadences, shown_plans
