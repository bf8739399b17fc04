"""Plain-text renderers: what a person reads in a terminal or a pipe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from tracker.reports.escaping import printable
from tracker.reports.views import View, details_shown


def safe(value: Any) -> Any:
    """A view with every text in it made printable (for the text renderers)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [safe(v) for v in value]
    return value


def days(n: int) -> str:
    """'1 day', '2 days'."""
    return f"{n} day" if n == 1 else f"{n} days"


def _per_year(n: float) -> str:
    return f"{n:g}/year"


def cadence_line(c: View) -> str:
    due = c["next_due"] or "— (none while the channel is not meeting)"
    line = f"{c['level']} {_per_year(c['per_year'])}, next due {due}"
    if c["last_meeting"]:
        line += f" (last met {c['last_meeting']})"
    if c["overdue"]:
        line += f" — OVERDUE by {days(c['days_late'])}"
    return line


def planned_line(p: View) -> str:
    what = f"{p['level']} meeting" if p["level"] else "meeting"
    if p["location"]:
        what += f" in {p['location']}"
    line = f"{what} in {p['window']} (agreed {p['agreed_on']}"
    line += f", host {p['host']}" if p["host"] else ""
    if p.get("change") == "postponed":
        line += f"; postponed from {p['agreed_window']} on {p['changed_on']}"
    line += ")"
    if p["held"]:
        line += f" — held {p['held']}"
    elif p.get("change") == "cancelled":
        line += f" — cancelled {p['changed_on']}"
    elif p["overdue"]:
        line += f" — OVERDUE by {days(p['days_late'])}"
    return line


def meeting_line(m: View) -> str:
    parts = [m["occurred"]]
    if m.get("level"):
        parts.append(m["level"])
    if m.get("location"):
        parts.append(f"in {m['location']}")
    if m.get("leads"):
        parts.append("(" + ", ".join(f"{x['party']}={x['name']}" for x in m["leads"]) + ")")
    return " ".join(parts)


def status_text(v: View, recent: list[View]) -> str:
    """One channel in full, with its most recent meetings."""
    v, recent = safe(v), safe(recent)
    rows: list[tuple[str, str]] = [
        ("parties", ", ".join(v["parties"])),
        ("status", f"{v['status']} since {v['status_since']}{_since_by(v)}"),
        ("opened", v["opened"]),
    ]
    if v["suspended_by"] and v["status"] == "suspended":
        rows.append(("suspended by", v["suspended_by"]))
    if v.get("suspension_reason") and v["status"] == "suspended":
        rows.append(("because", v["suspension_reason"]))
    if v["level"]:
        rows.append(("level", v["level"]))
    if v["leads"]:
        rows.append(("leads", ", ".join(v["leads"])))
    if v["topics"]:
        rows.append(("topics", ", ".join(v["topics"])))
    if v["follows"]:
        rows.append(("follows", v["follows"]))
    if v["successor"]:
        rows.append(("successor", v["successor"]))
    held = f"{v['meetings_held']} held"
    if recent and v["meetings_held"] > len(recent):
        held += f"; the last {len(recent)}:"
    rows.append(("meetings", held))
    rows.extend(("", meeting_line(m)) for m in recent)
    rows.extend(
        ("cadences" if i == 0 else "", cadence_line(c)) for i, c in enumerate(v["cadences"])
    )
    rows.extend(("planned" if i == 0 else "", planned_line(p)) for i, p in enumerate(v["planned"]))
    rows.append(("version", str(v["version"])))
    when = f"as of {v['as_of']}"
    if v["known_on"]:
        when += f", as known on {v['known_on']}"
    lines = [f"{v['channel']} — {v['title']}", *(f"  {k:<13}{val}" for k, val in rows)]
    lines.append(f"  ({when})")
    return "\n".join(lines)


# What a status counts from, in words, by the kind of fact that began it.
_SINCE_BY = {
    "meeting": " (the first meeting recorded)",
    "resumed": " (resumed)",
    "agreed": " (agreed by the parties)",
}


def _since_by(view: View) -> str:
    return _SINCE_BY.get(view.get("since_by") or "", "")


def overdue_text(items: Iterable[View]) -> str:
    """One line per thing owed: the channel, what is late, since when, and by how much."""
    lines = []
    for i in map(safe, items):
        level = f"{i['level']} " if i["level"] else ""
        if i["kind"] == "cadence":
            what = f"{level}meeting ({_per_year(i['per_year'])}) due {i['due']}"
        else:
            what = f"planned {level}meeting in {i['window']} (agreed {i['agreed_on']}"
            if i.get("agreed_window") not in (None, i["window"]):
                what += f"; postponed from {i['agreed_window']}"
            what += ")"
        lines.append(f"{i['channel']}: {what} — {days(i['days_late'])} late")
    return "\n".join(lines) or "nothing is overdue"


def history_text(views: Iterable[View]) -> str:
    """Every event: sequence, occurred, recorded, kind, details, sources, retraction."""
    blocks = []
    for v in map(safe, views):
        head = f"#{v['seq']:<3} {v['occurred'] or '—':<22} {v['kind']:<10}"
        head += f" recorded {_moment(v['recorded'])}"
        if v.get("corrected_by"):
            head += f"  [CORRECTED by #{v['corrected_by']}: {v['retraction']['reason']}]"
        elif v["retracted"]:
            head += f"  [RETRACTED by #{v['retraction']['seq']}: {v['retraction']['reason']}]"
        if v.get("corrects"):
            head += f"  (corrects #{v['corrects']})"
        lines = [head]
        details = {
            _DETAIL_NAMES.get(k, k): f"#{x}" if k in _SEQS else x
            for k, x in details_shown(v).items()
            if x not in (None, [], "")
        }
        if details:
            lines.append("     " + "; ".join(f"{k}: {_flat(x)}" for k, x in details.items()))
        for s in v["sources"]:
            line = f"     source: {s['citation']} ({s.get('confidence', 'medium')})"
            if s.get("quote"):
                line += f' — "{s["quote"]}"'
            if s.get("note"):
                line += f" [note: {s['note']}]"
            lines.append(line)
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


# Details named as an analyst reads them; the event numbers among them shown as #N.
_DETAIL_NAMES = {
    "plan_seq": "planned meeting",
    "retracted_seq": "retracts",
    "drop_leads": "drops lead",
}
_SEQS = ("plan_seq", "retracted_seq")


def _moment(iso: str) -> str:
    """A moment of record time as ISO 8601, to the second, with its offset."""
    return dt.datetime.fromisoformat(iso).isoformat(timespec="seconds")


def _flat(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_flat(x) for x in value)
    if isinstance(value, dict):
        if set(value) == {"party", "name"}:
            return f"{value['party']}={value['name']}"
        return ", ".join(f"{k}={_flat(x)}" for k, x in value.items())
    return str(value)
