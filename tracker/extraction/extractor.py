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
from dataclasses import dataclass, field, replace

from tracker.domain.dates import FuzzyDate
from tracker.extraction.assigning import channels_of, owners, shared_channels
from tracker.extraction.catalogue import Catalogue
from tracker.extraction.cue_dates import before_the_news, dates_of
from tracker.extraction.cues import Cue, cues_in
from tracker.extraction.date_lists import listed_with
from tracker.extraction.dates import DateMention
from tracker.extraction.linking import ChannelRef, Linker
from tracker.extraction.mentions import Mention, mentions_in
from tracker.extraction.news import Dates, dated_sentences, news_days
from tracker.extraction.openings import with_openings
from tracker.extraction.places import main_parties
from tracker.extraction.proposal import Kind, Proposal, Quote
from tracker.extraction.quoting import quoted
from tracker.extraction.references import former_or_latter, replacing_opening
from tracker.extraction.sentences import Sentence
from tracker.extraction.sequence import in_recording_order
from tracker.extraction.when import agreed_on, bracketed, location_in, window_of


@dataclass
class _Reading:
    published: dt.date
    linker: Linker
    proposals: list[Proposal]
    news_days: list[dt.date]  # the days the article dates its news to
    named_together: list[ChannelRef] = field(default_factory=list)


def extract(article: str, published: dt.date, catalogue: Catalogue) -> list[Proposal]:
    """The facts an article states, as proposals in an order that imports (sequence.py; all
    new: known.mark_known tells them from the facts the store records)."""
    dated = dated_sentences(article, published)
    reading = _Reading(
        published, Linker(catalogue, main_parties(article)), [], news_days(dated, published)
    )
    for sentence, dates in dated:
        _read(sentence, dates, reading)
    return in_recording_order(with_openings(reading.proposals, reading.linker))


def _read(sentence: Sentence, dates: Dates, reading: _Reading) -> None:
    text = sentence.text
    cues = cues_in(text)
    past = dates.past
    mentions = mentions_in(text, set(reading.linker.abbreviations))
    cues = _stated(cues, past, reading.published, text)
    if not cues:
        for mention in mentions:
            if mention.named:  # what the article speaks of, for references back
                reading.linker.link(mention, text)
        return
    owned = owners(cues, mentions)
    spoken_of, before = len(reading.linker.spoken_of), len(reading.proposals)
    pointed = former_or_latter(text, reading.named_together)
    earlier: tuple[Cue, list[ChannelRef]] | None = None  # the last cue that found channels
    for index, cue in enumerate(cues):
        own = [m for m, o in owned.items() if o == index]
        # "The former was initiated by President Hu … in 2004.": the former's
        channels = (
            [pointed]
            if pointed and not own
            else channels_of(cue, own, mentions, text, reading.linker)
            or shared_channels(earlier, cue, mentions, text, past)
        )
        if channels:
            earlier = (cue, channels)
        # "resumed the talks, suspended since August 2022": the date is the suspension's
        reach = next((c.start for c in cues if c.kind == "meet" and c.start > cue.start), None)
        mine = Dates(dates_of(cue, cues, past, text), dates.future, reach)
        for channel in channels:
            _propose(cue, channel, sentence, reading, mine, new=_new_thing(text, own))
    if len(reading.linker.spoken_of) == spoken_of:
        # No cue took a channel named here ("Following the 23rd meeting of the Special
        # Representatives, … the resumption of the pilgrimage"): what it names is still what
        # the next sentences may refer back to.
        for mention in mentions:
            if mention.named:
                reading.linker.link(mention, text)
    _remember_named(mentions, text, reading)
    for proposal in reading.proposals[before:]:
        if proposal.command == "conclude":
            # what ended is not what "the next meeting" of the sentences after it is of
            reading.linker.put_aside(proposal.slug)
    # "They plan to use the channel to continue their talks on security policies": a
    # channel only described, of which nothing was proposed, is none to refer back to
    reading.linker.forget_unused({p.slug for p in reading.proposals})


# The level of a cadence whose article names none (a guess the proposal says it is).
GUESSED_LEVEL = "ministerial"


def _propose(
    cue: Cue,
    channel: ChannelRef,
    sentence: Sentence,
    reading: _Reading,
    dates: Dates,
    *,
    new: bool,
) -> None:
    proposal = _proposal(cue, channel, sentence, reading, dates)
    if proposal is None:
        return
    reading.proposals.append(proposal)
    if proposal.command == "meet":
        # "The two past summits, in 2000 and 2007, were held": a meeting a date
        reading.proposals.extend(_also_listed(proposal, cue, sentence.text, dates, reading))
    if cue.kind == "meet" and proposal.command == "plan" and cue.agreed and new:
        # "agreed to hold a travel and tourism summit in early 2024": a channel too
        reading.proposals.append(
            Proposal("open", channel.slug, proposal.on, proposal.quote, position=proposal.position)
        )


def _remember_named(mentions: list[Mention], text: str, reading: _Reading) -> None:
    """The channels a sentence names two or more of, in its order: what "the former" and "the
    latter" of the sentences after it are."""
    if sum(1 for m in mentions if m.named) >= 2:
        reading.named_together = reading.linker.named_in(mentions, text)


# Words that speak of the channel the article spoke of last.
def _stated(cues: list[Cue], past: list[DateMention], published: dt.date, text: str) -> list[Cue]:
    """The cues that state a fact. A meeting dated after the article's day, whichever way
    its date is read, is one to come: a plan ("hosting the first meeting in early 2024"); a
    bare form ("meet", "host") states no meeting otherwise, but for a verb in the present
    dated to the last days ("India and the US hold dialogue in New Delhi on Thursday")."""
    stated = []
    for cue in cues:
        # "met in May …, and agreed to meet again next year": a date after the next verb is
        # that verb's
        reach = next((c.start for c in cues if c.start > cue.start), len(text))
        if cue.kind == "meet" and not cue.future:
            if any(cue.start <= m.start < reach and m.date.earliest > published for m in past):
                stated.append(replace(cue, future=True))
            elif not cue.bare or (
                text[cue.start : cue.end].lower() in _PRESENT
                and any(
                    m.start >= cue.end and m.exact and 0 <= (published - m.date.earliest).days <= 7
                    for m in past
                )
            ):
                stated.append(cue)
        else:
            stated.append(cue)
    return stated


_PRESENT = frozenset({"meet", "meets", "hold", "holds", "host", "hosts", "convene", "convenes"})


def _new_thing(text: str, mentions: list[Mention]) -> bool:
    """True when the sentence names its channel with "a" or "an": one that is new."""
    return any(re.search(r"\b(?:a|an)\s+[“\"]?$", text[: m.start]) for m in mentions)


def _also_listed(
    proposal: Proposal, cue: Cue, text: str, dates: Dates, reading: _Reading
) -> list[Proposal]:
    """The meetings of the other dates listed with the one a meeting was dated to."""
    stated = _stated_dates(dates.past, reading, text)
    if not stated:
        return []
    nearest = min(stated, key=lambda m: abs(m.start - cue.end))
    return [
        Proposal(
            proposal.command,
            proposal.slug,
            str(m.date),
            proposal.quote,
            dict(proposal.options),
            position=proposal.position,
        )
        for m in listed_with(stated, nearest, text)
        if m is not nearest
    ]


def _stated_dates(past: list[DateMention], reading: _Reading, text: str) -> list[DateMention]:
    # A date in brackets is a dateline's, the day of the report: not the fact's.
    published = reading.published
    return [m for m in past if m.date.earliest <= published and not bracketed(text, m.start)]


_SOON = re.compile(
    r"\b(?:at an early date|at the earliest(?: convenience| opportunity)?|as soon as possible|"
    r"in the near future|at an appropriate time|when conditions allow)\b",
    re.IGNORECASE,
)


def _proposed(channel: ChannelRef) -> bool:
    return channel.known is not None and channel.known.status == "proposed"


def _kind(cue: Cue, channel: ChannelRef) -> Kind | None:
    if cue.future and cue.kind in {"meet", "resume"}:
        # "will meet in May", "agreed to resume the dialogue later this month"; not "will
        # meet …, but no date was set"
        return None if cue.unsettled else "plan"
    if (
        cue.future
        and cue.kind in {"suspend", "conclude"}
        and not (
            cue.kind == "conclude" and cue.agreed  # "agreed to replace the dialogue with …"
        )
    ):
        return None  # an intention, not yet a fact
    if _proposed(channel) and (cue.kind == "open" or (cue.kind == "meet" and cue.agreed)):
        return "agree"  # "agreed to establish / to hold" a channel the store holds as proposed
    return cue.kind


def _unwindowed(cue: Cue, channel: ChannelRef, text: str) -> Cue | None:
    """What a plan given no time states: a fact agreed now, or nothing ("will meet again")."""
    if _SOON.search(text, cue.end):
        return None  # "agreed to resume the dialogue at an early date": not yet, nor when
    if cue.agreed and (_proposed(channel) or cue.kind == "resume"):
        # "agreed on Aug. 25 to hold high-level talks": the channel the store holds as
        # proposed is agreed; "have agreed to restart the political dialogue": resumed
        return replace(cue, future=False)
    return None


def _proposal(
    cue: Cue, channel: ChannelRef, sentence: Sentence, reading: _Reading, dates: Dates
) -> Proposal | None:
    kind = _kind(cue, channel)
    if kind is None:
        return None
    text, past = sentence.text, dates.past
    on, exact, note = _when(cue, past, reading, text)
    options: dict[str, object] = {}
    if kind == "plan":
        found = window_of(cue.start, dates.future, reading.published, text, past)
        if found is None:
            now = _unwindowed(cue, channel, text)
            return _proposal(now, channel, sentence, reading, dates) if now else None
        window, where = found
        options["window"] = str(window)
        agreed = agreed_on(cue.start, where, past, dates.future, text)
        if agreed:  # "On Monday they agreed to meet in May"
            on, exact, note = agreed.date, agreed.exact, None
        else:  # a plan is agreed by the day the article reports it, or the day before
            on, exact, note = _by_publication(reading.published), False, None
    if kind == "conclude" and not exact:
        # "The mechanism combined and replaced two previous ones: A and B": ended when it began
        replacing = replacing_opening(
            reading.proposals, text[cue.start : cue.end], channel.slug, sentence.start
        )
        if replacing is not None:
            on = FuzzyDate.parse(replacing.on)
            note = f"dated to the opening of {replacing.slug}, which replaced it"
    low = False
    if note and (earlier := before_the_news(cue, text, on, channel.slug, reading.proposals)):
        (on, note), low = earlier, True  # "had been suspended during the pandemic"
    guessed = _cadence_level(cue, channel, options, reading) if kind == "cadence" else None
    if kind in {"meet", "plan"}:
        if cue.level:
            options["level"] = cue.level
        if location := location_in(text[cue.end : dates.reach]):
            options["location"] = location
    confidence = "high" if exact and channel.certain else "medium"
    if (channel.how == "referred back" and kind != "cadence") or low:
        confidence = "low" if not exact else "medium"
    notes = [n for n in (note, guessed, _how_linked(channel)) if n]
    quote = Quote(quoted(text, cue), confidence, "; ".join(notes) or None)  # type: ignore[arg-type]
    return Proposal(kind, channel.slug, str(on), quote, options, position=sentence.start)


def _cadence_level(
    cue: Cue, channel: ChannelRef, options: dict[str, object], reading: _Reading
) -> str | None:
    """Put a cadence's level and rhythm in its options, and say where the level comes from
    if its sentence names none: a cadence is of one level, the sentence's, the channel's, the
    level of its latest meeting the article reports, or else the usual one (a guess)."""
    level = cue.level or channel.level or (channel.known.level if channel.known else None)
    met = [
        str(p.options["level"])
        for p in reading.proposals
        if p.slug == channel.slug and p.command == "meet" and "level" in p.options
    ]
    options["per_year"] = round(cue.per_year or 1, 2)
    if level is None and met:
        options["level"] = met[-1]
        return f"the level of its meeting the article reports ({met[-1]}): check it"
    options["level"] = level or GUESSED_LEVEL
    return None if level else f"the article names no level: {GUESSED_LEVEL} assumed, check it"


def _how_linked(channel: ChannelRef) -> str | None:
    if channel.known is None or channel.how == "named":
        return None
    return f"linked to {channel.slug} {channel.how}"


def _when(
    cue: Cue, past: list[DateMention], reading: _Reading, sentence_text: str = ""
) -> tuple[FuzzyDate, bool, str | None]:
    """The day a fact occurred: the date nearest its cue in the sentence, or else the days
    the article's news happened on."""
    stated = _stated_dates(past, reading, sentence_text)
    if stated:
        nearest = min(stated, key=lambda m: abs(m.start - cue.end))
        # "held the 2024 MMCA meeting in Qingdao, April 3-4": the days within the year
        year = nearest.date
        within = [
            m
            for m in stated
            if year.earliest <= m.date.earliest
            and m.date.latest <= year.latest
            and m.date.latest - m.date.earliest < year.latest - year.earliest
        ]
        if within:
            nearest = min(within, key=lambda m: abs(m.start - cue.end))
        return nearest.date, nearest.exact, None
    days = sorted(set(reading.news_days))
    if days:
        first, last = days[0], days[-1]
        text = first.isoformat() if first == last else f"{first}/{last}"
        return FuzzyDate.parse(text), False, "undated in its sentence: dated to the article's news"
    return (
        _by_publication(reading.published),
        False,
        "undated: dated to the days before publication",
    )


def _by_publication(published: dt.date) -> FuzzyDate:
    """The day before the article was published, or that day (the first day of all alone)."""
    before = published - dt.timedelta(days=1) if published > dt.date.min else published
    return FuzzyDate.parse(f"{before}/{published}")
