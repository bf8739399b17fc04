"""The hash chain that makes tampering with stored events evident.

Each event's **seal** is a digest of its channel, version, topic and stored content (before
encryption); each event also carries the seal of the channel's **previous** event, which its own
seal covers. Altering, deleting, reordering or inserting an event directly in the database then
breaks the chain where it happened, and ``tracker verify`` names the channel and sequence number.

Without an encryption key the digest is SHA-256, which shows accidents and naive edits; anyone
who knows this algorithm could recompute a forged chain. With ``TRACKER_ENCRYPTION_KEY`` the
digest is an HMAC keyed from it, so forging a seal needs the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from collections.abc import Sequence
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel

from tracker.store.mapper import encode_state

E = TypeVar("E", bound=BaseModel)

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


def sealed_states(
    events: Sequence[BaseModel], previous: str | None, key: bytes | None
) -> list[tuple[bytes, str]]:
    """Seal one channel's new events, in version order, after the seal ``previous``.

    Returns each event's stored content (exactly ``encode_state`` of the sealed event) and its
    seal, from one serialisation of the event.
    """
    sealed: list[tuple[bytes, str]] = []
    quoted = None if previous is None else json.dumps(previous).encode()
    ids: dict[UUID, str] = {}  # each channel's id written out once (the header names it)
    for event in events:
        identity: Any = event
        assert identity.previous is None, "sealed twice"
        assert identity.seal is None, "sealed twice"
        body = encode_state(event)
        if quoted is not None:
            # The stored form with `previous` filled in, without building the event twice.
            body = body.replace(b'"previous":null', b'"previous":' + quoted, 1)
        topic = str(getattr(type(event), "TOPIC"))  # noqa: B009 (a class constant)
        originator_id = identity.originator_id
        hex_id = ids.get(originator_id) or ids.setdefault(originator_id, originator_id.hex)
        seal = _digest(_header(hex_id, identity.originator_version, topic) + body, key)
        quoted = b'"' + seal.encode() + b'"'  # json.dumps(seal): algorithm and hex digits only
        # What encode_state writes for the sealed event: the seal last.
        sealed.append((body[:-1] + b',"seal":' + quoted + b"}", seal))
    return sealed


def chain(events: Sequence[E], previous: str | None, key: bytes | None) -> list[E]:
    """Seal one channel's new events, in version order, after the seal ``previous``."""
    sealed: list[E] = []
    for event, (_, seal) in zip(events, sealed_states(events, previous, key), strict=True):
        sealed.append(event.model_copy(update={"previous": previous, "seal": seal}))
        previous = seal
    return sealed


def split_seal(plaintext: bytes) -> tuple[bytes, str] | None:
    """The stored content without its seal, and the seal (None when there is none)."""
    match = SEAL_SUFFIX.search(plaintext)
    if match is None:
        return None
    return plaintext[: match.start()] + b"}", match.group(1).decode()
