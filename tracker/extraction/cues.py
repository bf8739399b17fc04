"""The words that state a dialogue fact, and the words that take it back.

A cue is a verb or phrase of one kind of fact ("launched", "met", "twice a year", "broke off")
found in a sentence. A cue counts only when the words before it in its clause do not hedge it
("efforts to resume", "hope to meet"), deny it ("did not meet") or make it a past habit
("once held annually"), and, for an agreement, when the words after it do not say it was not
made ("but had not agreed", "no date was set"): hedges.py. The extractor gives no fact for such
a cue, which is what an analyst would record from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extraction.hedges import doubt, unsettled
from tracker.extraction.proposal import Kind
from tracker.extraction.rhythms import MEETS, RHYTHM, RHYTHMS, level_in

_FLAGS = re.IGNORECASE

# A clause ends at a semicolon, a dash or a colon; a comma ends it before a new subject.
# A dash between words ("US-Japan") joins them; one between spaces ends a clause.
_CLAUSE_END = re.compile(
    r"[;:]|\s[—–-]{1,2}\s|—|,[\"”’']?\s+(?:and|but|while|which|who|where|with)\b|\bbut\b"
)

_FUTURE = re.compile(
    r"\b(?:will|shall|would|'ll|to be|is to|are to|plans? to|planned to|planning to|"
    r"agreed to|agree to|agreeing to|expected to|scheduled to|set to|going to|intends? to|"
    r"decided to|to meet and|in order to)"
    r"\s+(?:\w+ly\s+|again\s+|also\s+|next\s+|jointly\s+|soon\s+)?$",
    _FLAGS,
)

_CUES: dict[Kind, re.Pattern[str]] = {
    "open": re.compile(
        r"\b(?:launch(?:ed|es|ing)?|inaugurat(?:e|ed|es|ing)|unveil(?:ed|s)?|initiat(?:ed|es)|"
        r"establish(?:ed|es|ing)?|establishment of|set up|sets up|setting up|creat(?:e|ed|es|ing)|"
        r"creation of|form(?:ed|s|ing)? (?:a|an|the|two|new)\b|to form|formation of|"
        r"(?:be|been|being|was|were|is|are) formed|"
        r"institut(?:ed|ionali[sz]ed)|start(?:ed)? (?:a|an) new|"
        r"(?<=agreed )(?:\w+ ){0,2}to (?:have|exchange|start|begin)|"
        r"(?<=agreed )to (?:have|exchange|start|begin)|"
        # "to replace the Strategic and Economic Dialogue with a new Comprehensive …"
        r"(?<=\bwith )(?:a|an) new)\b"
        # "launch the fifth round": a round of a channel, not a channel; "create an enabling
        # environment for peace talks": conditions, not a channel
        r"(?! (?:the|a|an) (?:[\w-]+ ){0,2}(?:round|session|meeting)s?\b)"
        r"(?! (?:the |a |an )?(?:[\w-]+ )?(?:environment|conditions?|atmosphere|climate for|"
        r"basis|momentum|opportunit(?:y|ies))\b)",
        _FLAGS,
    ),
    "meet": re.compile(
        # First, as the longest: "the 14th round of the talks concluded in Islamabad": a
        # round held (and ended)
        r"\b(?:(?:round|meeting|session) of [^.;:,]{3,80}? (?:concluded|ended|wrapped up|closed)"
        r"(?= (?:in|on|at|with|after|late|yesterday|today|last)\b)|"
        r"met|meets|meet|meeting|(?:was|were|has been|have been|will be|to be) "
        r"(?:held|convened|hosted|co-?chaired)|held|hold|holds|convened|convene|convenes|"
        r"co-?chaired|co-?chair|chaired|hosted|hosting|host|took place|take place|happen|"
        # talks that continue: not "continue working on the outstanding issues"
        r"continue(?= (?:the |their |its )?(?:[\w-]+ )?(?:talks|discussions|negotiations|"
        r"dialogue|consultations|meetings)\b)|"
        r"(?<=talks will )continue|(?<=discussions will )continue|"
        # "the last meeting was in Beijing in 2017"
        r"(?<=meeting )was in(?= [A-Z])|(?<=round )was in(?= [A-Z])|"
        r"(?<=negotiations will )continue|(?<=dialogue will )continue|"
        r"occur|scheduled to take place|"
        r"(?:led|lead|leads|leading) (?:a|an|the) (?:[\w.-]+ ){0,3}delegation|"
        # "halted after the last meeting in 2016", "since the last round in Geneva"
        r"(?<=after )(?:the|its|their) (?:last|latest|previous|final|most recent) "
        r"(?:meeting|round|session)|"
        r"(?<=since )(?:the|its|their) (?:last|latest|previous|most recent) "
        r"(?:meeting|round|session)|"
        # "has not been held since December 2009": held then, and not since
        r"(?:has|have|had) not (?:been held|met|convened|taken place)(?= since\b)|"
        r"travell?ed to [A-Z][\w-]+(?:,? [A-Z][\w-]+)? "
        r"(?:for|to (?:continue|hold|attend|join))|"
        r"conclud(?:ed|es) (?:the |their |its )?(?:(?!that\b)[\w-]+ ){0,6}"
        r"(?:round|meeting|session|dialogue|talks|consultations)|"
        r"(?:during|at|in|over) (?:a|an|the|their|its|his|her) (?:[\w-]+ ){0,2}"
        r"(?:meeting|lunch|dinner|breakfast|talks)|"
        r"(?:in-depth|candid|frank|productive|constructive) exchanges)\b",
        _FLAGS,
    ),
    "suspend": re.compile(
        # (?<!-): "a long-suspended dialogue" states no suspension
        r"(?<!-)\b(?:broke off|break(?:s|ing)? off|broken off|suspen(?:d|ded|ds|ding|sion of)|"
        r"halt(?:ed|s|ing)?|froze|frozen|freez(?:e|es|ing)|call(?:ed|s)? off|cut off|severed|"
        r"cancel(?:l?ed|s|l?ing)?|shelved|postponed indefinitely|pulled out of|"
        # "paused", "put on hold": not the noun "a pause", which may be a moment's
        r"paus(?:ed|ing)(?!\s+(?:for|to|briefly|while|as|when|and)\b)|"
        r"put (?:\S+ ){0,6}on (?:hold|ice)|withdr[ae]w from)\b",
        _FLAGS,
    ),
    "resume": re.compile(
        r"\b(?:resum(?:e|ed|es|ing|ption of)|restart(?:ed|s|ing)?|reinstat(?:e|ed|es|ing)|"
        r"reviv(?:e|ed|es|ing|al of)|relaunch(?:ed|es|ing)?|reconven(?:e|ed|es|ing)|"
        r"restor(?:e|ed|es|ing|ation of)|re-?open(?:ed|s|ing)?|re-?establish(?:ed|es|ing)?)\b",
        _FLAGS,
    ),
    "conclude": re.compile(
        r"\b(?:disband(?:ed|s|ing)?|dissolv(?:e|ed|es|ing)|wound up|wind(?:s|ing)? up|"
        r"wound down|terminat(?:e|ed|es|ing|ion of)|abolish(?:ed|es|ing)?|"
        r"(?:was|were|has been|have been) (?:ended|concluded|discontinued|replaced|superseded)|"
        r"discontinu(?:e|ed|es)|replaced by|superseded by|came to an end|brought to an end|"
        r"(?:combined and )?(?:replaced|superseded|subsumed)|"
        # "agreed to replace the Strategic and Economic Dialogue with a new …"
        r"replac(?:e|es|ing)(?= (?:the|their|its) [^.;]{3,120}? with\b)|"
        # "it developed from the so-called Alliance Dialogue": the new one replaced it
        r"(?:developed|evolved|grew) (?:out )?(?:of|from)|succeeded(?! in\b)|took over from|"
        r"conclud(?:e|ed|es) (?:its|their) work|end(?:ed|s)? (?:the|its|their)\b)"
        # "concluded the fourth round", "ended the meeting": a meeting's end, not the channel's
        r"(?! (?:[\w-]+ ){0,2}(?:round|session|meeting|visit)s?\b)",
        _FLAGS,
    ),
}


@dataclass(frozen=True, slots=True)
class Cue:
    """Words of one kind of fact in a sentence: where they stand, and how they are said."""

    kind: Kind
    start: int
    end: int
    future: bool = False
    agreed: bool = False  # "agreed to …": the fact is an agreement
    per_year: float | None = None
    level: str | None = None
    bare: bool = False  # "meet", "host": a meeting only if it is to come
    # Why the words after it say no meeting was agreed ("will meet …, but no date was set"):
    # a plan of it is none
    unsettled: str | None = None

    def distance(self, start: int, end: int) -> float:
        """How far words (a mention, a date) at start:end stand from this cue; words after it
        count as nearer, as a verb's object and its date follow it ("held the talks in
        Chongqing on Friday")."""
        if self.end <= start:
            return start - self.end
        if end <= self.start:
            return (self.start - end) * 1.5 + 5
        return 0


# Forms that state no meeting held unless a date to come goes with them ("hosting the first
# meeting in early 2024", "will occur on August 29").
_BARE = frozenset(
    {
        "meet", "hold", "host", "hosting", "convene", "meeting", "take place", "co-chair",
        "cochair", "happen", "continue", "occur",
    }
)  # fmt: skip


# An infinitive of purpose before a cue ("travel to Beijing to revive the talks"); not after
# "decision", "decided", "agreed", whose infinitive is what was decided or agreed.
_AIM = re.compile(
    r"(?<!decision )(?<!decided )(?<!agreed )(?<!agree )(?<!agreement )\bto\s+$", _FLAGS
)
# A rhythm of the past: "it had been held alternately … once a year", "was held annually".
_HELD_BEFORE = re.compile(
    r"\b(?:had been|had|used to|was|were)\s+(?:\w+\s+)?(?:held|met|convened)\b", _FLAGS
)


def _habit(before: str) -> str | None:
    found = _HELD_BEFORE.search(before)
    return f"a past habit, not a fact: “{found.group(0)}”" if found else None


def clause_start(sentence: str, position: int) -> int:
    """Where the clause holding ``position`` begins."""
    start = 0
    for found in _CLAUSE_END.finditer(sentence, 0, position):
        start = found.end()
    return start


# The ends of a clause that a list ("the Department of State, … and the Council") never has.
_STRONG_END = re.compile(r"[;:]|\s[—–-]{1,2}\s|—|,[\"”’']?\s+(?:but|while|which|who|where|with)\b")


def clause_bounds(sentence: str, position: int) -> tuple[int, int]:
    """Where the clause holding ``position`` begins and ends, a list within it kept whole."""
    start = 0
    for found in _STRONG_END.finditer(sentence, 0, position):
        start = found.end()
    end = _STRONG_END.search(sentence, position)
    return start, end.start() if end else len(sentence)


def cues_in(sentence: str) -> list[Cue]:
    """The cues a sentence states, left to right (those it takes back left out)."""
    found: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for rhythm in RHYTHM.finditer(sentence):
        start = clause_start(sentence, rhythm.start())
        before = sentence[start : rhythm.start()]
        if not MEETS.search(sentence[start : rhythm.end() + 40]):
            continue
        # The verb the rhythm speaks of ("agreed to meet twice a year") is the cadence's; a
        # meeting stated before it ("met in Tokyo and agreed to …") stays a meeting.
        verbs = list(MEETS.finditer(sentence, start, rhythm.start()))
        taken.append((verbs[-1].start() if verbs else rhythm.start(), rhythm.end()))
        if doubt(before) or _habit(before):
            continue  # "which had met annually since 2009": a habit, neither cadence nor meeting
        if unsettled(sentence[rhythm.end() :], "cadence", agreed=True):
            continue  # "… twice a year, but had not agreed on a schedule": no cadence
        index = int(next(k for k, v in rhythm.groupdict().items() if v)[1:])
        found.append(
            Cue(
                "cadence",
                rhythm.start(),
                rhythm.end(),
                per_year=RHYTHMS[index][1],
                level=level_in(before, at=len(before)),
            )
        )
    for kind, pattern in _CUES.items():
        for match in pattern.finditer(sentence):
            if any(a <= match.start() < b for a, b in taken) and kind == "meet":
                continue  # the meeting a rhythm speaks of is the cadence's, not a fact
            start = clause_start(sentence, match.start())
            before = sentence[start : match.start()]
            future = (
                bool(_FUTURE.search(before))
                or match.group(0).lower().startswith(("will be", "to be", "scheduled"))
                # "to revive the talks": an aim, unless a decision or an agreement took it
                or bool(_AIM.search(before))
            )
            # "agreed to hold", "agreed on Aug. 25 to hold"
            agreed = bool(re.search(r"\bagree(?:d|s|ing)?\s+(?:[\w.,]+\s+){0,5}$", before, _FLAGS))
            after = sentence[match.end() :]
            if doubt(before, kind) or (
                agreed and kind != "meet" and unsettled(after, kind, agreed=True)
            ):
                continue  # "agreed to establish a group, but no decision was taken": none
            found.append(
                Cue(
                    kind,
                    match.start(),
                    match.end(),
                    future=future,
                    agreed=agreed,
                    level=level_in(sentence[start : match.end() + 30], at=match.start() - start),
                    bare=kind == "meet" and match.group(0).lower() in _BARE,
                    unsettled=unsettled(after, kind, agreed=agreed),
                )
            )
    found.sort(key=lambda cue: cue.start)
    # "traveled to Beijing to continue negotiations": one meeting, not a second cue inside;
    # "hold the next meeting": the meeting is what is held, not a second one
    return [
        c
        for c in found
        if not any(o is not c and o.start < c.start < o.end for o in found)
        and not (c.bare and c.kind == "meet" and _held_before(c, found, sentence))
    ]


def _held_before(cue: Cue, found: list[Cue], sentence: str) -> bool:
    return any(
        o.kind in {"meet", "resume"}
        and o.end <= cue.start
        and _OBJECT_OF.fullmatch(sentence, o.end, cue.start)
        for o in found
    )


# What stands between a verb and the meeting it holds: "hold the next", "held its first".
_OBJECT_OF = re.compile(r"\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){0,2}")
