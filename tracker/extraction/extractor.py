"""Reading an article into proposed facts.

Each sentence is read for cues (what kind of fact it states), mentions (which channels) and
dates (when, resolved against the day the article was published). A cue takes the mentions
nearest it in its sentence; a rhythm or a plan that names no channel is about the channel the
sentence (or, failing that, the article) spoke of last; a meeting that names none is the
meeting of the channel whose two leads the sentence names, or of none. A channel the store
does not hold gets an opening, so the proposals import as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tracker.domain.dates import FuzzyDate
from tracker.extraction.catalogue import Catalogue
from tracker.extraction.cues import Cue, cues_in
from tracker.extraction.dates import DateMention, find_dates
from tracker.extraction.linking import ChannelRef, Linker
from tracker.extraction.mentions import Mention, mentions_in
from tracker.extraction.places import main_parties
from tracker.extraction.proposal import Kind, Proposal, Quote
from tracker.extraction.sentences import Sentence, sentences

ADDED_OPENING = "the article does not say when the channel began: dated to its first fact"
# A sentence that states the agreement a new channel began with.
_AGREED = re.compile(
    r"\b(?:agree(?:d|s)?|agreement)\b(?:\s+\S+){0,4}?\s+to\s+(?:hold|have|establish|form|set up|"
    r"create|launch|start|begin|exchange|convene)\b",
    re.IGNORECASE,
)

# How far back an undated fact may be placed: the days of the article's own news.
NEWS_DAYS = 14


@dataclass
class _Reading:
    published: dt.date
    linker: Linker
    proposals: list[Proposal]
    news_days: list[dt.date]  # the days the article has dated its news to so far


def extract(article: str, published: dt.date, catalogue: Catalogue) -> list[Proposal]:
    """The facts an article states, as proposals in reading order (all new: known.mark_known
    tells them from the facts the store records)."""
    reading = _Reading(published, Linker(catalogue, main_parties(article)), [], [])
    for sentence in sentences(article):
        _read(sentence, reading)
    return _with_openings(reading.proposals, reading.linker)


def _read(sentence: Sentence, reading: _Reading) -> None:
    text = sentence.text
    if sentence.whole_paragraph and _headline(text):
        # A headline, subheading or caption: the body states what it does, in a sentence.
        return
    cues, _ = cues_in(text)
    past = find_dates(text, reading.published, future=False)
    reading.news_days.extend(
        m.date.earliest
        for m in past
        if m.exact and 0 <= (reading.published - m.date.earliest).days <= NEWS_DAYS
    )
    mentions = mentions_in(text, set(reading.linker.abbreviations))
    cues = _stated(cues, past, reading.published)
    if not cues:
        for mention in mentions:
            if mention.named:  # what the article speaks of, for references back
                reading.linker.link(mention, text)
        return
    owners = _owners(cues, mentions)
    for index, cue in enumerate(cues):
        own = [m for m, o in owners.items() if o == index]
        channels = _channels(cue, own, mentions, text, reading.linker)
        for channel in channels:
            proposal = _proposal(cue, channel, sentence, reading)
            if proposal is None:
                continue
            reading.proposals.append(proposal)
            if proposal.command == "plan" and cue.agreed and _new_thing(text, own):
                # "agreed to hold a travel and tourism summit in early 2024": a channel too
                reading.proposals.append(
                    Proposal(
                        "open",
                        channel.slug,
                        proposal.on,
                        proposal.quote,
                        position=proposal.position,
                    )
                )


def _objects(cue: Cue, own: list[Mention], text: str) -> list[Mention]:
    """The mentions an opening verb opens: its subject, the one right after it, and those
    joined to that by "and" ("launched an Economic Working Group and a Financial …")."""
    kept: list[Mention] = []
    for mention in sorted(own, key=lambda m: m.start):
        near = mention.end <= cue.start or mention.start - cue.end <= 30
        if near or (kept and _JOINED.fullmatch(text[kept[-1].end : mention.start])):
            kept.append(mention)
    return kept


_JOINED = re.compile(r"\s*(?:,|,?\s*and)\s+(?:a|an|the)?\s*", re.IGNORECASE)
_FAMILY_RANK = {
    "dialogue": 0,
    "talks": 0,
    "consultations": 0,
    "consultation": 0,
    "mechanism": 0,
    "2+2": 0,
    "abbreviation": 0,
    "working group": 1,
    "group": 1,
    "summit": 2,
}
# A meeting told by its occasion ("during a two-hour lunch", "in-depth exchanges"): whose,
# only the leads the sentence names can tell.
_AT_A_MEETING = re.compile(
    r"(?:during|at|in|over) |(?:in-depth|candid|frank|productive|constructive) exchanges",
    re.IGNORECASE,
)


def _stated(cues: list[Cue], past: list[DateMention], published: dt.date) -> list[Cue]:
    """The cues that state a fact. A meeting dated after the article's day, whichever way
    its date is read, is one to come: a plan ("hosting the first meeting in early 2024"); a
    bare form ("meet", "host") states no meeting otherwise."""
    stated = []
    for cue in cues:
        if cue.kind == "meet" and not cue.future:
            if any(m.start >= cue.start and m.date.earliest > published for m in past):
                stated.append(replace(cue, future=True))
            elif not cue.bare:
                stated.append(cue)
        else:
            stated.append(cue)
    return stated


def _new_thing(text: str, mentions: list[Mention]) -> bool:
    """True when the sentence names its channel with "a" or "an": one that is new."""
    return any(re.search(r"\b(?:a|an)\s+[“\"]?$", text[: m.start]) for m in mentions)


def _headline(text: str) -> bool:
    """A first line without a full stop: an article's headline."""
    return not text.endswith((".", "!", "?", "”", '"'))


def _owners(cues: list[Cue], mentions: list[Mention]) -> dict[Mention, int]:
    """Each mention's cue: the nearest, a cue before it counting as nearer (verbs come
    before their objects)."""
    owners: dict[Mention, int] = {}
    for mention in mentions:

        def distance(index: int, mention: Mention = mention) -> float:
            cue = cues[index]
            if cue.end <= mention.start:
                return mention.start - cue.end
            if mention.end <= cue.start:
                return (cue.start - mention.end) * 1.5 + 5
            return 0

        owners[mention] = min(range(len(cues)), key=distance)
    return owners


def _channels(
    cue: Cue, own: list[Mention], mentions: list[Mention], text: str, linker: Linker
) -> list[ChannelRef]:
    by_leads = linker.by_leads(text, cue.start) if cue.kind in {"meet", "cadence"} else None
    if _AT_A_MEETING.match(text, cue.start):
        # "agreed at a meeting in Seoul": whose meeting, only the leads it names can tell
        return [by_leads] if by_leads else []
    if cue.kind == "open":
        # What is launched or set up stands next to the verb ("set up a working group"), or
        # is its subject ("the WMCC was established"): not "to create an environment for …
        # talks".
        own = _objects(cue, own, text)
    elif cue.kind == "meet" and len(own) > 1:
        # A delegation led "from the National Security Council to … the Strategic Stability
        # Dialogue": the dialogue is the meeting's channel.
        best = min(_FAMILY_RANK.get(m.noun, 9) for m in own)
        own = [m for m in own if _FAMILY_RANK.get(m.noun, 9) == best]
    refs: list[ChannelRef] = []
    for mention in own:
        refs.extend(r for r in linker.link(mention, text) if r not in refs)
    if refs:
        return refs
    if by_leads:
        return [by_leads]
    if cue.kind in {"cadence"} or (cue.kind == "meet" and cue.future):
        # A rhythm or a plan that names no channel: the one the sentence or article spoke of.
        for mention in mentions:
            if found := linker.link(mention, text):
                return found[:1]
        if linker.spoken_of:
            last = linker.spoken_of[-1]
            return [ChannelRef(last.slug, last.title, last.parties, last.known, "referred back")]
    return []


def _kind(cue: Cue, channel: ChannelRef) -> Kind | None:
    if cue.future and cue.kind in {"meet", "resume"}:
        return "plan"  # "will meet in May", "agreed to resume the dialogue later this month"
    if cue.future and cue.kind in {"suspend", "conclude"}:
        return None  # an intention, not yet a fact
    if cue.kind == "open" and channel.known is not None and channel.known.status == "proposed":
        return "agree"  # "agreed to establish" a channel the store holds as proposed
    return cue.kind


def _proposal(
    cue: Cue, channel: ChannelRef, sentence: Sentence, reading: _Reading
) -> Proposal | None:
    kind = _kind(cue, channel)
    if kind is None:
        return None
    text = sentence.text
    past = find_dates(text, reading.published, future=False)
    on, exact, note = _when(cue, past, reading, text)
    options: dict[str, object] = {}
    if kind == "plan":
        found = _window(cue, find_dates(text, reading.published, future=True), reading)
        if found is None:
            return None  # "will meet again", and no time: nothing to hold the plan to
        window, where = found
        options["window"] = str(window)
        agreed = [m for m in past if m.end <= cue.start and m.start != where]
        if agreed:  # "On Monday they agreed to meet in May"
            on, exact, note = agreed[-1].date, agreed[-1].exact, None
        else:  # a plan is agreed by the day the article reports it, or the day before
            day = reading.published
            on, exact, note = FuzzyDate.parse(f"{day - dt.timedelta(days=1)}/{day}"), False, None
    if kind == "cadence":
        options["level"] = (
            cue.level
            or channel.level
            or (channel.known.level if channel.known else None)
            or "ministerial"
        )
        options["per_year"] = round(cue.per_year or 1, 2)
    if kind in {"meet", "plan"}:
        if cue.level:
            options["level"] = cue.level
        if location := _location(text[cue.end :]):
            options["location"] = location
    confidence = "high" if exact and channel.certain else "medium"
    if channel.how == "referred back" and kind != "cadence":
        confidence = "low" if not exact else "medium"
    notes = [n for n in (note, _how_linked(channel)) if n]
    quote = Quote(text, confidence, "; ".join(notes) or None)  # type: ignore[arg-type]
    return Proposal(kind, channel.slug, str(on), quote, options, position=sentence.start)


def _how_linked(channel: ChannelRef) -> str | None:
    if channel.known is None or channel.how == "named":
        return None
    return f"linked to {channel.slug} {channel.how}"


def _bracketed(text: str, position: int) -> bool:
    return text.rfind("(", 0, position) > text.rfind(")", 0, position)


def _when(
    cue: Cue, past: list[DateMention], reading: _Reading, sentence_text: str = ""
) -> tuple[FuzzyDate, bool, str | None]:
    """The day a fact occurred: the date nearest its cue in the sentence, or else the days
    the article's news happened on."""
    # A date in brackets is a dateline's, the day of the report: not the fact's.
    stated = [
        m
        for m in past
        if m.date.earliest <= reading.published and not _bracketed(sentence_text, m.start)
    ]
    if stated:
        nearest = min(stated, key=lambda m: abs(m.start - cue.end))
        return nearest.date, nearest.exact, None
    days = sorted(set(reading.news_days))
    if days:
        first, last = days[0], days[-1]
        text = first.isoformat() if first == last else f"{first}/{last}"
        return FuzzyDate.parse(text), False, "undated in its sentence: dated to the article's news"
    published = reading.published
    text = f"{published - dt.timedelta(days=1)}/{published}"
    return FuzzyDate.parse(text), False, "undated: dated to the days before publication"


def _window(cue: Cue, future: list[DateMention], reading: _Reading) -> tuple[FuzzyDate, int] | None:
    """When a planned meeting is to be held, and where the sentence says so."""
    # After the words of the plan: "In March, they agreed to meet in May" plans May.
    ahead = [m for m in future if m.date.latest >= reading.published and m.start >= cue.start]
    return (ahead[0].date, ahead[0].start) if ahead else None


_NOT_PLACES = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "A",
    "An",
    "Its",
    "Their",
    "Person",
    "Addition",
    "Particular",
    "Response",
    "Order",
    "Early",
    "Late",
    "Mid",
}


def _location(after: str) -> str | None:
    found = re.search(
        r"\b(?:in|at)\s+((?:[A-Z][\w'’-]+)(?:[ -](?:[A-Z][\w'’-]+)){0,2})", after[:90]
    )
    if found is None:
        return None
    place = found.group(1)
    if place.split()[0] in _NOT_PLACES or (place.isupper() and len(place) <= 4):
        return None
    return place


def _with_openings(proposals: Iterable[Proposal], linker: Linker) -> list[Proposal]:
    """The proposals, each new channel opened before its first fact: by the opening the
    article states, or else by one dated to the channel's earliest fact (so that no fact
    comes before it), which says so in its note unless its sentence states an agreement."""
    ordered = sorted(proposals, key=lambda p: p.position)
    out: list[Proposal] = []
    for proposal in ordered:
        ref = linker.proposed.get(proposal.slug)
        if ref is None:
            out.append(proposal)
            continue
        if any(p.slug == proposal.slug and p.command == "open" for p in out):
            if proposal.command != "open":
                out.append(proposal)
            continue
        facts = [p for p in ordered if p.slug == proposal.slug]
        stated = next((p for p in facts if p.command == "open"), None)
        options = {"title": ref.title, "parties": list(ref.parties)}
        if stated is not None:
            stated.options = {**options, **stated.options}
            stated.position = proposal.position
            out.append(stated)
        else:
            first = min(facts, key=lambda p: FuzzyDate.parse(p.on).earliest)
            note = None if _AGREED.search(first.quote.text) else ADDED_OPENING
            quote = Quote(first.quote.text, "medium", note)
            out.append(
                Proposal(
                    "open", proposal.slug, first.on, quote, options, position=proposal.position
                )
            )
        if proposal.command != "open":
            out.append(proposal)
    return _distinct(out)


def _distinct(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per fact: the same kind, channel, date and options from two sentences
    keep the first (the second's quote adds nothing an import could use)."""
    seen: dict[tuple[object, ...], Proposal] = {}
    out = []
    # A headline's fact is kept only when the body does not state it.
    for p in sorted(proposals, key=lambda p: (_headline(p.quote.text), p.position)):
        key: tuple[object, ...] = (
            p.command,
            p.slug,
            p.on,
            tuple(sorted((k, str(v)) for k, v in p.options.items())),
        )
        if p.command in {"open", "agree", "conclude"}:
            key = (p.command, p.slug)
        if key not in seen:
            seen[key] = p
            out.append(p)
        elif p.quote.text not in {q.text for q in (seen[key].quote, *seen[key].also)}:
            seen[key].also.append(p.quote)
    return sorted(out, key=lambda p: p.position)
