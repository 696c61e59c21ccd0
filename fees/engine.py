"""Evaluation of a compiled tariff book on a case, and the assessment it produces.

Order of work for one item (and, for a per-floor item, for each floor):
  applies? → intermediate values (`let`, in order) → amount → minimum (the larger wins) → cap (the smaller wins)
  → the first discount whose condition holds (amount × (1 − rate)) → the item's named rounding rule → int rials.
The environment is one list per case (one per floor for per-floor items): each line keeps a reference to it and builds
its `inputs` and `intermediate` dicts only when asked, so evaluating many cases does not build dicts nobody reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, DecimalException, DivisionByZero, Overflow
from typing import Any, NamedTuple

from fees.errors import EvaluationError
from fees.nodes import CTX
from fees.rounding import RoundingRule
from fees.tables import TableMiss

Fn = Callable[[list[Any]], Any]


class Discount:
    __slots__ = ("keep", "rate", "reason", "reason_en", "when")

    def __init__(self, when: Fn, rate: Decimal, reason: str, reason_en: str) -> None:
        self.when = when
        self.rate = rate
        self.keep = CTX.subtract(Decimal(1), rate)
        self.reason = reason
        self.reason_en = reason_en


@dataclass(slots=True, eq=False)
class Item:
    """One compiled fee item of a book; `run(env, floor)` evaluates it and returns its Line, or None if it does
    not apply."""

    code: str
    title: str
    title_en: str
    formula: str
    legal: str
    notes: str
    notes_en: str
    per_floor: bool
    applies: Fn | None
    lets: tuple[tuple[str, int, Fn], ...]  # (name, slot, expression)
    amount: Fn
    minimum: Fn | None
    cap: Fn | None
    discounts: tuple[Discount, ...]
    rounding: RoundingRule
    inputs: tuple[tuple[str, int | None, Any], ...]  # (name, slot, constant value when slot is None)
    book_label: str
    run: Callable[[list[Any], int | None], Line | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.run = _runner(self)

    def where(self, floor: int | None) -> str:
        return self.code if floor is None else f"{self.code} (floors[{floor}])"


def _runner(item: Item) -> Callable[[list[Any], int | None], Line | None]:
    """The item's evaluation as one closure over its compiled parts: no attribute lookups per case."""
    applies, amount, minimum, cap, discounts = item.applies, item.amount, item.minimum, item.cap, item.discounts
    lets = tuple((slot, fn) for _, slot, fn in item.lets)
    round_rials = item.rounding.apply
    multiply = CTX.multiply
    make_line = tuple.__new__

    def run(env: list[Any], floor: int | None) -> Line | None:
        try:
            if applies is not None and not applies(env):
                return None
            for slot, fn in lets:
                env[slot] = fn(env)
            base = value = amount(env)
            low = high = discount = None
            low_applied = high_applied = False
            if minimum is not None:
                low = minimum(env)
                if value < low:
                    value, low_applied = low, True
            if cap is not None:
                high = cap(env)
                if value > high:
                    value, high_applied = high, True
            for candidate in discounts:
                if candidate.when(env):
                    discount = candidate
                    value = multiply(value, candidate.keep)
                    break
            if value < 0:
                raise EvaluationError(item.book_label, item.where(floor), f"the amount is negative ({value})")
            rials = round_rials(value)
        except DivisionByZero:
            raise EvaluationError(item.book_label, item.where(floor), "division by zero") from None
        except Overflow:
            raise EvaluationError(item.book_label, item.where(floor), "a value is too large") from None
        except DecimalException:
            raise EvaluationError(item.book_label, item.where(floor), "undefined arithmetic") from None
        except TableMiss as exc:
            raise EvaluationError(item.book_label, item.where(floor), str(exc)) from None
        return make_line(Line, (item, env, floor, base, low, low_applied, high, high_applied, discount, value, rials))

    return run


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


class Line(NamedTuple):
    """One applied item: what was computed, from what, and the integer amount in rials (an immutable record)."""

    item: Item
    env: list[Any]
    floor: int | None
    base: Decimal
    minimum: Decimal | None
    minimum_applied: bool
    cap: Decimal | None
    cap_applied: bool
    discount: Discount | None
    before_rounding: Decimal
    amount_rials: int

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def formula(self) -> str:
        return self.item.formula

    @property
    def scope(self) -> str:
        """ "case", or "floors[i]" for a per-floor item."""
        return "case" if self.floor is None else f"floors[{self.floor}]"

    @property
    def inputs(self) -> dict[str, Any]:
        """The case values and book constants the item read, by name."""
        env = self.env
        return {name: value if slot is None else env[slot] for name, slot, value in self.item.inputs}

    @property
    def intermediate(self) -> dict[str, Any]:
        """The item's named intermediate values (`let`), in order."""
        env = self.env
        return {name: env[slot] for name, slot, _ in self.item.lets}

    def __repr__(self) -> str:
        return f"Line({self.code}, {self.scope}, {self.amount_rials} rials)"

    def to_json_dict(self) -> dict[str, Any]:
        item = self.item
        discount = self.discount
        minimum = (
            None if self.minimum is None else {"value": _json_value(self.minimum), "applied": self.minimum_applied}
        )
        return {
            "code": item.code,
            "title": item.title,
            "title_en": item.title_en,
            "formula": item.formula,
            "legal": item.legal,
            "notes": item.notes,
            "notes_en": item.notes_en,
            "scope": self.scope,
            "inputs": {k: _json_value(v) for k, v in self.inputs.items()},
            "intermediate": {k: _json_value(v) for k, v in self.intermediate.items()},
            "base": _json_value(self.base),
            "minimum": minimum,
            "cap": None if self.cap is None else {"value": _json_value(self.cap), "applied": self.cap_applied},
            "discount": None
            if discount is None
            else {"rate": _json_value(discount.rate), "reason": discount.reason, "reason_en": discount.reason_en},
            "rounding": {
                "rule": item.rounding.name,
                "before": _json_value(self.before_rounding),
                "after": self.amount_rials,
            },
            "amount_rials": self.amount_rials,
        }


class Assessment:
    """The fees of one case under one book: the applied lines and their integer total in rials."""

    __slots__ = ("book_code", "book_sha256", "book_version", "case", "lines", "total_rials")

    def __init__(self, book_code: str, book_version: str, book_sha256: str, case: Any, lines: list[Line]) -> None:
        self.book_code = book_code
        self.book_version = book_version
        self.book_sha256 = book_sha256
        self.case = case
        self.lines = lines
        self.total_rials: int = sum(line.amount_rials for line in lines)

    def to_json_dict(self) -> dict[str, Any]:
        """The `--json` shape: {"book": {code, version, sha256}, "lines": [...], "total_rials": int}."""
        return {
            "book": {"code": self.book_code, "version": self.book_version, "sha256": self.book_sha256},
            "lines": [line.to_json_dict() for line in self.lines],
            "total_rials": self.total_rials,
        }


class Evaluator:
    """Runs the items of one book over a case. Slot layout: case names, P, floor names, then every item's `let`s."""

    __slots__ = ("floor_slots", "items", "pad")

    def __init__(self, items: tuple[Item, ...], floor_slots: slice, pad_size: int) -> None:
        self.items = items
        self.floor_slots = floor_slots
        self.pad = [None] * pad_size

    def lines(
        self, case_values: tuple[Any, ...], p_value: Decimal, floor_values: tuple[tuple[Any, ...], ...]
    ) -> list[Line]:
        env = [*case_values, p_value]
        env.extend(self.pad)
        lines: list[Line] = []
        floor_envs: list[list[Any]] | None = None
        for item in self.items:
            if item.per_floor:
                if floor_envs is None:
                    floor_envs = []
                    for values in floor_values:
                        floor_env = env.copy()
                        floor_env[self.floor_slots] = values
                        floor_envs.append(floor_env)
                for i, floor_env in enumerate(floor_envs):
                    line = item.run(floor_env, i)
                    if line is not None:
                        lines.append(line)
            else:
                line = item.run(env, None)
                if line is not None:
                    lines.append(line)
        return lines
