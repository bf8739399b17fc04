"""PostgreSQL URLs, read as libpq reads them, and checked so that nothing secret in them leaks.

A URL is ``postgresql://[user[:password]@][host][:port][,host[:port]…]/dbname[?name=value&…]``,
exactly as ``psql`` takes it. libpq's own parser reads it, so the tracker connects where
``psql`` would, and every connection parameter of the query (``sslmode``, ``sslrootcert``,
``application_name``, ``options``, ``connect_timeout``, …) is passed on to the driver: to the
library's connection pool and to the tracker's own connections alike. A name libpq does not
know is refused, naming it; so is ``replication``, which the tracker cannot work with. What the
URL does not say is left to libpq, so its environment (``PGUSER``, ``PGPORT``, ``PGPASSWORD``,
``PGSSLMODE``, ``PGPASSFILE`` and ``~/.pgpass``, …) applies as it does for ``psql``.

The URL itself is never shown: a password in it, even a badly encoded one, must not reach any
output, not even in part. Errors name a parameter but never echo a value, and libpq's own parse
errors (which quote the text they stumbled on) are replaced by the tracker's. A password with
an unencoded ``/`` or ``@`` would make libpq read part of it as a host, a database or a
parameter; so a URL may hold one ``@`` at most, the one that ends its user name and password,
and one that does not is refused before anything of it is used.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote, unquote

from tracker.store.errors import StoreConfigError

FORM = "postgresql://user[:password]@host[:port]/dbname[?name=value&…]"
NOT_SHOWN = "(the URL is not shown: it may hold a password)"
DOCS = "https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS"

# Parameters the tracker cannot work with, and why.
REFUSED = {"replication": "the tracker needs an ordinary connection, not a replication one"}
# Values libpq takes for some parameters: checked here, so that a typo is bad input (exit 2)
# rather than a failure to connect.
CHOICES = {
    "sslmode": ("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
    "gssencmode": ("disable", "prefer", "require"),
    "channel_binding": ("disable", "prefer", "require"),
    "target_session_attrs": (
        "any",
        "read-write",
        "read-only",
        "primary",
        "standby",
        "prefer-standby",
    ),
    "load_balance_hosts": ("disable", "random"),
    "sslcertmode": ("disable", "allow", "require"),
}
WHOLE_NUMBERS = (
    *("connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval"),
    *("keepalives_count", "tcp_user_timeout"),
)
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})|%00")
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")
_IN_PLACE = ("user", "password", "host", "port", "dbname")  # shown in the URL's own places


@functools.cache
def keywords() -> dict[str, bool]:
    """libpq's connection parameters, each with whether its value is secret."""
    from psycopg import pq

    return {
        option.keyword.decode(): option.dispchar in (b"*", b"D")  # a password, or "debug"
        for option in pq.Conninfo.get_defaults()
    }


def secret(name: str) -> bool:
    """Whether a parameter's value must never be shown (a password, a key)."""
    return keywords().get(name, True) or "password" in name or "secret" in name


def _refuse(message: str) -> StoreConfigError:
    return StoreConfigError(f"--db: {message}")


def _first(text: str, stops: str) -> int:
    return next((i for i, c in enumerate(text) if c in stops), len(text))


def read_url(url: str) -> dict[str, str]:
    """The libpq connection parameters a ``postgresql://`` URL gives (password included)."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    rest = url.split("://", 1)[1]
    # Where libpq finds the user name and password: before the first @ ahead of any /.
    cut = _first(rest, "@/")
    userinfo = rest[:cut] if rest[cut : cut + 1] == "@" else None
    after = rest[cut + 1 :] if userinfo is not None else rest  # hosts, database, parameters
    query = after.partition("?")[2]
    bad = _BAD_ESCAPE.search(url)
    if bad:
        start = len(url) - len(rest)
        where = (
            " in its user name or password"
            if userinfo and bad.start() < start + len(userinfo)
            else ""
        )
        raise _refuse(
            f"the PostgreSQL URL has a % that is not a %XX escape (or is %00){where}; write a % "
            f"itself as %25 {NOT_SHOWN}"
        )
    if "@" in after:
        # One @ at most, ending the user name and password: a password holding an unencoded /
        # or @ would have libpq read part of it as a host, a database or a parameter, and that
        # part would be shown (and looked up).
        raise _refuse(
            "the PostgreSQL URL has an @ after its user name and password; write @, / and ? "
            f"inside a user name, password or parameter value as %40, %2F and %3F {NOT_SHOWN}"
        )
    _check_query(query)
    try:
        params = {k: str(v) for k, v in conninfo_to_dict(url).items()}
    except (psycopg.Error, ValueError):
        raise _refuse(f"the PostgreSQL URL cannot be read; use {FORM} {NOT_SHOWN}") from None
    _check_values(params)
    return params


def _check_query(query: str) -> None:
    """Every parameter is one libpq knows and the tracker can use, written name=value."""
    if not query:
        return
    after_secret = False
    given: set[str] = set()
    for piece in query.split("&"):
        name, equals, value = piece.partition("=")
        if after_secret and (not equals or unquote(name) not in keywords()):
            # Most likely the rest of a password holding an unencoded &: do not show it.
            raise _refuse(
                "the PostgreSQL URL has something after a password parameter that is not a "
                f"parameter; write & inside a value as %26 {NOT_SHOWN}"
            )
        name = unquote(name)
        if not name:
            raise _refuse(
                "the PostgreSQL URL has an empty parameter (&& or a trailing &); "
                "write each one as name=value"
            )
        if not equals:
            raise _refuse(f"the URL parameter {name!r} has no value; write it as {name}=VALUE")
        if "=" in value:
            raise _refuse(f"the value of the URL parameter {name} has an =; write it as %3D")
        if name == "ssl" and unquote(value) == "true":
            continue  # libpq reads it as sslmode=require, as JDBC URLs mean it
        if name not in keywords():
            raise _refuse(
                f"{name!r} is not a PostgreSQL connection parameter; use libpq's names, such "
                f"as sslmode, application_name or connect_timeout (see {DOCS})"
            )
        if name in REFUSED:
            raise _refuse(f"the URL parameter {name} cannot be used: {REFUSED[name]}; remove it")
        if name in given:  # libpq would keep the last, silently
            raise _refuse(f"the URL parameter {name} is given twice; give it once {NOT_SHOWN}")
        given.add(name)
        after_secret = secret(name)


def _check_values(params: dict[str, str]) -> None:
    dbname = params.get("dbname", "")
    if not dbname or "/" in dbname:
        raise _refuse(
            "postgresql://… is not a PostgreSQL URL the tracker can use: it names no database "
            f"(or one with a /); use {FORM}"
        )
    for port in params.get("port", "").split(","):
        if port and not (port.isdigit() and 0 < int(port) < 65536):
            raise _refuse(
                "the port in postgresql://… is not a number from 1 to 65535; "
                "use postgresql://user@host:5432/dbname"
            )
    for name, choices in CHOICES.items():
        if name in params and params[name] not in choices:
            raise _refuse(
                f"the URL parameter {name} is not one of {', '.join(choices)}; "
                f"e.g. {name}={choices[-1]}"
            )
    for name in WHOLE_NUMBERS:
        if name in params and not _WHOLE_NUMBER.fullmatch(params[name].strip()):
            raise _refuse(f"the URL parameter {name} is not a whole number; e.g. {name}=10")


def describe(params: dict[str, str]) -> str:
    """The URL as the driver is given it, without its password or any other secret value."""
    user = params.get("user")
    hosts = params.get("host", "").split(",")
    ports = params.get("port", "").split(",")
    shown = {k: v for k, v in params.items() if k not in _IN_PLACE and not secret(k)}
    if len(ports) != len(hosts):
        shown["port"] = params["port"]  # one port for every host
        ports = [""] * len(hosts)
    netloc = ",".join(
        (f"[{host}]" if ":" in host else quote(host, safe="")) + (f":{port}" if port else "")
        for host, port in zip(hosts, ports, strict=True)
    )
    userinfo = f"{quote(user, safe='')}@" if user else ""
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in shown.items())
    dbname = quote(params.get("dbname", ""), safe="")
    return f"postgresql://{userinfo}{netloc}/{dbname}" + (f"?{query}" if query else "")
