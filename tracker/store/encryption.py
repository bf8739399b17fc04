"""The store's encryption key: made by ``tracker keygen``, checked when given, and handed to the
library as its cipher settings (by either kind of store, sqlite_store.py or postgres_store.py).
"""

from __future__ import annotations

import uuid

from tracker.store.errors import StoreConfigError

KEY_ENV = "TRACKER_ENCRYPTION_KEY"
CIPHER_TOPIC = "eventsourcing.cryptography:AESCipher"
# The meta value an encrypted store's first write records: its channel ids are derived in a
# namespace only its key gives. A store encrypted before has none, and keeps its ids.
IDS_META = "channel ids"
KEYED_IDS = "keyed"


def cipher_settings(key: str | None) -> dict[str, str]:
    """The library's settings for a store encrypted with this key (none without one)."""
    return {"CIPHER_TOPIC": CIPHER_TOPIC, "CIPHER_KEY": key} if key else {}


def check_key(key: str) -> str:
    """The key, if ``tracker keygen`` could have made it (base64 of 16, 24 or 32 bytes)."""
    import base64
    import binascii

    try:
        raw = base64.b64decode(key.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) not in (16, 24, 32):
        raise StoreConfigError(
            f"{KEY_ENV} is not an encryption key; make one with tracker keygen (the key itself "
            "is not shown here)"
        )
    return key.strip()


def new_key() -> str:
    """A new random AES-256 key, as base64 text."""
    import base64
    import secrets

    return base64.b64encode(secrets.token_bytes(32)).decode()


def channel_namespace(key: str | None) -> uuid.UUID | None:
    """The namespace of an encrypted store's channel ids (None without a key): derived from the
    key, so that nobody without it can tell a guessed slug's id among the stored ones."""
    if not key:
        return None
    import base64
    import hashlib
    import hmac

    digest = hmac.new(base64.b64decode(key), b"tracker channel ids", hashlib.sha256).digest()
    return uuid.UUID(bytes=digest[:16])
