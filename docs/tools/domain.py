"""docs/domain.md: the glossary and the event catalogue, generated from tracker.domain.

The glossary text lives in ``glossary.toml`` and the meaning of each field in
``event_fields.toml`` (unless the code gives a ``Field(description=...)``); everything else
(classes, fields, types, defaults, CAMEO codes, commands, topics) is read from the code.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import types
import typing
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.types import StringConstraints

from docs.tools.markdown import Anchors, code, escape, paragraphs, slug, table

HERE = Path(__file__).resolve().parent
GLOSSARY = HERE / "glossary.toml"
FIELDS = HERE / "event_fields.toml"
UNDOCUMENTED = "*(undocumented: describe it in docs/tools/event_fields.toml)*"

_BASE_WORDS: dict[Any, str] = {
    str: "text",
    int: "whole number",
    float: "number",
    bool: "yes or no",
    uuid.UUID: "UUID",
    dt.datetime: "date and time",
    dt.date: "day",
}


# --- what the code holds ---------------------------------------------------------------------


def event_classes() -> list[type[BaseModel]]:
    """Every event class of tracker.domain.events, bases included, in the order of the module."""
    from tracker.domain import events

    found = [
        value
        for value in vars(events).values()
        if isinstance(value, type)
        and issubclass(value, events.ChannelEvent)
        and value.__module__ == events.__name__
    ]
    listed = [c for c in getattr(events, "EVENT_CLASSES", ()) if c not in found]
    return [*found, *listed]


def is_concrete(cls: type[BaseModel]) -> bool:
    """A class of stored events (it names its kind), as opposed to a base of several."""
    return "KIND" in vars(cls)


def declaring_class(cls: type[BaseModel], name: str) -> type[BaseModel]:
    """The class of ``cls``'s hierarchy that declares the field ``name``."""
    for klass in cls.__mro__:
        if name in vars(klass).get("__annotations__", {}):
            return typing.cast(type[BaseModel], klass)
    return cls


def own_fields(cls: type[BaseModel]) -> dict[str, FieldInfo]:
    """The fields ``cls`` adds to those of the base class it is documented under."""
    parent = cls.__bases__[0]
    inherited = parent.model_fields if issubclass(parent, BaseModel) else {}
    return {n: f for n, f in cls.model_fields.items() if n not in inherited}


def field_annotation(info: FieldInfo) -> Any:
    """The field's type with its constraints, as it was written."""
    if info.metadata:
        return Annotated[(info.annotation, *info.metadata)]
    return info.annotation


def value_classes(classes: Sequence[type[BaseModel]]) -> list[type[BaseModel]]:
    """The value objects (pydantic models) found inside the events' fields, by name."""
    found: set[type[BaseModel]] = set()

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp not in found:
                found.add(tp)
                for info in tp.model_fields.values():
                    visit(field_annotation(info))
            return
        for arg in get_args(tp):
            visit(arg)

    for cls in classes:
        for info in cls.model_fields.values():
            visit(field_annotation(info))
    return sorted(found - set(classes), key=lambda c: c.__name__)


# --- types and defaults in plain words ---------------------------------------------------------


def _words(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


def _named_types() -> dict[Any, tuple[str, str]]:
    """Types of the domain with a name of their own: (one, many)."""
    from tracker.domain import dates, values

    named: dict[Any, tuple[str, str]] = {}
    for module, name, one, many in [
        (values, "Slug", "channel slug", "channel slugs"),
        (values, "Party", "party (ISO 3166-1 alpha-3 code)", "parties (ISO 3166-1 alpha-3 codes)"),
        (dates, "FuzzyDate", "fuzzy date", "fuzzy dates"),
    ]:
        if hasattr(module, name):
            named[getattr(module, name)] = (one, many)
    return named


def _constraints(metadata: Sequence[Any]) -> str:
    low_len = high_len = None
    bounds: list[str] = []
    for m in metadata:
        if isinstance(m, StringConstraints):
            low_len = m.min_length if m.min_length is not None else low_len
            high_len = m.max_length if m.max_length is not None else high_len
            if m.pattern is not None:
                bounds.append(f"matching {code(str(m.pattern))}")
        elif isinstance(m, annotated_types.MinLen):
            low_len = m.min_length
        elif isinstance(m, annotated_types.MaxLen):
            high_len = m.max_length
        elif isinstance(m, annotated_types.Gt):
            bounds.append(f"> {m.gt}")
        elif isinstance(m, annotated_types.Ge):
            bounds.append(f"≥ {m.ge}")
        elif isinstance(m, annotated_types.Lt):
            bounds.append(f"< {m.lt}")
        elif isinstance(m, annotated_types.Le):
            bounds.append(f"≤ {m.le}")
    if low_len and high_len:
        bounds.insert(0, f"{low_len:,}–{high_len:,} characters")
    elif high_len:
        bounds.insert(0, f"at most {high_len:,} characters")
    elif low_len:
        bounds.insert(0, f"at least {low_len:,} character" + ("s" if low_len > 1 else ""))
    return ", ".join(bounds)


def plain_type(tp: Any, *, many: bool = False) -> str:  # noqa: PLR0911 (one return per kind)
    """A field's type in plain words (Markdown): "text, at most 200 characters", "list of leads"."""
    named = _named_types()
    if tp in named:
        return named[tp][many]
    origin = get_origin(tp)
    if origin is Annotated:
        base, *metadata = get_args(tp)
        words = plain_type(base, many=many)
        extra = _constraints(metadata)
        return f"{words}, {extra}" if extra else words
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        return " or ".join(plain_type(a, many=many) for a in options)
    if origin in (tuple, list, set, frozenset):
        args = [a for a in get_args(tp) if a is not Ellipsis]
        return "list of " + (plain_type(args[0], many=True) if len(args) == 1 else "values")
    if isinstance(tp, type) and issubclass(tp, Enum):
        choices = ", ".join(code(str(m.value)) for m in tp)
        return f"{_words(tp.__name__)}: {choices}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        name = _words(tp.__name__)
        return f"[{name}s](#{slug(tp.__name__)})" if many else f"[{name}](#{slug(tp.__name__)})"
    if tp in _BASE_WORDS:
        return _BASE_WORDS[tp]
    return escape(_words(getattr(tp, "__name__", str(tp))))


def requirement(info: FieldInfo) -> str:
    """Required, optional, or the default value."""
    if info.is_required():
        return "required"
    default = info.get_default(call_default_factory=True)
    if default is None or default in ((), [], {}, ""):
        return "optional"
    if isinstance(default, Enum):
        default = default.value
    return f"default {code(str(default))}"


# --- descriptions ------------------------------------------------------------------------------


def field_descriptions() -> dict[str, str]:
    with FIELDS.open("rb") as file:
        return dict(tomllib.load(file).get("fields", {}))


def describe(cls: type[BaseModel], name: str, info: FieldInfo, known: dict[str, str]) -> str:
    """The meaning of a field (Markdown): from the code, else event_fields.toml; "" if unknown."""
    if info.description:
        return escape(info.description)
    owner = declaring_class(cls, name)
    for key in (f"{cls.__name__}.{name}", f"{owner.__name__}.{name}", name):
        if key in known:
            return " ".join(known[key].split())
    return ""


def undocumented_fields(classes: Sequence[type[BaseModel]] | None = None) -> list[str]:
    """``Class.field`` for every documented field nobody has described."""
    classes = list(classes) if classes is not None else event_classes()
    known = field_descriptions()
    return [
        f"{cls.__name__}.{name}"
        for cls in [*classes, *value_classes(classes)]
        for name, info in own_fields(cls).items()
        if not describe(cls, name, info, known)
    ]


# --- the page ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str
    values: str | None = None


def glossary() -> list[Term]:
    with GLOSSARY.open("rb") as file:
        terms = [Term(**t) for t in tomllib.load(file).get("term", [])]
    return sorted(terms, key=lambda t: t.term.lower())


def _glossary_rows() -> Iterator[list[str]]:
    from tracker.domain import values

    for t in glossary():
        meaning = " ".join(t.meaning.split())
        if t.values:
            enum = getattr(values, t.values)
            meaning += " One of " + ", ".join(code(str(m.value)) for m in enum) + "."
        yield [f"**{escape(t.term)}**", meaning]


def _fields_table(cls: type[BaseModel], known: dict[str, str]) -> list[str]:
    rows = [
        [
            code(name),
            plain_type(field_annotation(info)),
            requirement(info),
            describe(cls, name, info, known) or UNDOCUMENTED,
        ]
        for name, info in own_fields(cls).items()
    ]
    if not rows:
        return []
    return table(["field", "type", "required / default", "meaning"], rows)


def _command_link(cls: type[BaseModel]) -> str:
    command = getattr(cls, "COMMAND", None)
    if not command:
        return "—"
    return f"[`tracker {command}`](cli.md#{slug(f'tracker {command}')})"


def _cameo(cls: type[BaseModel]) -> str:
    return f"{code(getattr(cls, 'CAMEO', '—'))} {escape(getattr(cls, 'CAMEO_LABEL', ''))}".strip()


def _doc(cls: type[BaseModel]) -> list[str]:
    return paragraphs(cls.__doc__ or "")


def _event_section(
    cls: type[BaseModel], bases: dict[type[BaseModel], str], known: dict[str, str]
) -> list[str]:
    parent = cls.__bases__[0]
    out = [f"### {cls.__name__}", "", *_doc(cls), ""]
    out += [
        f"- **Recorded by:** {_command_link(cls)}",
        f"- **CAMEO:** {_cameo(cls)}",
        f"- **Kind** (in history and exports): {code(getattr(cls, 'KIND', '—'))}",
        f"- **Stored topic:** {code(getattr(cls, 'TOPIC', '—'))}"
        f" (class version {getattr(cls, 'class_version', 1)})",
    ]
    if parent in bases:
        out.append(
            f"- **Carries:** the fields of {bases[parent]}, and:"
            if own_fields(cls)
            else f"- **Carries:** the fields of {bases[parent]} only."
        )
    fields = _fields_table(cls, known)
    return [*out, "", *fields, ""] if fields else [*out, ""]


def domain_page(classes: Sequence[type[BaseModel]] | None = None) -> str:
    """The Markdown of docs/domain.md, from the event classes (default: tracker's own)."""
    classes = list(classes) if classes is not None else event_classes()
    known = field_descriptions()
    concrete = [c for c in classes if is_concrete(c)]
    abstract = [c for c in classes if not is_concrete(c)]
    bases = {
        c: f"[{'every event' if i == 0 else _words(c.__name__)}](#{slug(c.__name__)})"
        for i, c in enumerate(abstract)
    }
    anchors = Anchors()
    out = [
        "# Domain: glossary and event catalogue",
        "",
        "<!-- Generated by `make docs` (docs/tools/generate.py) from tracker/domain/events.py,",
        "     docs/tools/glossary.toml and docs/tools/event_fields.toml. Do not edit by hand. -->",
        "",
        "The words of the tracker, and every event it stores. Every fact about a channel is one",
        "immutable event; class names and stored topics are part of the stored format.",
        "",
        "## Glossary",
        "",
        *table(["term", "meaning"], _glossary_rows()),
        "",
        "## Event catalogue",
        "",
        *table(
            ["event", "recorded by", "CAMEO", "kind", "stored topic"],
            (
                [
                    f"[{c.__name__}](#{anchors(c.__name__)})",
                    _command_link(c),
                    _cameo(c),
                    code(getattr(c, "KIND", "—")),
                    code(getattr(c, "TOPIC", "—")),
                ]
                for c in concrete
            ),
        ),
        "",
    ]
    for cls in abstract:
        out += [f"### {cls.__name__}", "", *_doc(cls), ""]
        parent = cls.__bases__[0]
        if parent in bases:
            out += [f"It carries the fields of {bases[parent]}, and:", ""]
        else:
            out += ["Its fields are carried by every event:", ""]
        out += [*_fields_table(cls, known), ""]
    for cls in concrete:
        out += _event_section(cls, bases, known)
    out += ["## Values inside events", ""]
    for cls in value_classes(classes):
        out += [f"### {cls.__name__}", "", *_doc(cls), "", *_fields_table(cls, known), ""]
    out += _organisations()
    return "\n".join(out).rstrip() + "\n"


def _organisations() -> list[str]:
    """The organisations that may be parties, from tracker/domain/organisations.py."""
    from tracker.domain.organisations import ORGANISATIONS

    return [
        "## Organisations",
        "",
        "The organisations a channel may have as parties, beside countries (ISO 3166-1 codes). A "
        "code is given in any case and stored as shown; none is a country's code. Exports carry "
        "each party's CAMEO actor code (`cameo_actors`): a country's alpha-3 code, or the "
        "organisation's code below; — where the CAMEO actor codebook has none that could be "
        "confirmed.",
        "",
        *table(
            ["code", "organisation", "CAMEO actor code"],
            (
                [code(o.code), escape(o.name), code(o.cameo) if o.cameo else "—"]
                for o in ORGANISATIONS
            ),
        ),
        "",
    ]


# --- checking a page against the code ----------------------------------------------------------

_SECTION = re.compile(r"^### (\w+)", re.MULTILINE)
_FIELD_ROW = re.compile(r"^\| `(\w+)` \|", re.MULTILINE)


def documented_fields(page: str) -> dict[str, list[str]]:
    """The classes a domain page documents, each with the fields its table lists."""
    found: dict[str, list[str]] = {}
    matches = list(_SECTION.finditer(page))
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        end = after.start() if after else len(page)
        chapter = page.find("\n## ", match.end(), end)  # a section ends with its chapter too
        found[match.group(1)] = _FIELD_ROW.findall(
            page, match.end(), end if chapter < 0 else chapter
        )
    return found


def catalogue_problems(page: str, classes: Sequence[type[BaseModel]] | None = None) -> list[str]:
    """How a domain page differs from the code: classes missing or extra, fields that differ."""
    classes = list(classes) if classes is not None else event_classes()
    documented = documented_fields(page)
    problems = []
    for cls in [*classes, *value_classes(classes)]:
        fields = list(own_fields(cls))
        if cls.__name__ not in documented:
            problems.append(f"{cls.__name__} is not documented")
        elif documented[cls.__name__] != fields:
            problems.append(
                f"{cls.__name__}: the page lists fields {documented[cls.__name__]}, "
                f"the code has {fields}"
            )
    names = {c.__name__ for c in [*classes, *value_classes(classes)]}
    problems += [f"{name} is documented but not in the code" for name in documented.keys() - names]
    return sorted(problems)
