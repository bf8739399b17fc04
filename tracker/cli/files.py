"""Writing a command's output: to standard output (no -o, or -o -), or with -o FILE to a file,
atomically, and never over one of the store's own files."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from tracker.application.tracker import DialogueTracker

STANDARD_OUTPUT = "-"
# How long -o PIPE waits for a reader to open the named pipe: one started in the same shell
# line (`cat pipe > x & tracker export -o pipe`) may not have opened it yet.
READER_GRACE = 1.0


def output_file(text: str) -> Path | None:
    """The parser of every -o option: a file, or None for standard output when it is "-" (the
    usual convention); a file of that name is still written as ./-."""
    if "\x00" in text:  # no file name holds one; the usage error names the option
        raise ValueError("a file name cannot hold a NUL character (\\x00)")
    if text == STANDARD_OUTPUT:
        return None
    if not text.strip():  # -o "$UNSET": a file named by blanks is a mistake, not a wish
        raise ValueError("a file name is needed (or - for standard output)")
    try:
        return Path(text).expanduser()
    except RuntimeError:  # ~name of a user this system does not have
        raise ValueError(
            f"{text.split('/', 1)[0]}: no such user's home directory; give the path in full"
        ) from None


def write_output(
    chunks: Iterable[str],
    output: Path | None,
    app: DialogueTracker,
    *,
    wrote: Callable[[str], str] | None = None,
    what: str | None = None,
) -> None:
    """Write to stdout (``output`` None: no -o, or -o -), or to a file atomically (a failed
    run leaves no half-written file).

    Only a regular file is replaced: anything else (/dev/null, a pipe, a terminal) is written
    into as it is, and a link is followed to the file it names; a named pipe that no process
    reads is refused (BadInput) instead of waiting for a reader for ever. Nothing is ever
    written over one of the store's own files, whatever name it is given (checked again here,
    on the file about to be written: a name such as /proc/self/fd/3 may have come to mean the
    store since the command started). ``wrote`` says, on standard output, what was written to
    the file (given its name); without it, "wrote FILE" (or "wrote WHAT to FILE") goes to
    standard error.
    """
    from tracker.application.errors import BadInput

    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    try:
        _write_file(chunks, output.absolute(), app, wrote, what)  # ~ expanded when read
    except OSError as e:
        raise BadInput(f"--output: cannot write {output}: {e.strerror or e}") from None


def _write_file(
    chunks: Iterable[str],
    output: Path,
    app: DialogueTracker,
    wrote: Callable[[str], str] | None,
    what: str | None,
) -> None:
    from tracker.application.errors import BadInput
    from tracker.reports.escaping import printable

    if output.exists() and not output.is_file():
        if output.is_dir():
            raise BadInput(f"--output: {output} is a directory; name a file")
        # Opened without truncating, and checked as opened, before anything is written.
        descriptor = _open_special(output)
        with open(descriptor, "w", encoding="utf-8", newline="") as special:
            app.check_output(descriptor)
            special.writelines(chunks)
        return
    app.check_output(output)
    output = output.resolve()
    folder = output.parent
    if not folder.is_dir():
        missing = "is not a directory" if folder.exists() else "does not exist"
        raise BadInput(f"--output: {folder} {missing}; name a file in a directory that exists")
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            file.writelines(chunks)
        # The mode a plain `open` would give (or the replaced file's own), not mkstemp's 0600.
        umask = os.umask(0)
        os.umask(umask)
        try:
            replaced: os.stat_result | None = output.stat()
        except FileNotFoundError:
            replaced = None
        os.chmod(temporary, replaced.st_mode & 0o777 if replaced else 0o666 & ~umask)
        if replaced is not None:  # and its owner and group, where this user may give them
            with contextlib.suppress(OSError):
                os.chown(temporary, replaced.st_uid, replaced.st_gid)
        app.check_output(output)  # still not the store, now that it is about to be replaced
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if wrote is None:
        said = f"{what} to " if what else ""
        typer.echo(f"wrote {said}{printable(str(output))}", err=True)
    else:
        typer.echo(wrote(printable(str(output))))


def _open_special(output: Path) -> int:
    """Open for writing a file that is not a regular one (a device, a pipe, a terminal).

    Opened without blocking: opening a named pipe for writing would otherwise wait for a
    reader, for ever if none comes (ENXIO says none has it open). Written to blocking again,
    as any output is.
    """
    from tracker.application.errors import BadInput

    deadline = time.monotonic() + READER_GRACE
    while True:
        try:
            descriptor = os.open(output, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
            break
        except OSError as e:
            if e.errno != errno.ENXIO or not stat.S_ISFIFO(os.stat(output).st_mode):
                raise
            if time.monotonic() >= deadline:
                raise BadInput(
                    f"--output: no process reads the named pipe {output}; "
                    "nothing was written; start its reader first (cat PIPE > FILE &), or "
                    "name a regular file"
                ) from None
            time.sleep(0.02)
    os.set_blocking(descriptor, True)
    return descriptor
