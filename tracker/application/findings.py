"""What ``tracker verify`` finds: problems with stored events, and the whole verification."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID


@dataclass(frozen=True)
class Problem:
    """Something wrong with one stored event."""

    channel: str
    seq: int
    what: str

    def __str__(self) -> str:
        return f"{self.channel} #{self.seq}: {self.what}"


@dataclass
class Verification:
    """What ``tracker verify`` found."""

    channels: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    heads: dict[str, str] = field(default_factory=dict)  # each channel's last seal
    digest: str | None = None  # the store's digest, when its history is intact
    expected: str | None = None  # the digest given to --expect, when it holds
    note: str | None = None  # what verify could not check, and why
    names: dict[UUID, str] = field(default_factory=dict)  # slugs read from the openings

    @property
    def intact(self) -> bool:
        return not self.problems

    def add(self, problem: Problem) -> None:
        """Add a problem, unless one of the same event is reported already."""
        if not any((p.channel, p.seq) == (problem.channel, problem.seq) for p in self.problems):
            self.problems.append(problem)


def missing(first: int, last: int) -> str:
    return "is missing" if first == last else f"is missing, and so are the events up to #{last}"
