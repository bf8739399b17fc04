"""The design's floors: the least any program built on DESIGN.md's fixed choices pays for what
a target measures, timed in the same run as the tracker so that a target can be read against
what the choices themselves cost.

- A recording command: a typer command that validates one frozen pydantic event and saves it
  through an eventsourcing Application on SQLite (MEET, run as `python -c`, as the baseline).
- An import on SQLite: each JSON Lines entry parsed and validated by one pydantic model, one
  pydantic event made of it and encoded, and the events stored by the library's SQLite
  recorder, BATCH to a transaction (`python -m tests.bench.floors FILE STORE`, a new process as
  `tracker import` is). It checks no rule, keeps no ledger and no read model: a floor, not a
  rival. (Not on PostgreSQL: the library's recorder inserts there with executemany in a
  pipeline, which took minutes for 30,000 events; the tracker writes with COPY.)
"""

from __future__ import annotations

import sys
import uuid
from datetime import date
from pathlib import Path
from typing import Any

# `import pydantic` alone is lazy: the baseline loads none of the model machinery that the
# first model class and the first validation load: most of what this floor adds to it.
MEET = """
import eventsourcing.application, pydantic, typer
app = typer.Typer(add_completion=False)
@app.command()
def meet(slug: str, on: str = typer.Option(...), db: str = typer.Option(...)) -> None:
    import os
    from datetime import date
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate, event
    from pydantic import BaseModel, ConfigDict

    class MeetingHeld(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
        slug: str
        on: date

    class Channel(Aggregate):
        @event("MeetingHeld")
        def hold_meeting(self, fact: str) -> None:
            self.fact = fact

    os.environ.update(PERSISTENCE_MODULE="eventsourcing.sqlite", SQLITE_DBNAME=db)
    channel = Channel()
    channel.hold_meeting(MeetingHeld(slug=slug, on=date.fromisoformat(on)).model_dump_json())
    Application().save(channel)
@app.command()
def other() -> None:
    pass
app()
"""


BATCH = 10_000  # events to a transaction: all of them at once would hold a million in memory


def import_entries(path: Path, store: str) -> int:
    """Store every entry of a JSON Lines seed file as one event; the number stored."""
    from eventsourcing.persistence import StoredEvent
    from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore
    from pydantic import BaseModel, ConfigDict, TypeAdapter

    class Source(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid")
        citation: str
        confidence: str | None = None

    class Entry(BaseModel):  # every command's fields beyond these are kept as they are
        model_config = ConfigDict(frozen=True, extra="allow")
        command: str
        on: date
        slug: str | None = None
        slugs: list[str] | None = None
        sources: list[Source] = []

    class Event(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid")
        on: date
        fact: dict[str, Any]
        sources: list[Source] = []

    entry = TypeAdapter(Entry)
    recorder = SQLiteApplicationRecorder(SQLiteDatastore(db_name=store))
    recorder.create_table()
    versions: dict[str, int] = {}
    stored: list[StoredEvent] = []
    count = 0
    with path.open("rb") as lines:
        for line in lines:
            command = entry.validate_json(line)
            slug = command.slug or (command.slugs or [""])[0]
            version = versions[slug] = versions.get(slug, 0) + 1
            event = Event(on=command.on, fact=command.model_extra or {}, sources=command.sources)
            stored.append(
                StoredEvent(
                    originator_id=uuid.uuid5(uuid.NAMESPACE_URL, slug),
                    originator_version=version,
                    topic=f"floor:{command.command}",
                    state=event.__pydantic_serializer__.to_json(event),
                )
            )
            if len(stored) == BATCH:
                recorder.insert_events(stored)
                count, stored = count + len(stored), []
    recorder.insert_events(stored)
    return count + len(stored)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m tests.bench.floors FILE STORE")
    import_entries(Path(sys.argv[1]), sys.argv[2])
