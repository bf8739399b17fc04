"""The read model's queries: the dashboard as of a day, as known at a moment, one channel's
meetings, and the projector's own reads of a channel's current row and of the meeting that
settles a plan.

Apart from the tables' definitions (``schema``) and from the code that runs them (the
application's readings and projector): each is one statement of SQL, for SQLite and PostgreSQL
alike.
"""

from __future__ import annotations

from functools import cache

from tracker.store.readmodel.schema import CHANNEL_COLUMNS, FOREVER

# --- the dashboard as of a day, as known at a moment ------------------------------------------
#
# Each row counts as known at the moment :m when rec_from <= :m < rec_to; as known now, the
# current rows (rec_to = FOREVER: one range of the index rm_channels_known, and no comparison
# of rec_from). A channel none of whose facts falls after the day :d (the usual case: the
# dashboard as of today) is as it is at the end of its timeline, which its own row holds
# (at_end), its cadences and plans included: it is read without a seek, from no other table.
# Otherwise each value is the row in force on the day, found with one seek of the table's key.
#
# Each statement comes in the forms its callers need: as known now or at a moment (``now``),
# for every channel or for one (``one``: its key is then sought, not every channel read).


def _known(alias: str, now: bool) -> str:
    """The rows of the table ``alias`` known at the moment :m (or now)."""
    if now:
        return f"{alias}.rec_to = {FOREVER}"
    return f"{alias}.rec_from <= :m AND {alias}.rec_to > :m"


def _which(alias: str, one: bool) -> str:
    return f" AND {alias}.channel_id = :channel" if one else ""


@cache
def select_views(*, now: bool) -> str:
    """The view kept at the end of its timeline of each channel none of whose facts falls
    after the day (the dashboard as of today: every channel, read from its row alone)."""
    return f"""
SELECT c.channel_id, c.view
  FROM rm_channels c
 WHERE {_known("c", now)} AND c.opened_start <= :d AND c.last_start <= :d
"""  # noqa: S608 (no value is written into the text: only constant names and FOREVER)


@cache
def select_channels(*, now: bool, one: bool, later: bool = False) -> str:
    """Each channel's row: what it shows, at_end, and its span, last meeting and last
    resumption as of the day (``later``: only the channels with facts after the day)."""
    return f"""
SELECT c.channel_id, c.slug, c.title, c.parties, c.topics, c.level, c.leads, c.follows,
       c.opened_text, c.version, c.last_start <= :d AS at_end,
       CASE WHEN c.last_start <= :d THEN c.status || '|' || c.since_text || '|' ||
                                         c.since_by || '|' || COALESCE(c.detail, '') || '|' ||
                                         COALESCE(c.reason, '')
       ELSE (SELECT s.status || '|' || s.since_text || '|' || s.entered_by || '|' ||
                    COALESCE(s.detail, '') || '|' || COALESCE(s.reason, '')
               FROM rm_spans s
              WHERE s.channel_id = c.channel_id AND s.valid_from <= :d AND {_known("s", now)}
              ORDER BY s.valid_from DESC, s.position DESC LIMIT 1) END AS span,
       CASE WHEN c.last_start <= :d THEN c.meetings_count || '|' || c.last_meeting_text
       ELSE (SELECT m.ordinal || '|' || m.occurred_text
               FROM rm_meetings m
              WHERE m.channel_id = c.channel_id AND m.occurred_start <= :d AND {_known("m", now)}
              ORDER BY m.occurred_start DESC, m.seq DESC LIMIT 1) END AS last_meeting,
       CASE WHEN c.last_start <= :d THEN c.resumed_latest
       ELSE (SELECT s.since_latest
               FROM rm_spans s
              WHERE s.channel_id = c.channel_id AND s.entered_by = 'resumed'
                AND s.valid_from <= :d AND {_known("s", now)}
              ORDER BY s.valid_from DESC, s.position DESC LIMIT 1) END AS resumed,
       c.shown,
       CASE WHEN c.last_start <= :d THEN NULL
       ELSE (SELECT pr.profile
               FROM rm_profiles pr
              WHERE pr.channel_id = c.channel_id AND pr.valid_from <= :d AND {_known("pr", now)}
              ORDER BY pr.valid_from DESC, pr.seq DESC LIMIT 1) END AS profile
  FROM rm_channels c
 WHERE {_known("c", now)} AND c.opened_start <= :d{_which("c", one)}{_later(later)}
"""  # noqa: S608 (no value is written into the text: only constant names and FOREVER)


def _later(later: bool) -> str:
    return " AND c.last_start > :d" if later else ""


# Cadences and plans of the channels with facts after the day: a channel none of whose facts
# falls after it (the dashboard as of today) shows those its own row holds (at_end).
@cache
def select_cadences(*, now: bool, one: bool) -> str:
    """The cadences agreed by the day of the channels with facts after it, each with the last
    meeting at its level as of the day."""
    return f"""
SELECT k.channel_id, k.seq, k.level, k.per_year, k.agreed_text, k.agreed_start, k.agreed_latest,
       (SELECT m.occurred_start || '|' || COALESCE(m.run_max, '') || '|' || m.occurred_text
          FROM rm_meetings m
         WHERE m.channel_id = k.channel_id AND m.level = k.level
           AND m.occurred_start <= :d AND {_known("m", now)}
         ORDER BY m.occurred_start DESC, m.seq DESC LIMIT 1) AS last_at_level
  FROM rm_cadences k
  JOIN rm_channels c ON c.channel_id = k.channel_id AND {_known("c", now)} AND c.last_start > :d
 WHERE k.agreed_start <= :d AND {_known("k", now)}{_which("k", one)}
"""  # noqa: S608


# A meeting that occurred by the day settles a plan (domain/plans.py settles): begun after the
# day the plan was agreed, and ended (its latest day) on or after the first day it may settle it.
_SETTLES = (
    "m.occurred_start > p.agreed_start AND m.occurred_latest >= p.settle_from "
    "AND m.occurred_start <= :d"
)


@cache
def select_plans(*, now: bool, one: bool) -> str:
    """The versions of the plans that hold by the day (the caller keeps each plan's latest) of
    the channels with facts after it, each with the first meeting that settles it as of the
    day. A cancelled plan is settled by none."""
    return f"""
SELECT p.channel_id, p.seq, p.agreed_start, p.agreed_text, p.window_text, p.level,
       p.host, p.location, p.valid_from, p.agreed_window_text, p.change, p.changed_text,
       p.postponements,
       CASE WHEN p.change = 'cancelled' THEN NULL
       WHEN p.level IS NULL THEN
           (SELECT m.occurred_text FROM rm_meetings m
             WHERE m.channel_id = p.channel_id AND {_SETTLES} AND {_known("m", now)}
             ORDER BY m.occurred_start, m.seq LIMIT 1)
       ELSE
           (SELECT m.occurred_text FROM rm_meetings m
             WHERE m.channel_id = p.channel_id AND m.level = p.level AND {_SETTLES}
               AND {_known("m", now)}
             ORDER BY m.occurred_start, m.seq LIMIT 1)
       END AS held
  FROM rm_plans p
  JOIN rm_channels c ON c.channel_id = p.channel_id AND {_known("c", now)} AND c.last_start > :d
 WHERE p.valid_from <= :d AND {_known("p", now)}{_which("p", one)}
"""  # noqa: S608


# The meetings of one channel as of a day, as known at a moment, newest first.
SELECT_MEETINGS = """
SELECT m.seq FROM rm_meetings m
 WHERE m.channel_id = :channel AND m.occurred_start <= :d AND m.rec_from <= :m AND m.rec_to > :m
 ORDER BY m.occurred_start DESC, m.seq DESC LIMIT :limit
"""

# The projector's own read: a channel's current row.
SELECT_CHANNEL = (
    f"SELECT {', '.join(CHANNEL_COLUMNS)} FROM rm_channels "  # noqa: S608 (constant names)
    "WHERE channel_id = ? AND rec_to = ?"
)
