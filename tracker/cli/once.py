"""Options of one value are given once: click keeps the last of two (--follows a --follows b
recorded b alone; --db a.db --db b.db used b.db), which hides a mistake."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import typer


def once_only(ctx: Any, parser: Any, then: Callable[[list[Any]], None] | None = None) -> Any:
    """The parser, made to refuse (exit 2) an option of one value given twice; ``then`` is
    given the options in the order they were given."""
    parse = parser.parse_args

    def parse_checked(args: list[str]) -> Any:
        opts, rest, order = parse(args)
        seen: set[str] = set()
        for param in order:
            if _one_value(param) and param.name in seen:
                raise typer.BadParameter(
                    "given twice; give it once", ctx=ctx, param=cast("Any", param)
                )
            seen.add(param.name)
        if then is not None:
            then(order)
        return opts, rest, order

    parser.parse_args = parse_checked
    return parser


def _one_value(param: Any) -> bool:
    """An option that takes one value (not a flag, not one given many times)."""
    return (
        param.param_type_name == "option"
        and not param.multiple
        and not getattr(param, "is_flag", False)
        and not getattr(param, "count", False)
    )
