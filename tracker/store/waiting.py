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
from typing import Any

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


def busy_message(store: str, reason: str | None = None) -> str:
    why = reason or f"another writer or a lock held it for more than {WAIT} s"
    return f"the store {store} is busy: {why} (nothing was changed); try again"


def unreachable_message(store: str, reason: str) -> str:
    return (
        f"the store {store} is unreachable: the connection to the server was lost or it did "
        f"not answer ({reason}); check the server and the network, then try again"
    )


# What PostgreSQL's error codes (SQLSTATE) say of the store: a lock or a statement that waited
# too long, a statement the server cancelled, a server that shuts down or ends the session.
_STATES = {
    "55P03": "busy",  # lock not available (lock_timeout)
    "40P01": "busy",  # deadlock detected
    "40001": "busy",  # serialization failure
    "57014": "cancelled",  # e.g. the server's statement_timeout
    "57P01": "unreachable",  # admin shutdown, pg_terminate_backend
    "57P02": "unreachable",  # crash shutdown
    "57P03": "unreachable",  # cannot connect now
    "57P05": "unreachable",  # idle session timeout
}


def failure(error: BaseException) -> str | None:
    """``"busy"``, ``"cancelled"`` (a statement the server cancelled: busy too, for a reason of
    its own) or ``"unreachable"``, if the error (or one it was raised from) says so."""
    import sqlite3
    import sys

    psycopg = sys.modules.get("psycopg")
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, sqlite3.OperationalError):
            return "busy" if "locked" in str(seen) or "busy" in str(seen) else None
        if psycopg is not None and isinstance(seen, psycopg.Error):
            return _postgres_failure(seen, psycopg)
        seen = seen.__cause__ or (None if seen.__suppress_context__ else seen.__context__)
    return None


def _postgres_failure(error: Any, psycopg: Any) -> str | None:
    state = error.sqlstate
    if state is None:
        # No answer from the server at all: a connection refused, lost or timed out.
        lost = isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError))
        return "unreachable" if lost else None
    if state.startswith("08"):  # connection exception
        return "unreachable"
    return _STATES.get(state)
