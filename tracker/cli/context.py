"""What every command shares: the store option, opening the tracker, printing, failing."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    import datetime as dt

    from pydantic import BaseModel

    from tracker.application.tracker import DialogueTracker, Recorded

M = TypeVar("M", bound="BaseModel")


@dataclass
class CliState:
    """Global options, set by the root callback."""

    db: str | None


def example(command: str) -> str:
    """The epilog of a command's help: an example, kept on one line so it can be copied."""
    # "\b" tells the help formatter not to rewrap the paragraph that follows.
    return f"\b\nExample: {command}"


MAX_ERROR = 1000


def fail(message: str, code: int) -> NoReturn:
    """Print one line on stderr and exit with the documented code.

    Whatever the user gave is echoed safely: control characters as escapes, and a value too
    long to read is cut short.
    """
    from tracker.reports.escaping import printable

    words = [w if len(w) <= 240 else w[:237] + "…" for w in printable(message).split()]
    line = " ".join(words)
    if len(line) > MAX_ERROR:
        line = line[: MAX_ERROR - 1] + "…"
    if sys.stderr is not None:  # None: the shell closed it (2>&-); the exit code still says
        sys.stderr.write(f"error: {line}\n")
        sys.stderr.flush()
    sys.exit(code)


def stdout_descriptor() -> int | None:
    """The file descriptor of standard output, if it has one (not when run in-process by a
    test runner that captures it)."""
    return _descriptor(sys.stdout)


def refuse_store_as_standard_output(db: str | None) -> None:
    """Refuse (BadInput) to run any command whose standard output or standard error is one of
    the store's own files (tracker status >> tracker.db, 2>> tracker.db): checked before
    anything is written. Standard error is then sent nowhere, so that not even the refusal
    lands on the store: the exit code (2) says it."""
    from tracker.application import check_outputs
    from tracker.application.errors import BadInput

    descriptor = stdout_descriptor()
    if descriptor is not None:
        check_outputs(db, [descriptor])
    errors = _descriptor(sys.stderr)
    if errors is not None:
        try:
            check_outputs(db, [errors])
        except BadInput:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, errors)
            os.close(devnull)
            raise


def _descriptor(stream: object) -> int | None:
    try:
        return int(stream.fileno())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return None


def tracker(
    ctx: typer.Context, *, write: bool, output: Path | None = None, creates: bool = False
) -> DialogueTracker:
    """Open the tracker on the store chosen with --db / TRACKER_DB: made by the commands that
    may record on a store that holds nothing yet (``creates``: open, import), refused where
    there is none for every other.

    Refused first, with nothing written, if ``output`` (the file given with -o) is one of the
    store's own files (standard output was checked as the command started).
    """
    from tracker.application import open_tracker

    state = ctx.find_object(CliState)
    outputs = (
        [] if output is None else [output.absolute()]
    )  # expanded as -o is read (files.output_file)
    app = open_tracker(
        state.db if state else None,
        write=write,
        outputs=outputs,
        creates=creates,
        only_if_recorded=creates,
    )
    return closed_at_the_end(ctx, app)


def closed_at_the_end(ctx: typer.Context, app: DialogueTracker) -> DialogueTracker:
    """Close the tracker when the command ends, also when it runs in-process (tests), and
    print its notices then."""
    ctx.call_on_close(app.close)  # its connection pools
    ctx.call_on_close(lambda: _warn(app.notices))
    return app


def _warn(notices: list[str]) -> None:
    """What the user should know besides the answer, one line each on stderr."""
    from tracker.reports.escaping import printable

    for notice in notices:
        sys.stderr.write(f"warning: {printable(notice)}\n")


def build(model: type[M], **values: Any) -> M:
    """Validate the options as the application's command; bad input exits 2 in one line."""
    from pydantic import ValidationError

    from tracker.application.commands import OPTION_NAMES
    from tracker.application.errors import BadInput, explain

    try:
        return model.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as e:
        raise BadInput(explain(e, OPTION_NAMES)) from None


def parse_day(text: str | None, option: str) -> dt.date | None:
    """An exact day for --as-of."""
    if text is None:
        return None
    from tracker.application.errors import BadInput
    from tracker.domain.dates import InvalidDate
    from tracker.domain.dates import parse_day as parse

    try:
        return parse(text)
    except InvalidDate as e:
        raise BadInput(f"{option}: {e}") from None


def parse_moment(text: str | None, option: str) -> dt.datetime | None:
    """A moment of record time for --known-on: a day, or a day and time (UTC unless given)."""
    if text is None:
        return None
    import datetime as dt

    from tracker.application.errors import BadInput

    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadInput(
            f"{option}: {text!r} is not a moment; use 2023-09-01 or 2023-09-01T12:00 "
            "(UTC unless an offset such as +02:00 is given)"
        ) from None
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    else:
        # A bare day means the end of that day: everything recorded on it was known "on" it.
        moment = moment.replace(hour=23, minute=59, second=59, microsecond=999999)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def echo_json(data: Any) -> None:
    from tracker.reports.jsontext import compact, dumps

    # Indented for a reader; compact for a program (four times faster to write: the whole
    # dashboard of ten thousand channels is 14 MB indented).
    if sys.stdout.isatty():
        typer.echo(dumps(data, indent=2))
    else:
        typer.echo(compact(data))


def echo_recorded(recorded: list[Recorded]) -> None:
    for r in recorded:
        when = f" of {r.occurred}" if r.occurred else ""
        typer.echo(f"recorded #{r.seq} {r.kind}{when} on {r.slug}")


@contextlib.contextmanager
def progress_bar(what: str) -> Iterator[Callable[[int, int | None], None] | None]:
    """A progress bar on stderr when it is a terminal (and nothing when it is not).

    It appears with the first report of progress, so a command that turns out to have
    little to do draws nothing.
    """
    if not sys.stderr.isatty():
        yield None
        return
    with contextlib.ExitStack() as shown:
        bar: Any = None
        task: Any = None
        last = [0.0]

        def update(done: int, total: int | None) -> None:
            nonlocal bar, task
            now = time.monotonic()
            if now - last[0] <= 0.1 and done != total:  # redraw at most ten times a second
                return
            last[0] = now
            if bar is None:
                from rich.console import Console
                from rich.progress import Progress

                bar = shown.enter_context(Progress(console=Console(stderr=True), transient=True))
                task = bar.add_task(what, total=total)
            bar.update(task, completed=done, total=total)

        yield update
