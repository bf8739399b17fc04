"""Planned meetings as a channel's timeline is walked: agreed, held, postponed or cancelled.

A plan is settled by the first meeting held (at its level, if it names one) on or after the
start of the window in force, and after the day it was agreed (the meeting at which the next one
is agreed does not hold it). A meeting's fuzzy date counts by its latest day against the window,
as overdue is judged (DESIGN §4: a meeting "2024-04" may have been on the 30th, inside a window
from 2024-04-15), and by its earliest day against the agreement, as the timeline is ordered (a
plenary of 2024-03-10/2024-03-12 at which the next was agreed on the 11th does not hold it). A
postponement moves the window, a cancellation ends what the plan owes. A plan already held or
cancelled cannot be postponed or cancelled. The walk keeps, for each plan, every version it had
in valid time, so that the read model stores what the walk decided rather than deciding it
again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.domain.dates import FuzzyDate
from tracker.domain.events import MeetingCancelled, MeetingHeld, MeetingPlanned, MeetingPostponed
from tracker.domain.rules import OnlyAPlanNotYetHeldCanChange, PlanChangeNeedsItsPlan, RuleBroken


def settle_from(window: FuzzyDate, agreed: FuzzyDate) -> str:
    """The first day (ISO text) a meeting may settle a plan: the first of its window, and not
    before the day after it was agreed."""
    first = window.earliest
    if agreed.earliest < dt.date.max:
        first = max(first, agreed.earliest + dt.timedelta(days=1))
    return first.isoformat()


def settles(plan: tuple[str, str, str | None], meeting: tuple[str, str, str | None]) -> bool:
    """Whether a meeting settles a plan: the one rule, for the walk and the read model (whose
    queries state it again in SQL: store/readmodel/queries.py).

    ``plan`` is (the day it was agreed, the first day a meeting may settle it (:func:`settle_from`),
    its level's value or None); ``meeting`` is (its earliest day, its latest day, its level's
    value or None); days as ISO text."""
    agreed, first_day, plan_level = plan
    start, latest, level = meeting
    return start > agreed and latest >= first_day and (plan_level is None or plan_level == level)


@dataclass(frozen=True)
class PlanVersion:
    """A plan as it stood from one day of valid time: its window, and how it got there."""

    valid_from: FuzzyDate
    window: FuzzyDate
    change: str | None = None  # None (as agreed), "postponed" or "cancelled"
    change_seq: int | None = None


@dataclass
class PlanTrack:
    """One planned meeting as the walk has reached it."""

    plan: MeetingPlanned
    versions: list[PlanVersion] = field(default_factory=list)
    held: MeetingHeld | None = None

    @property
    def current(self) -> PlanVersion:
        return self.versions[-1]

    @property
    def window(self) -> FuzzyDate:
        return self.current.window

    @property
    def cancelled(self) -> bool:
        return self.current.change == "cancelled"

    @property
    def open(self) -> bool:
        return self.held is None and not self.cancelled

    def meets(self, meeting: MeetingHeld) -> bool:
        """Settle the plan with this meeting if it is the first that does (True if it did)."""
        plan, level = self.plan, self.plan.level
        if self.open and settles(
            (
                plan.occurred.earliest_iso,
                settle_from(self.window, plan.occurred),
                None if level is None else level.value,
            ),
            (
                meeting.occurred.earliest_iso,
                meeting.occurred.latest_iso,
                None if meeting.level is None else meeting.level.value,
            ),
        ):
            self.held = meeting
            return True
        return False


def refusal(
    change: MeetingPostponed | MeetingCancelled, track: PlanTrack | None
) -> tuple[type[RuleBroken], str, str] | None:
    """Why this change cannot apply to the plan it names (None: it can): the rule, why and what
    to do instead."""
    what = "postponed" if isinstance(change, MeetingPostponed) else "cancelled"
    if track is None:
        return (
            PlanChangeNeedsItsPlan,
            f"planned meeting #{change.plan_seq} is not agreed by {change.occurred}",
            "check the date, or the number of the planned meeting (tracker history)",
        )
    if track.held is not None:
        return (
            OnlyAPlanNotYetHeldCanChange,
            f"planned meeting #{track.plan.seq} was held on {track.held.occurred} "
            f"(#{track.held.seq}), before it was {what} on {change.occurred}",
            "record a new plan (tracker plan), or check the date",
        )
    if track.cancelled:
        return (
            OnlyAPlanNotYetHeldCanChange,
            f"planned meeting #{track.plan.seq} was cancelled on {track.current.valid_from}",
            "record a new plan (tracker plan), or retract the cancellation",
        )
    if isinstance(change, MeetingPostponed) and change.window.latest < change.occurred.earliest:
        return (
            OnlyAPlanNotYetHeldCanChange,
            f"the new window {change.window} ends before the postponement on {change.occurred}",
            "give the window the meeting was moved to",
        )
    return None


def apply_change(change: MeetingPostponed | MeetingCancelled, track: PlanTrack) -> None:
    """Apply a change :func:`refusal` allowed: the plan's version from the change's day on.
    (The walk then looks for a meeting already held in the window in force.)"""
    if isinstance(change, MeetingPostponed):
        version = PlanVersion(change.occurred, change.window, "postponed", change.seq)
    else:
        version = PlanVersion(change.occurred, track.window, "cancelled", change.seq)
    track.versions.append(version)
