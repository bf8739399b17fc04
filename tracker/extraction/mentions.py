"""Where a sentence names a dialogue channel.

Three ways: by its name ("the Commercial Issues Working Group", "the U.S.-India 2+2
Ministerial Dialogue"), by a description ("military talks", "an information exchange on export
controls", "dialogues with Washington about military, climate and other issues"), or by a
reference back to one named before ("the working group", "the dialogue").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.extraction.date_words import MONTH, WEEKDAY
from tracker.extraction.places import parties_in, party_pair
from tracker.extraction.topics import topics_of
from tracker.extraction.vocabulary import (
    CHANNEL_WORDS,
    DETERMINERS,
    JOINING,
    LOOSE_NOUNS,
    MULTILATERAL,
    NAME_NOUNS,
    NOT_DESCRIPTIVE,
    ORDINALS,
    TOPIC_WORDS,
)

_NAMED = re.compile(rf"\b(?:{NAME_NOUNS})(?![\w-])")
# A word of a name: capitalised, a number, an abbreviation, or "2+2".
_NAME_WORD = re.compile(r"(?:[A-Z][\w'’.&–-]*|[0-9]+(?:\+[0-9]+)?(?:st|nd|rd|th)?|U\.S\.[\w.-]*)$")
# What may follow a channel noun in a name ("Working Mechanism for Consultation and
# Coordination on Border Affairs"), and an abbreviation in brackets after it ("(WMCC)").
_NOT_NAMES = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b)"
)
_NAME_GOES_ON = re.compile(
    rf"(?:\s+(?:for|on|of|and)\s+(?:the\s+)?{_NOT_NAMES}[A-Z][\w'’-]*"
    rf"(?:\s+(?:and\s+)?{_NOT_NAMES}[A-Z][\w'’-]*)*)*"
)
_QUOTES = "\"“‘'"
_SECOND_NAME = re.compile(rf"\band\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+)*(?:{NAME_NOUNS})$")
_ABBREVIATION = re.compile(r"\s*\((?P<abbreviation>[A-Z][A-Za-z0-9+&-]{1,9})\)")
# "the 23rd meeting of the Special Representatives on the Boundary Question": a channel's
# name after "meeting of", whatever noun it ends with.
_ROUND_OF = re.compile(
    r"\b(?:meeting|round|session)s?\s+of\s+(?:the\s+)?"
    # a word of it may hold a hyphen or an en dash (between its parties), or full stops ("U.S.")
    rf"(?P<name>[A-Z][\w'’.&+–-]*(?:\s+(?:(?:of|on|and|for|the)\s+)*{_NOT_NAMES}[A-Z][\w'’.&+–-]*)+)"
)
# "the Special Representatives (SR) dialogue": a capitalised name, its abbreviation, and a
# channel noun in lower case.
_NAME_BEFORE_ABBREVIATION = re.compile(
    r"(?P<name>(?:[A-Z][\w'’-]*\s+){1,5})\((?P<abbreviation>[A-Z][A-Za-z0-9+&-]{1,9})\)\s+"
    r"(?P<noun>working group|dialogue|talks|consultations?|mechanism|summit|forum|"
    r"commission|committee|council|exchange|channel)\b"
    # "the Military Maritime Consultative Agreement talks": a name of two words or more after
    # "the", its noun in lower case (a verb "talks" has no "the" before its subject's name)
    r"|(?<=\b[Tt]he )(?P<long_name>(?:[A-Z][\w'’-]*\s+){2,6})"
    r"(?P<long_noun>talks|dialogue|consultations|mechanism|working group)\b"
)
# People meeting about something: "have experts meet to discuss disputes over trade secrets".
_PEOPLE_MEET = re.compile(
    r"\b(?P<who>experts|officials|ministers|deputies|negotiators|envoys|diplomats)\s+"
    r"(?P<noun>meet)\s+(?:regularly\s+)?"
    r"(?:to\s+[“\"]?(?:\w+\s+){0,3}?(?:discuss|resolve|address)|on|about|over)\s+"
    r"(?P<about>(?:(?:disputes?|issues?|concerns?|differences?)\s+(?:over|about|on)\s+)?"
    r"(?:protecting\s+|resolving\s+)?(?:[^.;:,]|\.(?=\w))+)"
)

_DESCRIBED = re.compile(
    # words in lower case, an acronym ("AI talks"), a possessive ("finance ministers' dialogue"),
    # a capital at the start of a sentence ("Climate talks between …"; only topic words count)
    r"\b(?P<words>(?:(?:[a-z0-9][a-z0-9+-]+|[A-Z]{2,4}|[a-z]+s['’]|(?<![\w ])[A-Z][a-z]+)\s+)"
    r"{0,3}?)"
    r"(?P<noun>working groups?|task force|dialogues?|talks|consultations?|mechanisms?|"
    r"information exchanges?|exchanges? of information|exchange information|summits?|"
    r"commissions?|committees?|forums?|hotlines?|channels?|group|negotiations|meetings|body|"
    r"contacts|communications|discussions)\b"
    r"(?P<about>(?:\s+with\s+[A-Z][\w.]*)?\s+(?:on|about|over|concerning|regarding|to discuss)"
    r"\s+(?:[^.;:]|\.(?=\w|\s+[a-z]))+)?"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """Words of a sentence that name or describe a channel, or refer back to one."""

    text: str
    start: int
    end: int
    named: bool  # a proper name, capitalised
    noun: str  # the channel noun, lowercase ("working group", "dialogue" …)
    words: tuple[str, ...] = ()  # its distinctive words, lowercase
    about: tuple[str, ...] = field(default=())  # what it is about: topics
    abbreviation: str | None = None  # "(WMCC)" after its name

    @property
    def generic(self) -> bool:
        """A reference back ("the working group"): a noun and nothing to tell it apart."""
        return not self.named and not self.words and not self.about


def _noun(text: str) -> str:
    lowered = text.lower()
    if "information" in lowered:
        return "information exchange"
    for noun in ("working group", "task force", "exchange"):
        if noun in lowered:
            return noun
    last = lowered.split()[-1] if lowered.split() else lowered
    return last[:-1] if last.endswith("s") and last not in {"talks", "consultations"} else last


def _ordinal(word: str) -> bool:
    return word.lower() in ORDINALS or bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", word))


# A day or a month is no word of a name: "met in Tokyo on Monday for the … Dialogue".
_DAY_OR_MONTH = re.compile(rf"(?:{MONTH}|{WEEKDAY}),?", re.IGNORECASE)


def _begins_after(word: str, kept: list[str]) -> bool:
    """Whether a name, read backwards from its noun, begins after ``word``: a day or a month,
    "the" ("met in Tokyo for the US-Japan … Dialogue"), or the word before the parties that
    begin it ("for US-Japan …")."""
    if _DAY_OR_MONTH.fullmatch(word):
        return True
    return bool(kept) and (word == "the" or (word in JOINING and party_pair(kept[0])))


def _named(sentence: str) -> list[Mention]:
    found: list[Mention] = []
    for noun in _NAMED.finditer(sentence):
        words = sentence[: noun.start()].split()
        kept: list[str] = []
        while words:
            word = words[-1]
            if _begins_after(word, kept):
                break
            if word.isalpha() and _NAMED.fullmatch(word) and word not in LOOSE_NOUNS and kept:
                # another name's noun: "A Dialogue and B Dialogue" are two names (but the
                # "Partnership Forum" and the "Bilateral Consultation Mechanism" are one)
                break
            opened = word[:1] in _QUOTES  # "the so-called “Energy Forum”": the name begins
            name_word = _NAME_WORD.match(word.strip(",").lstrip(_QUOTES)) and not word.endswith(",")
            if name_word or (word in JOINING and kept):
                kept.insert(0, words.pop().lstrip(_QUOTES))
                if opened:
                    break
            else:
                break
        while kept and (kept[0] in JOINING or _ordinal(kept[0])):
            kept.pop(0)
        goes_on = _NAME_GOES_ON.match(sentence, noun.end())
        end = goes_on.end() if goes_on else noun.end()
        # "the Working Group on Principles and Objectives …": a name that begins with its noun
        if not kept and noun.group(0) != "2+2" and end == noun.end():
            continue  # "Talks" alone starts a sentence, or is a word of a title
        if kept and noun.group(0) in LOOSE_NOUNS and kept[-1].lower() not in CHANNEL_WORDS:
            continue  # "Mintz Group", "Paris Agreement Framework": a firm or a text
        if _SECOND_NAME.search(sentence, noun.end(), end):
            end = noun.end()  # "A Dialogue and B Economic Dialogue": two names, not one
        name = " ".join([*kept, sentence[noun.start() : end]])
        start = max(sentence.rfind(name, 0, end) if kept else noun.start(), 0)
        bracket = _ABBREVIATION.match(sentence, end)
        distinctive = tuple(
            w.lower().strip(",.") for w in name.split() if not _ordinal(w) and w not in JOINING
        )
        found.append(
            Mention(
                name,
                start,
                end,
                True,
                _noun(noun.group(0)),
                distinctive,
                abbreviation=bracket["abbreviation"] if bracket else None,
            )
        )
    # "the Bilateral Consultation Mechanism on …": one name, not also its "Consultation"
    found = [m for m in found if not any(o is not m and o.start <= m.start and m.end <= o.end
                                         for o in found)]  # fmt: skip
    found.extend(_rounds_of(sentence, found))
    longer = _abbreviated(sentence, found)
    # "the Coast Guard Cooperation Mechanism talks": the whole name, not its "Mechanism"
    found = [m for m in found if not any(o.start <= m.start and m.end <= o.end for o in longer)]
    return sorted([*found, *longer], key=lambda m: m.start)


def _rounds_of(sentence: str, found: list[Mention]) -> list[Mention]:
    """ "The 23rd meeting of the Special Representatives": named by a meeting of it."""
    rounds: list[Mention] = []
    for round_of in _ROUND_OF.finditer(sentence):
        # "… of the Military Maritime Consultative Agreement.": the sentence's full stop is no
        # part of the name, an abbreviation's ("U.S.") is
        name = re.sub(r"(?<![A-Z]\.[A-Z])\.$", "", round_of["name"])
        if any(m.start <= round_of.start("name") < m.end for m in found):
            continue
        if _only_parties(name):
            continue  # "a meeting of the Chinese and US delegations": of whom, not of what
        bracket = _ABBREVIATION.match(sentence, round_of.end("name"))
        rounds.append(
            Mention(
                name,
                round_of.start("name"),
                round_of.start("name") + len(name),
                True,
                "talks",
                tuple(w.lower() for w in name.split() if w not in JOINING),
                abbreviation=bracket["abbreviation"] if bracket else None,
            )
        )
    return rounds


def _abbreviated(sentence: str, found: list[Mention]) -> list[Mention]:
    """ "The Special Representatives (SR) dialogue": a name, its abbreviation, its noun."""
    named: list[Mention] = []
    for abbreviated in _NAME_BEFORE_ABBREVIATION.finditer(sentence):
        if any(m.start <= abbreviated.start() and abbreviated.end() <= m.end for m in found):
            continue
        name = (abbreviated["name"] or abbreviated["long_name"]).strip()
        if _only_parties(name):
            continue
        noun = abbreviated["noun"] or abbreviated["long_noun"]
        named.append(
            Mention(
                f"{name} {noun}",
                abbreviated.start(),
                abbreviated.end(),
                True,
                _noun(noun),
                tuple(w.lower() for w in name.split() if w not in JOINING),
                abbreviation=abbreviated["abbreviation"],
            )
        )
    return named


def _only_parties(name: str) -> bool:
    """True when a name's words are all parties' ("Chinese and US"): it names no channel."""
    words = [w for w in name.split() if w not in JOINING]
    return all(parties_in(part) for w in words for part in re.split(r"[-–]", w) if part)


def abbreviations_in(sentence: str, known: set[str]) -> list[Mention]:
    """The abbreviations of channels named earlier ("the WMCC") that the sentence uses."""
    return [
        Mention(m.group(0), m.start(), m.end(), True, "abbreviation", (m.group(0).lower(),))
        for m in re.finditer(r"\b[A-Z][A-Za-z0-9+&-]{1,9}\b", sentence)
        if m.group(0) in known and sentence[m.start() - 1 : m.start()] != "("
    ]


def _described(sentence: str, named: list[Mention]) -> list[Mention]:
    found: list[Mention] = []
    for match in _DESCRIBED.finditer(sentence):
        if any(m.start <= match.start("noun") < m.end for m in named):
            continue
        written = match.group("words").split()
        if DETERMINERS & set(written):  # "resume the military talks": after the determiner
            last = max(i for i, w in enumerate(written) if w in DETERMINERS)
            written = written[last + 1 :]
        # The description begins after the last word that does not describe ("AI" does).
        while written and (
            written[0] in NOT_DESCRIPTIVE
            or (
                (len(written[0]) <= 2 or written[0][0].isupper())
                and written[0].lower() not in TOPIC_WORDS
            )
        ):
            written.pop(0)
        # "military-to-military talks" are military talks
        words = tuple(
            dict.fromkeys(
                part
                for w in (w.lower().rstrip("'’") for w in written)
                for part in ([w] if w in TOPIC_WORDS else w.split("-"))
                if part in TOPIC_WORDS
            )
        )
        about = topics_of(match.group("about"))
        start = match.start("noun")
        if written:
            start = sentence.rfind(" ".join(written), match.start(), match.start("noun"))
        if written and re.search(r"\b(?:a|an)\s+$", sentence[:start]):
            # "form a crisis management mechanism": an indefinite description names a new
            # channel, by all its words
            words = tuple(
                w for w in written if w not in NOT_DESCRIPTIVE and not w.endswith(("ed", "ing"))
            )
        text, noun = sentence[start : match.end("noun")], _noun(match.group("noun"))
        plural = match.group("noun").endswith("s") and noun not in {"talks", "consultations"}
        # "the economic and financial working groups": one channel a word
        for group in [(w,) for w in words] if plural and "and" in written else [words]:
            found.append(Mention(text, start, match.end("noun"), False, noun, group, about))
    return found


_MULTILATERAL = re.compile(rf"\b(?:{MULTILATERAL})(?![\w-])")


def mentions_in(sentence: str, abbreviations: set[str] | None = None) -> list[Mention]:
    """The channels a sentence names, describes or refers back to, left to right
    (``abbreviations``: those the article has given channels so far)."""
    every = _named(sentence)
    named = [
        m
        for m in every
        # "the U.S.-India 2+2 Ministerial Dialogue" holds "U.S.-India 2+2": keep the longest.
        if not any(o is not m and o.start <= m.start and m.end < o.end for o in every)
        and not _MULTILATERAL.search(m.text)
    ]
    people = [
        Mention(
            m.group(0),
            m.start(),
            m.end(),
            False,
            "talks",
            (m.group("who").rstrip("s"),),
            topics_of(
                " on "
                + re.sub(
                    r"^(?:\w+\s+(?:over|about|on)\s+)?(?:protecting|resolving)?\s*",
                    "",
                    m.group("about"),
                )
            ),
        )
        for m in _PEOPLE_MEET.finditer(sentence)
    ]
    shorts = abbreviations_in(sentence, abbreviations or set())
    named = [m for m in named if not any(s.start <= m.start < s.end for s in shorts)]
    described = [
        m
        for m in _described(sentence, named)
        # "negotiations" and "meetings" name a channel only when told what about
        if not (
            m.noun in {"negotiation", "meeting", "body", "contact", "communication"}
            and not m.words
            and not m.about
        )
        if not any(s.start <= m.start < s.end or m.start <= s.start < m.end for s in shorts)
    ]
    return sorted([*named, *described, *people, *shorts], key=lambda m: m.start)
