"""Stored form of events: compact JSON of the pydantic models, under each class's stable TOPIC.

Event classes may evolve: a class with ``class_version = N`` and methods
``upcast_v1_v2(state)`` … ``upcast_vN-1_vN(state)`` reads every older stored form.

A stored topic only ever names one of the classes the mapper was told of (:meth:`PydanticMapper.
know`): stored data never chooses which code runs. Anything that cannot be read as one of them
is damage, reported as :class:`EventDamaged` with the channel and version it concerns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, cast
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent
from pydantic import BaseModel

_IDENTITY = {"originator_id", "originator_version"}  # the stored row's own columns
# Keys written only when set: an event without them is stored exactly as before they existed.
_WHEN_SET = ("entry_id", "corrects")

# Events written before the store's ledger carry their channel's chain in their stored form:
# the seal of the event before (``"previous":…`` after ``recorded``) and their own (written
# last). Both are storage, not domain data: cut off when the event is read. (Inside a JSON
# string a quote is escaped, so these patterns only ever match the keys themselves.)
_LEGACY_PREVIOUS = re.compile(rb',"previous":(?:null|"(?:sha256|hmac-sha256):[0-9a-f]{64}")')
_LEGACY_SEAL = re.compile(rb',"seal":"(?:sha256|hmac-sha256):[0-9a-f]{64}"\}$')
LEGACY_KEYS = ("previous", "seal")


def encode_state(event: BaseModel) -> bytes:
    """The bytes stored for an event, before any compression or encryption."""
    # model_dump_json(exclude=_IDENTITY), without its wrapper's cost (it runs once an event).
    exclude = _IDENTITY | {k for k in _WHEN_SET if getattr(event, k, None) is None}
    body = event.__pydantic_serializer__.to_json(event, exclude=exclude)
    class_version = getattr(type(event), "class_version", 1)
    if class_version > 1:
        body = body[:-1] + b',"class_version":' + str(class_version).encode() + b"}"
    return body


def without_legacy_chain(state: bytes) -> bytes:
    """A stored state without the chain an event written before the ledger carries."""
    if b'"previous":' not in state:
        return state
    return _LEGACY_SEAL.sub(b"}", _LEGACY_PREVIOUS.sub(b"", state, count=1), count=1)


def identified(originator_id: UUID | str, version: int, state: bytes) -> bytes:
    """A stored state in its class's current format with the event's identity spliced in
    front, for pydantic to parse as it is (about twice as fast as json.loads + validate)."""
    return (
        f'{{"originator_id":"{originator_id}","originator_version":{version},'.encode() + state[1:]
    )


def upcast(cls: type[Any], state: dict[str, Any]) -> dict[str, Any]:
    """Bring an older stored state up to the class's current version."""
    for key in LEGACY_KEYS:
        state.pop(key, None)
    current = getattr(cls, "class_version", 1)
    version = state.pop("class_version", 1)
    while version < current:
        getattr(cls, f"upcast_v{version}_v{version + 1}")(state)
        version += 1
    return state


class EventDamaged(MapperDeserialisationError):
    """A stored event cannot be read as one of the tracker's events: it was damaged.

    ``originator_id`` and ``version`` say which (either may be unknown when the row itself is
    damaged); ``what`` says what is wrong, in words for the user.
    """

    def __init__(self, what: str, originator_id: Any = None, version: Any = None) -> None:
        super().__init__(what)
        self.what = what
        self.originator_id = originator_id
        self.version = version


class EventNotDecryptable(EventDamaged):
    """The store's key (checked when the store was opened) does not open this stored event."""


class EventEncrypted(EventDamaged):
    """The stored event is not plain JSON, and the store has no key."""


def plaintext(mapper: Mapper[Any], stored_event: StoredEvent) -> bytes:
    """The stored content of an event, decrypted and decompressed."""
    try:
        return plaintext_of(mapper, stored_event.state)
    except EventDamaged as e:
        e.originator_id, e.version = stored_event.originator_id, stored_event.originator_version
        raise


def plaintext_of(mapper: Mapper[Any], state: bytes | None) -> bytes:
    """Stored bytes, decrypted and decompressed."""
    if not isinstance(state, bytes | bytearray | memoryview):
        raise EventDamaged("it has no content")
    state = bytes(state)
    if mapper.cipher:
        try:
            state = mapper.cipher.decrypt(state)
        except Exception:
            raise EventNotDecryptable(
                "it cannot be decrypted with the store's key: it was altered, or written with "
                "another key"
            ) from None
    elif state[:1] != b"{" and not mapper.compressor:
        raise EventEncrypted("it is not plain JSON: it is encrypted, or it was altered")
    if mapper.compressor:
        try:
            state = mapper.compressor.decompress(state)
        except Exception:
            raise EventDamaged("it cannot be decompressed") from None
    return state


class PydanticMapper(Mapper[UUID]):
    """Maps pydantic events to and from the library's stored events.

    It reads only the event classes it was told of with :meth:`know`, by their stored TOPIC.
    """

    classes: dict[str, type[BaseModel]]

    def know(self, classes: Mapping[str, type[BaseModel]]) -> None:
        """The event classes stored events may be read as, by the topic stored."""
        self.classes = dict(classes)

    def event_class(self, topic: object, originator_id: Any = None, version: Any = None) -> Any:
        """The class a stored topic names; EventDamaged when it names none of the tracker's."""
        found = self.classes.get(topic) if isinstance(topic, str) else None
        if found is None:
            shown = topic[:80] if isinstance(topic, str) else topic
            raise EventDamaged(
                f"its kind {shown!r} is not one of the tracker's", originator_id, version
            )
        return found

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        assert isinstance(domain_event, BaseModel)
        return self.stored_event(domain_event, encode_state(domain_event))

    def stored_event(self, domain_event: DomainEventProtocol[UUID], content: bytes) -> StoredEvent:
        """The stored event for an event whose ``encode_state`` is ``content`` already."""
        return StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=str(getattr(type(domain_event), "TOPIC")),  # noqa: B009
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
        originator_id, version = stored_event.originator_id, stored_event.originator_version
        cls = self.event_class(stored_event.topic, originator_id, version)
        state = without_legacy_chain(plaintext(self, stored_event))
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
            raise EventDamaged(
                f"it cannot be read as {cls.__name__} ({_reason(e)})", originator_id, version
            ) from e


def _reason(error: Exception) -> str:
    """Why a stored event could not be read, in one short line."""
    errors = getattr(error, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            return f"{where}: {first.get('msg')}" if where else str(first.get("msg"))
        except Exception:  # noqa: S110 (fall back to the error's own words)
            pass
    return " ".join(str(error).split())[:200] or type(error).__name__
