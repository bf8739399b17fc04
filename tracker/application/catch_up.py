"""Catching the read model up: the stored events after its tracked position, decoded and
applied by the projector, page by page, then the new position, all in the cursor's transaction.

Apart from the projector (projector.py), which knows facts and rows, not stored events: here an
event's stored form is read as its kind and JSON payload (without building the pydantic model),
and damage is named by the event it is found in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper
from pydantic_core import from_json

from tracker.application.projector import LoadFacts, Projector
from tracker.store.mapper import EventDamaged, PydanticMapper, plaintext_of, upcast
from tracker.store.readmodel.cursor import ReadModelCursor
from tracker.store.readmodel.errors import ReadModelDamaged

PAGE = 5000


class Decoder:
    """Stored events as their kind and JSON payload, for one mapper: what each topic means
    (its kind, and whether its payloads are upcast) is looked up once."""

    def __init__(self, mapper: Mapper[UUID]) -> None:
        assert isinstance(mapper, PydanticMapper)
        self.mapper = mapper
        self.kinds: dict[str, tuple[str, Any]] = {}
        # Stored as plain JSON (neither encrypted nor compressed): read as it is.
        self.plain = not (mapper.cipher or mapper.compressor)

    def __call__(self, topic: str, state: bytes | None) -> tuple[str, dict[str, Any]]:
        known = self.kinds.get(topic)
        if known is None:
            cls = self.mapper.event_class(topic)
            upcasts = cls if getattr(cls, "class_version", 1) > 1 else None
            known = self.kinds[topic] = (str(cls.KIND), upcasts)
        kind, upcasts = known
        if self.plain and type(state) is bytes and state[:1] == b"{":
            content = state
        else:
            content = plaintext_of(self.mapper, state)
        try:
            payload = from_json(content)
        except ValueError as e:
            raise EventDamaged(f"it is not JSON ({e})") from None
        if not isinstance(payload, dict):
            raise EventDamaged("it is not a JSON object")
        return kind, payload if upcasts is None else upcast(upcasts, payload)

    def event(
        self, key: str, version: int, topic: str, state: bytes | None
    ) -> tuple[str, dict[str, Any]]:
        """The kind and payload of one notification; an EventDamaged names its event."""
        try:
            return self(topic, state)
        except EventDamaged as e:
            e.originator_id, e.version = key, version
            raise


def catch_up(
    cursor: ReadModelCursor,
    mapper: Mapper[UUID],
    load_facts: LoadFacts,
    progress: Callable[[int], None] | None = None,
    *,
    stop: int | None = None,
) -> int:
    """Apply every notification after the tracked position (only up to notification ``stop``,
    if given); return how many notifications were read."""
    # Not the library's ProcessApplication with its tracking recorder and select_notifications:
    # the rows, the position and the events they come from are read and written in one
    # transaction of the read model's own connection, which holds the store's lock meanwhile.
    projector = Projector(cursor, load_facts)
    decode = Decoder(mapper)
    position = cursor.position()
    applied = 0
    while True:
        page = cursor.notifications(position, PAGE, stop)
        for _, key, version, topic, state in page:
            kind, payload = decode.event(key, version, topic, state)
            try:
                projector.apply(key, version, kind, payload)
            except (EventDamaged, ReadModelDamaged):
                raise
            except Exception as e:  # a damaged row of the read model, or of the event
                raise ReadModelDamaged(
                    f"event #{version} of the channel with id {key} could not be applied "
                    f"({type(e).__name__})"
                ) from None
        if not page:
            break
        projector.rows.flush()
        position = page[-1][0]
        applied += len(page)
        if progress:
            progress(applied)
    projector.finish()
    cursor.track(position)
    return applied
