"""The command line: parses options, calls the application, renders what it returns."""

from __future__ import annotations

import sys
from types import ModuleType

PYDANTIC_PLUGIN_LOADER = "pydantic.plugin._loader"


def main() -> None:
    """Entry point of the ``tracker`` console script."""
    without_pydantic_plugins()
    from tracker.cli.app import app

    app()


def without_pydantic_plugins() -> None:
    """The command runs no pydantic plugins, so it does not look for them.

    pydantic looks for plugins when it builds its first validator: its loader imports
    importlib.metadata and reads the entry points of every installed package, about 12 ms of a
    command that takes a hundred (PYDANTIC_DISABLE_PLUGINS skips the reading, not the import).
    A loader that finds none stands in for it; the application used as a library keeps
    pydantic's. If pydantic has loaded its own already, that one stays.
    """
    if PYDANTIC_PLUGIN_LOADER in sys.modules:
        return
    loader = ModuleType(PYDANTIC_PLUGIN_LOADER, "No pydantic plugins: see tracker.cli.")
    loader.__dict__["get_plugins"] = _no_plugins
    sys.modules[PYDANTIC_PLUGIN_LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()
