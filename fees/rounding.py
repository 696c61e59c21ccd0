"""Named rounding rules: the only place a Decimal amount becomes an integer number of rials.

A rule is named `<mode>_<unit>`: mode `down` (toward zero; fees are never negative), `up`, `half_up` (nearest,
halves up) or `half_even` (nearest, halves to even); unit one of 1, 10, 100, 1000, 10000, 100000 rials.
`down_1000` reads «کسر کمتر از ۱٬۰۰۰ ریال حذف می‌شود»: down to the next whole 1,000 rials.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from fees.nodes import CTX

MODES = {
    "down": (ROUND_DOWN, "به پایین", "down"),
    "up": (ROUND_CEILING, "به بالا", "up"),
    "half_up": (ROUND_HALF_UP, "به نزدیک‌ترین (نیمه به بالا)", "to the nearest (halves up)"),
    "half_even": (ROUND_HALF_EVEN, "به نزدیک‌ترین (نیمه به زوج)", "to the nearest (halves to even)"),
}
UNITS = (1, 10, 100, 1000, 10000, 100000)


def _rounder(mode: str, unit: int) -> Callable[[Decimal], int]:
    decimal_unit = Decimal(unit)
    rounding = MODES[mode][0]

    def general(amount: Decimal) -> int:
        return int(CTX.divide(amount, decimal_unit).to_integral_value(rounding=rounding, context=CTX)) * unit

    if mode != "down":
        return general

    def down(amount: Decimal) -> int:
        # int() of a Decimal truncates exactly, so for an amount >= 0 this is rounding down.
        return int(amount) // unit * unit if amount >= 0 else general(amount)

    return down


class RoundingRule:
    """A named rule; `apply(amount)` turns a non-negative Decimal amount into int rials."""

    __slots__ = ("apply", "mode", "name", "unit")

    def __init__(self, name: str) -> None:
        mode, _, unit_text = name.rpartition("_")
        if mode not in MODES or not unit_text.isascii() or not unit_text.isdigit() or int(unit_text) not in UNITS:
            raise ValueError(
                f"unknown rounding rule '{name}' (use {'|'.join(MODES)} + _ + {'|'.join(map(str, UNITS))}, "
                "e.g. down_1000)"
            )
        self.name = name
        self.mode = mode
        self.unit = unit = int(unit_text)
        self.apply = _rounder(mode, unit)

    def describe(self, lang: str = "fa") -> str:
        """For the explanation: «گرد کردن به پایین به مضرب 1000 ریال» / "rounded down to a multiple of 1000 rials"."""
        _, fa, en = MODES[self.mode]
        if lang == "fa":
            return f"گرد کردن {fa} به مضرب {self.unit} ریال"
        return f"rounded {en} to a multiple of {self.unit} rials"
