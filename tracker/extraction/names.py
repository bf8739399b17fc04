"""How channels and people are named: a name's distinctive words, the kind of channel a noun
names, the title and slug proposed for a new channel, and whether a sentence names a person."""

from __future__ import annotations

import re

from tracker.domain.values import MAX_TITLE
from tracker.extraction.mentions import Mention
from tracker.extraction.places import parties_in

_COMMON = {
    "joint",
    "bilateral",
    "high-level",
    "ministerial",
    "the",
    "of",
    "on",
    "and",
    "for",
    "in",
    "between",
    "us",
    "u.s.",
    "usa",
    "working",
    "group",
    "dialogue",
    "dialogues",
    "talks",
    "consultations",
    "consultation",
    "channel",
    "mechanism",
    "meeting",
    "meetings",
    "summit",
    "commission",
    "committee",
    "forum",
    "exchange",
    "council",
}
_COMBINING = {"sino", "indo", "pak", "af"}  # "sino-us", "indo-pak": parties
_SHORT_NAMES = {"US": "US", "CN": "China", "GB": "UK", "KR": "South Korea", "RU": "Russia"}
_SLUG_NOUNS = {"working group": "wg", "information exchange": "exchange", "task force": "tf"}


def distinctive_words(text: str) -> list[str]:
    """The distinctive words of a name, lowercase."""
    out: list[str] = []
    for word in re.split(r"[\s/]+", text.lower()):
        bare = word.strip(".,“”\"'’()")
        parts = [p for p in re.split(r"[-–]", bare) if p]
        if bare in _COMMON or not bare:
            continue
        if parts and all(
            p in _COMBINING
            or parties_in(p.upper() if len(p) <= 3 else p.title())
            or parties_in(p.upper() + ".")  # "u.s" of "China-U.S."
            for p in parts
        ):
            continue  # "u.s.-india", "china": the parties, not the channel's name
        out.append(bare)
    return out


_FAMILIES = (
    {"summit"},
    {"dialogue", "talks", "consultation", "consultations", "mechanism", "meeting", "2+2"}
    | {"negotiation", "negotiations", "discussion", "discussions"},
    {"working group", "group", "task force"},
    {"exchange", "information exchange"},
    {"commission", "committee", "council", "forum", "conference", "roundtable"},
)


def family(noun: str) -> int:
    return next((i for i, family in enumerate(_FAMILIES) if noun in family), -1)


def title_family(title: str) -> int:
    """The family of the channel noun a title ends its name with (the last one it holds)."""
    lowered = title.lower()
    found = [
        (lowered.rfind(noun), i)
        for i, family in enumerate(_FAMILIES)
        for noun in family
        if re.search(rf"\b{re.escape(noun)}", lowered)
    ]
    return max(found)[1] if found else -1


def names_person(name: str, sentence: str) -> bool:
    """True when the sentence names this person: the whole name, or the family name (the
    first word of a Chinese, Japanese or Korean name is its family name, as news copy writes
    it; else the last), but never a family name that is also an English word ("He")."""
    if name in sentence:
        return True
    words = name.split()
    if len(words) < 2:
        return False
    for family, given, after in ((words[-1], words[0], False), (words[0], words[1], True)):
        if family.lower() in _ENGLISH or not family[:1].isupper():
            continue
        # "Wang Yi" is not Wang Wentao; "Justin Raimondo" is not Gina Raimondo
        other = (
            # "Wang Yi" is not Wang Wentao, and in "Wu Xi", Xi is a given name
            rf"\b{re.escape(family)}\s+(?!{re.escape(given)}\b)[A-Z][\w-]*"
            rf"|\b(?!{_TITLES}\b)[A-Z][\w-]*\s+{re.escape(family)}\b"
            if after
            else rf"\b(?!{re.escape(given)}\b|{_TITLES}\b)[A-Z][\w-]*\s+{re.escape(family)}\b"
        )
        for found in re.finditer(rf"\b{re.escape(family)}\b", sentence):
            if not any(o.start() <= found.start() < o.end() for o in re.finditer(other, sentence)):
                return True
    return False


# Words before a family name that are not a given name: "Secretary Raimondo", "Mr. Wang".
_TITLES = (
    r"(?:Secretary|Minister|Premier|President|Vice|Ambassador|Envoy|Director|Councilor|"
    r"Chairman|Chair|Commissioner|Representative|Adviser|Advisor|Counselor|Deputy|General|"
    r"Admiral|Mr|Mrs|Ms|Dr|Madam|Senator|Governor|Chancellor|Spokesperson|Spokesman|"
    r"Spokeswoman|Under|Assistant|Special|Foreign|Defense|Defence|Commerce|Trade|Finance|"
    r"Treasury|State|The|And|With|By|Of|As|When|After|Before)"
)


# Family names that are also English words: only the whole name counts for them.
_ENGLISH = {
    "he",
    "ma",
    "an",
    "do",
    "go",
    "so",
    "no",
    "to",
    "in",
    "on",
    "or",
    "as",
    "at",
    "by",
    "it",
    "us",
    "we",
    "be",
    "king",
    "long",
    "young",
    "white",
    "black",
    "brown",
    "green",
    "may",
    "will",
    "rice",
    "bush",
    "power",
    "price",
    "kerry",
    "mark",
    "case",
    "hill",
}


def _short(code: str) -> str:
    if code in _SHORT_NAMES:
        return _SHORT_NAMES[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return str(getattr(country, "common_name", None) or getattr(country, "name", code))


def proposed_title(mention: Mention, parties: list[str]) -> str:
    """The title proposed for a new channel, at most MAX_TITLE characters (cut between
    words)."""
    title = _title(mention, parties)
    if len(title) <= MAX_TITLE:
        return title
    return title[: title.rfind(" ", 0, MAX_TITLE)].rstrip(" ,;")


def _title(mention: Mention, parties: list[str]) -> str:
    who = "–".join(_short(p) for p in parties)  # none, when the article names no parties
    if mention.named:
        text = mention.text
        return text if parties_in(text) else f"{who} {text}".strip()
    about = f" on {', '.join(mention.about)}" if mention.about else ""
    # the words as the article writes an acronym ("AI talks"), the others in lower case
    acronyms = {w.lower(): w for w in re.findall(r"\b[A-Z]{2,4}\b", mention.text)}
    words = [acronyms.get(w, w) for w in mention.words]
    return " ".join(w for w in (who, *words, mention.noun) if w) + about


def _named_words(name: str) -> list[str]:
    """A name's distinctive words in its order, with the "and" that joins two of them: the
    "Strategic and Economic Dialogue" is not the "Strategic Economic Dialogue"."""
    kept = set(distinctive_words(name))
    words = [bare for w in name.lower().split() if (bare := w.strip(".,“”\"'’()"))]
    found = [w for w in words if w in kept or w == "and"]
    while found and found[0] == "and":
        found.pop(0)
    while found and found[-1] == "and":
        found.pop()
    return [w for i, w in enumerate(found) if w != "and" or found[i - 1] != "and"]


def proposed_slug(parties: list[str], mention: Mention) -> str:
    words = _named_words(mention.text) if mention.named else [*mention.words]
    if not mention.named and mention.about:
        words += mention.about[0].split()[:2]
    noun = _SLUG_NOUNS.get(mention.noun, mention.noun.replace(" ", "-"))
    parts = [p.lower() for p in parties[:2]]
    parts += [
        re.sub(r"[^a-z0-9]+", "-", w.lower().replace("+", "plus")).strip("-") for w in words[:4]
    ]
    if parts[-1:] != [noun.replace("+", "plus")]:  # "2+2": its noun is its name
        parts.append(noun.replace("+", "plus"))
    slug = "-".join(p for p in parts if p)
    return re.sub(r"-+", "-", slug)[:64].strip("-")
