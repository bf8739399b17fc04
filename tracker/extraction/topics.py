"""What a description of a channel says it is about: "talks on trade, investment and climate"."""

from __future__ import annotations

import re

from tracker.extraction.vocabulary import NOT_TOPICS

_SAYS = re.compile(r"\b(?:said|says|say|added|told|according|noted|stressed)\b")
_NEXT_CLAUSE = re.compile(
    r",?\s+(?:and|but|then)\s+(?:also\s+|later\s+)?(?:agreed|said|met|decided|announced|"
    r"pledged|vowed|signed|held|called|urged|discussed|expressed|stressed|noted|welcomed|"
    r"reaffirmed|will|would|plan(?:ned)?)\b"
)
_DATE_WORD = re.compile(
    r"(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|today|yesterday|"
    r"tomorrow|[0-9])",
    re.IGNORECASE,
)
_VAGUE_TOPIC = re.compile(r"^(?:other |the |a |an |some |various |many |several )+", re.IGNORECASE)


def topics_of(text: str | None) -> tuple[str, ...]:
    """The topics a description names after "about", "on" …: a list of short phrases."""
    if not text:
        return ()
    text = re.sub(
        r"^\s*(?:with\s+\S+\s+)?(?:on|about|over|concerning|regarding|to discuss)\s+", "", text
    )
    text = re.split(
        r"\s+(?:in|during|after|before|since|with|when|as|that|which|to|for|between|among|amid)\s+",
        text,
    )[0]
    # "talks on AI, and agreed to meet again": a clause of its own ends the topics, as does
    # the verb they are the subject of ("the working group on climate ended in Beijing")
    text = _NEXT_CLAUSE.split(text)[0]
    text = re.split(r"\s+(?:concluded|ended|wrapped up|closed|was|were)\b", text)[0]
    # "on the fight against terrorism on September 9 at Geneva": up to the date or the place
    text = re.split(r"\s+(?:on|at|last|this|next)\s+(?=(?:the\s+)?[A-Z0-9])", text)[0]
    if re.match(r"(?:a\s+)?(?:number|range|variety|host|series)\s+of\b", text, re.IGNORECASE):
        return ()  # "a number of policy areas": about nothing in particular
    if _DATE_WORD.match(text):
        return ()  # "met on Monday": when, not what about
    if re.match(r"(?:hold|ice|track|schedule)\b", text, re.IGNORECASE):
        return ()  # "put the talks on hold", "talks on track": how they stand, not a topic
    topics: list[str] = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", text):
        words = part.split()
        if not words or len(words) > 5 or _SAYS.search(part):
            break  # the list has ended: a new clause begins
        topic = _VAGUE_TOPIC.sub("", part.strip())
        topic = re.sub(r"\s+(?:issues|matters|concerns|questions)$", "", topic)
        if topic and topic.lower() not in NOT_TOPICS:
            topics.append(topic)
    return tuple(topics)
