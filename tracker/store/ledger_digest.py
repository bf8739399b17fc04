"""The ledger's digests: what an entry's digest covers, the store digest users note and give
back to ``tracker verify --expect``, and the key and encryption marker they depend on.

Without an encryption key the digests are SHA-256: anyone with write access to the database
who knows this algorithm can rewrite the history consistently, and only a published digest
shows it. With ``TRACKER_ENCRYPTION_KEY`` they are HMACs keyed from it.
"""

from __future__ import annotations

import hashlib
import hmac
from uuid import UUID

DIGEST_PREFIX = 32  # hex digits of a store digest shown to users (128 bits)
MIN_EXPECTED = 16  # hex digits the user must give to --expect

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
