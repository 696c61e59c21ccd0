"""The tariff book's expression language, compiled once into closures and evaluated with Decimal.

The source is parsed with Python's `ast` and only a short list of node kinds is accepted: number, text and true/false
literals; names of the case, the book's constants and the item's own intermediate values; `+ - * /`; `**` with a
whole-number literal exponent from 0 to 6; comparisons (`in` only against a literal list); `and`/`or`/`not`;
`a if cond else b`; calls of `min`, `max`, `abs`, `floor`, `ceil` and of the book's named tables. Nothing is ever
passed to eval/exec. Every expression is type-checked (number, text, boolean) when the book is loaded, constant parts
are folded then (so `1/0` or `(10**6)**6` fail at load time), and arithmetic runs in one fixed Decimal context whose
traps turn a division by zero or an absurd magnitude into an error instead of a wrong amount.

Environments are plain lists: each name the book may use has a slot, resolved when the book is compiled.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from fees.nodes import (
    BOOL,
    CONST,
    CTX,
    FN,
    FUNCTIONS,
    MAX_LITERAL,
    NUM,
    SLOT,
    TEXT,
    Binding,
    Compiled,
    ExprError,
    Node,
    all_of,
    apply1,
    apply2,
    fold,
)

__all__ = ["BOOL", "CTX", "FUNCTIONS", "MAX_LITERAL", "NUM", "TEXT", "Binding", "Compiled", "ExprError", "compile_expr"]

MAX_SOURCE = 2000
MAX_NODES = 400
MAX_DEPTH = 40
MAX_LITERAL_DIGITS = 20
MAX_POWER = 6
MAX_TEXT = 100
MAX_LIST = 50


class TableLike(Protocol):
    name: str
    arg_types: tuple[str, ...]
    result_type: str

    @property
    def lookup(self) -> Callable[..., Any]: ...  # each kind takes its own key arguments


class Resolver(Protocol):
    def binding(self, name: str) -> Binding | None: ...

    def table(self, name: str) -> TableLike | None: ...


_ARITH = {ast.Add: CTX.add, ast.Sub: CTX.subtract, ast.Mult: CTX.multiply, ast.Div: CTX.divide}
_ORDER = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge}
_EQUAL = {ast.Eq: operator.eq, ast.NotEq: operator.ne}
_UNARY_NUM = {ast.USub: CTX.minus, ast.UAdd: CTX.plus}
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Mod: "%",
    ast.FloorDiv: "//",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
}
_SYMBOLS |= {ast.BitOr: "|", ast.BitAnd: "&", ast.BitXor: "^", ast.Is: "is", ast.IsNot: "is not"}


def compile_expr(source: str, resolver: Resolver, expect: str | None = None) -> Compiled:
    """Compile `source` against the names and tables `resolver` knows; raises ExprError with the reason."""
    if not isinstance(source, str):
        raise ExprError("an expression must be text")
    if len(source) > MAX_SOURCE:
        raise ExprError(f"expression longer than {MAX_SOURCE} characters")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"syntax error: {exc.msg} (column {exc.offset})") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError("expression is malformed or too deeply nested") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise ExprError(f"expression has more than {MAX_NODES} parts")
    compiler = _Compiler(source.strip(), resolver)
    node = compiler.visit(tree.body, 0)
    if expect is not None and node.type != expect:
        raise ExprError(f"expected a {expect} expression, got a {node.type} one")
    return Compiled(node, tuple(compiler.names))


class _Compiler:
    def __init__(self, source: str, resolver: Resolver) -> None:
        self.source = source
        self.resolver = resolver
        self.names: list[str] = []

    def visit(self, node: ast.AST, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ExprError("expression is too deeply nested")
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise ExprError(_refusal(node))
        return method(node, depth + 1)

    def _Constant(self, node: ast.Constant, depth: int) -> Node:
        return Node(CONST, *self._literal(node))

    def _literal(self, node: ast.AST) -> tuple[str, Any]:
        if not isinstance(node, ast.Constant):
            raise ExprError("only literals may appear in an 'in' list")
        value = node.value
        if isinstance(value, bool):
            return BOOL, value
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                raise ExprError(f"text literal longer than {MAX_TEXT} characters")
            return TEXT, value
        if isinstance(value, int):
            if abs(value) > MAX_LITERAL:
                raise ExprError("number literal too large")
            return NUM, Decimal(value)
        if isinstance(value, float):
            # The float is inexact; read the digits as written instead.
            text = ast.get_source_segment(self.source, node) or ""
            try:
                number = Decimal(text.replace("_", ""))
            except (InvalidOperation, ValueError):
                raise ExprError(f"unreadable number {text!r}") from None
            if (
                not number.is_finite()
                or abs(number) > MAX_LITERAL
                or len(number.as_tuple().digits) > MAX_LITERAL_DIGITS
            ):
                raise ExprError("number literal too large")
            return NUM, number
        raise ExprError(f"{type(value).__name__} literals are not allowed")

    def _Name(self, node: ast.Name, depth: int) -> Node:
        name = node.id
        if name.startswith("_"):
            raise ExprError(f"'{name}' is not allowed (names beginning with '_' are reserved)")
        if name in FUNCTIONS or self.resolver.table(name) is not None:
            raise ExprError(f"'{name}' is a function or table: call it with arguments")
        binding = self.resolver.binding(name)
        if binding is None:
            raise ExprError(f"unknown name '{name}'")
        if name not in self.names:
            self.names.append(name)
        if binding.slot is None:
            return Node(CONST, binding.type, binding.value)
        return Node(SLOT, binding.type, binding.slot)

    def _BinOp(self, node: ast.BinOp, depth: int) -> Node:
        op_type = type(node.op)
        if op_type is ast.Pow:
            return self._power(node, depth)
        if op_type not in _ARITH:
            raise ExprError(f"operator '{_SYMBOLS.get(op_type, op_type.__name__)}' is not allowed")
        left = self._number(node.left, depth, "arithmetic")
        right = self._number(node.right, depth, "arithmetic")
        if op_type is ast.Div and right.kind == CONST and right.value == 0:
            raise ExprError("division by zero")
        return apply2(_ARITH[op_type], left, right, NUM)

    def _power(self, node: ast.BinOp, depth: int) -> Node:
        exponent = node.right
        if not (
            isinstance(exponent, ast.Constant) and type(exponent.value) is int and 0 <= exponent.value <= MAX_POWER
        ):
            raise ExprError(f"powers are limited to a whole-number literal exponent from 0 to {MAX_POWER}")
        base = self._number(node.left, depth, "a power")
        return apply2(CTX.power, base, Node(CONST, NUM, Decimal(exponent.value)), NUM)

    def _UnaryOp(self, node: ast.UnaryOp, depth: int) -> Node:
        op_type = type(node.op)
        if op_type is ast.Not:
            return apply1(operator.not_, self._typed(node.operand, depth, BOOL, "'not'"), BOOL)
        if op_type not in _UNARY_NUM:
            raise ExprError("operator '~' is not allowed")
        return apply1(_UNARY_NUM[op_type], self._number(node.operand, depth, "a sign"), NUM)

    def _BoolOp(self, node: ast.BoolOp, depth: int) -> Node:
        word = "and" if isinstance(node.op, ast.And) else "or"
        parts = [self._typed(v, depth, BOOL, f"'{word}'") for v in node.values]
        if all(p.kind == CONST for p in parts):
            values = [p.value for p in parts]
            return Node(CONST, BOOL, all(values) if word == "and" else any(values))
        if word == "and":
            return all_of(parts)
        fns = tuple(p.as_fn() for p in parts)
        if len(fns) == 2:
            a, b = fns
            return Node(FN, BOOL, lambda env: a(env) or b(env))
        return Node(FN, BOOL, lambda env: any(f(env) for f in fns))

    def _Compare(self, node: ast.Compare, depth: int) -> Node:
        left = self.visit(node.left, depth)
        if any(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
            if len(node.ops) > 1:
                raise ExprError("an 'in' test cannot be chained with other comparisons")
            return self._membership(left, node.comparators[0], isinstance(node.ops[0], ast.NotIn))
        pairs: list[Node] = []
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            op_type = type(op)
            right = self.visit(comparator, depth)
            if op_type in _ORDER:
                if left.type != NUM or right.type != NUM:
                    raise ExprError(f"'<'/'>' compare numbers, got {left.type} and {right.type}")
                pairs.append(apply2(_ORDER[op_type], left, right, BOOL))
            elif op_type in _EQUAL:
                if left.type != right.type:
                    raise ExprError(f"cannot compare {left.type} with {right.type}")
                pairs.append(apply2(_EQUAL[op_type], left, right, BOOL))
            else:
                raise ExprError(f"operator '{_SYMBOLS.get(op_type, op_type.__name__)}' is not allowed")
            left = right
        if len(pairs) == 1:
            return pairs[0]
        return all_of(pairs)

    def _membership(self, left: Node, options: ast.AST, negate: bool) -> Node:
        if not isinstance(options, ast.Tuple | ast.List) or not 0 < len(options.elts) <= MAX_LIST:
            raise ExprError(f"'in' needs a literal list of 1 to {MAX_LIST} values")
        values = []
        for element in options.elts:
            type_, value = self._literal(element)
            if type_ != left.type:
                raise ExprError(f"'in' list mixes {left.type} and {type_}")
            values.append(value)
        choices = frozenset(values)
        test = operator.not_ if negate else bool
        return apply1(lambda x: test(x in choices), left, BOOL)

    def _IfExp(self, node: ast.IfExp, depth: int) -> Node:
        test = self._typed(node.test, depth, BOOL, "a condition")
        body = self.visit(node.body, depth)
        orelse = self.visit(node.orelse, depth)
        if body.type != orelse.type:
            raise ExprError(f"both branches of 'if ... else' must have one type, got {body.type} and {orelse.type}")
        if test.kind == CONST:
            return body if test.value else orelse
        t, b, o = test.as_fn(), body.as_fn(), orelse.as_fn()
        return Node(FN, body.type, lambda env: b(env) if t(env) else o(env))

    def _Call(self, node: ast.Call, depth: int) -> Node:
        if isinstance(node.func, ast.Attribute):
            raise ExprError("attribute access is not allowed")
        if not isinstance(node.func, ast.Name):
            raise ExprError("only named functions and tables can be called")
        if node.keywords:
            raise ExprError("keyword arguments are not allowed")
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise ExprError("'*' arguments are not allowed")
        name = node.func.id
        if name.startswith("_"):
            raise ExprError(f"'{name}' is not allowed (names beginning with '_' are reserved)")
        if name in FUNCTIONS:
            fn, low, high = FUNCTIONS[name]
            if not low <= len(node.args) <= high:
                raise ExprError(f"{name}() takes {low} to {high} arguments, got {len(node.args)}")
            args = [self._number(a, depth, f"{name}()") for a in node.args]
            return self._call(fn, args, NUM)
        table = self.resolver.table(name)
        if table is None:
            raise ExprError(f"unknown function or table '{name}'")
        if len(node.args) != len(table.arg_types):
            raise ExprError(f"table {name} takes {len(table.arg_types)} argument(s), got {len(node.args)}")
        args = [
            self._typed(a, depth, t, f"argument {i + 1} of table {name}")
            for i, (a, t) in enumerate(zip(node.args, table.arg_types, strict=True))
        ]
        return self._call(table.lookup, args, table.result_type)

    def _call(self, fn: Callable[..., Any], args: list[Node], type_: str) -> Node:
        if len(args) == 1:
            return apply1(fn, args[0], type_)
        if len(args) == 2:
            return apply2(fn, args[0], args[1], type_)
        if all(a.kind == CONST for a in args):
            return Node(CONST, type_, fold(fn, *(a.value for a in args)))
        fns = tuple(a.as_fn() for a in args)
        return Node(FN, type_, lambda env: fn(*[f(env) for f in fns]))

    def _number(self, node: ast.AST, depth: int, what: str) -> Node:
        return self._typed(node, depth, NUM, what)

    def _typed(self, node: ast.AST, depth: int, type_: str, what: str) -> Node:
        result = self.visit(node, depth)
        if result.type != type_:
            raise ExprError(f"{what} needs a {type_}, got a {result.type}")
        return result


def _refusal(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return "attribute access is not allowed"
    if isinstance(node, ast.Subscript):
        return "subscripts are not allowed"
    if isinstance(node, ast.Lambda):
        return "lambda is not allowed"
    if isinstance(node, ast.NamedExpr):
        return "assignment expressions are not allowed"
    if isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
        return "comprehensions are not allowed"
    if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
        return "lists and tuples are only allowed after 'in'"
    if isinstance(node, ast.JoinedStr | ast.FormattedValue):
        return "f-strings are not allowed"
    return f"{type(node).__name__} is not allowed"
