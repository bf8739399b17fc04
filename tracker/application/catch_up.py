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


def decode(mapper: Mapper[UUID], topic: str, state: bytes | None) -> tuple[str, dict[str, Any]]:
    """The kind and JSON payload of a stored event, without building the pydantic model."""
    assert isinstance(mapper, PydanticMapper)
    cls = mapper.event_class(topic)
    content = plaintext_of(mapper, state)
    try:
        payload = from_json(content)
    except ValueError as e:
        raise EventDamaged(f"it is not JSON ({e})") from None
    if not isinstance(payload, dict):
        raise EventDamaged("it is not a JSON object")
    return str(cls.KIND), upcast(cls, payload) if getattr(cls, "class_version", 1) > 1 else payload


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
    position = cursor.position()
    applied = 0
    while True:
        page = cursor.notifications(position, PAGE, stop)
        for _, key, version, topic, state in page:
            try:
                kind, payload = decode(mapper, topic, state)
            except EventDamaged as e:
                e.originator_id, e.version = key, version
                raise
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
