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

Without an encryption key the digests are SHA-256: anyone with write access to the database
who knows this algorithm can rewrite the history consistently, and only a published digest
shows it. With ``TRACKER_ENCRYPTION_KEY`` they are HMACs keyed from it.

The statements run on the caller's cursor, inside the transaction that stores the events and
holds the store's write lock (the library's insert, or a bulk import), so that entries and
events are committed together. The store's *meta* table also records, once and for all,
whether the store is encrypted and with which key (see :func:`encryption_marker`).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID

from eventsourcing.persistence import IntegrityError

LEDGER_TABLE = "tracker_ledger"
META_TABLE = "tracker_meta"
EVENT_TABLES = {"sqlite": "stored_events", "postgres": "tracker_events"}
# In SQLite the position of an event in the store is its rowid; in PostgreSQL, the library's
# notification id (both in commit order: one writer at a time holds the table).
NOTIFICATION = {"sqlite": "rowid", "postgres": "notification_id"}

DIGEST_PREFIX = 32  # hex digits of a store digest shown to users (128 bits)
MIN_EXPECTED = 16  # hex digits the user must give to --expect
ADOPT_BATCH = 5_000

Dialect = Literal["sqlite", "postgres"]


class LedgerError(Exception):
    """The ledger or the store's meta data says the store cannot be written safely."""


class ChainBroken(LedgerError):
    """Events were deleted, altered or inserted behind the tracker's back: the chain that would
    be extended is broken."""


class EncryptionMismatch(LedgerError):
    """The store was created with another encryption setting than this command's."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the ledger."""

    position: int
    originator_id: UUID
    version: int
    digest: str


Record = tuple[UUID, int, str, bytes]  # a stored event: channel, version, topic, state


def entry_digest(previous: str | None, position: int, record: Record, key: bytes | None) -> str:
    """The digest of one entry: it covers the previous digest and the event as stored."""
    originator_id, version, topic, state = record
    message = b"".join(
        (
            b"tracker ledger 1\n",
            bytes.fromhex(previous) if previous else b"",
            position.to_bytes(8, "big"),
            originator_id.bytes,
            version.to_bytes(8, "big", signed=True),
            hashlib.sha256(topic.encode("utf-8", "surrogatepass")).digest(),
            hashlib.sha256(state).digest(),
        )
    )
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def store_digest(position: int, digest: str) -> str:
    """The short digest of the store's history up to an entry, as users note it."""
    return f"{position}-{digest[:DIGEST_PREFIX]}"


def parse_store_digest(text: str) -> tuple[int, str]:
    """(position, hex prefix) of a store digest; ValueError when it is not one."""
    position, sep, prefix = text.strip().partition("-")
    prefix = prefix.lower()
    if (
        not sep
        or not position.isdigit()
        or int(position) < 1
        or len(prefix) < MIN_EXPECTED
        or len(prefix) > 64
        or any(c not in "0123456789abcdef" for c in prefix)
    ):
        raise ValueError(
            f"{text[:80]!r} is not a store digest; give one that tracker verify printed, "
            "e.g. 18-4f2a9c0d1e7b3a65c8d90f1e2a3b4c5d"
        )
    return int(position), prefix


def encryption_marker(encrypted: bool, key_check: str | None) -> str:
    """What the meta table records of a store's encryption: 'none', or the key's check value."""
    return f"aes-gcm:{key_check}" if encrypted and key_check else "none"


def key_check(seal_key: bytes | None) -> str | None:
    """A value that tells whether a key is the store's, and reveals nothing of the key."""
    if seal_key is None:
        return None
    return hmac.new(seal_key, b"tracker key check", hashlib.sha256).hexdigest()[:32]


def ledger_settings(cipher_key: str | None) -> tuple[bytes | None, str]:
    """The key of a store's digests and its encryption marker, from the library's CIPHER_KEY."""
    from tracker.store.chain import seal_key

    key = seal_key(cipher_key or None)
    return key, encryption_marker(key is not None, key_check(key))


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))


class Ledger:
    """The ledger and meta statements, on one cursor inside the caller's transaction.

    ``run(sql, params)`` executes one statement (written with ``?`` placeholders) and returns
    its rows as tuples.
    """

    def __init__(
        self,
        run: Callable[[str, Sequence[Any]], list[tuple[Any, ...]]],
        dialect: Dialect,
        insert_many: Callable[[Sequence[tuple[Any, ...]]], None] | None = None,
    ) -> None:
        """``insert_many(rows)`` adds entries (position, channel as stored, version, digest)
        faster than one statement each (a bulk import's COPY, say)."""
        self._run = run
        self._insert_many = insert_many
        self.dialect: Dialect = dialect
        self.events = EVENT_TABLES[dialect]
        self.notification = NOTIFICATION[dialect]

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._run(sql, params)

    def stored_id(self, originator_id: UUID) -> Any:
        return originator_id.hex if self.dialect == "sqlite" else originator_id

    # --- tables --------------------------------------------------------------------------

    @staticmethod
    def create_statements(dialect: Dialect) -> list[str]:
        id_type = "TEXT" if dialect == "sqlite" else "UUID"
        number = "INTEGER" if dialect == "sqlite" else "BIGINT"
        return [
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {LEDGER_TABLE} ("
            f"position {number} PRIMARY KEY, originator_id {id_type} NOT NULL, "
            f"originator_version {number} NOT NULL, digest TEXT NOT NULL)",
            f"CREATE UNIQUE INDEX IF NOT EXISTS {LEDGER_TABLE}_by_event "
            f"ON {LEDGER_TABLE} (originator_id, originator_version)",
        ]

    def exists(self) -> bool:
        if self.dialect == "postgres":
            found = self.run(f"SELECT to_regclass('{LEDGER_TABLE}') IS NOT NULL")
            return bool(found and found[0][0])
        found = self.run(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (LEDGER_TABLE,)
        )
        return bool(found)

    # --- meta ----------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        found = self.run(f"SELECT value FROM {META_TABLE} WHERE key = ?", (key,))  # noqa: S608
        if not found:
            return None
        value = found[0][0]
        return value if isinstance(value, str) else repr(value)

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

    # --- reading ---------------------------------------------------------------------------

    def head(self) -> Entry | None:
        """The newest entry of the ledger."""
        found = self.run(
            f"SELECT position, originator_id, originator_version, digest FROM {LEDGER_TABLE} "  # noqa: S608
            "ORDER BY position DESC LIMIT 1"
        )
        if not found:
            return None
        position, originator_id, version, digest = found[0]
        return Entry(int(position), _uuid(originator_id), int(version), str(digest))

    def recorded_head(self) -> tuple[int, str] | None:
        """The head as the meta table keeps it (position, digest), apart from the entries."""
        value = self.meta("head")
        if value is None:
            return None
        position, _, digest = value.partition(":")
        if not position.isdigit() or not digest:
            raise ChainBroken(f"the store's recorded head {value[:40]!r} was altered")
        return int(position), digest

    def digest_at(self, position: int) -> str | None:
        found = self.run(
            f"SELECT digest FROM {LEDGER_TABLE} WHERE position = ?",  # noqa: S608
            (position,),
        )
        return str(found[0][0]) if found else None

    def entries(self, after: int = 0, limit: int = ADOPT_BATCH) -> list[Entry]:
        rows = self.run(
            f"SELECT position, originator_id, originator_version, digest FROM {LEDGER_TABLE} "  # noqa: S608
            "WHERE position > ? ORDER BY position LIMIT ?",
            (after, limit),
        )
        return [Entry(int(p), _uuid(i), int(v), str(d)) for p, i, v, d in rows]

    def newest_event(self) -> Record | None:
        found = self.run(
            f"SELECT originator_id, originator_version, topic, state FROM {self.events} "  # noqa: S608
            f"ORDER BY {self.notification} DESC LIMIT 1"
        )
        if not found:
            return None
        originator_id, version, topic, state = found[0]
        return _uuid(originator_id), int(version), str(topic), bytes(state)

    def has_events(self) -> bool:
        return bool(self.run(f"SELECT 1 FROM {self.events} LIMIT 1"))  # noqa: S608

    def events_after(self, notification: int, limit: int) -> list[tuple[Any, ...]]:
        """Stored events in commit order: (notification, channel, version, topic, state)."""
        return self.run(
            f"SELECT {self.notification}, originator_id, originator_version, topic, state "  # noqa: S608
            f"FROM {self.events} WHERE {self.notification} > ? "
            f"ORDER BY {self.notification} LIMIT ?",
            (notification, limit),
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
        """Decide the store's encryption once (the first writer's), and refuse another."""
        kept = self.claim("encryption", marker)
        if kept == marker:
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
        self, events: Iterable[Record], key: bytes | None, head: Entry | None
    ) -> Entry | None:
        """Enter new events (channel, version, topic, stored state) after ``head``; the new
        head, which is also recorded apart."""
        position = head.position if head else 0
        digest = head.digest if head else None
        rows = []
        last = head
        for record in events:
            position += 1
            digest = entry_digest(digest, position, record, key)
            rows.append((position, self.stored_id(record[0]), record[1], digest))
            last = Entry(position, record[0], record[1], digest)
        if rows:
            self.insert_entries(rows)
            assert last is not None
            self._set_meta("head", f"{last.position}:{last.digest}")
            if head is None:
                self._set_meta("ledger", "kept")
        return last

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
                ((_uuid(i), int(v), str(t), bytes(s)) for _, i, v, t, s in page), key, head
            )
        return head
