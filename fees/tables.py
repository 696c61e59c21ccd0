"""Named tables of a tariff book, called from formulas like functions.

Kinds (the `kind` key of a `[tables.NAME]` section):
- `brackets`: whole-amount brackets. `rows = [{upto = 60, value = 0.05}, ..., {value = 1.20}]`; the FIRST row whose
  `upto` is at least the argument gives the value for the whole amount; a last row without `upto` covers the rest.
  Values may be numbers or text (e.g. a floor level to a row name).
- `marginal`: marginal brackets. `rows = [{upto = 100, rate = 0.1}, {rate = 0.2}]`; each band of the argument above 0
  is multiplied by its own rate and the products are summed.
- `keyed`: one text key to a value, with an optional `default` (per-district coefficients).
- `grid`: two text keys, row then column, to a value (floor × land-use coefficients).
A `note` key may explain the table; any other key is an error. A missing row at evaluation time raises TableMiss.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal
from typing import Any

from fees.nodes import CTX, MAX_LITERAL, NUM, TEXT


class TableMiss(LookupError):
    """The table has no value for the arguments."""


def book_value(raw: Any, where: str) -> tuple[str, Any]:
    """A number (int or TOML decimal, read exactly) or a text value from a book, with its type."""
    if isinstance(raw, bool):
        raise ValueError(f"{where}: true/false is not a table value")
    if isinstance(raw, int | Decimal):
        value = Decimal(raw)
        if not value.is_finite() or abs(value) > MAX_LITERAL:
            raise ValueError(f"{where}: number out of range")
        return NUM, value
    if isinstance(raw, str) and len(raw) <= 100:
        return TEXT, raw
    raise ValueError(f"{where}: expected a number or a short text, got {type(raw).__name__}")


def _one_type(values: list[tuple[str, Any]], where: str) -> str:
    types = {t for t, _ in values}
    if len(types) != 1:
        raise ValueError(f"{where}: values must all be numbers or all be text")
    return types.pop()


class Brackets:
    arg_types: tuple[str, ...] = (NUM,)

    def __init__(self, name: str, spec: dict[str, Any]) -> None:
        self.name = name
        rows = _rows(spec, name)
        self.uptos: list[Decimal] = []
        values = []
        self.open_value: Any = None
        for i, row in enumerate(rows):
            _keys(row, {"upto", "value"}, f"{name}.rows[{i}]")
            values.append(book_value(row.get("value"), f"{name}.rows[{i}].value"))
            if "upto" in row:
                _, upto = book_value(row["upto"], f"{name}.rows[{i}].upto")
                if self.uptos and upto <= self.uptos[-1]:
                    raise ValueError(f"{name}.rows[{i}]: 'upto' values must increase")
                self.uptos.append(upto)
            elif i != len(rows) - 1:
                raise ValueError(f"{name}.rows[{i}]: only the last row may leave out 'upto'")
        self.result_type = _one_type(values, name)
        self.values = [v for _, v in values[: len(self.uptos)]]
        if len(values) > len(self.uptos):
            self.open_value = values[-1][1]

    def lookup(self, x: Decimal) -> Any:
        i = bisect_left(self.uptos, x)
        if i < len(self.values):
            return self.values[i]
        if self.open_value is None:
            raise TableMiss(f"table {self.name} has no bracket for {x}")
        return self.open_value


class Marginal:
    arg_types: tuple[str, ...] = (NUM,)
    result_type = NUM

    def __init__(self, name: str, spec: dict[str, Any]) -> None:
        self.name = name
        rows = _rows(spec, name)
        self.bounds: list[Decimal] = []
        self.rates: list[Decimal] = []
        for i, row in enumerate(rows):
            _keys(row, {"upto", "rate"}, f"{name}.rows[{i}]")
            rate_type, rate = book_value(row.get("rate"), f"{name}.rows[{i}].rate")
            if rate_type != NUM:
                raise ValueError(f"{name}.rows[{i}].rate: must be a number")
            self.rates.append(rate)
            if "upto" in row:
                _, upto = book_value(row["upto"], f"{name}.rows[{i}].upto")
                if upto <= (self.bounds[-1] if self.bounds else 0):
                    raise ValueError(f"{name}.rows[{i}]: 'upto' values must increase from 0")
                self.bounds.append(upto)
            elif i != len(rows) - 1:
                raise ValueError(f"{name}.rows[{i}]: only the last row may leave out 'upto'")
        # cumulative[i]: the sum over every band below bounds[i], so a lookup touches one band only.
        self.cumulative = [Decimal(0)]
        lower = Decimal(0)
        for bound, rate in zip(self.bounds, self.rates, strict=False):
            self.cumulative.append(CTX.add(self.cumulative[-1], CTX.multiply(CTX.subtract(bound, lower), rate)))
            lower = bound

    def lookup(self, x: Decimal) -> Decimal:
        if x <= 0:
            return Decimal(0)
        i = bisect_left(self.bounds, x)
        if i >= len(self.rates):
            raise TableMiss(f"table {self.name} has no band for {x}")
        lower = self.bounds[i - 1] if i else Decimal(0)
        return CTX.add(self.cumulative[i], CTX.multiply(CTX.subtract(x, lower), self.rates[i]))


class Keyed:
    arg_types: tuple[str, ...] = (TEXT,)

    def __init__(self, name: str, spec: dict[str, Any]) -> None:
        self.name = name
        rows = spec.get("rows")
        if not isinstance(rows, dict) or not rows:
            raise ValueError(f"{name}: 'rows' must be a table of key = value")
        typed = [book_value(v, f"{name}.rows.{k}") for k, v in rows.items()]
        self.default: Any = None
        if "default" in spec:
            typed.append(book_value(spec["default"], f"{name}.default"))
            self.default = typed[-1][1]
        self.result_type = _one_type(typed, name)
        self.mapping = {k: v for k, (_, v) in zip(rows, typed, strict=False)}

    def lookup(self, key: str) -> Any:
        value = self.mapping.get(key, self.default)
        if value is None:
            raise TableMiss(f"table {self.name} has no row '{key}'")
        return value


class Grid:
    arg_types: tuple[str, ...] = (TEXT, TEXT)

    def __init__(self, name: str, spec: dict[str, Any]) -> None:
        self.name = name
        rows = spec.get("rows")
        if not isinstance(rows, dict) or not rows:
            raise ValueError(f"{name}: 'rows' must be a table of rows, each a table of column = value")
        typed = []
        self.mapping: dict[tuple[str, str], Any] = {}
        for row_key, columns in rows.items():
            if not isinstance(columns, dict) or not columns:
                raise ValueError(f"{name}.rows.{row_key}: must be a table of column = value")
            for column, raw in columns.items():
                typed.append(book_value(raw, f"{name}.rows.{row_key}.{column}"))
                self.mapping[row_key, column] = typed[-1][1]
        self.result_type = _one_type(typed, name)

    def lookup(self, row: str, column: str) -> Any:
        value = self.mapping.get((row, column))
        if value is None:
            raise TableMiss(f"table {self.name} has no value for row '{row}', column '{column}'")
        return value


Table = Brackets | Marginal | Keyed | Grid
KINDS: dict[str, type[Table]] = {"brackets": Brackets, "marginal": Marginal, "keyed": Keyed, "grid": Grid}


def build_table(name: str, spec: Any) -> Table:
    """A table from its `[tables.NAME]` section; raises ValueError with the reason."""
    if not isinstance(spec, dict):
        raise ValueError(f"table {name}: must be a section")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ValueError(f"table {name}: 'kind' must be one of {', '.join(KINDS)}")
    _keys(spec, {"kind", "rows", "note", "default"} if kind == "keyed" else {"kind", "rows", "note"}, f"table {name}")
    return KINDS[kind](name, spec)


def _rows(spec: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows = spec.get("rows")
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise ValueError(f"{name}: 'rows' must be a list of {{...}} rows")
    return rows


def _keys(section: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(section) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown key '{unknown[0]}'")
