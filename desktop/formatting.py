"""How numbers, amounts and codes are written on screen: one digit system per language, and codes that keep their
order inside Persian sentences.

- Persian interface: Persian digits, «٬» between thousands, «٫» before decimals («۱۲٬۵۰۰٫۵»).
- English interface: ASCII digits, "," and "." ("12,500.5").
- A code, plate or phone number is wrapped in a left-to-right isolate (U+2066 … U+2069): inside a right-to-left
  sentence the bidi algorithm would otherwise show the groups of «2-14-123-45-0-0» in reverse order.
- Amounts in a table sit right aligned in both directions with tabular digits, so their places line up.

The functions take the language explicitly or read the one in force (`current_language`); they never change what
the operator typed: fields keep their text, only displayed values are written here.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidgetItem

from civic.text import to_persian_digits

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
THOUSANDS_FA, DECIMAL_FA = "\u066c", "\u066b"  # «٬» and «٫»
AMOUNT_ALIGNMENT = Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def current_language() -> str:
    """The interface language in force ("fa" or "en"); Persian when no application says otherwise."""
    app = QCoreApplication.instance()
    value = app.property("pishkhanLanguage") if app is not None else None
    return value if value in ("fa", "en") else "fa"


def _persian(lang: str | None) -> bool:
    return (lang or current_language()) == "fa"


def digits(text: str | int, lang: str | None = None) -> str:
    """Digits in the language's system: «۱۴۰۵/۰۷/۱۵» in Persian, the text as it is in English."""
    return to_persian_digits(str(text)) if _persian(lang) else str(text)


def format_number(value: int | Decimal | str, lang: str | None = None, *, places: int | None = None) -> str:
    """A number for reading: grouped thousands, trailing zeros of the fraction dropped (or `places` kept)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    text = format(number, ",f")
    if places is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if _persian(lang):
        text = to_persian_digits(text.replace(",", THOUSANDS_FA).replace(".", DECIMAL_FA))
    return text


def format_amount(rials: int, lang: str | None = None) -> str:
    """An amount in rials with thousands grouped: «۱٬۰۰۰٬۰۰۰» / "1,000,000". Money is an int, never a float."""
    if isinstance(rials, bool) or not isinstance(rials, int):
        raise TypeError(f"an amount is an int number of rials, got {type(rials).__name__}")
    return format_number(rials, lang)


def ltr(text: str) -> str:
    """Keep `text` left to right inside any sentence (a left-to-right isolate)."""
    return f"{LRI}{text}{PDI}"


def isolate(text: str) -> str:
    """Server data inside a sentence: its own direction (first strong letter), isolated from the punctuation around."""
    return f"{FSI}{text}{PDI}"


def code(text: str, lang: str | None = None) -> str:
    """A renovation code, plate, national id or tracking number inside a sentence: digits in the language's
    system, groups in their written order («⁦۲-۱۴-۱۲۳-۴۵-۰-۰⁩»)."""
    return ltr(digits(text, lang))


def phone(text: str, lang: str | None = None) -> str:
    """A phone number inside a sentence, its groups in order («⁦۰۹۱۲-۱۲۳-۴۵۶۷⁩»)."""
    return ltr(digits(text, lang))


def tabular_font(font: QFont) -> QFont:
    """`font` with tabular (equal-width) digits, so the places of amounts line up in a column."""
    tabular = QFont(font)
    tabular.setFeature(QFont.Tag("tnum"), 1)
    return tabular


def set_amount_cell(item: QTreeWidgetItem, column: int, rials: int, lang: str | None = None) -> None:
    """Show an amount in a list cell: grouped digits of the language, tabular digits, right aligned in both
    directions, so units sit under units and thousands under thousands."""
    item.setText(column, format_amount(rials, lang))
    item.setTextAlignment(column, AMOUNT_ALIGNMENT)
    item.setFont(column, tabular_font(item.font(column)))
