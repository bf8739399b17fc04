"""Every channel of a store, none left out.

Channels are listed by their openings, which hold their slugs. A channel whose opening cannot
be read as one (its kind altered, or its row deleted, behind the tracker's back) would then be
missing from the list, and a command that reads every channel (an export, a report) would
answer for fewer channels without a word. So the list is checked against the ids of the
channels that have events: a channel among those but not listed is damage, reported as the
damage a reading of that one channel finds (EventDamaged, named by the channel's id).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from tracker.domain.events import ChannelOpened
from tracker.domain.values import channel_id
from tracker.store.mapper import EventDamaged


def opening_of(recorder: Any, mapper: Any, channel: UUID) -> ChannelOpened | None:
    """The channel's opening, None when it has no event; EventDamaged when it has events but
    does not begin with its opening (#1, a ChannelOpened)."""
    first = recorder.select_events(channel, limit=1)
    if not first:
        return None
    event = mapper.to_domain_event(first[0])  # an opening that cannot be read says why
    if first[0].originator_version != 1:
        raise EventDamaged("it is missing: the channel has later events but no opening", channel, 1)
    if not isinstance(event, ChannelOpened):
        kind = getattr(event, "KIND", type(event).__name__)
        raise EventDamaged(f"it is a {kind} event, not the channel's opening", channel, 1)
    return event


def unlisted_slugs(
    recorder: Any,
    mapper: Any,
    with_events: Iterable[UUID],
    slugs: Iterable[str],
    id_namespace: UUID,
) -> list[str]:
    """The slugs of the channels with events that ``slugs`` leaves out, read from their
    openings; EventDamaged for the first whose opening cannot be read. ``with_events`` is
    read before ``slugs``, so that a channel opened in between is among ``slugs``; ids are
    derived in the store's namespace (TrackerApplication.channel_id)."""
    listed = {channel_id(slug, id_namespace) for slug in slugs}
    found = []
    for unlisted in sorted(set(with_events) - listed):
        # Listed by its opening's kind, it was left out: its opening is read to say why.
        opening = opening_of(recorder, mapper, unlisted)
        if opening is not None:  # an opening stored under another name of its kind
            found.append(opening.slug)
    return found
