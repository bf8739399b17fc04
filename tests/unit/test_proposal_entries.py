"""The import format reads the entries tracker extract proposes: ``status`` says whether a
proposal is new or known, an opening's own status stands as ``channel_status``, and a
suspension or resumption may name its one channel as ``slug``."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from tracker.application.commands import (
    Entry,
    HoldMeeting,
    OpenChannel,
    ResumeChannels,
    SeedEntry,
    SuspendChannels,
)
from tracker.domain.values import ChannelStatus
from tracker.extraction.proposal import Proposal, Quote

ENTRY: TypeAdapter[SeedEntry] = TypeAdapter(Entry)
QUOTE = Quote("The ministers launched a working group on Monday.", "high")


def entry(**fields: Any) -> SeedEntry:
    return ENTRY.validate_python(fields)


def test_a_new_proposal_is_a_command_marked_new() -> None:
    command = entry(command="meet", slug="us-cn-talks", on="2024-01-02", status="new")
    assert isinstance(command, HoldMeeting)
    assert command.proposal == "new"


def test_a_known_proposal_is_marked_known() -> None:
    command = entry(command="meet", slug="us-cn-talks", on="2024-01-02", status="known")
    assert isinstance(command, HoldMeeting)
    assert command.proposal == "known"


def test_an_entry_typed_by_hand_is_no_proposal() -> None:
    command = entry(command="meet", slug="us-cn-talks", on="2024-01-02")
    assert isinstance(command, HoldMeeting)
    assert command.proposal is None


def test_an_opening_proposed_keeps_its_own_status_as_channel_status() -> None:
    proposal = Proposal(
        "open",
        "us-cn-wg",
        "2024-01-02",
        QUOTE,
        {"title": "US–China Working Group", "parties": ["US", "CN"], "status": "proposed"},
    )
    command = entry(**proposal.entry("Readout, 2024-01-03"))
    assert isinstance(command, OpenChannel)
    assert (command.proposal, command.status) == ("new", ChannelStatus.PROPOSED)


def test_an_opening_without_a_proposal_status_still_takes_its_status() -> None:
    command = entry(
        command="open",
        slug="us-cn-wg",
        title="T",
        parties=["US", "CN"],
        on="2024",
        status="proposed",
    )
    assert isinstance(command, OpenChannel)
    assert (command.proposal, command.status) == (None, ChannelStatus.PROPOSED)


def test_a_channel_status_given_twice_is_refused() -> None:
    with pytest.raises(ValidationError, match="give the channel's status once"):
        entry(
            command="open",
            slug="us-cn-wg",
            title="T",
            parties=["US", "CN"],
            on="2024",
            status="agreed",
            channel_status="proposed",
        )


def test_a_status_that_is_neither_new_nor_known_is_refused_where_no_status_belongs() -> None:
    with pytest.raises(ValidationError, match="status is new or known"):
        entry(command="meet", slug="us-cn-talks", on="2024", status="maybe")


def test_proposal_is_not_a_field_of_its_own() -> None:
    with pytest.raises(ValidationError, match="proposal is not a field"):
        entry(command="meet", slug="us-cn-talks", on="2024", proposal="known")


def test_the_proposal_status_is_no_part_of_the_fact() -> None:
    command = entry(command="meet", slug="us-cn-talks", on="2024", status="new")
    assert "proposal" not in command.model_dump()


@pytest.mark.parametrize(
    ("kind", "model"), [("suspend", SuspendChannels), ("resume", ResumeChannels)]
)
def test_a_suspension_or_resumption_may_name_one_channel_as_slug(kind: str, model: type) -> None:
    command = entry(command=kind, slug="us-cn-mmca", on="2022-08-05")
    assert isinstance(command, model)
    assert command.channels() == ("us-cn-mmca",)


def test_slug_and_slugs_together_are_refused() -> None:
    with pytest.raises(ValidationError, match="not both"):
        entry(command="suspend", slug="a-b", slugs=["c-d"], on="2022-08-05")


def test_every_kind_of_proposal_entry_is_an_import_entry() -> None:
    options: dict[str, dict[str, Any]] = {
        "open": {"title": "US–China Talks", "parties": ["US", "CN"], "status": "agreed"},
        "agree": {},
        "cadence": {"level": "ministerial", "per_year": 2},
        "plan": {"window": "2024-07", "location": "Tokyo"},
        "meet": {"location": "Tokyo", "leads": ["USA=Gina Raimondo"]},
        "suspend": {"by": "CN"},
        "resume": {},
        "conclude": {},
    }
    for kind, extra in options.items():
        proposal = Proposal(kind, "us-cn-talks", "2024-05", QUOTE, extra, status="known")  # type: ignore[arg-type]
        command = entry(**proposal.entry("Readout"))
        assert command.command == kind
        assert getattr(command, "proposal", None) == "known"
