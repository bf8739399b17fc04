"""The channels a fact names as its predecessor or successor (open --follows, conclude
--successor), which need not be recorded yet.

A successor is often recorded after the conclusion, and an analyst backfilling a channel's
past names channels not entered yet: refusing such a slug would block both. It is recorded as
given; a command that records one no channel has warns, once for each slug, naming the channels
recorded that it most likely meant (a typo), as a refused unknown channel does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.domain.events import ChannelOpened, Concluded

if TYPE_CHECKING:
    from tracker.application.base import TrackerApplication

MAX_WARNINGS = 10  # one line each; then a count


@dataclass(frozen=True)
class Named:
    """A channel named by fact #``seq`` of channel ``by``: the one it follows (``option``
    "follows") or its successor ("successor"); ``where`` is the import entry that recorded it
    ("FILE: entry 7"), if an import did."""

    slug: str
    by: str
    seq: int
    option: str
    where: str | None = None

    def warning(self, guess: str, *, recorded: bool) -> str:
        """The warning that no channel is recorded under the slug named."""
        relation = "follows" if self.option == "follows" else "is succeeded by"
        nowhere = "recorded yet" if self.where is None else "recorded yet, nor opened by the file"
        change = f"tracker correct {self.by} {self.seq} --{self.option} SLUG changes it"
        return (
            ("" if self.where is None else f"{self.where}: ")
            + f"{self.by} {relation} {self.slug}, but no channel {self.slug!r} is {nowhere}"
            + guess
            + (f" (recorded as given; {change})" if recorded else "")
        )


def named_by(slug: str, events: Iterable[object], where: str | None = None) -> Iterator[Named]:
    """The channels that events of channel ``slug`` name as its predecessor or successor."""
    for event in events:
        if isinstance(event, ChannelOpened) and event.follows:
            yield Named(event.follows, slug, event.seq, "follows", where)
        elif isinstance(event, Concluded) and event.successor:
            yield Named(event.successor, slug, event.seq, "successor", where)


def unknown_lineage(
    app: TrackerApplication,
    named: Iterable[Named],
    opened: Collection[str] = (),
    *,
    recorded: bool = True,
) -> list[str]:
    """A warning for each slug named that no channel recorded has, nor one of ``opened`` (by
    the same import file), at its first mention; MAX_WARNINGS at most, then a count.
    ``recorded``: the facts were recorded (not a dry run)."""
    first: dict[str, Named] = {}
    for name in named:
        if name.slug not in opened:
            first.setdefault(name.slug, name)
    if not first:
        return []  # the usual case: nothing is read
    present = app._ids_present(first)
    missing = [n for n in first.values() if app.channel_id(n.slug) not in present]
    shown = missing[:MAX_WARNINGS]
    guesses = app.did_you_mean([n.slug for n in shown], opened) if shown else {}
    warnings = [name.warning(guesses[name.slug], recorded=recorded) for name in shown]
    if len(missing) > MAX_WARNINGS:
        warnings.append(
            f"and {len(missing) - MAX_WARNINGS} more channels named as predecessor or "
            "successor that no channel recorded is"
        )
    return warnings
