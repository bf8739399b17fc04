"""Reports across channels: summary, timeline picture, overdue items, events with sources.

One data model, three renderers: JSON, Markdown and a self-contained HTML file (inline CSS and
inline SVG pictures, so it opens with no network; each picture drawn wide and narrow, the narrow
one shown on a phone by a CSS media query, with no script). Both text formats come from Jinja2
templates in ``tracker/reports/templates``.

Every value a template shows is escaped unless the tracker built it as markup itself: the
HTML by Jinja's autoescape; the Markdown by ``markdown_text``, which the environment applies to
every ``{{ … }}`` (its ``finalize``) unless the value is ``Md``. So text a user typed — a title,
a lead, a citation — can make no link, image, heading, table cell or HTML element of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from tracker import __version__
from tracker.application.queries import HistoryEntry, history_in_valid_time
from tracker.domain.dates import FuzzyDate
from tracker.domain.state import ChannelState, fold
from tracker.reports.escaping import printable
from tracker.reports.jsontext import dumps
from tracker.reports.text import days
from tracker.reports.views import View, details_shown, history_view, overdue_views, status_view

FORMATS = ("md", "html", "json")
TITLE = "Dialogue channels"


def report_data(
    states: list[ChannelState],
    histories: dict[str, list[HistoryEntry]],
    *,
    as_of: dt.date,
    known_on: dt.datetime | None,
    generated: dt.datetime,
) -> View:
    """Everything a report shows, as plain data (this is also the JSON report)."""
    channels = []
    for state in states:
        view = status_view(state)
        _when_due(view["planned"], histories[state.slug])
        view["overdue_items"] = overdue_views(view)
        in_valid_time = history_in_valid_time(histories[state.slug])
        view["history"] = [history_view(e) for e in in_valid_time]
        channels.append(view)
    overdue = sorted(
        (i for c in channels for i in c["overdue_items"]),
        key=lambda i: (-i["days_late"], i["channel"]),
    )
    return {
        "title": TITLE,
        "version": __version__,
        "generated": generated.isoformat(timespec="seconds"),
        "as_of": as_of.isoformat(),
        "known_on": known_on.isoformat() if known_on else None,
        "channels": channels,
        "overdue": overdue,
    }


def describe_overdue(item: View, date: Callable[[str | None], str] = str) -> str:
    level = f"{item['level']} " if item.get("level") else ""
    if item["kind"] == "cadence":
        return f"{level}meeting ({item['per_year']:g} a year)"
    return f"planned {level}meeting in {date(item['window'])}"


def _when_due(plans: list[View], history: list[HistoryEntry]) -> None:
    """For each plan whose window ended unheld while the report's channel cannot owe it now:
    the status the channel had when it fell due (``fell_due_while``)."""
    events = [entry.event for entry in history]
    for plan in plans:
        if plan["window_over"] and not (plan["held"] or plan["overdue"] or plan["change"]):
            window = FuzzyDate.parse(plan["window"])
            if window.latest < dt.date.max:
                then = fold(events, as_of=window.latest + dt.timedelta(days=1))
                plan["fell_due_while"] = str(then.status) if then else None


def plan_outcome(plan: View, date: Callable[[str | None], str] = str) -> str:
    """What became of a planned meeting as of the report's day: held, cancelled, postponed
    (and pending or overdue), overdue, or not owed because the channel was not working when
    its window ended."""
    moved = (
        f" (postponed from {date(plan['agreed_window'])} on {date(plan['changed_on'])})"
        if plan.get("change") == "postponed"
        else ""
    )
    if plan["held"]:
        return f"held {date(plan['held'])}{moved}"
    if plan.get("change") == "cancelled":
        return f"cancelled {date(plan['changed_on'])}"
    if plan["overdue"]:
        return f"overdue by {days(plan['days_late'])}{moved}"
    if plan["window_over"]:
        if plan.get("fell_due_while") in ("agreed", "active"):
            return (
                f"overdue from the end of its window, {date(plan['window'])}, until the channel "
                "stopped meeting"
            )
        return "not held (the channel was not expected to meet)"
    return f"pending{moved}"


class Md(str):
    """Markdown the tracker wrote itself, from values it validated (dates, levels, numbers):
    shown as it is. Anything else a Markdown template shows is escaped (markdown_text)."""

    __slots__ = ()


# Line breaks of any kind (and the tab): a value is one line of a table or a heading.
_LINE_BREAKS = re.compile("[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]")
# ASCII punctuation with a meaning in CommonMark or GitHub's Markdown (links, images, emphasis,
# code, headings, tables, strikethrough, math), escaped with a backslash.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|~$])")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def markdown_text(value: object) -> Md:
    """Any value as Markdown text that shows exactly it, and is nothing else: line breaks
    flattened to spaces, control characters as escapes (\\x1b), Markdown punctuation
    backslash-escaped, and & < > as HTML entities (no tag, no entity of its own)."""
    if isinstance(value, Md):
        return value
    text = printable(_LINE_BREAKS.sub(" ", str(value)))
    return Md(_MARKDOWN_PUNCTUATION.sub(r"\\\1", text).translate(_HTML))


def markdown_code(value: object) -> Md:
    """A code span, for a slug or a date: shown literally (escapes do not work inside one),
    so anything that could end it early is shown as plain escaped text instead."""
    text = str(value)
    if not text or "`" in text or _LINE_BREAKS.search(text) or printable(text) != text:
        return markdown_text(text)
    return Md(f"`{text}`")


def _markdown_date(text: str | None) -> Md:
    # A code span: GitHub would read the tildes of 2024-01~/2024-04~ as strikethrough.
    return markdown_code(text) if text else Md("—")


def _built(describe: Callable[..., str]) -> Callable[[View], Md]:
    """describe_overdue or plan_outcome for Markdown: their words are the tracker's own (a
    level, a number of days, a date in a code span), so they are shown as built."""

    def markdown(item: View) -> Md:
        return Md(describe(item, _markdown_date))

    return markdown


def _html_date(text: str | None) -> Any:
    """A date that never wraps inside itself (its hyphens and slash stay on one line)."""
    from markupsafe import Markup

    if not text:
        return "—"
    return Markup('<span class="date">{}</span>').format(text)


# A date as the tracker writes it (2023, 2023-08, 2023-08-28, 2024-04~, an interval of them).
_DATE = re.compile(r"(?<![\w-])\d{4}(?:-\d{2}){0,2}~?(?:/\d{4}(?:-\d{2}){0,2}~?)?(?![\w-])")


def _nowrap_dates(text: object) -> Any:
    """Text, escaped, with each date in it in a span that does not wrap. (A date holds only
    digits, hyphens, tildes and slashes, and no entity the escaping wrote has four digits.)"""
    from markupsafe import Markup, escape

    escaped = str(escape(text))
    return Markup(_DATE.sub(r'<span class="date">\g<0></span>', escaped))  # noqa: S704


def _built_html(describe: Callable[..., str]) -> Callable[[View], Any]:
    """describe_overdue or plan_outcome for HTML: the tracker's own words, escaped, with each
    date in a span that does not wrap."""
    from markupsafe import Markup, escape

    def html(item: View) -> Any:
        dates: list[str] = []

        def date(text: str | None) -> str:
            dates.append(str(text))
            return f"\x00{len(dates) - 1}\x00"

        parts = describe(item, date).split("\x00")
        return Markup("").join(
            _html_date(dates[int(part)]) if i % 2 else escape(part) for i, part in enumerate(parts)
        )

    return html


def describe_details(entry: View) -> str:
    """The details of an event of ``history_view`` as one line of text."""
    parts = []
    for key, value in details_shown(entry).items():
        if value in (None, [], ""):
            continue
        shown = (
            ", ".join(f"{v['party']}={v['name']}" if isinstance(v, dict) else str(v) for v in value)
            if isinstance(value, list)
            else value
        )
        parts.append(f"{key.replace('_', ' ')}: {shown}")
    return "; ".join(parts)


def _environment(*, html: bool) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    # HTML escapes every value (autoescape); Markdown escapes every value that is not Md.
    env = Environment(
        loader=PackageLoader("tracker.reports", "templates"),
        autoescape=html,  # noqa: S701 (Markdown is escaped by finalize)
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        finalize=None if html else markdown_text,
    )
    env.globals.update(
        describe_overdue=describe_overdue,
        describe_details=describe_details,
        plan_outcome=plan_outcome,
    )
    env.filters["days"] = days
    if html:
        env.globals.update(describe_overdue=_built_html(describe_overdue))
        env.globals.update(plan_outcome=_built_html(plan_outcome))
        env.filters["d"] = _html_date
        env.filters["nowrap_dates"] = _nowrap_dates
    else:
        env.globals.update(describe_overdue=_built(describe_overdue))
        env.globals.update(plan_outcome=_built(plan_outcome))
        env.filters["code"] = markdown_code
        env.filters["d"] = _markdown_date
    return env


def render(data: View, states: list[ChannelState], fmt: str) -> str:
    """The report in one of FORMATS."""
    if fmt == "json":
        return dumps(data, indent=2) + "\n"
    if fmt == "md":
        return str(_environment(html=False).get_template("report.md.j2").render(**data))
    from markupsafe import Markup

    from tracker.reports.health import health, health_picture
    from tracker.reports.picture import first_day, picture, rows

    env = _environment(html=True)
    as_of = dt.date.fromisoformat(data["as_of"])
    # Each picture twice, wide and narrow: the page's CSS shows one, by the screen's width.
    timeline = env.get_template("timeline.svg.j2")
    svg = timeline.render(wide=picture(states, as_of), narrow=rows(states, as_of))
    pairs = health(states, as_of, first_day(states, as_of))
    healths = [health_picture(pairs, narrow=narrow) for narrow in (False, True)]
    health_svg = env.get_template("health.svg.j2").render(pictures=healths)
    # The pictures were rendered by the same autoescaping environment: they are already safe.
    pictures = {"svg": Markup(svg), "health_svg": Markup(health_svg)}  # noqa: S704
    return str(env.get_template("report.html.j2").render(**pictures, **data))
