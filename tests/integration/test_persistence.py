"""The application on real stores: each test runs once on SQLite and once on PostgreSQL."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.integration.seeding import (
    SEED_FILE,
    days,
    entries_breaking_a_rule_at,
    malformed_files,
    meeting,
    opening,
    write_seed,
)
from tests.support import fingerprint, run_cli, stored_rows
from tracker.application import open_tracker
from tracker.application.commands import (
    AgreeCadence,
    AgreeChannel,
    ConcludeChannel,
    HoldMeeting,
    OpenChannel,
    PlanMeeting,
    ResumeChannels,
    RetractEvent,
    SuspendChannels,
)
from tracker.application.errors import BadInput, ChannelNotFound, Refused, WriteConflict
from tracker.application.tracker import MAX_TRIES, DialogueTracker
from tracker.domain.values import channel_id

SLUG = "us-cn-commercial-wg"

OpenApp = Callable[[], DialogueTracker]


@pytest.fixture
def new_app(db: str) -> Iterator[OpenApp]:
    """Open as many application instances on the test's store as a test needs."""
    opened: list[DialogueTracker] = []

    def make() -> DialogueTracker:
        app = open_tracker(db, write=True)
        opened.append(app)
        return app

    yield make
    for app in opened:
        app.close()


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries back off with a short random sleep; the tests need not wait for it."""
    monkeypatch.setattr(
        "tracker.application.unit_of_work.time", SimpleNamespace(sleep=lambda _seconds: None)
    )


def open_command(slug: str = SLUG, on: str = "2023-01-01", **fields: Any) -> OpenChannel:
    values: dict[str, Any] = {"slug": slug, "title": f"Channel {slug}", "parties": ["US", "CN"]}
    return OpenChannel.model_validate({**values, "on": on, **fields})


def topics_stored(db: str) -> list[str]:
    return [row[2] for row in stored_rows(db)]


@pytest.fixture
def writers_without_the_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers that do not queue (an older tracker, say), so that a race can happen at all.

    With the write lock, writers of a channel take turns and never meet a conflict; these
    tests check what the retries do when one still gets through. Queueing is tested in
    tests/hardening/test_concurrency.py.
    """
    import tracker.store.locks

    monkeypatch.setattr(
        tracker.store.locks, "writing", lambda *args, **kwargs: contextlib.nullcontext()
    )


def race_before_save(app: DialogueTracker, rival_write: Callable[[int], Any]) -> list[int]:
    """Make ``app`` lose a race: before each of its saves (after it loaded the channels and the
    domain accepted the change) a rival writes first. Returns the list of save attempts."""
    attempts: list[int] = []
    original = app.save

    def save(*events: Any, **kwargs: Any) -> Any:
        attempts.append(len(attempts) + 1)
        rival_write(len(attempts))
        return original(*events, **kwargs)

    app.save = save  # type: ignore[method-assign]
    return attempts


# --- round trips ------------------------------------------------------------------------------


def test_every_event_kind_reads_back_identically_from_a_new_application(
    db: str, new_app: OpenApp
) -> None:
    writer = new_app()
    saved: list[Any] = []
    original_save = writer.save

    def spy(*channels: Any, **kwargs: Any) -> Any:
        recordings = original_save(*channels, **kwargs)
        saved.extend(r.domain_event for r in recordings)  # the events as they were saved
        return recordings

    writer.save = spy  # type: ignore[method-assign]
    sources = [
        {
            "citation": "AP, 2023-08-29",
            "quote": "she and Wang would meet once a year",
            "confidence": "high",
            "note": "the article's own words",
        },
        {"citation": "https://example.org/readout", "confidence": "low"},
    ]
    writer.open_channel(
        open_command(
            on="2023-01",
            status="proposed",
            level="ministerial",
            leads=["USA=Gina Raimondo", "CHN=Wang Wentao"],
            topics=["trade", "commercial issues"],
            follows="us-cn-old-dialogue",
            sources=sources,
        )
    )
    writer.agree(AgreeChannel(slug=SLUG, on="2023-02~", sources=sources[:1]))
    writer.agree_cadence(
        AgreeCadence(slug=SLUG, level="vice-ministerial", per_year=0.5, on="2023-03")
    )
    writer.plan_meeting(
        PlanMeeting(
            slug=SLUG, on="2023-03-15", window="2024-01~/2024-04~", level="ministerial", host="US"
        )
    )
    writer.hold_meeting(
        HoldMeeting(
            slug=SLUG,
            on="2023-04-10/2023-04-12",
            level="vice-ministerial",
            location="Beijing",
            leads=["USA=Marisa Lago"],
            summary="Two-hour lunch",
            sources=sources,
        )
    )
    writer.suspend(SuspendChannels(slugs=[SLUG], on="2023-05", by="CHN", reason="a visit"))
    writer.resume(ResumeChannels(slugs=[SLUG], on="2023-06-01", reason="a summit"))
    mistaken = writer.hold_meeting(HoldMeeting(slug=SLUG, on="2023-07"))
    writer.conclude(
        ConcludeChannel(slug=SLUG, on="2023-12", reason="replaced", successor="us-cn-new-wg")
    )
    # A retraction is the one thing that may follow a conclusion.
    writer.retract(RetractEvent(slug=SLUG, seq=mistaken[0].seq, reason="another channel"))

    reader = new_app()
    read = [entry.event for entry in reader.history(SLUG)]

    assert [type(e).__name__ for e in read] == [
        "ChannelOpened",
        "ChannelAgreed",
        "CadenceAgreed",
        "MeetingPlanned",
        "MeetingHeld",
        "Suspended",
        "Resumed",
        "MeetingHeld",
        "Concluded",
        "EventRetracted",
    ]
    assert [type(e) for e in read] == [type(e) for e in saved]
    assert [e.model_dump() for e in read] == [e.model_dump() for e in saved]
    assert [e.model_dump(mode="json") for e in read] == [e.model_dump(mode="json") for e in saved]
    assert len(stored_rows(db)) == 10


def test_approximate_and_interval_dates_keep_their_edtf_text(db: str, new_app: OpenApp) -> None:
    app = new_app()
    app.open_channel(open_command(on="2023"))
    app.agree_cadence(AgreeCadence(slug=SLUG, level="ministerial", per_year=1, on="2023-02~"))
    app.plan_meeting(PlanMeeting(slug=SLUG, on="2023-08-28/2023-08-29", window="2024-01~/2024-04~"))
    app.hold_meeting(HoldMeeting(slug=SLUG, on="2023-07-16/2023-07-19", level="ministerial"))
    app.hold_meeting(HoldMeeting(slug=SLUG, on="2024-04~", level="ministerial"))

    events = [entry.event for entry in new_app().history(SLUG)]
    assert [str(e.occurred) for e in events] == [  # type: ignore[attr-defined]
        "2023",
        "2023-02~",
        "2023-08-28/2023-08-29",
        "2023-07-16/2023-07-19",
        "2024-04~",
    ]
    assert str(events[2].window) == "2024-01~/2024-04~"  # type: ignore[attr-defined]
    assert events[0].occurred.precision == "year"  # type: ignore[attr-defined]
    assert events[4].occurred.approximate  # type: ignore[attr-defined]

    stored = b"".join(bytes(row[3]) for row in stored_rows(db))
    for text in ("2023-02~", "2024-01~/2024-04~", "2023-07-16/2023-07-19", "2024-04~"):
        assert f'"{text}"'.encode() in stored, text

    state = new_app().state(SLUG)
    assert str(state.planned[0].window) == "2024-01~/2024-04~"
    assert str(state.last_meeting) == "2024-04~"


def test_a_fresh_store_creates_its_tables_on_the_first_write(db: str, new_app: OpenApp) -> None:
    assert stored_rows(db) == []

    new_app().open_channel(open_command())

    rows = stored_rows(db)
    assert len(rows) == 1
    assert rows[0][2] == "tracker.events:ChannelOpened"


def test_a_fresh_store_reads_as_empty_without_error(db: str) -> None:
    # A SQLite file comes into being with its first write; reading a missing file is refused
    # (tests/cli covers that), so create the store first, as `tracker open` would.
    open_tracker(db, write=True).close()
    reader = open_tracker(db, write=False)
    try:
        assert reader.slugs() == []
        assert reader.states() == []
        with pytest.raises(ChannelNotFound):
            reader.channel(SLUG)
    finally:
        reader.close()
    assert stored_rows(db) == []


def test_channel_ids_are_uuid5_of_the_slug(db: str, new_app: OpenApp) -> None:
    app = new_app()
    for slug in ("us-cn-commercial-wg", "us-cn-mmca"):
        app.open_channel(open_command(slug=slug))

    ids = [uuid.UUID(str(row[0])) for row in stored_rows(db)]
    # Part of the stored format: another namespace would orphan every channel already stored.
    namespace = uuid.UUID("6f1d2c1e-5b0a-4c55-9d1e-3a7e3f2a9b10")
    assert ids == [
        uuid.uuid5(namespace, "us-cn-commercial-wg"),
        uuid.uuid5(namespace, "us-cn-mmca"),
    ]
    assert all(i.version == 5 for i in ids)
    assert ids == [channel_id("us-cn-commercial-wg"), channel_id("us-cn-mmca")]
    # Another instance finds the channel from its slug alone.
    assert new_app().channel("us-cn-mmca").id == ids[1]


# --- concurrent writers -----------------------------------------------------------------------


@pytest.mark.usefixtures("writers_without_the_lock")
def test_a_writer_that_lost_a_race_reloads_rechecks_the_rules_and_saves(
    db: str, new_app: OpenApp
) -> None:
    first, second = new_app(), new_app()
    first.open_channel(open_command())

    def first_records_a_meeting(attempt: int) -> None:
        if attempt == 1:
            first.hold_meeting(HoldMeeting(slug=SLUG, on="2023-02-01"))

    attempts = race_before_save(second, first_records_a_meeting)
    recorded = second.agree_cadence(
        AgreeCadence(slug=SLUG, level="ministerial", per_year=1, on="2023-03")
    )

    assert attempts == [1, 2]
    assert [(r.seq, r.kind) for r in recorded] == [(3, "cadence")]
    assert [(row[1], row[2]) for row in stored_rows(db)] == [
        (1, "tracker.events:ChannelOpened"),
        (2, "tracker.events:MeetingHeld"),
        (3, "tracker.events:CadenceAgreed"),
    ]


@pytest.mark.usefixtures("writers_without_the_lock")
def test_a_writer_that_lost_a_race_is_refused_when_the_winners_event_breaks_its_rule(
    db: str, new_app: OpenApp
) -> None:
    first, second = new_app(), new_app()
    first.open_channel(open_command())

    def first_suspends(attempt: int) -> None:
        if attempt == 1:
            first.suspend(SuspendChannels(slugs=[SLUG], on="2023-05-01", by="CN"))

    attempts = race_before_save(second, first_suspends)
    with pytest.raises(Refused, match="suspended") as refused:
        # Valid when the second writer loaded the channel; a meeting during a suspension once
        # the first writer's suspension is on the timeline.
        second.hold_meeting(HoldMeeting(slug=SLUG, on="2023-06-01"))

    assert refused.value.exit_code == 1
    assert attempts == [1]  # the retry re-checked the rules and never tried to save again
    assert topics_stored(db) == ["tracker.events:ChannelOpened", "tracker.events:Suspended"]


@pytest.mark.usefixtures("writers_without_the_lock")
def test_two_writers_opening_the_same_slug_leave_one_opening_and_refuse_the_other(
    db: str, new_app: OpenApp
) -> None:
    first, second = new_app(), new_app()

    def first_opens(attempt: int) -> None:
        if attempt == 1:
            first.open_channel(open_command(title="First writer's title"))

    race_before_save(second, first_opens)
    with pytest.raises(Refused, match="exists already"):
        second.open_channel(open_command(title="Second writer's title"))

    assert len(stored_rows(db)) == 1
    assert new_app().channel(SLUG).opening.title == "First writer's title"


@pytest.mark.usefixtures("no_backoff")
@pytest.mark.usefixtures("writers_without_the_lock")
def test_a_conflict_that_persists_after_max_tries_is_a_write_conflict_and_writes_nothing(
    db: str, new_app: OpenApp
) -> None:
    first, second = new_app(), new_app()
    first.open_channel(open_command())
    meeting_days = iter(days("2023-02-01", MAX_TRIES))

    attempts = race_before_save(
        second, lambda _: first.hold_meeting(HoldMeeting(slug=SLUG, on=next(meeting_days)))
    )
    with pytest.raises(WriteConflict) as conflict:
        second.agree_cadence(AgreeCadence(slug=SLUG, level="ministerial", per_year=1, on="2023"))

    assert conflict.value.exit_code == 3
    assert str(MAX_TRIES) in str(conflict.value)
    assert len(attempts) == MAX_TRIES
    topics = topics_stored(db)
    assert topics.count("tracker.events:MeetingHeld") == MAX_TRIES
    assert "tracker.events:CadenceAgreed" not in topics


@pytest.mark.usefixtures("no_backoff")
@pytest.mark.usefixtures("writers_without_the_lock")
def test_a_persistent_write_conflict_exits_3_on_the_command_line(
    db: str, new_app: OpenApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    rival = new_app()
    rival.open_channel(open_command())
    meeting_days = iter(days("2023-02-01", MAX_TRIES))
    original = DialogueTracker.save

    def save_after_the_rival(self: DialogueTracker, *events: Any, **kwargs: Any) -> Any:
        if self is not rival:
            rival.hold_meeting(HoldMeeting(slug=SLUG, on=next(meeting_days)))
        return original(self, *events, **kwargs)

    monkeypatch.setattr(DialogueTracker, "save", save_after_the_rival)
    result = run_cli(
        ["cadence", SLUG, "--level", "ministerial", "--per-year", "1", "--on", "2023"], db=db
    )

    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.splitlines()) == 1
    assert "another writer" in result.stderr
    assert "tracker.events:CadenceAgreed" not in topics_stored(db)


# --- several channels at once -----------------------------------------------------------------


@pytest.fixture
def three_channels(new_app: OpenApp) -> DialogueTracker:
    app = new_app()
    for slug in ("us-cn-climate", "us-cn-mmca", "us-cn-drugs"):
        app.open_channel(open_command(slug=slug, on="2013-04-13"))
    app.suspend(SuspendChannels(slugs=["us-cn-mmca"], on="2022-08-05", by="CN"))
    return app


def test_suspending_several_channels_writes_nothing_when_one_refuses(
    db: str, three_channels: DialogueTracker
) -> None:
    before = stored_rows(db)
    # us-cn-mmca is suspended already: the other two must not be suspended either.
    command = SuspendChannels(slugs=["us-cn-climate", "us-cn-mmca", "us-cn-drugs"], on="2022-09")

    with pytest.raises(Refused, match="us-cn-mmca"):
        three_channels.suspend(command)

    assert stored_rows(db) == before


def test_suspending_several_channels_writes_nothing_when_one_is_unknown(
    db: str, three_channels: DialogueTracker
) -> None:
    before = stored_rows(db)
    command = SuspendChannels(slugs=["us-cn-climate", "us-cn-never-opened"], on="2022-09")

    with pytest.raises(ChannelNotFound, match="us-cn-never-opened"):
        three_channels.suspend(command)

    assert stored_rows(db) == before


def test_resuming_several_channels_writes_nothing_when_one_refuses(
    db: str, three_channels: DialogueTracker
) -> None:
    before = stored_rows(db)
    # us-cn-climate was never suspended: resuming it and us-cn-mmca together records neither.
    command = ResumeChannels(slugs=["us-cn-mmca", "us-cn-climate"], on="2023-11-15")

    with pytest.raises(Refused, match="us-cn-climate"):
        three_channels.resume(command)

    assert stored_rows(db) == before
    assert three_channels.state("us-cn-mmca").status == "suspended"


def test_suspending_and_resuming_several_channels_records_one_event_on_each(
    db: str, three_channels: DialogueTracker
) -> None:
    suspended = three_channels.suspend(
        SuspendChannels(slugs=["us-cn-climate", "us-cn-drugs"], on="2022-08-05", by="CN")
    )
    resumed = three_channels.resume(
        ResumeChannels(slugs=["us-cn-climate", "us-cn-drugs", "us-cn-mmca"], on="2023-11-15")
    )

    assert [(r.slug, r.kind) for r in suspended] == [
        ("us-cn-climate", "suspended"),
        ("us-cn-drugs", "suspended"),
    ]
    assert sorted((r.slug, r.kind) for r in resumed) == [
        ("us-cn-climate", "resumed"),
        ("us-cn-drugs", "resumed"),
        ("us-cn-mmca", "resumed"),
    ]
    assert len(stored_rows(db)) == 4 + 2 + 3


# --- import -----------------------------------------------------------------------------------


@pytest.fixture
def earlier_channel(new_app: OpenApp) -> DialogueTracker:
    """A store that already holds something, so a partial write would show."""
    app = new_app()
    app.open_channel(open_command(slug="us-cn-earlier"))
    return app


def test_an_import_whose_40th_entry_breaks_a_rule_writes_nothing_and_names_entry_40(
    db: str, earlier_channel: DialogueTracker, tmp_path: Path
) -> None:
    path = write_seed(tmp_path / "forty.toml", entries_breaking_a_rule_at(40))
    before = fingerprint(db)

    with pytest.raises(Refused) as refused:
        earlier_channel.import_file(path)

    message = str(refused.value)
    assert "forty.toml" in message
    assert "entry 40" in message
    assert "before" in message
    assert fingerprint(db) == before


def test_a_malformed_import_file_writes_nothing_and_names_the_position(
    db: str, earlier_channel: DialogueTracker, tmp_path: Path
) -> None:
    # Bad TOML, an unknown command, a bad date in entry 7.
    for kind, (path, words) in malformed_files(tmp_path).items():
        before = fingerprint(db)

        with pytest.raises(BadInput) as bad:
            earlier_channel.import_file(path)

        assert bad.value.exit_code == 2, kind
        for word in words:
            assert word in str(bad.value), (kind, word)
        assert fingerprint(db) == before, kind


def test_importing_the_same_file_twice_records_nothing_new_the_second_time(
    db: str, new_app: OpenApp, tmp_path: Path
) -> None:
    entries = [
        opening("seed-alpha", level="ministerial", leads=["USA=Gina Raimondo"], topics=["trade"]),
        opening("seed-beta", on="2022-11"),
        *(meeting("seed-alpha", day) for day in days("2023-02-01", 3)),
        {
            "command": "cadence",
            "slug": "seed-alpha",
            "level": "ministerial",
            "per_year": 1,
            "on": "2023-02",
        },
        {
            "command": "suspend",
            "slugs": ["seed-alpha", "seed-beta"],
            "on": "2023-05~",
            "by": "CN",
            "sources": [{"citation": "AP", "quote": "broke off", "confidence": "high"}],
        },
    ]
    path = write_seed(tmp_path / "twice.toml", entries)

    first = new_app().import_file(path)
    after_first = fingerprint(db)
    second = new_app().import_file(path)

    assert (first.entries, first.recorded, first.already) == (7, 8, 0)
    assert second.recorded == 0
    assert fingerprint(db) == after_first


def test_an_import_that_meets_a_version_conflict_starts_again_and_records_once(
    db: str, new_app: OpenApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An import holds the store's write lock, so a rival cannot write in the middle of it; if
    # a conflict still reaches it (the store says a version exists), it starts again.
    from eventsourcing.persistence import IntegrityError

    import tracker.application.importing as importing

    first, second = new_app(), new_app()
    first.open_channel(open_command(slug="seed-alpha"))
    path = write_seed(tmp_path / "race.toml", [meeting("seed-alpha", "2023-03-01")])
    real_writer = importing.event_writer
    attempts: list[int] = []

    @contextlib.contextmanager
    def writer_that_conflicts_once(store: Any) -> Any:
        attempts.append(len(attempts) + 1)
        if len(attempts) == 1:
            first.hold_meeting(HoldMeeting(slug="seed-alpha", on="2023-02-01"))
            raise IntegrityError("duplicate key value violates unique constraint")
        with real_writer(store) as writer:
            yield writer

    monkeypatch.setattr(importing, "event_writer", writer_that_conflicts_once)
    result = second.import_file(path)

    assert attempts == [1, 2]
    assert result.recorded == 1
    assert [row[1] for row in stored_rows(db)] == [1, 2, 3]


def test_importing_the_real_seed_file_shows_the_commercial_working_group_with_two_cadences(
    db: str,
) -> None:
    imported = run_cli(["import", str(SEED_FILE)], db=db)
    assert imported.exit_code == 0, imported.output

    status = run_cli(["status", SLUG, "--json"], db=db)
    assert status.exit_code == 0, status.output
    view = status.json()
    assert view["channel"] == SLUG
    assert [(c["level"], c["per_year"]) for c in view["cadences"]] == [
        ("ministerial", 1),
        ("vice-ministerial", 2),
    ]
    assert view["status"] == "active"
    assert view["meetings_held"] == 1

    again = run_cli(["import", str(SEED_FILE)], db=db)
    assert again.exit_code == 0, again.output
    assert "0 events recorded" in again.stdout


def test_seed_file_channels_are_found_by_every_new_instance(db: str, new_app: OpenApp) -> None:
    new_app().import_file(SEED_FILE)
    slugs = new_app().slugs()

    assert slugs[:2] == [SLUG, "us-cn-export-control-exchange"]
    assert {"us-cn-mmca", "us-cn-climate-talks", "us-cn-ai-talks"} <= set(slugs)
    assert new_app().state("us-cn-mmca").status == "suspended"


def _jsonl(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(entry) + "\n" for entry in entries), encoding="utf-8")
    return path


def _round_robin(channels: int, meetings: int) -> list[dict[str, Any]]:
    """Channels opened, then one meeting on each in turn: every entry changes channel."""
    slugs = [f"seed-{number:02d}" for number in range(channels)]
    return [
        *(opening(slug) for slug in slugs),
        *(meeting(slug, day) for day in days("2023-02-01", meetings) for slug in slugs),
    ]


@pytest.fixture
def by_channel(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the imports that were recorded channel by channel (after one reading failed)."""
    import tracker.application.importing as importing

    calls: list[int] = []
    real = importing.import_plan

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "import_plan", counted)
    return calls


def test_a_file_read_in_one_pass_holds_its_channels_one_after_another(
    db: str, new_app: OpenApp, tmp_path: Path, by_channel: list[int]
) -> None:
    from tracker.application.importing import OPEN_CHANNELS

    entries = sorted(_round_robin(OPEN_CHANNELS * 2, 5), key=lambda entry: entry["slug"])
    result = new_app().import_file(_jsonl(tmp_path / "grouped.jsonl", entries))

    assert by_channel == []
    assert (result.recorded, result.already) == (len(entries), 0)
    assert new_app().verify().intact
    assert new_app().state("seed-03").meetings_held == 5


def test_a_file_that_interleaves_many_channels_is_recorded_channel_by_channel_alike(
    db: str, new_app: OpenApp, tmp_path: Path, by_channel: list[int]
) -> None:
    from tracker.application.importing import OPEN_CHANNELS

    entries = _round_robin(OPEN_CHANNELS * 2, 5)
    result = new_app().import_file(_jsonl(tmp_path / "interleaved.jsonl", entries))
    after = fingerprint(db)

    assert by_channel == [1]
    assert (result.recorded, result.already) == (len(entries), 0)
    assert new_app().verify().intact
    assert new_app().state("seed-03").meetings_held == 5
    # The same facts grouped by channel (read in one pass) are all recorded already.
    grouped = sorted(entries, key=lambda entry: entry["slug"])
    again = new_app().import_file(_jsonl(tmp_path / "grouped.jsonl", grouped))
    assert (again.recorded, again.already) == (0, len(entries))
    assert by_channel == [1]
    assert fingerprint(db) == after


def test_an_interleaved_file_refused_late_names_its_first_refused_entry_and_writes_nothing(
    db: str, earlier_channel: DialogueTracker, tmp_path: Path
) -> None:
    from tracker.application.importing import OPEN_CHANNELS

    entries = _round_robin(OPEN_CHANNELS * 2, 5)
    entries[-3] = meeting(entries[-3]["slug"], "2022-06-01")  # before its channel opened
    entries[-1] = meeting(entries[-1]["slug"], "2022-06-01")
    before = fingerprint(db)

    with pytest.raises(Refused) as refused:
        earlier_channel.import_file(_jsonl(tmp_path / "late.jsonl", entries))

    assert f"entry {len(entries) - 2} (line {len(entries) - 2})" in str(refused.value)
    assert fingerprint(db) == before


def test_an_imported_file_lists_its_channels_in_the_order_it_opened_them(
    db: str, new_app: OpenApp, tmp_path: Path, by_channel: list[int]
) -> None:
    # Channels are held in memory while in use and written when let go; their openings are
    # written at once, so the store lists them in the file's order (export, watch).
    entries = [
        opening("seed-b"),
        opening("seed-a"),
        opening("seed-c"),
        *(meeting("seed-b", day) for day in days("2023-02-01", 3)),  # b used last
    ]
    new_app().import_file(_jsonl(tmp_path / "order.jsonl", entries))

    assert by_channel == []
    assert new_app().slugs() == ["seed-b", "seed-a", "seed-c"]
    assert new_app().verify().intact
