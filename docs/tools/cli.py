"""docs/cli.md: the command-line reference, generated from the Typer app's command objects.

Everything comes from the click command tree (``typer.main.get_command``): the commands in the
order ``tracker --help`` lists them, their help, arguments and options, and the examples and
exit codes of their epilogs. Nothing is parsed from ``--help`` output.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

import typer

from docs.tools.markdown import Anchors, code, escape, fenced, paragraphs, table

# The click objects typer builds: it exports a name for the context only.
Command = Any
Parameter = Any
Context = typer.Context

_EXAMPLE = re.compile(r"Example:\s*(?P<command>.+?)(?=\s*Example:|\.?\s*Exit codes:|$)", re.S)
_EXIT_CODES = re.compile(r"Exit codes:\s*(?P<codes>.+)$", re.S)
_EXIT_CODE = re.compile(r"^(?P<code>\d+)\s+(?P<meaning>.+?)\.?$", re.S)


@dataclass(frozen=True)
class Node:
    """One command of the tree, with the context its parameters are read in."""

    path: tuple[str, ...]
    command: Command
    ctx: Context

    @property
    def name(self) -> str:
        return " ".join(("tracker", *self.path))


def root_command() -> Command:
    """The click command of the tracker's Typer app (a new object on each call)."""
    import typer.main

    from tracker.cli.app import app

    return typer.main.get_command(app)


def walk(root: Command) -> Iterator[Node]:
    """The root and every command under it, depth first, in the order their help lists them."""
    root_ctx = root.context_class(root, info_name="tracker", **root.context_settings)

    def visit(node: Node) -> Iterator[Node]:
        yield node
        group: Any = node.command
        if not hasattr(group, "list_commands"):
            return
        for name in group.list_commands(node.ctx):
            command = group.get_command(node.ctx, name)
            if command is None or command.hidden:
                continue
            ctx = command.context_class(
                command, info_name=name, parent=node.ctx, **command.context_settings
            )
            yield from visit(Node((*node.path, name), command, ctx))

    yield from visit(Node((), root, root_ctx))


def _epilog_text(command: Command) -> str:
    # "\b" marks a paragraph the help formatter must not rewrap.
    return " ".join((command.epilog or "").replace("\b", " ").split())


def examples(command: Command) -> list[str]:
    """The example commands of a command's epilog ("Example: tracker …")."""
    return [m.group("command") for m in _EXAMPLE.finditer(_epilog_text(command))]


def exit_codes(command: Command) -> list[tuple[str, str]]:
    """The exit codes the epilog lists ("Exit codes: 0 done; 1 refused …"), with meanings."""
    match = _EXIT_CODES.search(_epilog_text(command))
    if not match:
        return []
    codes = []
    for item in match.group("codes").split(";"):
        part = _EXIT_CODE.match(item.strip())
        if part:
            codes.append((part.group("code"), part.group("meaning")))
    return codes


def usage(node: Node) -> str:
    return " ".join([node.name, *node.command.collect_usage_pieces(node.ctx)])


# --- parameters --------------------------------------------------------------------------------

_TYPE_WORDS = {
    "str": "text",
    "int": "whole number",
    "float": "number",
    "bool": "flag",
    "path": "path",
    "Path": "path",
    "datetime": "date and time",
}


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not getattr(descriptor, "is_choice", False):
        return []
    return [str(c.value if isinstance(c, Enum) else c) for c in descriptor.choices or ()]


def _type_words(param: Any, ctx: Context) -> str:
    label = str(param.display_type(ctx)).strip("<>") if hasattr(param, "display_type") else ""
    label = re.sub(r"^list\[(.*)\]$", r"\1", label)
    return _TYPE_WORDS.get(label, escape(label))


def argument_value(param: Any, ctx: Context) -> str:
    """What an argument takes: its choices or its type in words, and how many."""
    choices = _choices(param)
    shown = (
        ("one of " + ", ".join(code(c) for c in choices)) if choices else _type_words(param, ctx)
    )
    if param.nargs == -1:
        shown += " (one or more)" if param.required else " (any number)"
    return shown


def value(param: Any, ctx: Context) -> str:
    """What an option takes: its metavar, its choices, or its type in words."""
    if getattr(param, "is_flag", False):
        return "flag"
    choices = _choices(param)
    words = ", ".join(code(c) for c in choices)
    if param.metavar and words:
        shown = f"{code(param.metavar)}: one of {words}"
    elif words:
        shown = f"one of {words}"
    elif param.metavar:
        shown = code(param.metavar)
    else:
        shown = _type_words(param, ctx)
    if param.multiple:
        shown += " (repeatable)"
    return shown


def default(param: Any, ctx: Context) -> str:
    """Required, or the default the help shows ("—" when there is none)."""
    if param.required:
        return "**required**"
    if getattr(param, "is_flag", False):
        return "on" if param.get_default(ctx, call=False) else "off"
    if isinstance(param.show_default, str):
        return escape(param.show_default)
    value = param.get_default(ctx, call=False)
    if value is None or value in ((), []) or callable(value):
        return "—"
    if isinstance(value, Enum):
        value = value.value
    return code(str(value))


def param_label(param: Any) -> str:
    """How the help names a parameter: its option names, or an argument's metavar."""
    if param.param_type_name == "option":
        return "/".join(sorted(param.opts, key=lambda o: len(o) - len(o.lstrip("-"))))
    return str(param.metavar or param.name.upper())


def envvar(param: Parameter) -> str:
    names = [param.envvar] if isinstance(param.envvar, str) else list(param.envvar or ())
    return ", ".join(code(n) for n in names) or "—"


def helptext(param: Any) -> str:
    return escape(getattr(param, "help", None) or "") or "*(no help)*"


def _parameters(node: Node, kind: str) -> list[Any]:
    return [
        p
        for p in node.command.get_params(node.ctx)
        if p.param_type_name == kind and not getattr(p, "hidden", False)
    ]


def _is_help_option(node: Node, param: Parameter) -> bool:
    help_option = node.command.get_help_option(node.ctx)
    return help_option is not None and param.opts == help_option.opts


def arguments_table(node: Node) -> list[str]:
    rows = [
        [
            code(p.metavar or p.name.upper()),
            argument_value(p, node.ctx),
            default(p, node.ctx),
            helptext(p),
        ]
        for p in _parameters(node, "argument")
    ]
    return table(["argument", "value", "default", "meaning"], rows) if rows else []


def options_table(node: Node, *, with_help: bool) -> list[str]:
    params = [p for p in _parameters(node, "option") if with_help or not _is_help_option(node, p)]
    if not params:
        return []
    with_env = any(p.envvar for p in params)
    header = ["option", "value", "default", *(["env var"] if with_env else []), "meaning"]
    rows = []
    for p in params:
        # Short options first, as the help lists them.
        opts = sorted(p.opts, key=lambda o: len(o) - len(o.lstrip("-")))
        names = ", ".join(code(o) for o in [*opts, *p.secondary_opts])
        env = [envvar(p)] if with_env else []
        rows.append([names, value(p, node.ctx), default(p, node.ctx), *env, helptext(p)])
    return table(header, rows)


# --- the page ----------------------------------------------------------------------------------


def _summary(command: Command) -> str:
    first = re.split(r"\n\s*\n", (command.help or "").strip())[0]
    return escape(first) or "*(no help)*"


def _command_section(node: Node) -> list[str]:
    out = [f"### `{node.name}`", ""]
    out += [*(paragraphs(node.command.help or "") or ["*(no help)*"]), ""]
    out += [*fenced(usage(node), "sh"), ""]
    if args := arguments_table(node):
        out += ["**Arguments**", "", *args, ""]
    if opts := options_table(node, with_help=False):
        out += ["**Options**", "", *opts, ""]
    shown = examples(node.command)
    if shown:
        out += ["**Example**" if len(shown) == 1 else "**Examples**", ""]
        out += [*fenced("\n".join(shown), "sh"), ""]
    return out


def cli_page(root: Command | None = None) -> str:
    """The Markdown of docs/cli.md, from the click command tree (default: the tracker's)."""
    root = root if root is not None else root_command()
    nodes = list(walk(root))
    top, commands = nodes[0], nodes[1:]
    anchors = Anchors()
    out = [
        "# Command-line reference",
        "",
        "<!-- Generated by `make docs` (docs/tools/generate.py) from the Typer app in",
        "     tracker/cli/. Do not edit by hand: change the commands, then run make docs. -->",
        "",
        *fenced(usage(top), "sh"),
        "",
        *paragraphs(root.help or ""),
        "",
        "Every command shows its own help with `-h` or `--help`.",
        "",
        "## Global options",
        "",
        "Global options come before the command: "
        + (code(examples(root)[0]) if examples(root) else "`tracker --db FILE status`")
        + ".",
        "",
        *options_table(top, with_help=True),
        "",
    ]
    codes = exit_codes(root)
    if codes:
        out += [
            "## Exit codes",
            "",
            *table(["code", "meaning"], ([code(c), escape(m)] for c, m in codes)),
            "",
        ]
    out += ["## Commands", ""]
    panels = [getattr(n.command, "rich_help_panel", None) for n in commands]
    with_panel = any(panels)
    rows = []
    for node, panel in zip(commands, panels, strict=True):
        link = f"[`{node.name}`](#{anchors(node.name)})"
        rows.append([link, *([escape(panel or "")] if with_panel else []), _summary(node.command)])
    out += [*table(["command", *(["group"] if with_panel else []), "what it does"], rows), ""]
    for node in commands:
        out += _command_section(node)
    return "\n".join(out).rstrip() + "\n"


def help_problems(root: Command | None = None) -> list[str]:
    """Commands without help text or an example, and parameters without help."""
    root = root if root is not None else root_command()
    problems = []
    for node in walk(root):
        if not (node.command.help or "").strip():
            problems.append(f"`{node.name}` has no help text")
        if node.path and not any(e.startswith(node.name) for e in examples(node.command)):
            problems.append(
                f"`{node.name}` has no example ('Example: {node.name} …' in its epilog)"
            )
        for param in node.command.get_params(node.ctx):
            if getattr(param, "hidden", False) or _is_help_option(node, param):
                continue
            if not (getattr(param, "help", None) or "").strip():
                problems.append(f"`{node.name}`: {param_label(param)} has no help text")
    return problems
