"""The rules of a channel's life, named as sentences, and the errors that say one was broken."""

from __future__ import annotations


class DomainError(Exception):
    """A command the domain refuses. The message says what was wrong and what to do instead."""


class RuleBroken(DomainError):
    """Recording this would leave the channel's timeline breaking one of its rules."""

    rule = "a rule of the channel would be broken"


class NothingBeforeOpening(RuleBroken):
    rule = "nothing can occur on a channel before the date it was opened"


class NothingAfterConclusion(RuleBroken):
    rule = "nothing can occur on a channel after it was concluded"


class MeetingNeedsAgreedOrActiveChannel(RuleBroken):
    rule = "a meeting can only be held on a channel that is agreed or active"


class OnlyProposedChannelCanBeAgreed(RuleBroken):
    rule = "only a proposed channel can be agreed"


class OnlyAgreedOrActiveChannelCanBeSuspended(RuleBroken):
    rule = "only an agreed or active channel can be suspended"


class OnlySuspendedChannelCanBeResumed(RuleBroken):
    rule = "only a suspended channel can be resumed"


class OnlyPartiesOfTheChannel(RuleBroken):
    rule = "only a party of the channel can suspend it or lead for one side"


class NothingBeforeItHappens(RuleBroken):
    rule = "a fact can be recorded only once it has happened; only a plan may lie in the future"


class DuplicateFact(DomainError):
    """The same fact (channel, kind, date and details) is already recorded."""


class ChannelAlreadyOpened(DomainError):
    """A channel with this slug exists already."""


class CannotRetract(DomainError):
    """The event named cannot be retracted (unknown, already retracted, or the opening)."""


class PlanChangeNeedsItsPlan(RuleBroken):
    rule = "a planned meeting can be postponed or cancelled only once it was agreed"


class OnlyAPlanNotYetHeldCanChange(RuleBroken):
    rule = "only a planned meeting not yet held or cancelled can be postponed or cancelled"


class CannotCorrect(DomainError):
    """The event named cannot be corrected (unknown, retracted, or a retraction)."""


class NoSuchPlan(DomainError):
    """The event named is not a planned meeting of the channel."""


class NoSuchEntry(DomainError):
    """No fact of the channel was recorded by an import entry of the id named."""


class EntryChanged(DomainError):
    """An import entry's id names a fact recorded with other content: the file was changed
    since it was imported. ``changes`` are the fields that differ, with the entry's values."""

    def __init__(self, message: str, *, seq: int, command: str, changes: dict[str, object]):
        super().__init__(message)
        self.seq, self.command, self.changes = seq, command, changes
