"""The ``tracker`` command: global options, error handling, and the command groups."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from difflib import get_close_matches
from importlib import import_module
from typing import Annotated, Any

import typer

# typer vendors click; its version is pinned in pyproject.toml
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperGroup
from typer.main import get_command_from_info
from typer.models import CommandInfo

from tracker import __version__
from tracker.cli.context import CliState, fail, refuse_store_as_standard_output

HELP = """Follow government-to-government dialogue channels as immutable, sourced events.

Record what happened in each channel (opened, cadence agreed, meeting held, suspended,
resumed …) with its real-world date and sources; read back each channel's status."""

EPILOG = (
    "Example: tracker --db team.db status us-cn-commercial-wg. "
    "Exit codes: 0 done, also when the reader of the output stops early (| head); 1 refused by "
    "a rule, a duplicate, or an unknown channel; 2 bad input or usage, or the output cannot be "
    "written; 3 the store is unreachable, unreadable, busy, or a write conflict persisted "
    "after retries; 4 an unexpected failure (a bug: please report it)."
)


INTERNAL_ERROR = 4
OUTPUT_FAILED = 2  # as when -o FILE cannot be written


# The commands, in the order of --help, and the module of tracker.cli that defines each. A
# module is imported only when one of its commands is used, and a command becomes a click
# command only then: importing and converting them all takes longer than most commands take
# to run.
COMMAND_MODULES: dict[str, str] = {
    "open": "channels",
    "agree": "channels",
    "cadence": "meetings",
    "plan": "meetings",
    "meet": "meetings",
    "suspend": "channels",
    "resume": "channels",
    "conclude": "channels",
    "retract": "channels",
    "import": "importing",
    "status": "reading",
    "history": "reading",
    "overdue": "reading",
    "watch": "reading",
    "report": "reporting",
    "export": "reporting",
    "rebuild": "admin",
    "verify": "admin",
    "keygen": "admin",
}

# The commands of the modules imported so far (each module's register() adds its own).
COMMANDS: dict[str, CommandInfo] = {}


def command_info(name: str) -> CommandInfo | None:
    """The command of this name, importing the module that defines it."""
    if name not in COMMANDS and name in COMMAND_MODULES:
        import_module(f"tracker.cli.{COMMAND_MODULES[name]}").register(COMMANDS)
    return COMMANDS.get(name)


class TrackerGroup(TyperGroup):
    """Builds each command when it is asked for, and reports every failure as one line on
    stderr with a documented exit code."""

    def list_commands(self, ctx: Any) -> list[str]:  # noqa: ARG002 (click's signature)
        return list(COMMAND_MODULES)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except ClickException as e:
            # typer suggests only among the commands already built; suggest among all.
            matches = get_close_matches(args[0], list(COMMAND_MODULES)) if args else []
            if matches and "Did you mean" not in e.message:
                e.message = f"{e.message.rstrip('.')}. Did you mean {matches[0]!r}?"
            raise

    def get_command(self, ctx: Any, cmd_name: str) -> Any:  # noqa: ARG002
        if cmd_name not in self.commands:
            info = command_info(cmd_name)
            if info is None:
                return None
            self.commands[cmd_name] = get_command_from_info(
                info, pretty_exceptions_short=True, rich_markup_mode=None
            )
        return self.commands.get(cmd_name)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,  # noqa: ARG002 (errors are always handled here)
        **extra: Any,
    ) -> Any:
        from tracker.application.errors import TrackerError
        from tracker.cli.output import OutputFailed, abandon, standard_output

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
        except NoArgsIsHelpError as e:
            typer.echo(e.format_message())
            code = 0
        except ClickException as e:
            ctx = getattr(e, "ctx", None)
            hint = f" (see {ctx.command_path} --help)" if ctx else ""
            message = e.format_message().replace("Value error, ", "").rstrip(".")
            fail(f"{message[:1].lower()}{message[1:]}{hint}", e.exit_code)
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
            "Default: tracker.db in your user data directory.",
        ),
    ] = None,
    version: Annotated[  # noqa: ARG001 (handled by its eager callback)
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Follow government-to-government dialogue channels."""
    ctx.obj = CliState(db=db)
    # Whatever the command, its output never lands on the store (tracker status >> t.db).
    refuse_store_as_standard_output(db)
