"""Where a command may write: never over one of the store's own files.

Apart from the application so that every command can check its standard output as it starts
(cli/context.py) without loading the application, the domain and the libraries under them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.application.errors import BadInput

if TYPE_CHECKING:
    from tracker.store.settings import Store


def refuse_store_file(store: Store, target: Path | int) -> None:
    """Raise BadInput if the output ``target`` (a path, or an open file descriptor: 1 is
    standard output) is one of the store's own files, under whatever name."""
    found = store.file_of(target)
    if found is None:
        return
    if isinstance(target, int):
        where = "standard output" if target == 1 else "the output"
        fix = "send it to another file" if target == 1 else "choose another file"
    else:
        where, fix = f"--output {target}", "choose another file with -o"
    raise BadInput(
        f"{where} is {found}: writing there would destroy what is recorded; nothing was "
        f"written; {fix}"
    )
