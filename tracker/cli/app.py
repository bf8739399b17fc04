"""The ``tracker`` command: global options, error handling, and the command groups."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from difflib import get_close_matches
from importlib import import_module
from typing import Annotated, Any, Protocol, cast

import typer
import typer.main
from typer.core import TyperGroup  # typer's documented base for a custom group (cls=)

from tracker import __version__
from tracker.cli.context import CliState, example, fail, refuse_store_as_standard_output
from tracker.cli.once import once_only

HELP = """Follow government-to-government dialogue channels as immutable, sourced events.

Record what happened in each channel (opened, cadence agreed, meeting held, suspended,
resumed …) with its real-world date and sources; read back each channel's status."""

EPILOG = (
    "Example: tracker --db team.db status us-cn-commercial-wg. "
    "Exit codes: 0 done, also when the reader of the output stops early (| head); 1 refused by "
    "a rule, a duplicate, or an unknown channel (and, for overdue --exit-code, something is "
    "overdue); 2 bad input or usage, or the output cannot be "
    "written; 3 the store is unreachable, unreadable, busy, or a write conflict persisted "
    "after retries; 4 an unexpected failure (a bug: please report it)."
)


INTERNAL_ERROR = 4
OUTPUT_FAILED = 2  # as when -o FILE cannot be written


# Every error of the command line (a usage error, a bad parameter …) is a click exception.
# typer exports one of them, BadParameter, but not their base class: it is found from it.
ClickException: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


class ClickError(Protocol):
    """What the tracker reads of a click exception."""

    message: str
    exit_code: int

    def format_message(self) -> str: ...


RECORDING, READING, STORE = "Recording", "Reading", "Store"

# The commands, in the order of --help: the module of tracker.cli that defines each, its
# function there, and its panel of help. A command becomes a click command only when it is
# called (or its help shown), and its module is imported only then: with typer's public API
# alone (build). Building `tracker meet` alone in a new process took 10-13 ms, against 80-144
# ms for importing every command module and building all 19 (make bench, "commands built when
# called", 2026-12-03, on a machine loaded about four times over).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "open": ("channels", "open_", RECORDING),
    "agree": ("channels", "agree", RECORDING),
    "cadence": ("meetings", "cadence", RECORDING),
    "plan": ("meetings", "plan", RECORDING),
    "meet": ("meetings", "meet", RECORDING),
    "suspend": ("channels", "suspend", RECORDING),
    "resume": ("channels", "resume", RECORDING),
    "conclude": ("channels", "conclude", RECORDING),
    "amend": ("changes", "amend", RECORDING),
    "postpone": ("changes", "postpone", RECORDING),
    "cancel": ("changes", "cancel", RECORDING),
    "correct": ("changes", "correct", RECORDING),
    "retract": ("channels", "retract", RECORDING),
    "import": ("importing", "import_", RECORDING),
    "extract": ("extracting", "extract", RECORDING),
    "status": ("reading", "status", READING),
    "history": ("reading", "history", READING),
    "channels": ("finding", "channels", READING),
    "overdue": ("reading", "overdue", READING),
    "watch": ("reading", "watch", READING),
    "report": ("reporting", "report", READING),
    "export": ("reporting", "export", READING),
    "calendar": ("reporting", "calendar", READING),
    "search": ("searching", "search", READING),
    "rebuild": ("admin", "rebuild", STORE),
    "verify": ("admin", "verify", STORE),
    "keygen": ("admin", "keygen", STORE),
}


def build(name: str) -> Any:
    """The click command of one command, built by typer from a Typer app of its own."""
    from tracker.cli.options import OnceCommand

    module_name, function_name, panel = COMMANDS[name]
    module = import_module(f"tracker.cli.{module_name}")
    alone = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    alone.command(
        name,
        cls=getattr(module, "COMMAND_CLASS", OnceCommand),  # recording commands pair sources
        epilog=example(module.EXAMPLES[name]),
        rich_help_panel=panel,
    )(getattr(module, function_name))
    return typer.main.get_command(alone)


class TrackerGroup(TyperGroup):
    """Builds each command when it is asked for, and reports every failure as one line on
    stderr with a documented exit code."""

    def list_commands(self, ctx: Any) -> list[str]:  # noqa: ARG002 (click's signature)
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:  # noqa: ARG002
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = build(cmd_name)
        return self.commands.get(cmd_name)

    def make_parser(self, ctx: Any) -> Any:
        return once_only(ctx, super().make_parser(ctx))  # --db given twice is a mistake

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())  # `tracker` alone: its help, and exit 0
            ctx.exit()
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except ClickException as e:
            error = cast("ClickError", e)
            matches = get_close_matches(args[0], list(COMMANDS)) if args else []
            if matches:
                error.message = f"{error.message.rstrip('.')}. Did you mean {matches[0]!r}?"
            raise

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,  # noqa: ARG002 (errors are always handled here)
        **extra: Any,
    ) -> Any:
        from tracker.application.errors import TrackerError
        from tracker.cli.output import (
            OutputFailed,
            abandon,
            standard_error_or_nowhere,
            standard_output,
        )

        standard_error_or_nowhere()
        if sys.stdout is None:  # closed by the shell (>&-): nowhere to say what was done
            fail(
                "standard output is closed; give the command somewhere to write (> FILE, or "
                "> /dev/null to discard it)",
                OUTPUT_FAILED,
            )
        try:
            with standard_output() as output:
                try:
                    code = super().main(
                        args=args,
                        prog_name=prog_name or "tracker",
                        complete_var=complete_var,
                        standalone_mode=False,
                        **extra,
                    )
                    output.flush()  # a failure to write shows here, not at the exit
                except OutputFailed as e:
                    abandon(output)
                    if e.broken_pipe:  # the reader stopped reading (| head): no error
                        sys.exit(0)
                    fail(
                        f"cannot write to standard output: {e.reason}; send it somewhere that "
                        "can take it (what the command recorded, if anything, is kept)",
                        OUTPUT_FAILED,
                    )
        except typer.Abort:
            fail("interrupted", 130)
        except TrackerError as e:
            fail(str(e), e.exit_code)
        except ClickException as e:
            ctx = getattr(e, "ctx", None)
            hint = f" (see {ctx.command_path} --help)" if ctx else ""
            error = cast("ClickError", e)
            message = error.format_message().replace("Value error, ", "").rstrip(".")
            fail(f"{message[:1].lower()}{message[1:]}{hint}", error.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except Exception as e:
            if os.environ.get("TRACKER_DEBUG"):
                raise
            fail(
                f"unexpected failure ({type(e).__name__}: {e}); this is a bug in the tracker: "
                "please report it with the command you ran (TRACKER_DEBUG=1 shows the details)",
                INTERNAL_ERROR,
            )
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=TrackerGroup,
    name="tracker",
    help=HELP,
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    suggest_commands=False,  # TrackerGroup.resolve_command suggests the closest one
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="TRACKER_DB",
            show_envvar=True,
            show_default=False,
            metavar="PATH_OR_URL",
            help="The store: a SQLite file path, or postgresql://user[:password]@host[:port]/"
            "dbname[?param=value&…] for a shared database (libpq's parameters, such as "
            "sslmode; PGUSER, PGPASSWORD, ~/.pgpass … apply where the URL says nothing). "
            "Default (neither given): tracker.db in your user data directory; an empty value is "
            "refused.",
        ),
    ] = None,
    version: Annotated[  # noqa: ARG001 (handled by its eager callback)
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Follow government-to-government dialogue channels."""
    if db is None:
        # click reads an empty TRACKER_DB as unset; the store settings refuse it instead.
        db = os.environ.get("TRACKER_DB")
    ctx.obj = CliState(db=db)
    # Whatever the command, its output never lands on the store (tracker status >> t.db).
    refuse_store_as_standard_output(db)
