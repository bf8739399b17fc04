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

from tracker.store.errors import StoreUnavailable
from tracker.store.memory_store import MemoryStore
from tracker.store.postgres_store import PostgresStore
from tracker.store.settings import Store
from tracker.store.sqlite_store import SQLiteStore
from tracker.store.waiting import busy_message, left

POLL = 0.005


@contextlib.contextmanager
def writing(store: Store, channel_ids: Sequence[UUID], wait: float | None = None) -> Iterator[None]:
    """Hold the write lock for these channels while the block loads, checks and saves.

    It waits for other writers at most ``wait`` seconds: by default, what is left of the
    command's time budget (store/waiting.py).
    """
    wait = left() if wait is None else wait
    if isinstance(store, MemoryStore):
        with _process_lock(store, wait):
            yield
        return
    if isinstance(store, SQLiteStore):
        with _file_lock(store, wait):
            yield
        return
    with _advisory_locks(store, channel_ids, wait):
        yield


@contextlib.contextmanager
def _process_lock(store: MemoryStore, wait: float) -> Iterator[None]:
    """A store in memory has writers in this process only: a lock of the process."""
    lock = store.write_lock()
    if not lock.acquire(timeout=wait):
        raise StoreUnavailable(busy_message(store.describe()))
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def _file_lock(store: SQLiteStore, wait: float) -> Iterator[None]:
    import fcntl
    import os

    descriptor = os.open(store.path, os.O_RDONLY)
    try:
        take_flock(descriptor, wait, store.describe())
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def take_flock(descriptor: int, wait: float, store: str) -> None:
    """Take an exclusive flock on the open file, waiting at most ``wait`` seconds for its
    holder (StoreUnavailable, the store busy, after that)."""
    import fcntl

    deadline = time.monotonic() + wait
    delay = POLL
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise StoreUnavailable(busy_message(store)) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


@contextlib.contextmanager
def _advisory_locks(store: Store, channel_ids: Sequence[UUID], wait: float) -> Iterator[None]:
    import psycopg

    assert isinstance(store, PostgresStore)
    keys = sorted({int.from_bytes(c.bytes[:8], "big", signed=True) for c in channel_ids})
    with store.connect(autocommit=True) as connection:
        connection.execute(f"SET lock_timeout = '{max(round(wait * 1000), 1)}ms'")  # 0: forever
        try:
            for key in keys:  # in one order for everyone, so no two writers deadlock
                connection.execute("SELECT pg_advisory_lock(%s)", (key,))
        except psycopg.errors.LockNotAvailable:
            raise StoreUnavailable(busy_message(store.describe())) from None
        try:
            yield
        finally:
            with contextlib.suppress(psycopg.Error):
                connection.execute("SELECT pg_advisory_unlock_all()")
