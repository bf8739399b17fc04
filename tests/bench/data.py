"""Synthetic seed files: many channels, each with a long, valid, mostly chronological life."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

COUNTRIES = ["US", "CN", "JP", "DE", "FR", "GB", "IN", "BR", "ZA", "AU", "KR", "MX", "CA", "IT"]
LEVELS = ["ministerial", "vice-ministerial", "senior-official", "expert"]
# Every channel agrees the same few plans early in its life, whatever its length: a longer
# channel has more meetings (more events), not more to show on the dashboard.
PLAN_AT = (10, 25, 40)  # the entry from which each plan is made


# Facts dated after today are refused: a channel whose life would run past this day starts as
# much earlier (a long channel of 10,000 events spans some 270 years), the same life otherwise.
LAST_DAY = dt.date(2020, 12, 31)


def channel_entries(number: int, events: int, rng: random.Random) -> list[dict[str, object]]:
    """One channel: opened, two cadences, then meetings, with a suspension now and then; every
    fact (a plan's window aside) on or before LAST_DAY."""
    state = rng.getstate()
    entries, last = _channel_life(number, events, rng, 0)
    if last > LAST_DAY:
        rng.setstate(state)
        entries, last = _channel_life(number, events, rng, (last - LAST_DAY).days)
    return entries


def _channel_life(
    number: int, events: int, rng: random.Random, earlier_by: int
) -> tuple[list[dict[str, object]], dt.date]:
    slug = f"bench-{number:06d}"
    a, b = rng.sample(COUNTRIES, 2)
    day = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(3650) - earlier_by)
    entries: list[dict[str, object]] = [
        {"command": "open", "slug": slug, "title": f"Dialogue {number}", "parties": [a, b],
         "on": day.isoformat(), "level": "ministerial", "topics": ["trade"],
         "sources": [{"citation": "Synthetic benchmark data", "confidence": "low"}]},
        {"command": "cadence", "slug": slug, "level": "ministerial", "per_year": 1,
         "on": day.isoformat()},
        {"command": "cadence", "slug": slug, "level": "vice-ministerial", "per_year": 2,
         "on": day.isoformat()},
    ]  # fmt: skip
    suspended, plans = False, 0
    while len(entries) < events:
        day += dt.timedelta(days=rng.randrange(1, 20))
        roll = rng.random()
        if suspended and roll < 0.5:
            entries.append({"command": "resume", "slugs": [slug], "on": day.isoformat()})
            suspended = False
        elif suspended:
            continue
        elif roll < 0.02:
            entries.append({"command": "suspend", "slugs": [slug], "on": day.isoformat(), "by": a})
            suspended = True
        elif plans < len(PLAN_AT) and len(entries) >= PLAN_AT[plans]:
            window = f"{day + dt.timedelta(days=30)}/{day + dt.timedelta(days=120)}"
            entries.append({"command": "plan", "slug": slug, "on": day.isoformat(),
                            "window": window, "level": rng.choice(LEVELS[:2])})  # fmt: skip
            plans += 1
        else:
            entries.append(
                {"command": "meet", "slug": slug, "on": day.isoformat(),
                 "level": rng.choice(LEVELS), "location": f"City {rng.randrange(500)}",
                 "summary": "Talks continued.",
                 "sources": [{"citation": f"Report {rng.randrange(10**6)}",
                              "confidence": "medium"}]}
            )  # fmt: skip
    return entries, day


def write_jsonl(path: Path, channels: int, events_per_channel: int, seed: int = 7) -> int:
    """Write a seed file; return the number of events it records."""
    rng = random.Random(seed)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(channels):
            for entry in channel_entries(number, events_per_channel, rng):
                out.write(json.dumps(entry) + "\n")
                count += 1
    return count
