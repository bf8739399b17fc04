"""Fixtures of the hostile-input tests: a template store, copied fresh for each example."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from tests.hostile.hostile import build_template, fresh_copy, remove_store
from tests.support import PG_ADMIN_URL, create_database, drop_database

Store = Callable[[], AbstractContextManager[str]]


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    """A folder for the module's stores and files, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="tracker-hostile-") as folder:
        yield Path(folder)


@pytest.fixture(scope="module")
def template(workdir: Path) -> Path:
    return build_template(workdir / "template.db")


@pytest.fixture(scope="module")
def store(template: Path, workdir: Path) -> Store:
    """``with store() as db``: a fresh copy of the template store, removed afterwards.

    Module-scoped, so that a hypothesis test can take a new store for each example.
    """

    @contextmanager
    def copy() -> Iterator[str]:
        db = fresh_copy(template, workdir)
        try:
            yield db
        finally:
            remove_store(db)

    return copy


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """One PostgreSQL database for a whole module (examples use distinct slugs)."""
    name = "tracker_hostile_" + uuid.uuid4().hex[:12]
    create_database(name)
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        drop_database(name)
