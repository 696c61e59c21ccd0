"""JSON from outside (a settings file, a trust list, a server's answer) parsed with its nesting bounded.

The standard parser turns deep nesting into RecursionError, which is not a ValueError and so escapes every
`except ValueError` around a parse. `loads` answers any malformed, too deep or (with `max_bytes`) too large input
with `JsonDepthError`/ValueError instead, after checking the depth of what it parsed without recursion.
"""

from __future__ import annotations

import json
from typing import Any

DEFAULT_MAX_DEPTH = 32


class JsonDepthError(ValueError):
    """Nested deeper than allowed."""


def depth_of(value: Any, limit: int) -> int:
    """How deeply `value` nests lists and objects (a scalar is 0), counting at most to `limit + 1`."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if depth > limit:
            return depth
        pending.extend((child, depth) for child in children if isinstance(child, dict | list))
    return deepest


def loads(text: str | bytes | bytearray, *, max_depth: int = DEFAULT_MAX_DEPTH, **options: Any) -> Any:
    """`json.loads(text, **options)`, refusing nesting deeper than `max_depth` with JsonDepthError (a ValueError)."""
    try:
        value = json.loads(text, **options)
    except RecursionError:
        raise JsonDepthError(f"nested more than {max_depth} levels deep") from None
    if depth_of(value, max_depth) > max_depth:
        raise JsonDepthError(f"nested more than {max_depth} levels deep")
    return value
