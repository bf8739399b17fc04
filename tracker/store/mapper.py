"""Stored form of events: compact JSON of the pydantic models, under each class's stable TOPIC.

Event classes may evolve: a class with ``class_version = N`` and methods
``upcast_v1_v2(state)`` … ``upcast_vN-1_vN(state)`` reads every older stored form.
"""

from __future__ import annotations

import json
from typing import Any, cast
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent
from eventsourcing.utils import get_topic, resolve_topic
from pydantic import BaseModel

_UNSEALED = {"originator_id", "originator_version", "seal"}


def encode_state(event: BaseModel) -> bytes:
    """The bytes stored for an event, before any compression or encryption.

    The seal (see store/chain.py) is not part of what it covers, so it is written last, where
    it can be cut off again exactly: ``…,"seal":"sha256:…"}``.
    """
    # model_dump_json(exclude=_UNSEALED), without its wrapper's cost (it runs once an event).
    body = event.__pydantic_serializer__.to_json(event, exclude=_UNSEALED)
    class_version = getattr(type(event), "class_version", 1)
    if class_version > 1:
        body = body[:-1] + b',"class_version":' + str(class_version).encode() + b"}"
    seal = getattr(event, "seal", None)
    if seal:
        body = body[:-1] + b',"seal":' + json.dumps(seal).encode() + b"}"
    return body


def identified(originator_id: UUID | str, version: int, state: bytes) -> bytes:
    """A stored state in its class's current format with the event's identity spliced in
    front, for pydantic to parse as it is (about twice as fast as json.loads + validate)."""
    return (
        f'{{"originator_id":"{originator_id}","originator_version":{version},'.encode() + state[1:]
    )


def upcast(cls: type[Any], state: dict[str, Any]) -> dict[str, Any]:
    """Bring an older stored state up to the class's current version."""
    current = getattr(cls, "class_version", 1)
    version = state.pop("class_version", 1)
    while version < current:
        getattr(cls, f"upcast_v{version}_v{version + 1}")(state)
        version += 1
    return state


class EventNotDecryptable(MapperDeserialisationError):
    """The encryption key given does not open the stored event."""


class EventEncrypted(MapperDeserialisationError):
    """The stored event is encrypted, and no key was given."""


def plaintext(mapper: Mapper[Any], stored_event: StoredEvent) -> bytes:
    """The stored content of an event, decrypted and decompressed."""
    return plaintext_of(mapper, stored_event.state)


def plaintext_of(mapper: Mapper[Any], state: bytes) -> bytes:
    """Stored bytes, decrypted and decompressed."""
    if mapper.cipher:
        try:
            state = mapper.cipher.decrypt(state)
        except ValueError:
            raise EventNotDecryptable(
                "TRACKER_ENCRYPTION_KEY does not open this store's events: it is the wrong key, "
                "or the store was not encrypted"
            ) from None
    elif state[:1] != b"{" and not mapper.compressor:
        raise EventEncrypted(
            "this store's events are encrypted (or damaged); set TRACKER_ENCRYPTION_KEY to its key"
        )
    if mapper.compressor:
        state = mapper.compressor.decompress(state)
    return state


class PydanticMapper(Mapper[UUID]):
    """Maps pydantic events to and from the library's stored events."""

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        assert isinstance(domain_event, BaseModel)
        return self.stored_event(domain_event, encode_state(domain_event))

    def stored_event(self, domain_event: DomainEventProtocol[UUID], content: bytes) -> StoredEvent:
        """The stored event for an event whose ``encode_state`` is ``content`` already."""
        return StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=get_topic(type(domain_event)),
            state=self.stored_state(content),
        )

    def stored_state(self, content: bytes) -> bytes:
        """What is stored for an event's ``encode_state``: compressed, encrypted, if set so."""
        if self.compressor:
            content = self.compressor.compress(content)
        if self.cipher:
            content = self.cipher.encrypt(content)
        return content

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        cls = resolve_topic(stored_event.topic)
        state = plaintext(self, stored_event)
        try:
            if getattr(cls, "class_version", 1) == 1 and state[:1] == b"{" and len(state) > 2:
                # Current format: let pydantic parse the JSON itself.
                spliced = identified(
                    stored_event.originator_id, stored_event.originator_version, state
                )
                return cast(DomainEventProtocol[UUID], cls.model_validate_json(spliced))
            data = upcast(cls, json.loads(state))
            data["originator_id"] = stored_event.originator_id
            data["originator_version"] = stored_event.originator_version
            return cast(DomainEventProtocol[UUID], cls.model_validate(data))
        except Exception as e:
            raise MapperDeserialisationError(
                f"cannot read event {stored_event.originator_version} of "
                f"{stored_event.originator_id} ({stored_event.topic}): {e}"
            ) from e
