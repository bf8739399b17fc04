"""What the Channel aggregate says when it refuses a fact: the rule, the fact, and what to do."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.domain.events import Fact
from tracker.domain.rules import DuplicateFact, OnlyPartiesOfTheChannel, RuleBroken
from tracker.domain.timeline import Violation, describe


def not_a_party(code: str, what: str, slug: str, parties: Sequence[str]) -> RuleBroken:
    return OnlyPartiesOfTheChannel(
        f"refused: {OnlyPartiesOfTheChannel.rule}: {code} ({what}) is not a party "
        f"of {slug}, whose parties are {', '.join(parties)}"
    )


def recorded_already(fact: Fact, slug: str, known: int) -> DuplicateFact:
    return DuplicateFact(
        f"refused: {describe(fact)} is already recorded on {slug} as event "
        f"#{known}; to correct it, retract #{known} and record it again"
    )


def retracted_already(fact: Fact, slug: str, retracted: int) -> DuplicateFact:
    return DuplicateFact(
        f"refused: {describe(fact)} was recorded on {slug} as event "
        f"#{retracted} and retracted since; record it again with its own command "
        "if the retraction was a mistake"
    )


def breaks_a_rule(fact: Fact, slug: str, violation: Violation) -> RuleBroken:
    """The rule that recording ``fact`` breaks: of the fact itself, or of a later fact that
    the new one would put out of order."""
    if violation.fact is fact:
        return violation.rule(
            f"refused: {violation.rule.rule}: {violation.why}; {violation.advice}"
        )
    return violation.rule(
        f"refused: {violation.rule.rule}: recording {describe(fact)} on {slug} would "
        f"put {describe(violation.fact)} (#{violation.fact.seq}) out of order: "
        f"{violation.why}; check the date, or retract #{violation.fact.seq} first"
    )
