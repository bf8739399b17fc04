"""What a store says of itself when the application opens it: whether this command's key (or
lack of one) can read it, and in which namespace its channel ids are derived."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from tracker.application.errors import StoreError
from tracker.domain.values import CHANNEL_NAMESPACE, channel_id
from tracker.store.encryption import IDS_META, KEYED_IDS, channel_namespace

if TYPE_CHECKING:
    from tracker.store.settings import Store


def check_encryption(recorder: Any, mapper: Any, where: str) -> None:
    """Refuse a store this command's key (or lack of one) cannot read, saying which.

    A store's encryption is decided by its first write, under the write lock, and kept in
    its meta table (store/ledger.py); a store written before that is judged by its first
    events. Either way the answer is certain, whatever the cipher text looks like.
    """
    from tracker.store.ledger_digest import encryption_marker

    with recorder.reading_ledger() as ledger:
        marker = ledger.meta("encryption") if ledger.exists() else None
    if marker is None:
        marker = _judged_encryption(recorder, mapper)
    ours = recorder.encryption
    if marker is None or marker == ours:
        return
    if marker == encryption_marker(encrypted=False, key_check=None):
        raise StoreError(
            f"the store {where} is not encrypted, but TRACKER_ENCRYPTION_KEY is set; "
            "unset it to use this store"
        )
    if ours == encryption_marker(encrypted=False, key_check=None):
        raise StoreError(f"the store {where} is encrypted; set TRACKER_ENCRYPTION_KEY to its key")
    raise StoreError(
        f"TRACKER_ENCRYPTION_KEY does not open this store ({where}): it is another key; "
        "set it to the store's key (the key itself is not shown)"
    )


def id_namespace(recorder: Any, mapper: Any, store: Store) -> UUID:
    """The namespace of this store's channel ids: one only its key gives, for an encrypted
    store (so that a guessed slug cannot be found among the ids without it), unless it was
    encrypted before ids were keyed: its ids stay as they were written.

    A store's first write records that its ids are keyed; a store with events but no such
    record is judged by its ids, not by the missing record, which a hand could have deleted.
    """
    namespace = channel_namespace(store.encryption_key)
    if namespace is None:
        return CHANNEL_NAMESPACE
    with recorder.reading_ledger() as ledger:
        ids = ledger.meta(IDS_META) if ledger.exists() else None
    if ids == KEYED_IDS or not recorder.select_notifications(1, 1):
        return namespace  # a new store's first write records that its ids are keyed
    return _judged_namespace(recorder, mapper, namespace, store.describe())


# Said on every command that opens such a store: the promise of docs/operations.md does not
# hold for it until its channels are moved to a store whose ids are keyed.
GUESSABLE_IDS = (
    "this encrypted store's channel ids are derived from their slugs alone (it was encrypted "
    "before ids were keyed): anyone with the file can confirm a guessed slug and count its "
    "events; docs/operations.md (Encrypted stores) says how to move it to keyed ids"
)


def ids_notice(store: Store, namespace: UUID) -> str | None:
    """What the user should know of this store's channel ids: that they can be guessed, for
    an encrypted store whose ids are its slugs' (it was encrypted before ids were keyed)."""
    if namespace == CHANNEL_NAMESPACE and channel_namespace(store.encryption_key) is not None:
        return GUESSABLE_IDS
    return None


def _judged_namespace(recorder: Any, mapper: Any, keyed: UUID, where: str) -> UUID:
    """The namespace the store's first channel was opened in: the slug's (a store encrypted
    before ids were keyed) or the key's (one whose record was lost). Falling back to the
    slug's without looking would make a keyed store's channels unfound, let a slug be opened
    twice and new ids be guessed; so ids of neither kind are damage."""
    from tracker.domain.events import ChannelOpened

    first = recorder.select_notifications(1, 1, topics=[ChannelOpened.TOPIC])
    opening = mapper.to_domain_event(first[0]) if first else None
    if isinstance(opening, ChannelOpened):
        for namespace in (CHANNEL_NAMESPACE, keyed):
            if opening.originator_id == channel_id(opening.slug, namespace):
                return namespace
    raise StoreError(
        f"the store {where} is damaged: its channel ids are neither derived from their slugs "
        "nor from its key; run tracker verify, and restore the store from a backup"
    )


def _judged_encryption(recorder: Any, mapper: Any) -> str | None:
    """The encryption of a store written before it was recorded, judged by its first
    events: plain JSON is no encryption; what this key opens is this key's; anything else
    is another key's. None for a store with no events."""
    from tracker.store.ledger_digest import encryption_marker

    first = recorder.select_notifications(1, 5)
    if not first:
        return None
    for notification in first:
        state = notification.state
        if isinstance(state, bytes) and _plain_json(state):
            return encryption_marker(encrypted=False, key_check=None)
    if mapper.cipher is not None:
        for notification in first:
            try:
                mapper.cipher.decrypt(notification.state)
            except Exception:  # noqa: S112 (another of the first events may open)
                continue
            return str(recorder.encryption)
    return "aes-gcm:unknown key"


def _plain_json(state: bytes) -> bool:
    """Whether stored bytes are an event in clear: a JSON object with its record time."""
    import json

    try:
        found = json.loads(state)
    except ValueError:
        return False
    return isinstance(found, dict) and "recorded" in found
