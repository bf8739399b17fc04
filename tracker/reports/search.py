"""The answer of ``tracker search``: one line per fact found, or the same as JSON."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tracker.reports.escaping import printable
from tracker.reports.views import View

if TYPE_CHECKING:
    from tracker.application.searching import Found


def found_views(found: Iterable[Found]) -> list[View]:
    """Each fact found: its channel, number, kind, date (as reported) and snippet."""
    return [
        {
            "channel": f.channel,
            "seq": f.seq,
            "kind": f.kind,
            "occurred": f.occurred,
            "snippet": f.snippet,
        }
        for f in found
    ]


def found_text(views: list[View], text: str, when: str = "") -> str:
    """``slug #seq kind occurred: snippet`` per fact, the words found in [brackets]; or that
    nothing matches (``when``: as of a day, as known on a moment)."""
    if not views:
        return f'nothing matches "{printable(text)}"{when}'
    return "\n".join(
        f"{v['channel']} #{v['seq']} {v['kind']} {v['occurred']}: {printable(v['snippet'])}"
        for v in views
    )
