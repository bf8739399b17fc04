"""``--db postgresql://…``: every libpq parameter reaches the driver, and no password is shown.

The URL used to be cut down to user, password, host, port and database: ``?sslmode=require``
(and every other parameter) was dropped silently, so the tracker connected in clear where
``psql`` refuses. The user, port and password it left out were filled in (the OS user, 5432,
an empty password), so ``PGUSER``, ``PGPORT`` and ``PGPASSWORD`` were overridden. Now the URL
is read as libpq reads it; each parameter reaches the library's connection pool and the
tracker's own connections (read model, locks, import, probe); an unknown one is refused, naming
it; and libpq's environment applies wherever the URL says nothing.

The server here trusts every local connection, so a password is never asked for: that the
password reaches the driver is shown by what the driver holds (``conn.info.password``), and
other parameters by what the server sees (``pg_stat_activity``) or refuses.
"""

from __future__ import annotations

import re
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.helpers import assert_one_line_error as assert_hardening_error
from tests.hostile.hostile import assert_one_line_error
from tests.hostile.proxy import Proxy
from tests.hostile.test_waiting_for_a_busy_or_lost_store import (
    channel_locked,
    finish,
    free_port,
    seed,
    start,
    table_locked,
    tracker,
    wait_until,
)
from tests.support import PG_ADMIN_URL, CliResult, fingerprint, run_cli
from tracker.application import open_tracker
from tracker.store.pgurl import keywords

SECRET = "Xq7-hush-9Lz"  # a password no output may show, nor any part of it
PARTS = ("Xq7", "hush", "9Lz")


def url_of(db: str, query: str = "", *, userinfo: str = "postgres", port: bool = True) -> str:
    """The URL of the test's database, with other credentials, port or parameters."""
    name = db.rsplit("/", 1)[1]
    url = f"postgresql://{userinfo}@127.0.0.1{':5432' if port else ''}/{name}"
    return f"{url}?{query}" if query else url


def assert_nothing_secret(result: CliResult, parts: tuple[str, ...] = PARTS) -> None:
    for part in parts:
        assert part not in result.output, f"{part!r} was shown: {result.output!r}"


def opened(db: str) -> CliResult:
    args = ["open", "u-v", "--title", "T", "--party", "US", "--party", "CN", "--on", "2020"]
    return run_cli(args, db=db)


# --- parameters reach the driver -------------------------------------------------------------


@pytest.mark.postgres
def test_application_name_reaches_the_library_pool_and_the_trackers_own_connections(
    postgres_db: str,
) -> None:
    seed(postgres_db)
    name = f"tracker-test-{uuid.uuid4().hex[:8]}"
    seen: list[str] = []

    def both_seen() -> bool:
        with psycopg.connect(postgres_db, autocommit=True) as admin:
            rows = admin.execute(
                "SELECT query FROM pg_stat_activity WHERE application_name = %s", (name,)
            ).fetchall()
        seen[:] = [row[0] for row in rows]
        own = any("pg_advisory_lock" in query for query in seen)  # the channel's write lock
        # The library's reads: of the events, or a read-only transaction of the library's
        # (it ends them with ROLLBACK), as when the store's meta data is read on opening.
        pool = any("tracker_events" in query or query == "ROLLBACK" for query in seen)
        return own and pool

    # The tracker is held at the channel's write lock while its connections are looked at.
    db = url_of(postgres_db, f"application_name={name}")
    with channel_locked(postgres_db, "w-a"):
        running = start(["meet", "w-a", "--on", "2021-02-02"], db)
        try:
            wait_until(both_seen, f"both kinds of connection named {name}: {seen}")
        except AssertionError:
            running.kill()
            raise
    done = finish(running)
    assert done.returncode == 0, (done.stderr, seen)


@pytest.mark.postgres
@pytest.mark.parametrize(
    "query",
    [
        "sslmode=require",
        "ssl=true",
        "sslmode=verify-full&sslrootcert=/nonexistent",
        "target_session_attrs=standby",
        *(["require_auth=scram-sha-256"] if "require_auth" in keywords() else []),
    ],
)
@pytest.mark.parametrize("command", ["status", "open"])
def test_a_parameter_the_server_cannot_satisfy_is_passed_on_and_fails_with_exit_3(
    query: str, command: str, postgres_db: str
) -> None:
    """This server has no SSL, is no standby and asks for no password: as psql would, the
    tracker does not connect (it used to drop the parameter and connect anyway)."""
    seed(postgres_db)
    before = fingerprint(postgres_db)
    db = url_of(postgres_db, query)
    result = opened(db) if command == "open" else run_cli(["status"], db=db)
    assert result.exit_code == 3, result.output
    assert_one_line_error(result)
    assert fingerprint(postgres_db) == before


READ_ONLY = "options=-c%20default_transaction_read_only%3Don"


@pytest.mark.postgres
@pytest.mark.parametrize(
    "args",
    [["meet", "w-a", "--on", "2021-02-02"], ["import", "seeds/us-china-2023.toml"]],
    ids=["the library's insert", "the tracker's own bulk import"],
)
def test_options_in_the_url_reach_every_connection(args: list[str], postgres_db: str) -> None:
    """``options=-c default_transaction_read_only=on``: the server refuses every write."""
    seed(postgres_db)
    before = fingerprint(postgres_db)
    args = [str(Path(__file__).parents[2] / a) if a.startswith("seeds/") else a for a in args]
    result = run_cli(args, db=url_of(postgres_db, READ_ONLY))
    assert result.exit_code == 3, result.output
    assert "read-only" in assert_one_line_error(result)
    assert fingerprint(postgres_db) == before


@pytest.mark.postgres
def test_a_statement_timeout_in_the_urls_options_reaches_the_driver(postgres_db: str) -> None:
    """Held up by a lock, a statement is cancelled by the server when the URL's
    ``options=-c statement_timeout=…`` says so (it used to be dropped: the command hung)."""
    seed(postgres_db)
    db = url_of(postgres_db, "options=-c%20statement_timeout%3D300")
    with table_locked(postgres_db, "ACCESS EXCLUSIVE"):
        done = tracker(["status"], db)
    line = assert_hardening_error(done, 3, "busy", "statement timeout")
    assert "canceling statement" in line, line


# --- parameters refused: exit 2, naming the parameter, showing no password --------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("foo=1", "foo"),
        ("sslmod=require", "sslmod"),
        ("application-name=x", "application-name"),
        ("SSLMODE=require", "SSLMODE"),
        ("ssl=yes", "ssl"),
        ("sslmode=require&connectTimeout=3", "connectTimeout"),
        ("replication=database", "replication"),
        ("sslmode=bogus", "sslmode"),
        ("connect_timeout=soon", "connect_timeout"),
        ("target_session_attrs=whichever", "target_session_attrs"),
        ("application_name", "application_name"),
        ("application_name=a=b", "application_name"),
        ("sslmode=disable&sslmode=require", "sslmode"),  # libpq would keep the last
        (f"password=a&password={SECRET}", "password"),
    ],
)
@pytest.mark.parametrize("command", ["status", "open"])
def test_a_parameter_that_cannot_be_used_is_refused_naming_it(
    query: str, name: str, command: str
) -> None:
    db = url_of(PG_ADMIN_URL, query, userinfo=f"postgres:{SECRET}")
    result = opened(db) if command == "open" else run_cli(["status"], db=db)
    assert result.exit_code == 2, result.output
    line = assert_one_line_error(result)
    assert re.search(rf"\b{re.escape(name)}\b", line), line
    assert_nothing_secret(result)


# --- the driver's environment applies where the URL says nothing ------------------------------


@pytest.fixture
def role(postgres_db: str) -> Iterator[str]:
    """A login role of its own, owning the test's database."""
    name = f"tracker_role_{uuid.uuid4().hex[:10]}"
    dbname = postgres_db.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{name}" LOGIN')
        admin.execute(f'ALTER DATABASE "{dbname}" OWNER TO "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
            admin.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.mark.postgres
def test_pguser_applies_to_every_connection_when_the_url_names_no_user(
    role: str, postgres_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGUSER", role)
    db = f"postgresql://127.0.0.1:5432/{postgres_db.rsplit('/', 1)[1]}"
    assert opened(db).exit_code == 0
    assert run_cli(["status"], db=db).exit_code == 0
    with psycopg.connect(postgres_db) as admin:
        owners = dict(
            admin.execute(
                "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        )
    assert owners["tracker_events"] == role  # made through the library's pool
    assert {owners[t] for t in owners if t.startswith("rm_")} == {role}  # and its own


@pytest.mark.postgres
def test_the_user_in_the_url_wins_over_pguser(
    role: str, postgres_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGUSER", "no_such_role_here")
    assert opened(url_of(postgres_db, userinfo=role)).exit_code == 0


@pytest.mark.postgres
def test_pgport_applies_to_every_connection_when_the_url_names_no_port(
    postgres_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = url_of(postgres_db, port=False)
    monkeypatch.setenv("PGPORT", str(free_port()))
    result = run_cli(["status"], db=db)
    assert result.exit_code == 3, result.output
    assert "unreachable" in assert_one_line_error(result)
    with Proxy() as proxy:
        monkeypatch.setenv("PGPORT", str(proxy.port))
        assert opened(db).exit_code == 0
        app = open_tracker(db, write=False)
        try:
            with app.factory.datastore.get_connection() as pooled, app.store.connect() as own:
                assert (pooled.info.port, own.info.port) == (proxy.port, proxy.port)
        finally:
            app.close()


@pytest.mark.postgres
def test_pgpassword_reaches_every_connection_when_the_url_has_no_password(
    postgres_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", SECRET)
    assert opened(postgres_db).exit_code == 0
    app = open_tracker(postgres_db, write=False)
    try:
        with app.factory.datastore.get_connection() as pooled, app.store.connect() as own:
            assert (pooled.info.password, own.info.password) == (SECRET, SECRET)
    finally:
        app.close()


@pytest.mark.postgres
def test_a_password_in_the_url_wins_over_pgpassword(
    postgres_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", "not-this-one")
    db = url_of(postgres_db, userinfo=f"postgres:{SECRET}")
    app = open_tracker(db, write=True)
    try:
        with app.factory.datastore.get_connection() as pooled, app.store.connect() as own:
            assert (pooled.info.password, own.info.password) == (SECRET, SECRET)
    finally:
        app.close()


@pytest.mark.postgres
def test_a_password_file_reaches_every_connection_when_the_url_has_no_password(
    postgres_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:5432:*:postgres:{SECRET}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    assert opened(postgres_db).exit_code == 0
    app = open_tracker(postgres_db, write=False)
    try:
        with app.factory.datastore.get_connection() as pooled, app.store.connect() as own:
            assert (pooled.info.password, own.info.password) == (SECRET, SECRET)
    finally:
        app.close()


@pytest.mark.postgres
def test_pgsslmode_applies_unless_the_url_says_otherwise(
    postgres_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGSSLMODE", "require")
    refused = run_cli(["status"], db=postgres_db)
    assert refused.exit_code == 3, refused.output  # this server has no SSL
    assert_one_line_error(refused)
    assert opened(url_of(postgres_db, "sslmode=disable")).exit_code == 0


# --- no password is ever shown ---------------------------------------------------------------

# (userinfo, query, exit code on the real server)
HIDDEN = {
    "good": (f"postgres:{SECRET}", "", 0),
    "bad escape": ("postgres:Xq7%ZZhush-9Lz", "", 2),
    "trailing %": ("postgres:Xq7-hush-9Lz%", "", 2),
    "%00": ("postgres:Xq7%00hush-9Lz", "", 2),
    "unencoded /": ("postgres:Xq7/hush-9Lz", "", 2),
    "unencoded @": ("postgres:Xq7@hush-9Lz", "", 2),
    "unencoded / and ?": ("postgres:Xq7/hush?sslmode=9Lz", "", 2),
    "unencoded ? and #": ("postgres:Xq7?hush#9Lz", "", 0),
    "in the query": ("postgres", f"password={SECRET}", 0),
    "unencoded & in the query": ("postgres", "password=Xq7&hush-9Lz", 2),
    "unencoded = in the query": ("postgres", "password=Xq7=hush-9Lz", 2),
    "with an unknown parameter": (f"postgres:{SECRET}", "foo=1", 2),
    "sslpassword": ("postgres", f"sslpassword={SECRET}&sslmode=require", 3),
}


@pytest.mark.postgres
@pytest.mark.parametrize("case", list(HIDDEN))
@pytest.mark.parametrize("command", ["status", "open"])
def test_a_password_never_appears_in_any_output_not_even_in_part(
    case: str, command: str, postgres_db: str
) -> None:
    userinfo, query, code = HIDDEN[case]
    db = url_of(postgres_db, query, userinfo=userinfo)
    result = opened(db) if command == "open" else run_cli(["status"], db=db)
    assert result.exit_code == code, result.output
    assert_nothing_secret(result)
    unreachable = db.replace(":5432/", f":{free_port()}/")
    result = opened(unreachable) if command == "open" else run_cli(["status"], db=unreachable)
    assert result.exit_code == (code or 3), result.output
    assert_nothing_secret(result)


def test_the_store_is_shown_with_its_parameters_but_without_secret_ones() -> None:
    query = f"application_name=shown-app&sslpassword={SECRET}&password={SECRET}&sslmode=prefer"
    db = f"postgresql://postgres:{SECRET}@127.0.0.1:{free_port()}/somewhere?{query}"
    result = run_cli(["status"], db=db)
    line = assert_one_line_error(result)
    assert "postgresql://postgres@127.0.0.1:" in line
    assert "application_name=shown-app" in line
    assert "sslmode=prefer" in line
    assert "password" not in line
    assert_nothing_secret(result)


def test_a_password_stays_hidden_from_a_real_console_script_too(tmp_path: Path) -> None:
    """The same through the installed ``tracker`` (stdout and stderr of a separate process)."""
    from tests.hardening.helpers import TRACKER, tracker_env

    for userinfo in ("postgres:Xq7%ZZhush-9Lz", "postgres:Xq7/hush-9Lz", f"postgres:{SECRET}"):
        db = f"postgresql://{userinfo}@127.0.0.1:{free_port()}/somewhere"
        done = subprocess.run(
            [TRACKER, "status"],
            env=tracker_env(db),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode in (2, 3), done.stderr
        for part in PARTS:
            assert part not in done.stdout + done.stderr


TOKENS = ("Kq7x", "Zv3w", "Jm8p", "Wy5r")
SEPARATORS = [*"/@?#&=%:;+ ,[]!$'()*", "%ZZ", "%2", "%00", "%40", "%2F", "%25", "\\"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(
        st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), min_size=1, max_size=5
    ),
    where=st.sampled_from(["userinfo", "query", "sslpassword"]),
)
def test_no_part_of_a_password_written_any_way_at_all_is_ever_shown(
    pieces: list[tuple[str, str]], where: str
) -> None:
    """Passwords made of distinctive tokens and every character that means something in a URL,
    unencoded: the command fails or not, but no token of the password is shown."""
    password = "".join(token + separator for token, separator in pieces)
    port = free_port()
    base = f"postgresql://postgres@127.0.0.1:{port}/somewhere"
    db = {
        "userinfo": base.replace("postgres@", f"postgres:{password}@"),
        "query": f"{base}?password={password}",
        "sslpassword": f"{base}?sslmode=disable&sslpassword={password}",
    }[where]
    result = run_cli(["status"], db=db)
    assert result.exit_code in (2, 3), result.output
    assert_one_line_error(result)
    for token, _ in pieces:
        assert token not in result.output, (db, result.output)
