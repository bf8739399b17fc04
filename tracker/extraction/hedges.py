"""The words that take a cue back: before it in its clause, a hedge ("efforts to resume",
"discussed holding", "is expected to take place"), a denial ("did not meet"), a past habit
("once held annually") or a count ("two rounds have been held"); after it, an agreement the
sentence says was not made ("… twice a year, but had not agreed on a schedule", "without
agreeing", "no decision has been taken") or a meeting it says has no date ("no date was set").

A cadence or a plan is an agreement that was made: what was only discussed, expected, hoped
for, proposed or denied is none.
"""

from __future__ import annotations

import re

from tracker.extraction.proposal import Kind

_FLAGS = re.IGNORECASE

_HEDGE = re.compile(
    r"\b(?:efforts?|attempts?|bid|push|hopes?|hoped|hoping|would like|wish|"
    r"wishes|wished|"
    r"seeks?|seeking|sought|aims?|aimed|aiming|consider|considers|considered|considering|"
    r"explore|explores|explored|exploring|possible|possibly|possibility|propose|proposed|"
    r"proposes|proposal|calls? for|called for|urged?|urges|urging|pushed for|pressed for|"
    r"pressing for|press(?:ed|es|ing)? to|push(?:ed|es|ing)? to|called on|as long as|"
    r"willing|willingness|ready|open to|look forward|looks forward|looked forward|"
    r"looking forward|wants?|wanted|whether|if|unless|refused|refuses|declined|declines|"
    r"ways to|need to|needs to|should|must|prospects? (?:of|for)|chance of|lines of "
    r"communication|would welcome|invited|invitation|pending|difficulty of|difficult to|"
    # a forecast, not an agreement: "is expected to take place … before the end of the year"
    r"(?:expect(?:s|ed|ing)?|(?:un)?likely|anticipated|predicted|tipped)(?= to\b|\s*$))\b",
    _FLAGS,
)
# Talk about a fact is not the fact: "discussed holding the talks twice a year", "talked
# about resuming", "discussed the possibility of a meeting"; the words after "discussed" are
# a gerund and its object, or the cue itself ("discussed trade at the meeting" stands).
_DISCUSSED = re.compile(
    r"\b(?:discuss(?:ed|es|ing)?|talk(?:ed|s|ing)? about|spoke about|exchanged views on|"
    r"debated)\s+(?:(?:the\s+)?(?:possibility|idea|prospect|option|question)s?\s+of\s+)?"
    r"(?:\w+ing\s+(?:(?:the|a|an|their|its|such|more|regular|new)\s+)?(?:[\w'’.–-]+\s+){0,6}|"
    r"(?:the|a|an)\s+)?$",
    _FLAGS,
)
# Lowercase only: "May" is a month.
_MODAL = re.compile(r"\b(?:may|might|could)\b")
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|n't|neither|nor|without|yet to|failed to|no)\b[^,;]{0,30}$",
    _FLAGS,
)
_PAST_HABIT = re.compile(
    r"\b(?:once|used to|previously|formerly|had been|in the past|historically|earlier "
    r"years)\s+(?:\w+\s+){0,2}$",
    _FLAGS,
)
_PAST_HABIT_OF_A_CHANGE = re.compile(
    r"\b(?:once|used to|in the past|historically)\s+(?:\w+\s+){0,2}$", _FLAGS
)
# "Two rounds of the dialogue have been held so far", "the tenth time we have held these".
_COUNT = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+"
    r"(?:rounds|times|meetings|sessions)\b|\bthe\s+\w+\s+time\b",
    _FLAGS,
)


def doubt(before: str, kind: Kind = "meet") -> str | None:
    """Why the words before a cue, in its clause, take the cue back; None if they do not."""
    if (found := _COUNT.search(before)) is not None:
        return f"a count of meetings, not one: “{found.group(0)}”"
    if (found := _NEGATION.search(before)) is not None:
        return f"denied: “{found.group(0).strip()}”"
    # "had been frozen since 2022" states a change; "had been held annually", a habit
    habit = _PAST_HABIT if kind in {"meet", "cadence"} else _PAST_HABIT_OF_A_CHANGE
    if (found := habit.search(before)) is not None:
        return f"a past habit, not a fact: “{found.group(0).strip()}”"
    if (found := _DISCUSSED.search(before)) is not None:
        return f"only discussed: “{found.group(0).strip()}”"
    tail = before[-80:]
    if (found := _HEDGE.search(tail) or _MODAL.search(tail)) is not None:
        return f"hedged: “{found.group(0)}”"
    return None


# --- after the cue: the agreement, or the date, the sentence says is not there -------------

# "had not agreed", "did not decide", "have yet to set", "without agreeing", "failed to fix"
_NOT_DONE = re.compile(
    r"\b(?:(?:had|has|have|did|do|does)\s+not|(?:hadn|hasn|haven|didn)['’]t|not|yet\s+to|"
    r"failed\s+to|without)\s+(?:yet\s+|formally\s+|been\s+able\s+to\s+)?"
    r"(?:agree(?:d|ing)?|decid(?:e|ed|ing)|settl(?:e|ed|ing)|set(?:ting)?|fix(?:ed|ing)?|"
    r"confirm(?:ed|ing)?|schedul(?:e|ed|ing))\b"
    r"(?:\s+(?:on|upon|to|about|over)\b)?(?:\s+(?:a|the|any|its|their)\b)?"
    r"(?:\s+(?P<what>[\w-]+))?",
    _FLAGS,
)
# What was not agreed: the fact itself (nothing named, "it", "to do so", how often) …
_THE_FACT = frozenset({"it", "them", "this", "that", "so", "do", "how", "frequency", "format"})
# … or only its day ("no date was set"): a plan not stated as agreed ("will meet next month")
# is then none, one agreed ("agreed to meet next year, but no date was set") keeps its window.
_THE_DATE = frozenset(
    {"date", "dates", "day", "days", "time", "timing", "venue", "schedule", "timetable", "when"}
)
_NO_DATE = re.compile(
    r"\bno\s+(?:firm\s+|specific\s+|exact\s+)?(?:date|dates|time|timing|schedule|timetable|"
    r"venue|meeting|talks|call)\s+(?:(?:was|were|is|are|has|have|had)\s+)?(?:yet\s+)?"
    r"(?:been\s+)?(?:set|fixed|agreed|scheduled|announced|decided|confirmed)\b|"
    r"\b(?:the|a|any)\s+(?:date|dates|time|timing|schedule|timetable)\s+"
    r"(?:has|had|have|was|were|is|are)\s+(?:not|yet\s+to)\s+(?:yet\s+)?(?:been\s+|be\s+)?"
    r"(?:set|fixed|agreed|decided|announced|confirmed|scheduled)\b|"
    r"\bnothing\s+(?:is|was|has\s+been)\s+(?:yet\s+)?on\s+the\s+calendar\b|"
    r"\bno\s+date\s+(?:yet|so\s+far)\b",
    _FLAGS,
)
_NO_AGREEMENT = re.compile(
    r"\bno\s+(?:such\s+|formal\s+|final\s+)?(?:agreement|decision|deal)\s+"
    r"(?:(?:was|were|is|has|have|had)\s+)?(?:yet\s+)?(?:been\s+)?"
    r"(?:reached|taken|made|struck|agreed)\b",
    _FLAGS,
)


def unsettled(after: str, kind: Kind, *, agreed: bool) -> str | None:
    """Why the words after a cue say the agreement it states was not made: for a cadence or
    an agreement ("agreed to establish"), its agreement; for a plan, its agreement, or, for
    one not stated as agreed, its date. None if they do not."""
    if (found := _NO_AGREEMENT.search(after)) is not None:
        return f"not agreed: “{found.group(0)}”"
    cadence = kind == "cadence"
    dated = kind in {"meet", "resume"} and not agreed  # what a plan of it needs
    for found in _NOT_DONE.finditer(after):
        what = (found["what"] or "").lower()
        if (
            not what
            or what in _THE_FACT
            or (cadence and what in {"schedule", "timetable"})
            or (dated and what in _THE_DATE)
        ):
            return f"not agreed: “{found.group(0).strip()}”"
    if dated and (found := _NO_DATE.search(after)) is not None:
        return f"no date: “{found.group(0)}”"
    return None
