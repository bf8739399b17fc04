"""Writers take turns: a lock held from loading a channel until its new events are saved.

Without it, two writers of the same channel load the same version, and the second save is
refused by the store; the tracker then reloads and tries again, which under heavy contention
(eight analysts recording at once) can run out of tries. With it, they queue.

- SQLite: an exclusive ``flock`` on the store file (SQLite's own locks are POSIX locks, which
  flock does not touch), for the whole store: SQLite writes one at a time anyway.
- PostgreSQL: a session advisory lock per channel, on a connection of its own, so writers of
  different channels do not wait for each other.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from uuid import UUID

from tracker.store.settings import (
    SQLiteStore,
    Store,
    StoreUnavailable,
)

WAIT = 30.0  # seconds a writer waits for the others before giving up
POLL = 0.005


@contextlib.contextmanager
def writing(store: Store, channel_ids: Sequence[UUID], wait: float = WAIT) -> Iterator[None]:
    """Hold the write lock for these channels while the block loads, checks and saves."""
    if isinstance(store, SQLiteStore):
        with _file_lock(store, wait):
            yield
        return
    with _advisory_locks(store, channel_ids, wait):
        yield


@contextlib.contextmanager
def _file_lock(store: SQLiteStore, wait: float) -> Iterator[None]:
    import fcntl
    import os

    descriptor = os.open(store.path, os.O_RDONLY)
    try:
        deadline = time.monotonic() + wait
        delay = POLL
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise _busy(store.describe(), wait) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.1)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _advisory_locks(store: Store, channel_ids: Sequence[UUID], wait: float) -> Iterator[None]:
    import psycopg

    assert not isinstance(store, SQLiteStore)
    keys = sorted({int.from_bytes(c.bytes[:8], "big", signed=True) for c in channel_ids})
    with store.connect(autocommit=True) as connection:
        connection.execute(f"SET lock_timeout = '{int(wait * 1000)}ms'")
        try:
            for key in keys:  # in one order for everyone, so no two writers deadlock
                connection.execute("SELECT pg_advisory_lock(%s)", (key,))
        except psycopg.errors.LockNotAvailable:
            raise _busy(store.describe(), wait) from None
        try:
            yield
        finally:
            with contextlib.suppress(psycopg.Error):
                connection.execute("SELECT pg_advisory_unlock_all()")


def _busy(store: str, wait: float) -> StoreUnavailable:
    return StoreUnavailable(
        f"the store {store} is busy: other writers held it for more than {wait:g} s; try again"
    )
