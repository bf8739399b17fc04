"""One time budget for everything a command waits for, on both stores.

A command that finds the store held by someone else (another writer of the same channel, an
import, a ``LOCK TABLE`` of an administrator's) waits at most :data:`WAIT` seconds in all, then
fails with exit 3 and says the store is busy. A lost connection, or a server that does not
answer, fails at once (or after the connect timeout), saying the store is unreachable: nothing
is retried on a connection that may have committed or not.

Every wait in a :func:`budget` block draws on the same deadline: the write lock of a channel,
then the table's lock for the insert, then the retries after a conflict. Outside such a block
each wait may take the whole budget.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

WAIT = 8  # seconds a command waits, in all, for other writers and locks before giving up
MOMENT = 0.05  # the least a wait is given, even when the budget is spent

_deadline: ContextVar[float | None] = ContextVar("tracker_wait_deadline", default=None)


@contextlib.contextmanager
def budget(seconds: float = WAIT) -> Iterator[None]:
    """Every wait within the block shares one budget (an enclosing block's, if there is one)."""
    if _deadline.get() is not None:
        yield
        return
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def left() -> float:
    """Seconds the next wait may take: what is left of the budget (all of it outside one)."""
    deadline = _deadline.get()
    if deadline is None:
        return float(WAIT)
    return max(deadline - time.monotonic(), MOMENT)


def lock_timeout() -> str:
    """:func:`left` as a PostgreSQL ``lock_timeout`` value."""
    return f"{max(round(left() * 1000), 1)}ms"


def busy_message(store: str) -> str:
    return (
        f"the store {store} is busy: another writer or a lock held it for more than {WAIT} s "
        "(nothing was changed); try again"
    )


def unreachable_message(store: str, reason: str) -> str:
    return (
        f"the store {store} is unreachable: the connection to the server was lost or it did "
        f"not answer ({reason}); check the server and the network, then try again"
    )


# PostgreSQL's error codes (SQLSTATE) of a lock or a statement that waited too long, and of a
# server that shuts down, restarts or ends the session.
_BUSY_STATES = ("55P03", "57014", "40P01", "40001")  # lock not available, cancelled, deadlock
_GONE_STATES = ("57P01", "57P02", "57P03", "57P05")  # admin/crash shutdown, cannot connect now


def failure(error: BaseException) -> str | None:
    """``"busy"`` or ``"unreachable"`` if the error (or one it was raised from) says so."""
    import sqlite3
    import sys

    psycopg = sys.modules.get("psycopg")
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, sqlite3.OperationalError) and (
            "locked" in str(seen) or "busy" in str(seen)
        ):
            return "busy"
        if psycopg is not None and isinstance(seen, psycopg.Error):
            state = seen.sqlstate
            if state in _BUSY_STATES:
                return "busy"
            if state in _GONE_STATES or (state or "").startswith("08"):
                return "unreachable"
            if state is None and isinstance(
                seen, (psycopg.OperationalError, psycopg.InterfaceError)
            ):
                return "unreachable"  # no answer from the server: a connection lost or refused
            return None
        seen = seen.__cause__ or (None if seen.__suppress_context__ else seen.__context__)
    return None
