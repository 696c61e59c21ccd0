"""A tariff book: a TOML file parsed, checked and compiled once, then evaluated on many cases.

Layout of a book (see resources/tariffs/hamedan-1405.toml for a commented one):
  [book]              code, version, title, city, sample, effective_from/effective_to (Jalali), approval, note
  [constants]         NAME = number, readable by every formula (L0, H0, ...)
  [regional_values]   block = P, the regional value in rials per m² by block of the renovation code
  [tables.NAME]       a named table (see fees.tables)
  [[items]]           code, title, title_en, formula (as printed), legal, per ("case" | "floor"), applies, let.NAME,
                      amount, minimum, cap, discounts = [{when, rate, reason, reason_en}], rounding, notes, notes_en
Every problem is a BookError naming the file, the item code and the reason.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from decimal import Decimal
from typing import Any

from fees.case import CASE_NAMES, FLOOR_NAMES, Case
from fees.engine import Assessment, Discount, Evaluator, Item
from fees.errors import BookError, CaseError
from fees.expr import BOOL, FUNCTIONS, NUM, Binding, Compiled, ExprError, compile_expr
from fees.fields import parse_date
from fees.rounding import RoundingRule
from fees.tables import Table, book_value, build_table
from fees.toml_guard import TomlShapeError, check_toml

MAX_BOOK_BYTES = 1_000_000
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}", re.ASCII)
_CODE = re.compile(r"[a-z0-9][a-z0-9.-]{0,39}", re.ASCII)
_SECTIONS = {"book", "constants", "regional_values", "tables", "items"}
_HEADER_KEYS = {"code", "version", "title", "title_en", "city", "sample", "effective_from", "effective_to"}
_HEADER_KEYS |= {"approval", "note"}
_ITEM_KEYS = {"code", "title", "title_en", "formula", "legal", "per", "applies", "let", "amount", "minimum", "cap"}
_ITEM_KEYS |= {"discounts", "rounding", "notes", "notes_en"}
_CASE_SLOTS = {name: Binding(type_, slot) for slot, (name, type_) in enumerate(CASE_NAMES)}
_P_SLOT = len(CASE_NAMES)
_FLOOR_START = _P_SLOT + 1
_FLOOR_SLOTS = {name: Binding(type_, _FLOOR_START + i) for i, (name, type_) in enumerate(FLOOR_NAMES)}
_FIRST_LET = _FLOOR_START + len(FLOOR_NAMES)


class TariffBook:
    """A compiled book. `data` are the exact bytes it was read from; `sha256` their digest."""

    def __init__(self, header: dict[str, Any], data: bytes, file: str, p_values: dict[str, Decimal]) -> None:
        self.file = file
        self.data = data
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.code: str = header["code"]
        self.version: str = header["version"]
        self.title: str = header["title"]
        self.title_en: str = header.get("title_en", "")
        self.city: str = header["city"]
        self.sample: bool = header["sample"]
        self.approval: str = header["approval"]
        self.effective_from: tuple[int, int, int] = header["effective_from"]
        self.effective_to: tuple[int, int, int] = header["effective_to"]
        self.regional_values = p_values
        self.items: tuple[Item, ...] = ()
        self.signer: str | None = None  # key_id of the trusted key that signed the bytes, once verified
        self.signature: bytes | None = None  # the detached signature file's bytes, once verified
        self._evaluator: Evaluator

    @property
    def label(self) -> str:
        return f"{self.code} {self.version}"

    def in_force(self, date: tuple[int, int, int]) -> bool:
        return self.effective_from <= date <= self.effective_to

    def regional_value(self, block: str) -> Decimal | None:
        """P for a block of a renovation code, or None when the book has none."""
        return self.regional_values.get(block.lstrip("0") or "0")

    def evaluate(self, case: Case) -> Assessment:
        """The assessment of `case` under this book (the caller chooses the book by date; see fees.catalog)."""
        p_value = self.regional_values.get(case.block)
        if p_value is None:
            raise CaseError(
                "renovation_code",
                f"بلوک {case.block} در جدول قیمت منطقه‌ای دفترچه {self.label} نیست",
                f"block {case.block} has no regional value (P) in book {self.label}",
            )
        lines = self._evaluator.lines(case.values, p_value, case.floor_values)
        return Assessment(self.code, self.version, self.sha256, case, lines)


def parse_book(data: bytes, *, name: str = "<book>") -> TariffBook:
    """Parse and compile a book's bytes (no signature check: see fees.catalog.load_signed_book)."""
    if not isinstance(data, bytes | bytearray):
        raise BookError(name, None, "a book is read from bytes")
    data = bytes(data)
    if len(data) > MAX_BOOK_BYTES:
        raise BookError(name, None, f"larger than {MAX_BOOK_BYTES} bytes")
    try:
        text = data.decode("utf-8")
        check_toml(text)  # before the parser: its memory grows with the square of a dotted key's length
        doc = tomllib.loads(text, parse_float=Decimal)
    except UnicodeDecodeError:
        raise BookError(name, None, "not UTF-8 text") from None
    except TomlShapeError as exc:
        raise BookError(name, None, f"TOML refused before parsing: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise BookError(name, None, f"TOML syntax error: {exc}") from None
    except RecursionError:
        raise BookError(name, None, "TOML nested too deeply") from None
    try:
        return _Builder(name, data, doc).build()
    except ValueError as exc:
        raise BookError(name, None, str(exc)) from None


class _ItemScope:
    def __init__(self, builder: _Builder, per_floor: bool) -> None:
        self.builder = builder
        self.per_floor = per_floor
        self.lets: dict[str, Binding] = {}

    def binding(self, name: str) -> Binding | None:
        if name in _FLOOR_SLOTS and not self.per_floor:
            raise ExprError(f"'{name}' is a floor value: only items with per = \"floor\" can read it")
        found = self.builder.names.get(name) or (_FLOOR_SLOTS.get(name) if self.per_floor else None)
        return found or self.lets.get(name)

    def table(self, name: str) -> Table | None:
        return self.builder.tables.get(name)


class _Builder:
    def __init__(self, file: str, data: bytes, doc: dict[str, Any]) -> None:
        self.file = file
        self.data = data
        self.doc = doc
        self.names: dict[str, Binding] = {**_CASE_SLOTS, "P": Binding(NUM, _P_SLOT)}
        self.tables: dict[str, Table] = {}
        self.next_slot = _FIRST_LET

    def fail(self, reason: str, item: str | None = None) -> BookError:
        return BookError(self.file, item, reason)

    def build(self) -> TariffBook:
        unknown = sorted(set(self.doc) - _SECTIONS)
        if unknown:
            raise self.fail(f"unknown section [{unknown[0]}]")
        book = TariffBook(self.header(), self.data, self.file, self.regional_values())
        for name, raw in self.section("constants").items():
            self.claim(name, "constant")
            type_, value = book_value(raw, f"constants.{name}")
            self.names[name] = Binding(type_, value=value)
        for name, spec in self.section("tables").items():
            self.claim(name, "table")
            self.tables[name] = build_table(name, spec)
        raw_items = self.doc.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            raise self.fail("a book needs at least one [[items]] entry")
        items = [self.item(raw, i) for i, raw in enumerate(raw_items)]
        codes = [item.code for item in items]
        for code in codes:
            if codes.count(code) > 1:
                raise self.fail("item code used twice", code)
        book.items = tuple(items)
        book._evaluator = Evaluator(book.items, slice(_FLOOR_START, _FIRST_LET), self.next_slot - _FLOOR_START)
        return book

    def section(self, key: str) -> dict[str, Any]:
        value = self.doc.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(f"[{key}] must be a section")
        return value

    def claim(self, name: str, what: str) -> None:
        if not _IDENT.fullmatch(name):
            raise self.fail(f"{what} name '{name}' must be a plain name (letters, digits, _; starting with a letter)")
        if name in self.names or name in self.tables or name in FUNCTIONS or name in _FLOOR_SLOTS:
            raise self.fail(f"{what} name '{name}' is already taken")

    def header(self) -> dict[str, Any]:
        header = self.section("book")
        unknown = sorted(set(header) - _HEADER_KEYS)
        if unknown:
            raise self.fail(f"[book]: unknown key '{unknown[0]}'")
        for key in ("code", "version", "title", "city", "approval", "effective_from", "effective_to"):
            if not isinstance(header.get(key), str) or not header[key].strip():
                raise self.fail(f"[book]: '{key}' is required text")
        if not _CODE.fullmatch(header["code"]) or not _CODE.fullmatch(header["version"]):
            raise self.fail("[book]: code and version use lower-case letters, digits, '.' and '-'")
        if not isinstance(header.get("sample"), bool):
            raise self.fail("[book]: 'sample' must be true or false")
        parsed = dict(header)
        for key in ("effective_from", "effective_to"):
            try:
                parsed[key] = parse_date(header[key])
            except CaseError as exc:
                raise self.fail(f"[book]: {key}: {exc.reason_en}") from None
        if parsed["effective_from"] > parsed["effective_to"]:
            raise self.fail("[book]: effective_from is after effective_to")
        return parsed

    def regional_values(self) -> dict[str, Decimal]:
        values = {}
        for block, raw in self.section("regional_values").items():
            if not block.isascii() or not block.isdigit() or len(block) > 6:
                raise self.fail(f"[regional_values]: '{block}' is not a block number")
            type_, value = book_value(raw, f"regional_values.{block}")
            if type_ != NUM or value <= 0:
                raise self.fail(f"[regional_values]: {block}: P must be a positive number")
            values[str(int(block))] = value
        if not values:
            raise self.fail("[regional_values] is empty")
        return values

    def item(self, raw: Any, index: int) -> Item:
        if not isinstance(raw, dict):
            raise self.fail(f"items[{index}] must be a table")
        code = raw.get("code")
        if not isinstance(code, str) or not code.strip() or len(code) > 20:
            raise self.fail(f"items[{index}]: 'code' is required text of at most 20 characters")
        unknown = sorted(set(raw) - _ITEM_KEYS)
        if unknown:
            raise self.fail(f"unknown key '{unknown[0]}'", code)
        for key in ("title", "formula", "legal", "amount", "rounding"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise self.fail(f"'{key}' is required text", code)
        per = raw.get("per", "case")
        if per not in ("case", "floor"):
            raise self.fail('\'per\' must be "case" or "floor"', code)
        scope = _ItemScope(self, per == "floor")
        compiled: list[Compiled] = []

        def expr(source: Any, field: str, expect: str | None) -> Compiled:
            try:
                result = compile_expr(source, scope, expect)
            except ExprError as exc:
                raise self.fail(f"{field}: {exc}", code) from None
            compiled.append(result)
            return result

        applies = expr(raw["applies"], "applies", BOOL).fn if "applies" in raw else None
        lets = []
        let_spec = raw.get("let", {})
        if not isinstance(let_spec, dict):
            raise self.fail("'let' must be a table of NAME = expression", code)
        for name, source in let_spec.items():
            try:
                self.claim(name, "let")
            except BookError as exc:
                raise self.fail(exc.reason, code) from None
            if name in scope.lets:
                raise self.fail(f"let name '{name}' is already taken", code)
            result = expr(source, f"let.{name}", None)
            scope.lets[name] = Binding(result.type, self.next_slot)
            lets.append((name, self.next_slot, result.fn))
            self.next_slot += 1
        try:
            rounding = RoundingRule(raw["rounding"])
        except ValueError as exc:
            raise self.fail(str(exc), code) from None
        return Item(
            code=code,
            title=raw["title"],
            title_en=str(raw.get("title_en", "")),
            formula=raw["formula"],
            legal=raw["legal"],
            notes=str(raw.get("notes", "")),
            notes_en=str(raw.get("notes_en", "")),
            per_floor=per == "floor",
            applies=applies,
            lets=tuple(lets),
            amount=expr(raw["amount"], "amount", NUM).fn,
            minimum=expr(raw["minimum"], "minimum", NUM).fn if "minimum" in raw else None,
            cap=expr(raw["cap"], "cap", NUM).fn if "cap" in raw else None,
            discounts=self.discounts(raw.get("discounts", []), code, expr),
            rounding=rounding,
            inputs=self.inputs(compiled, scope),
            book_label=f"{self.doc['book']['code']} {self.doc['book']['version']}",
        )

    def discounts(self, raw: Any, code: str, expr: Any) -> tuple[Discount, ...]:
        if not isinstance(raw, list):
            raise self.fail("'discounts' must be a list of {when, rate, reason, reason_en}", code)
        result = []
        for i, spec in enumerate(raw):
            where = f"discounts[{i}]"
            if not isinstance(spec, dict) or set(spec) - {"when", "rate", "reason", "reason_en"}:
                raise self.fail(f"{where}: keys are when, rate, reason, reason_en", code)
            rate = spec.get("rate")
            if isinstance(rate, bool) or not isinstance(rate, int | Decimal) or not 0 < rate <= 1:
                raise self.fail(f"{where}.rate: a number above 0 and at most 1", code)
            if not isinstance(spec.get("reason"), str) or "when" not in spec:
                raise self.fail(f"{where}: 'when' and 'reason' are required", code)
            when = expr(spec["when"], f"{where}.when", BOOL).fn
            result.append(Discount(when, Decimal(rate), spec["reason"], str(spec.get("reason_en", ""))))
        return tuple(result)

    def inputs(self, compiled: list[Compiled], scope: _ItemScope) -> tuple[tuple[str, int | None, Any], ...]:
        seen: dict[str, Binding] = {}
        for result in compiled:
            for name in result.names:
                if name not in scope.lets and name not in seen:
                    binding = scope.binding(name)
                    if binding is not None:
                        seen[name] = binding
        order = {name: i for i, name in enumerate(self.names)} | {
            name: len(self.names) + i for i, name in enumerate(_FLOOR_SLOTS)
        }
        return tuple((name, b.slot, b.value) for name, b in sorted(seen.items(), key=lambda kv: order.get(kv[0], 0)))
