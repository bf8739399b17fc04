"""The store's ledger: the whole store's history as one hash chain, kept beside the events.

Every stored event gets one ledger entry, in the order events were committed: its position
(1, 2, 3 …), its channel and version, and a digest over the previous entry's digest, the
position, the channel, the version, the kind and the stored bytes of the event. Altering,
deleting, inserting or reordering an event, or a whole channel, then breaks the chain where it
happened; ``tracker verify`` names the place, and a write refuses to extend a chain whose end
it finds broken. The newest entry's position and digest are kept apart (the store's *head*),
so deleting the newest events and their entries is evident too, unless the head is rewritten
as well: only a digest noted outside the store (``tracker verify`` prints it, ``verify
--expect`` checks it) proves that nothing recorded up to it has changed since.

The digests are ledger_digest.py's, the tables and reading them ledger_tables.py's; this
module keeps the chain whole when events are written. The statements run on the caller's
cursor, inside the transaction that stores the events and holds the store's write lock (the
library's insert, or a bulk import), so that entries and events are committed together. The
store's *meta* table also records, once and for all, whether the store is encrypted and with
which key (see :func:`~tracker.store.ledger_digest.encryption_marker`).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from tracker.store.encryption import IDS_META, KEYED_IDS
from tracker.store.errors import ChainBroken, EncryptionMismatch
from tracker.store.ledger_digest import Record, chain_digests, entry_digest
from tracker.store.ledger_tables import (
    ADOPT_BATCH,
    LEDGER_TABLE,
    META_TABLE,
    Dialect,
    Entry,
    LedgerTables,
    as_uuid,
)


class Ledger(LedgerTables):
    """The ledger on one cursor inside the caller's transaction: read, checked before a write,
    and extended by the events written."""

    def __init__(
        self,
        run: Callable[[str, Sequence[Any]], list[tuple[Any, ...]]],
        dialect: Dialect,
        insert_many: Callable[[Sequence[tuple[Any, ...]]], None] | None = None,
    ) -> None:
        """``insert_many(rows)`` adds entries (position, channel as stored, version, digest)
        faster than one statement each (a bulk import's COPY, say)."""
        super().__init__(run, dialect)
        self._insert_many = insert_many

    # --- meta ----------------------------------------------------------------------------

    def claim(self, key: str, value: str) -> str:
        """Record ``value`` under ``key`` unless a value is there already; the value kept."""
        self.run(
            f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",  # noqa: S608
            (key, value),
        )
        kept = self.meta(key)
        assert kept is not None
        return kept

    def _set_meta(self, key: str, value: str) -> None:
        self.run(
            f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?) "  # noqa: S608
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # --- the checks before a write ------------------------------------------------------------

    def before_write(self, new: Iterable[Record], key: bytes | None, marker: str) -> Entry | None:
        """Every check before new events (channel, version) are stored, in the transaction
        that stores them; the head to append their entries after.

        Raises EncryptionMismatch or ChainBroken, and the transaction is then rolled back.
        """
        self.check_encryption(marker)
        head = self.check_end(key)
        self.check_channels((record[0], record[1]) for record in new)
        return head

    def check_encryption(self, marker: str) -> None:
        """Decide the store's encryption once (the first writer's), and refuse another; an
        encrypted store's first write also records that its channel ids are keyed."""
        kept = self.claim("encryption", marker)
        if kept == marker:
            if marker != "none" and self.meta(IDS_META) is None and not self.run(self.any_event):
                self.claim(IDS_META, KEYED_IDS)
            return
        if kept == "none":
            raise EncryptionMismatch(
                "this store is not encrypted, and TRACKER_ENCRYPTION_KEY is set; unset it to "
                "write here (a store's encryption is decided by its first write)"
            )
        if marker == "none":
            raise EncryptionMismatch(
                "this store is encrypted; set TRACKER_ENCRYPTION_KEY to its key"
            )
        raise EncryptionMismatch("TRACKER_ENCRYPTION_KEY is not this store's key")

    def start(self, key: bytes | None, marker: str) -> None:
        """Give a store written before the ledger existed its ledger (and its encryption
        marker), as its next write would; nothing for a store that has one."""
        if self.head() is None and self.meta("ledger") is None and self.meta("head") is None:
            self.check_encryption(marker)
            self._adopt(key)

    def check_end(self, key: bytes | None) -> Entry | None:
        """Check that the end of the chain is as the last write left it; return the head.

        A store written before the ledger existed (no entries, no head) is adopted: its events
        are entered in commit order first.
        """
        head = self.head()
        recorded = self.recorded_head()
        if recorded is None:
            if head is None and self.meta("ledger") is None:
                return self._adopt(key)
            raise ChainBroken("the store's head was deleted")
        if head is None:
            raise ChainBroken(f"the ledger's {recorded[0]} entries were deleted")
        if (head.position, head.digest) != recorded:
            if head.position < recorded[0]:
                raise ChainBroken(
                    f"the newest {recorded[0] - head.position} entries of the ledger were deleted"
                )
            raise ChainBroken(f"the ledger's entry #{head.position} was altered")
        newest = self.newest_event()
        if newest is None or (newest[0], newest[1]) != (head.originator_id, head.version):
            raise ChainBroken("the store's newest events were deleted, or events were inserted")
        previous = self.digest_at(head.position - 1) if head.position > 1 else None
        if head.position > 1 and previous is None:
            raise ChainBroken(f"the ledger's entry #{head.position - 1} was deleted")
        expected = entry_digest(previous, head.position, newest, key)
        if not hmac.compare_digest(expected, head.digest):
            raise ChainBroken("the store's newest event was altered")
        return head

    def check_channels(self, new: Iterable[tuple[UUID, int]]) -> None:
        """Refuse to extend a channel whose newer events, or whole self, were deleted."""
        lowest: dict[UUID, int] = {}
        for originator_id, version in new:
            lowest[originator_id] = min(version, lowest.get(originator_id, version))
        for originator_id, version in lowest.items():
            found = self.run(
                f"SELECT MAX(originator_version) FROM {LEDGER_TABLE} WHERE originator_id = ?",  # noqa: S608
                (self.stored_id(originator_id),),
            )
            recorded = found[0][0] if found else None
            if recorded is not None and int(recorded) >= version:
                if self._stored(originator_id, version):
                    # Another writer got there first: the conflict the library reports, said
                    # before anything is written (the write lock is held, so it is certain).
                    raise IntegrityError(f"version {version} of {originator_id} exists already")
                raise ChainBroken(
                    f"events #{version} to #{recorded} of a channel were deleted"
                    if version > 1
                    else "a whole channel was deleted"
                )
            if version > 1 and (recorded is None or int(recorded) != version - 1):
                raise ChainBroken(f"event #{version - 1} of a channel was inserted outside it")

    def _stored(self, originator_id: UUID, version: int) -> bool:
        return bool(
            self.run(
                f"SELECT 1 FROM {self.events} WHERE originator_id = ? AND originator_version = ?",  # noqa: S608
                (self.stored_id(originator_id), version),
            )
        )

    # --- appending --------------------------------------------------------------------------

    def append(
        self,
        events: Sequence[Record],
        key: bytes | None,
        head: Entry | None,
        stored_ids: Sequence[Any] | None = None,
    ) -> Entry | None:
        """Enter new events (channel, version, topic, stored state) after ``head``; the new
        head, which is also recorded apart. ``stored_ids``: each event's channel as the
        events table holds it, when the caller has them already (a bulk import)."""
        if not events:
            return head
        position = head.position if head else 0
        if stored_ids is None:
            stored_ids = [self.stored_id(record[0]) for record in events]
        digests = list(chain_digests(head.digest if head else None, position, events, key))
        rows = [
            (position + i, stored, record[1], digest)
            for i, (stored, record, digest) in enumerate(
                zip(stored_ids, events, digests, strict=True), start=1
            )
        ]
        self.insert_entries(rows)
        last = events[-1]
        new_head = Entry(position + len(rows), last[0], last[1], digests[-1])
        self._set_meta("head", f"{new_head.position}:{new_head.digest}")
        if head is None:
            self._set_meta("ledger", "kept")
        return new_head

    def insert_entries(self, rows: Sequence[tuple[Any, ...]]) -> None:
        if self._insert_many is not None:
            self._insert_many(rows)
            return
        for row in rows:
            self.run(
                f"INSERT INTO {LEDGER_TABLE} (position, originator_id, originator_version, "  # noqa: S608
                "digest) VALUES (?, ?, ?, ?)",
                row,
            )

    def _adopt(self, key: bytes | None) -> Entry | None:
        """Enter every event already stored, in commit order (a store from before the ledger)."""
        head: Entry | None = None
        after = 0
        while page := self.events_after(after, ADOPT_BATCH):
            after = int(page[-1][0])
            head = self.append(
                [(as_uuid(i), int(v), str(t), bytes(s)) for _, i, v, t, s in page], key, head
            )
        return head
