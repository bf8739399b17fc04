"""Which channel a mention is: a recorded one (by its title, its topics, the people who lead
it, or as the channel the article spoke of last), or a new one, with a proposed slug, title and
parties.

Names are compared with rapidfuzz on their distinctive words, the words left when the parties'
names and the words every channel has ("joint", "bilateral" …) are taken out, so that "the
Commercial Issues Working Group" finds "US-China Commercial Issues Working Group" while "the
working group" alone is a reference back, never a match for every working group recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from tracker.domain.values import party_code
from tracker.extraction.catalogue import Catalogue, KnownChannel
from tracker.extraction.mentions import Mention
from tracker.extraction.names import (
    distinctive_words,
    family,
    names_person,
    proposed_slug,
    proposed_title,
    title_family,
)
from tracker.extraction.places import parties_in

MATCH = 85  # rapidfuzz score (0-100) from which two names or topics are the same


@dataclass(frozen=True, slots=True)
class ChannelRef:
    """A channel an article speaks of: recorded (``known``) or proposed."""

    slug: str
    title: str
    parties: tuple[str, ...]  # as the import format takes them: US, CN, EU …
    known: KnownChannel | None = None
    how: str = "named"  # named, described, referred back, by its leads
    level: str | None = None
    noun: str = ""  # of a proposed channel: the noun it was named with

    @property
    def certain(self) -> bool:
        return self.how == "named"


def stored(code: str) -> str:
    try:
        return party_code(code)
    except ValueError:
        return code


@dataclass
class Linker:
    """Links one article's mentions, remembering the channels it has spoken of."""

    catalogue: Catalogue
    article_parties: list[str]  # most named first, as places.main_parties gives them
    spoken_of: list[ChannelRef] = field(default_factory=list)
    proposed: dict[str, ChannelRef] = field(default_factory=dict)  # by slug
    abbreviations: dict[str, ChannelRef] = field(default_factory=dict)  # "WMCC": its channel
    # The recorded channels of the article's parties: the same for every mention of it.
    candidates: list[KnownChannel] = field(init=False)

    def __post_init__(self) -> None:
        self.candidates = [c for c in self.catalogue.channels if self._compatible(c)]

    def _compatible(self, channel: KnownChannel) -> bool:
        # A channel of the parties the article names: both, when it names two; one of them,
        # when it names more (a third is often a place or a subject: "Taiwan", "Geneva").
        named = {stored(p) for p in self.article_parties}
        need = min(2, len(channel.parties)) if len(named) == 2 else min(1, len(named))
        return len(named & set(channel.parties)) >= need

    def link(self, mention: Mention, sentence: str) -> list[ChannelRef]:
        """The channels a mention is; empty when it is none the reader could tell."""
        if mention.noun == "abbreviation":
            found = self.abbreviations.get(mention.text)
            if found:
                self._remember(found)
            return [found] if found else []
        if mention.generic:
            found = self._referred_back(mention.noun)
            if found is None and _INTRODUCED.search(sentence, 0, mention.start):
                # "China and the EU will hold their 25th summit": the parties' own, new here
                found = self._new(mention, sentence) if len(parties_in(sentence)) >= 2 else None
                if found is not None:
                    self._remember(found)
            return [found] if found else []
        ref: ChannelRef | None
        if mention.named:
            known = self._by_name(mention)
            ref = known or self._new(mention, sentence)
            if mention.abbreviation and ref is not None:
                self.abbreviations[mention.abbreviation] = ref
        elif mention.about and not mention.words:
            refs = [r for topic in mention.about if (r := self._by_topic(topic.lower()))]
            if not refs and len(mention.about) > 1 and _several(mention):
                # "dialogues about military, climate and other issues": one channel a topic
                # (but "talks on trade, investment and climate" are one channel's).
                refs = [
                    r
                    for t in mention.about
                    if (
                        r := self._new(replace(mention, words=tuple(t.split()), about=()), sentence)
                    )
                ]
            if refs:
                self._remember(*refs)
                return list(dict.fromkeys(refs))
            ref = self._new(mention, sentence)
        else:
            ref = self._by_description(mention) or self._new(mention, sentence)
        if ref is None:
            return []
        self._remember(ref)
        return [ref]

    def named_in(self, mentions: list[Mention], sentence: str) -> list[ChannelRef]:
        """The channels a sentence names, in its order, leaving what it spoke of last as is."""
        spoken_of = list(self.spoken_of)
        named = [r for m in mentions if m.named for r in self.link(m, sentence)]
        self.spoken_of = spoken_of
        return list(dict.fromkeys(named))

    def forget_unused(self, proposed: set[str]) -> None:
        """Forget the new channels only described (not named) that no proposal is of."""
        self.spoken_of = [
            r for r in self.spoken_of if r.known or r.how == "named" or r.slug in proposed
        ]

    def put_aside(self, slug: str) -> None:
        """A channel that ended: the last a later sentence would refer back to."""
        ended = [r for r in self.spoken_of if r.slug == slug]
        self.spoken_of = [*ended, *(r for r in self.spoken_of if r.slug != slug)]

    def _remember(self, *refs: ChannelRef) -> None:
        for ref in refs:
            if ref in self.spoken_of:
                self.spoken_of.remove(ref)
            self.spoken_of.append(ref)

    def _ref(self, channel: KnownChannel, how: str) -> ChannelRef:
        return ChannelRef(channel.slug, channel.titles[0], channel.parties, channel, how)

    def _by_name(self, mention: Mention) -> ChannelRef | None:
        words = " ".join(distinctive_words(mention.text))
        if not words:
            return None
        kind = family(mention.noun)
        best, score = None, 0.0
        for channel in self.candidates:
            for title in channel.titles:
                theirs = " ".join(distinctive_words(title))
                if not theirs:
                    continue
                if title_family(title) == kind:
                    # The same kind of channel: its name's words may be fewer or more
                    # ("the Commercial Issues Working Group" of a title with "US-China"), or
                    # differ but for a shared one ("Tourism Leadership Summit" of the "travel
                    # and tourism summit").
                    found = fuzz.token_set_ratio(words, theirs)
                    if found >= 60 and set(words.split()) & set(theirs.split()):
                        found = max(found, MATCH)
                else:
                    # Another kind ("Economic Working Group", "economic relations channel"):
                    # only the same name, nearly letter for letter, is the same channel.
                    found = fuzz.ratio(words, theirs)
                if found > score:
                    best, score = channel, found
        return self._ref(best, "named") if best and score >= MATCH else None

    def _topic_score(self, phrase: str, channel: KnownChannel, kind: int = -1) -> float:
        """How well a description fits a channel: as a whole against each of its topics, or
        its words among the distinctive words of a title of the same kind of channel (the
        description's noun, when it has one: "economic working group" is no "economic
        relations channel")."""
        topics = (fuzz.ratio(phrase, topic.lower()) for topic in channel.topics)
        titles = (
            fuzz.token_set_ratio(phrase, " ".join(words))
            if kind < 0 or title_family(title) == kind
            else fuzz.ratio(phrase, " ".join(words))
            for title in channel.titles
            if (words := distinctive_words(title))
        )
        return max((*topics, *titles), default=0.0)

    def _by_topic(self, topic: str, kind: int = -1) -> ChannelRef | None:
        scored = [(self._topic_score(topic, c, kind), c) for c in self.candidates]
        matching = [(s, c) for s, c in scored if s >= MATCH]
        if matching:
            return self._ref(max(matching, key=lambda sc: sc[0])[1], "described")
        # "negotiations on the trade relationship": the one recorded channel of the same kind
        # that shares a distinctive word with the description, if only one does.
        # At least half its words: "nuclear arms control" is not "export control".
        words = set(distinctive_words(topic))
        sharing = [
            c
            for c in self.candidates
            if (kind < 0 or any(title_family(t) == kind for t in c.titles))
            and 2 * len(words & {w for t in (*c.titles, *c.topics) for w in distinctive_words(t)})
            >= max(1, len(words))
        ]
        return self._ref(sharing[0], "described") if len(sharing) == 1 else None

    def _by_description(self, mention: Mention) -> ChannelRef | None:
        phrase = " ".join([*mention.words, *mention.about]).lower()
        return self._by_topic(phrase, family(mention.noun)) if phrase else None

    def _referred_back(self, noun: str) -> ChannelRef | None:
        for ref in reversed(self.spoken_of):
            if noun in ref.title.lower():
                return ChannelRef(ref.slug, ref.title, ref.parties, ref.known, "referred back")
        fitting = [c for c in self.candidates if noun in c.titles[0].lower()]
        if len(fitting) == 1:
            return self._ref(fitting[0], "referred back")
        if self.spoken_of:
            ref = self.spoken_of[-1]
            return ChannelRef(ref.slug, ref.title, ref.parties, ref.known, "referred back")
        return None

    def by_leads(self, sentence: str, after: int = 0) -> ChannelRef | None:
        """The recorded channel whose leads the sentence names: the one channel two of whose
        leads it names, or else the one channel a lead of which it names after ``after``
        (whom someone "met with")."""
        # Two of its leads named are evidence enough, whichever parties the article names.
        both = [
            c
            for c in self.catalogue.channels
            if sum(1 for name in c.lead_names if names_person(name, sentence)) >= 2
        ]
        if len(both) == 1:
            return self._ref(both[0], "by its leads")
        if both:
            return None
        rest = sentence[after:]
        one = [c for c in self.candidates if any(names_person(n, rest) for n in c.lead_names)]
        return self._ref(one[0], "by its leads") if len(one) == 1 else None

    def _new(self, mention: Mention, sentence: str) -> ChannelRef | None:
        """A channel the store does not hold, or None for one none of whose parties is of the
        two the article is about (a council the delegation briefs on the way, in Brussels)."""
        own = parties_in(mention.text)
        if len(own) == 1 and own[0] not in self.article_parties[:2]:
            return None  # "the EU Political and Security Committee": a third party's own body
        # not a country named in a clause of another matter ("… were frozen after Pelosi
        # visited Taiwan"): the parties stand before it
        cut = _OTHER_MATTER.search(sentence, mention.end)
        parties = own or parties_in(sentence[: cut.start() if cut else len(sentence)])
        for party in self.article_parties:
            if len(parties) >= 2:
                break
            if party not in parties:
                parties.append(party)
        # the two the article is about, unless the channel says it has more ("trilateral")
        if (
            len(parties) > 2
            and not parties_in(mention.text)
            and not _TRILATERAL.search(mention.text)
        ):
            parties = parties[:2]
        if set(parties) <= set(self.article_parties):  # "US-China" as the article has it
            parties.sort(key=self.article_parties.index)
        if self.article_parties and not set(parties) & set(self.article_parties[:2]):
            return None
        title = proposed_title(mention, parties)
        slug = proposed_slug(parties, mention)
        for ref in self.proposed.values():
            if ref.title.lower() == title.lower() or self._same_new(ref, mention, parties):
                return ref
        base, n = slug, 2
        while slug in self.proposed or slug in self.catalogue.by_slug:
            slug, n = f"{base[:60]}-{n}", n + 1
        how = "named" if mention.named else "described"
        ref = ChannelRef(slug, title, tuple(parties), None, how, noun=mention.noun)
        self.proposed[slug] = ref
        return ref

    def _same_new(self, ref: ChannelRef, mention: Mention, parties: list[str]) -> bool:
        """True when a channel this article proposed already is the one a mention speaks of:
        the same parties, a noun of the same family, and no words that tell them apart."""
        ours_parties, theirs_parties = set(parties), set(ref.parties)
        # "the QCG" of two parties and "the Afghanistan-Pakistan-US-China QCG": one of the
        # two names all the other's parties
        if not (ours_parties <= theirs_parties or theirs_parties <= ours_parties):
            return False
        if family(ref.noun) != family(mention.noun):
            return False
        if ours_parties != theirs_parties and not mention.named:
            return False
        ours = " ".join(distinctive_words(" ".join([*mention.words, *mention.about])))
        theirs = " ".join(distinctive_words(ref.title))
        if mention.named:  # two names: nearly the same letters ("Strategic Dialogue" is not
            # the "Strategic and Economic Dialogue", nor is the "Strategic Economic Dialogue")
            return (
                bool(ours and theirs)
                and fuzz.ratio(ours, theirs) >= MATCH
                and _joined(mention.text) == _joined(ref.title)
            )
        return not ours or not theirs or fuzz.token_set_ratio(ours, theirs) >= 70


def _joined(name: str) -> bool:
    """True when a name joins two subjects with "and" ("Strategic and Economic Dialogue")."""
    return " and " in name.lower()


# Words that introduce a channel of the parties named ("their 25th summit", "a new dialogue"),
# not one referred back to ("the talks").
_INTRODUCED = re.compile(r"\b(?:their|a|an)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_OTHER_MATTER = re.compile(
    r"\b(?:after|following|because|amid|when|since|before|despite|while)\b", re.IGNORECASE
)
_TRILATERAL = re.compile(r"\btrilateral\b", re.IGNORECASE)

# Nouns plural in form that name one channel: "talks on trade and investment".
_ONE_CHANNEL_PLURALS = frozenset(
    {"talks", "consultations", "negotiations", "discussions", "contacts", "communications"}
)


def _several(mention: Mention) -> bool:
    """Whether a description names several channels: "dialogues about …", not "talks on …"."""
    noun = mention.text.rsplit(maxsplit=1)[-1].lower() if mention.text.strip() else ""
    return noun.endswith("s") and noun not in _ONE_CHANNEL_PLURALS
