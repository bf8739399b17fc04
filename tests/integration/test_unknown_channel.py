"""A slug no channel has is refused naming the closest slugs recorded; the store's slugs are
listed only then, never on the way to a channel that exists. A channel asked about as known
before it was recorded was not yet recorded (it may well have existed); as of a day before it
was opened, it did not exist."""

from __future__ import annotations

import pytest

from tests.support import run_cli
from tracker.application import open_tracker
from tracker.application.errors import ChannelNotFound
from tracker.application.tracker import DialogueTracker


def _open(db: str, *slugs: str) -> None:
    for slug in slugs:
        opened = run_cli(
            ["open", slug, "--title", slug, "--party", "US", "--party", "CN", "--on", "2023-08-28"],
            db=db,
        )
        assert opened.exit_code == 0, opened.output


def test_a_channel_found_is_found_without_listing_the_store_s_channels(
    memory_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(memory_db, "us-cn-commercial-wg")
    app = open_tracker(memory_db, write=False)
    try:

        def listed(self: DialogueTracker) -> list[str]:
            raise AssertionError("the store's slugs were listed for a channel that exists")

        monkeypatch.setattr(DialogueTracker, "slugs", listed)
        assert app.channel("us-cn-commercial-wg").slug == "us-cn-commercial-wg"
        assert app.history("us-cn-commercial-wg")
        assert app.channel_status("us-cn-commercial-wg").slug == "us-cn-commercial-wg"
    finally:
        app.close()


def test_a_missing_channel_is_refused_naming_the_closest_slugs(memory_db: str) -> None:
    _open(memory_db, "us-cn-ai-talks", "us-cn-ai-talks-2", "us-cn-mmca")
    app = open_tracker(memory_db, write=False)
    try:
        with pytest.raises(ChannelNotFound) as found:
            app.channel("us-cn-ai-talk")
        assert str(found.value) == (
            "no channel 'us-cn-ai-talk'; did you mean us-cn-ai-talks or us-cn-ai-talks-2? "
            "tracker status lists the channels recorded"
        )
        with pytest.raises(ChannelNotFound) as found:
            app.channel_status("us-cn-mmac")
        assert "did you mean us-cn-mmca?" in str(found.value)
        with pytest.raises(ChannelNotFound) as found:
            app.history("eu-cn-summit")
        assert "did you mean" not in str(found.value)
        with pytest.raises(ChannelNotFound) as found:  # the same parties, another channel
            app.history("us-cn-space-talks")
        assert "did you mean" not in str(found.value)
    finally:
        app.close()


def test_a_missing_channel_in_a_store_of_none_is_refused_without_a_guess() -> None:
    from tracker.application.slugs import close_slugs

    assert close_slugs("us-cn-ai-talks", []) == []


BEFORE_IT_WAS_RECORDED = "2001-01-01T00:00:00+00:00"  # the tests record on today's clock


@pytest.mark.parametrize(
    "command",
    [
        ["status", "us-cn-mmca"],  # from the read model
        ["status", "us-cn-mmca", "--json"],
        ["report", "us-cn-mmca"],  # folded from the events
        ["report", "us-cn-mmca", "--as-of", "1998-01-18"],
        ["history", "us-cn-mmca"],
    ],
)
def test_a_channel_asked_about_as_known_before_it_was_recorded_was_not_yet_recorded(
    db: str, command: list[str]
) -> None:
    # It may well have existed then; the tracker only knew nothing of it yet.
    _open(db, "us-cn-mmca")

    result = run_cli([*command, "--known-on", BEFORE_IT_WAS_RECORDED], db=db)

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"error: the channel us-cn-mmca was not yet recorded on {BEFORE_IT_WAS_RECORDED}\n"
    )


@pytest.mark.parametrize("command", [["status"], ["report"], ["history"]])
def test_a_channel_recorded_but_asked_about_before_it_was_opened_did_not_exist(
    db: str, command: list[str]
) -> None:
    _open(db, "us-cn-mmca")
    moment = run_cli(["history", "us-cn-mmca", "--json"], db=db).json()[0]["recorded"]

    result = run_cli([*command, "us-cn-mmca", "--as-of", "2023-08-27", "--known-on", moment], db=db)

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"error: the channel us-cn-mmca did not exist as of 2023-08-27 as known on {moment}\n"
    )
