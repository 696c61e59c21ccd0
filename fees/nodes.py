"""Compiled expression nodes: typed constants, environment slots and closures, plus the Decimal context they run in.

`apply1`/`apply2` specialise a closure on whether each operand is a constant, a slot or a closure, so a formula like
`S * P * K` costs a few C-level Decimal calls per evaluation. Constant operands are folded at compile time.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from operator import itemgetter
from typing import Any

NUM = "number"
TEXT = "text"
BOOL = "boolean"

# Division keeps 34 significant digits (half-even); money is only rounded by an item's named rounding rule.
# Emax bounds every intermediate to < 10^25: far above any real fee, so reaching it means a broken book or case.
CTX = Context(prec=34, rounding=ROUND_HALF_EVEN, Emax=24, Emin=-40, traps=[DivisionByZero, InvalidOperation, Overflow])

MAX_LITERAL = Decimal(10) ** 15

Env = list[Any]
Fn = Callable[[Env], Any]


class ExprError(Exception):
    """The expression is not in the language or cannot be typed; the message is the reason."""


class Binding:
    """What a name means in one item: a slot in the environment, or a constant folded in at load time."""

    __slots__ = ("slot", "type", "value")

    def __init__(self, type_: str, slot: int | None = None, value: Any = None) -> None:
        self.type = type_
        self.slot = slot
        self.value = value


CONST = "const"
SLOT = "slot"
FN = "fn"


class Node:
    """A compiled sub-expression: its type and either a constant, a slot, or a closure over the environment."""

    __slots__ = ("kind", "type", "value")

    def __init__(self, kind: str, type_: str, value: Any) -> None:
        self.kind = kind
        self.type = type_
        self.value = value

    def as_fn(self) -> Fn:
        if self.kind == SLOT:
            return itemgetter(self.value)
        if self.kind == CONST:
            value = self.value
            return lambda env: value
        return self.value


class Compiled:
    """A compiled expression: call `fn(env)`. `names` are the case/constant names it reads (for the explanation)."""

    __slots__ = ("constant", "fn", "names", "type")

    def __init__(self, node: Node, names: tuple[str, ...]) -> None:
        self.fn: Fn = node.as_fn()
        self.type = node.type
        self.constant = node.kind == CONST
        self.names = names


def fold(op: Callable[..., Any], *args: Any) -> Any:
    try:
        return op(*args)
    except DivisionByZero:
        raise ExprError("division by zero") from None
    except Overflow:
        raise ExprError("value too large") from None
    except (InvalidOperation, DecimalException):
        raise ExprError("undefined arithmetic (such as 0/0)") from None
    except LookupError as exc:
        raise ExprError(str(exc)) from None


def apply2(op: Callable[[Any, Any], Any], a: Node, b: Node, type_: str) -> Node:
    """`op(a, b)` as a node, specialised on operand kinds so the common cases avoid a call per leaf."""
    if a.kind == CONST and b.kind == CONST:
        return Node(CONST, type_, fold(op, a.value, b.value))
    ka, va, kb, vb = a.kind, a.value, b.kind, b.value
    if ka == SLOT and kb == SLOT:
        fn: Fn = lambda env: op(env[va], env[vb])  # noqa: E731
    elif ka == SLOT and kb == CONST:
        fn = lambda env: op(env[va], vb)  # noqa: E731
    elif ka == CONST and kb == SLOT:
        fn = lambda env: op(va, env[vb])  # noqa: E731
    elif ka == FN and kb == CONST:
        fn = lambda env: op(va(env), vb)  # noqa: E731
    elif ka == CONST and kb == FN:
        fn = lambda env: op(va, vb(env))  # noqa: E731
    elif ka == SLOT and kb == FN:
        fn = lambda env: op(env[va], vb(env))  # noqa: E731
    elif ka == FN and kb == SLOT:
        fn = lambda env: op(va(env), env[vb])  # noqa: E731
    else:
        fn = lambda env: op(va(env), vb(env))  # noqa: E731
    return Node(FN, type_, fn)


def apply1(op: Callable[[Any], Any], a: Node, type_: str) -> Node:
    if a.kind == CONST:
        return Node(CONST, type_, fold(op, a.value))
    if a.kind == SLOT:
        slot = a.value
        return Node(FN, type_, lambda env: op(env[slot]))
    fa = a.value
    return Node(FN, type_, lambda env: op(fa(env)))


def _floor(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding=ROUND_FLOOR, context=CTX)


def _ceil(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding=ROUND_CEILING, context=CTX)


FUNCTIONS: dict[str, tuple[Callable[..., Decimal], int, int]] = {
    "min": (min, 2, 8),
    "max": (max, 2, 8),
    "abs": (CTX.abs, 1, 1),
    "floor": (_floor, 1, 1),
    "ceil": (_ceil, 1, 1),
}


def all_of(parts: list[Node]) -> Node:
    fns = tuple(p.as_fn() for p in parts)
    if len(fns) == 2:
        a, b = fns
        return Node(FN, BOOL, lambda env: a(env) and b(env))
    if len(fns) == 3:
        a, b, c = fns
        return Node(FN, BOOL, lambda env: a(env) and b(env) and c(env))
    return Node(FN, BOOL, lambda env: all(f(env) for f in fns))
