"""The ledger's digests: what an entry's digest covers, the store digest users note and give
back to ``tracker verify --expect``, and the key and encryption marker they depend on.

Without an encryption key the digests are SHA-256: anyone with write access to the database
who knows this algorithm can rewrite the history consistently, and only a published digest
shows it. With ``TRACKER_ENCRYPTION_KEY`` they are HMACs keyed from it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Iterator
from uuid import UUID

DIGEST_PREFIX = 32  # hex digits of a store digest shown to users (128 bits)
MIN_EXPECTED = 16  # hex digits the user must give to --expect

Record = tuple[UUID, int, str, bytes]  # a stored event: channel, version, topic, state


def entry_digest(previous: str | None, position: int, record: Record, key: bytes | None) -> str:
    """The digest of one entry: it covers the previous digest and the event as stored."""
    return next(chain_digests(previous, position - 1, (record,), key))


_HEADER = b"tracker ledger 1\n"
_TOPIC_DIGESTS: dict[str, bytes] = {}  # the few topics of the tracker's events, hashed once


def _topic_digest(topic: str) -> bytes:
    found = _TOPIC_DIGESTS.get(topic)
    if found is None:
        found = hashlib.sha256(topic.encode("utf-8", "surrogatepass")).digest()
        if len(_TOPIC_DIGESTS) < 64:  # a damaged store's odd topics are not kept
            _TOPIC_DIGESTS[topic] = found
    return found


def chain_digests(
    previous: str | None, position: int, records: Iterable[Record], key: bytes | None
) -> Iterator[str]:
    """The digests of the entries after the one at ``position`` (whose digest is
    ``previous``), one for each record, each covering the one before.

    One loop for a whole batch, the previous digest kept as bytes and each topic hashed once:
    an import enters a million events. Its figure in `make bench` ("What each speed trick
    buys", tests/bench/tricks.py `ledger_figure`): the digests of 100,000 imported events took
    27 to 48% longer one entry at a time (three runs, 2026-12-03); about 1 µs an event of an
    import's 50 or so.
    """
    before = bytes.fromhex(previous) if previous else b""
    sha256 = hashlib.sha256
    keyed = hmac.digest
    for originator_id, version, topic, state in records:
        position += 1
        message = b"".join(
            (
                _HEADER,
                before,
                position.to_bytes(8, "big"),
                originator_id.bytes,
                version.to_bytes(8, "big", signed=True),
                _topic_digest(topic),
                sha256(state).digest(),
            )
        )
        before = sha256(message).digest() if key is None else keyed(key, message, "sha256")
        yield before.hex()


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
