"""Which channels a cue speaks of: the mentions nearest it in its sentence, the channel whose
leads the sentence names, or, when the sentence says so, the one the article spoke of last."""

from __future__ import annotations

import re

from tracker.extraction.cues import Cue, clause_bounds
from tracker.extraction.dates import DateMention
from tracker.extraction.linking import ChannelRef, Linker
from tracker.extraction.mentions import Mention


def _objects(cue: Cue, own: list[Mention], text: str) -> list[Mention]:
    """The mentions an opening verb opens: its subject, the one right after it, and those
    joined to that by "and" ("launched an Economic Working Group and a Financial …")."""
    kept: list[Mention] = []
    start, _ = clause_bounds(text, cue.start)
    before = [m for m in own if m.end <= cue.start]
    if _RELATIVE.search(text, 0, start) and before:
        # "the so-called Alliance Dialogue, which the two agreed to create": what "which"
        # stands for, not the names before it
        antecedent = [m for m in before if m.end <= start][-1:]
        own = [m for m in own if m.start >= cue.end or m in antecedent]
    else:  # a subject is in the verb's clause
        own = [m for m in own if m.start >= start]
    if any(m.named for m in own):
        own = [m for m in own if not m.generic]  # "two working groups, the Working Group on"
    for mention in sorted(own, key=lambda m: m.start):
        # "set up the mechanism of the Strategic and Economic Dialogue": the dialogue
        between = _FRAME.sub("", text[cue.end : mention.start])
        near = mention.end <= cue.start or (
            len(between.split()) <= 4 and not _PREPOSITION.search(between)
        )
        if near or (kept and _JOINED.fullmatch(text[kept[-1].end : mention.start])):
            kept.append(mention)
    return kept


# Between a meeting's verb and the channel it was held for: "met in Geneva in May for the first
# US-China AI talks", "gathered in Tokyo for their annual dialogue".
_FOR = re.compile(
    r"[^,;:]{0,80}?\bfor\s+(?:(?:the|their|its|a|an)\s+)?(?:(?:first|second|third|fourth|"
    r"fifth|\d+(?:st|nd|rd|th)|new|latest|next|inaugural|annual|regular)\s+){0,2}"
    r"(?:[A-Z][\w.]*(?:[-–/][A-Z][\w.]*)+\s+)?[“\"]?",
    re.IGNORECASE,
)
_WHICH = re.compile(r"[”\"]?,[”\"]?\s*(?:which|that)\s+[^,;:]{0,80}")
_APPOSITIVE = re.compile(r"\s*,[^,;:]{3,120},\s*(?:(?:has|have|had|also|then)\s+)?")
_PARTICIPLE = re.compile(r"[”\"]?,?\s+")
# "resume the US-Japan Economic Policy Dialogue": an article, a word of parties, a quote
_OBJECT = re.compile(
    r"\s+(?:(?:the|their|its|a|an)\s+)?(?:[A-Z][\w.]*(?:[-–/][A-Z][\w.]*)+\s+)?[“\"]?"
)
# A cue that is a noun of its fact ("the resumption of", "suspension of"): its channel follows.
_NOMINAL = re.compile(r"\bof$")
# What may stand between a channel named as a subject and its verb ("the composite dialogue
# process will resume", "the Group has not met").
_SUBJECT = re.compile(
    r"[\s,”\"’')]*(?:(?:process|mechanism|talks|dialogue|meeting|[A-Z]{2,}|has|have|had|was|"
    r"were|is|are|will|would|be|been|also|again|first|formally|officially|finally|not|now|"
    r"\w+ly)\s+)*"
)
_RELATIVE = re.compile(r",[\"”’']?\s*(?:which|that|who)\s*$", re.IGNORECASE)
_FRAME = re.compile(
    r"^\s*(?:the|a|an)\s+(?:new\s+)?(?:mechanism|framework|format)\s+(?:of|for)\s+", re.IGNORECASE
)
# "to create an environment for peace talks": what is created is not the talks.
_PREPOSITION = re.compile(r"\b(?:for|to|with|of|on|in|at|by|from)\b", re.IGNORECASE)
_JOINED = re.compile(r"\s*(?:,|,?\s*and)\s+(?:a|an|the)?\s*", re.IGNORECASE)
_REPLACING = re.compile(
    r"(?:combined and )?(?:replaced|replac(?:e|es|ing)|superseded|subsumed)|"
    r"(?:developed|evolved|grew) (?:out )?"
    r"(?:of|from)|succeeded|took over from",
    re.IGNORECASE,
)
_REFERS_BACK = re.compile(
    r"\b(?:both sides|the two sides|the sides|they|the parties|the two countries|"
    r"the two governments|the dialogue|the talks|the group|the mechanism|"
    r"the (?:next |first |second |third |last |latest |\w+(?:st|nd|rd|th) )?"
    r"(?:meeting|round|session)s?|"
    r"discussions|the ministers|officials)\b",
    re.IGNORECASE,
)
# A meeting of the channel spoken of: "the last meeting", "its first session".
_DEFINITE_MEETING = re.compile(
    r"\b(?:the|its|their) (?:last|latest|previous|final|most recent|first|second|third|next|"
    r"\d+(?:st|nd|rd|th)) (?:meeting|round|session)s?\b",
    re.IGNORECASE,
)
# "agreed … when they met last month": the occasion of an agreement, not a channel's meeting
_WHEN = re.compile(r"\bwhen\s+(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE)
# A sentence about the channel the article spoke of last: "It had been held …".
_IT = re.compile(
    r"^It\b|\bit (?:was|has been|had been|is)\b|^They (?:were|have been|had been|are)\b"
)
# Who meets for a channel, not for themselves: "officials from the two countries met".
_DELEGATES = re.compile(
    r"\b(?:officials|delegations?|representatives|negotiators|the two sides|both sides|"
    r"experts|envoys)\b",
    re.IGNORECASE,
)
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


def owners(cues: list[Cue], mentions: list[Mention]) -> dict[Mention, int]:
    """Each mention's cue: the nearest, a cue before it counting as nearer (verbs come
    before their objects). A rhythm owns none: it speaks of whichever channel the sentence
    names ("agreed to launch an annual … Dialogue": the launch's channel, and its rhythm)."""
    owners: dict[Mention, int] = {}
    verbs = [i for i, cue in enumerate(cues) if cue.kind != "cadence"]
    if not verbs:
        return owners
    for mention in mentions:
        nearest = min((cues[i].distance(mention.start, mention.end), i) for i in verbs)
        owners[mention] = nearest[1]
    return owners


def channels_of(
    cue: Cue, own: list[Mention], mentions: list[Mention], text: str, linker: Linker
) -> list[ChannelRef]:
    by_leads = linker.by_leads(text, cue.start) if cue.kind in {"meet", "cadence"} else None
    if _AT_A_MEETING.match(text, cue.start) or (
        cue.kind == "meet" and _WHEN.search(text, 0, cue.start)
    ):
        # "agreed at a meeting in Seoul": whose meeting, only the leads it names can tell
        return [by_leads] if by_leads else []
    if _NOMINAL.search(text, cue.start, cue.end):
        # "the resumption of Kailash Mansarovar Yatra": of what follows, or of nothing here
        own = [m for m in own if m.start >= cue.end and len(text[cue.end : m.start].split()) <= 3]
        if not own:
            return []
    elif cue.kind in {"meet", "resume", "suspend"}:
        # "strengthen mechanisms for military negotiations, with plans for a follow-up
        # meeting": a meeting's channel is named in its own clause; its subject, if it is one
        start, end = clause_bounds(text, cue.start)
        own = [m for m in own if start <= m.start and m.end <= end]
        subject = [
            m for m in own if m.end <= cue.start and _SUBJECT.fullmatch(text, m.end, cue.start)
        ]
        own = subject[-1:] or own
    if not own and cue.kind != "cadence":
        own = _by_position(cue, mentions, text)
    if cue.kind == "open":
        # What is launched or set up stands next to the verb ("set up a working group"), or
        # is its subject ("the WMCC was established"): not "to create an environment for …
        # talks".
        own = _objects(cue, own, text)
    elif cue.kind == "conclude" and _REPLACING.fullmatch(text[cue.start : cue.end]):
        # "The mechanism replaced two previous ones: A and B": A and B ended, not the new one
        # (nor, in "to replace A with a new B", B)
        until = text.find(" with ", cue.end)
        own = [m for m in own if m.start >= cue.end and (until < 0 or m.start < until)]
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
    return _referred_back(cue, mentions, text, linker)


def _by_position(cue: Cue, mentions: list[Mention], text: str) -> list[Mention]:
    """The channel of a verb no mention is nearest to: its object ("agreed to resume the
    MMCA talks, suspended since 2022": a nearer verb took it), the name a participle follows,
    the subject an appositive clause stands after ("The Economic Working Group,
    established in 2023, held its fourth meeting"), or what "which" stands for."""
    return [
        m
        for m in mentions
        if (m.start >= cue.end and _OBJECT.fullmatch(text, cue.end, m.start))
        or (m.end <= cue.start and _PARTICIPLE.fullmatch(text, m.end, cue.start))
        or (m.named and m.end <= cue.start and _APPOSITIVE.fullmatch(text, m.end, cue.start))
        # "The Defense Policy Coordination Talks, which had not met since 2021, …"
        or (m.end <= cue.start and _WHICH.fullmatch(text, m.end, cue.start))
        # "met in Geneva in May for the first US-China AI talks": what they met for
        or (
            cue.kind == "meet"
            and m.start >= cue.end
            and _FOR.fullmatch(text, cue.end, m.start)
            and not any(cue.end <= o.start < m.start for o in mentions)  # "talks for the …"
        )
    ][-1:]


def _referred_back(
    cue: Cue, mentions: list[Mention], text: str, linker: Linker
) -> list[ChannelRef]:
    """The channel a cue naming none speaks of, when the sentence says it speaks of one
    already named: "Officials from the two countries met", "It … was halted", "both sides
    agreed to meet again in April"."""
    last = linker.spoken_of[-1] if linker.spoken_of else None
    back = (
        [ChannelRef(last.slug, last.title, last.parties, last.known, "referred back")]
        if last
        else []
    )
    if last and (
        cue.kind == "meet"
        and not mentions
        and len({r.slug for r in linker.spoken_of}) == 1
        and _DELEGATES.search(text, 0, cue.start)
    ):
        return back  # in an article of one channel, that channel's meeting
    if last and _IT.search(text, 0, cue.start):
        return back
    if (
        last
        and cue.kind == "meet"
        and _DEFINITE_MEETING.search(text, *clause_bounds(text, cue.start))
    ):
        return back  # "The last meeting was in Beijing", "held its first meeting today"
    if cue.kind == "cadence" or (cue.kind == "meet" and cue.future):
        # A rhythm or a plan that names no channel: one the sentence names, or the one the
        # article spoke of last
        start, end = clause_bounds(text, cue.start)
        for mention in mentions:
            if cue.kind == "meet" and not start <= mention.start < end:
                continue  # a plan's channel is named in its clause, or referred back to
            if found := linker.link(mention, text):
                return found[:1]
        if last and _REFERS_BACK.search(text):
            return back
    return []


# Between two verbs of one subject: "were suspended in August 2022 and resumed", "talks,
# suspended by China in 2022, resumed": a comma or "and", then only adverbs and auxiliaries.
_SAME_SUBJECT = re.compile(
    r"[^.;:]*(?:,|\band|\bbut)\s*(?:(?:then|later|again|since|finally|eventually|only|last|also|was|"
    r"were|has|have|had|been|\w+ly)\s+)*",
    re.IGNORECASE,
)
# "China suspended the talks in 2022 and resumed them": the object, referred to again.
_SAME_OBJECT = re.compile(r"\s+(?:them|it)\b", re.IGNORECASE)


def shares_channels(earlier: Cue, cue: Cue, mentions: list[Mention], text: str) -> bool:
    """Whether a verb that names no channel speaks of the channel of an earlier verb of its
    sentence: the two verbs share a subject ("The talks were suspended in 2022 and resumed
    on Tuesday"; "The talks, suspended in 2022, resumed on Tuesday") or an object ("China
    suspended the talks in 2022 and resumed them"), with no other channel named between."""
    between = [m for m in mentions if earlier.start < m.start < cue.start]
    if _SAME_OBJECT.match(text, cue.end) and len(between) <= 1:
        after = between[-1].end if between else earlier.end  # "suspended the talks … and"
        return bool(_SAME_SUBJECT.fullmatch(text, after, cue.start))
    subject = any(m.end <= earlier.start for m in mentions)
    return subject and not between and bool(_SAME_SUBJECT.fullmatch(text, earlier.end, cue.start))


# The verbs that may share the channel of an earlier verb of their sentence.
_SHARING = frozenset({"meet", "suspend", "resume", "conclude"})


def shared_channels(
    earlier: tuple[Cue, list[ChannelRef]] | None,
    cue: Cue,
    mentions: list[Mention],
    text: str,
    past: list[DateMention],
) -> list[ChannelRef]:
    """The channels of an earlier verb of the sentence, if this verb naming none shares them
    ("The talks were suspended in 2022 and resumed on Tuesday") and says when it happened:
    a date of its own stands right after it (a date before it is the earlier verb's)."""
    if earlier is None or cue.kind not in _SHARING:
        return []
    dated = any(m.start >= cue.end and _own_date(text, cue.end, m.start) for m in past)
    return earlier[1] if dated and shares_channels(earlier[0], cue, mentions, text) else []


def _own_date(text: str, verb_end: int, date_start: int) -> bool:
    # "had been suspended since 2010": "since" right before the date is its preposition, not
    # a clause of another event
    since = _SINCE.search(text, verb_end, date_start)
    return bool(_OWN_DATE.fullmatch(text, verb_end, since.start() if since else date_start))


_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)


# Between a verb and its own date: a few words, no clause of another event ("suspended after
# relations worsened in December 2018" is not dated by the worsening).
_OWN_DATE = re.compile(
    r"(?!.*\b(?:after|before|following|since|when|because|as|until|amid)\b)(?:\W*[\w’'-]+){0,5}\W*",
    re.IGNORECASE,
)
