"""Bootstrap: the one place where ``--db`` / ``TRACKER_DB`` becomes a store and the tracker's
application on it. A SQLite file, a PostgreSQL database, or (``memory://NAME``) a SQLite
database held in memory for as long as the process runs: the fast tier of the tests, whose
scenarios name it; every other part of the tracker is the same whichever it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.application.errors import BadInput, NoStoreYet, StoreError

if TYPE_CHECKING:
    from tracker.application.tracker import DialogueTracker
    from tracker.store.sqlite_store import SQLiteStore


def check_outputs(db: str | None, outputs: Sequence[Path | int]) -> None:
    """Raise BadInput if one of ``outputs`` (paths, or descriptors: 1 is standard output) is
    a file of the store named by ``--db`` / ``TRACKER_DB``. A ``--db`` that names no store is
    left for the command that opens it to report."""
    from tracker.application.outputs import refuse_store_file
    from tracker.store.settings import resolve_store

    try:
        store = resolve_store(db)
    except ValueError:  # StoreConfigError included
        return
    for target in outputs:
        refuse_store_file(store, target)


def open_empty_tracker() -> DialogueTracker:
    """A tracker on a new store in this process's memory, that nothing is written to: what
    tracker extract reads an article against when --db names no store yet."""
    import uuid

    return open_tracker(f"memory://no-store-{uuid.uuid4().hex}", write=True)


def open_tracker(
    db: str | None,
    *,
    write: bool,
    clock: Callable[[], dt.datetime] | None = None,
    outputs: Sequence[Path | int] = (),
    creates: bool = True,
    only_if_recorded: bool = False,
) -> DialogueTracker:
    """Open the tracker on the store named by ``--db`` / ``TRACKER_DB`` (or the default).

    ``write=False`` opens a read-only SQLite file for reading instead of refusing it.
    ``creates=False``: a missing store is NoStoreYet, as for reading, and none is made.
    ``only_if_recorded``: a missing SQLite store is made only if the command records something
    in it, when the tracker is closed (store/staging.py); a refused command leaves none.
    ``outputs`` are where the command will write (paths, or descriptors such as standard
    output's): if one is a file of the store, BadInput is raised before the store is opened.
    """
    from tracker.application.outputs import refuse_store_file
    from tracker.application.tracker import DialogueTracker, utc_now
    from tracker.store.errors import NoStore, StoreConfigError, StoreUnavailable
    from tracker.store.probe import check_store, creating_tables
    from tracker.store.settings import resolve_store
    from tracker.store.sqlite_store import SQLiteStore

    try:
        store = resolve_store(db)
    except StoreConfigError as e:
        raise BadInput(str(e)) from None
    except ValueError:  # e.g. a NUL byte, or a URL the standard library cannot split
        raise BadInput(
            "--db is neither a file path nor a postgresql://user@host:port/dbname URL"
        ) from None
    for target in outputs:
        refuse_store_file(store, target)
    try:
        if write and not creates:
            # A command that records on channels a store holds: where there is no store
            # (a mistyped --db), it says so and makes none.
            check_store(store, write=False)
        store = check_store(store, write=write)
    except StoreConfigError as e:  # --db names no file at all (a pipe, a device)
        raise BadInput(str(e)) from None
    except NoStore as e:
        raise NoStoreYet(str(e)) from None
    except StoreUnavailable as e:
        raise StoreError(str(e)) from None
    except (OSError, ValueError) as e:  # e.g. a directory in the path is a file
        reason = getattr(e, "strerror", None) or e.__class__.__name__
        raise StoreError(
            f"cannot use the store {store.describe()}: {reason}; choose another file with --db "
            "or TRACKER_DB"
        ) from None
    try:
        if only_if_recorded and isinstance(store, SQLiteStore) and not store.path.exists():
            try:
                return _on_new_store(store, write=write, clock=clock or utc_now)
            except OSError as e:
                raise StoreError(
                    f"cannot create the store {store.describe()}: {e.strerror or e}; choose "
                    "another file with --db or TRACKER_DB"
                ) from None
        with creating_tables(store) as ready:
            return DialogueTracker(ready, write=write, clock=clock or utc_now)
    except StoreUnavailable as e:
        raise StoreError(str(e)) from None


def _on_new_store(
    store: SQLiteStore, *, write: bool, clock: Callable[[], dt.datetime]
) -> DialogueTracker:
    """The tracker on a store begun under a hidden name, put in place when the tracker is
    closed if the command recorded something (store/staging.py)."""
    from tracker.application.tracker import DialogueTracker
    from tracker.store.probe import check_store
    from tracker.store.staging import NewStore

    new_store = NewStore.begin(store)
    if new_store is None:  # another command made it meanwhile
        return DialogueTracker(check_store(store, write=write), write=write, clock=clock)
    try:
        app = DialogueTracker(new_store.staged, write=write, clock=clock)
    except BaseException:
        new_store.abandon()
        raise
    app.after_close.append(new_store.settle)
    app.notices.extend(
        f"{found} is a store a killed command was making, and it holds events: look at it "
        f"(tracker --db {found} status), then move or remove it"
        for found in new_store.left_behind
    )
    return app
