"""Storage: configuration of the event-sourcing library's SQLite and PostgreSQL recorders."""

from __future__ import annotations

import sys


def driver_errors() -> tuple[type[BaseException], ...]:
    """The database drivers' own errors, which the library sometimes lets through."""
    import sqlite3

    errors: list[type[BaseException]] = [sqlite3.Error]
    if "psycopg" in sys.modules:
        errors.append(sys.modules["psycopg"].Error)
    return tuple(errors)
