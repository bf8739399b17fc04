"""The per-channel hash chain of the events written before the store's ledger existed.

Such an event's stored form carries its **seal** (a digest of its channel, version, topic and
stored content before encryption, written last) and the seal of its channel's **previous**
event, which its own seal covers. The store's ledger (store/ledger.py) now does this work for
the whole store at the storage boundary; ``tracker verify`` still checks these seals where an
event carries them, and the mapper cuts them off when an event is read.

Without an encryption key the digest is SHA-256; with ``TRACKER_ENCRYPTION_KEY`` it is an
HMAC keyed from it (the same key as the ledger's).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from uuid import UUID

SEAL_SUFFIX = re.compile(rb',"seal":"((?:sha256|hmac-sha256):[0-9a-f]{64})"\}$')


def seal_key(encryption_key: str | None) -> bytes | None:
    """The HMAC key for seals, derived from the encryption key (None without one)."""
    if not encryption_key:
        return None
    return hmac.new(base64.b64decode(encryption_key), b"tracker seal", hashlib.sha256).digest()


def _header(hex_id: str, version: int, topic: str) -> bytes:
    return f"{hex_id}:{version}:{topic}\n".encode()


def seal_of(originator_id: UUID, version: int, topic: str, body: bytes, key: bytes | None) -> str:
    """The seal over one event's stored content (``body`` without its seal)."""
    return _digest(_header(originator_id.hex, version, topic) + body, key)


def _digest(message: bytes, key: bytes | None) -> str:
    if key is None:
        return "sha256:" + hashlib.sha256(message).hexdigest()
    return "hmac-sha256:" + hmac.new(key, message, hashlib.sha256).hexdigest()


def split_seal(plaintext: bytes) -> tuple[bytes, str] | None:
    """The stored content without its seal, and the seal (None when there is none)."""
    match = SEAL_SUFFIX.search(plaintext)
    if match is None:
        return None
    return plaintext[: match.start()] + b"}", match.group(1).decode()
