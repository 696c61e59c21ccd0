"""One form layer: a field binds its widget, its label (Persian source, English through translation), its parser and
its error; one presenter shows the errors the same way on every page.

- A `Binding` reads its widget's text through a parser (the civic and fees parsers, behind the number and amount
  readers below, which also take «٬», "," and Persian or Arabic digits). A parser raises `ParseError` with the
  reason in the operator's words; the binding adds nothing to what was typed and never rewrites it.
- A `Problem` is one field's error: the field's name (a case or API path such as ``floors[1].area_m2``) and the
  reason. `Form.sentence` names the field by its label in one sentence: «مساحت عرصه (م²): نباید منفی باشد».
- A form never opens in an error state: a field's error is shown only after the operator has edited it (or a value
  was filled in) or tried to submit (`attempt_submit`). `Form.present` outlines every shown field in error
  (`desktop.theme.set_invalid`), clears the others, can focus the first one, and returns the first sentence.
- Server field errors (`client_api.FieldError`, e.g. ``floors[1].area_m2``) map through the sending form's own
  labels (`Form.server_problems`); a name the form does not know is never shown raw.

Dynamic fields (rows of a table) are resolved by the form's `resolver`: field name → (widget, label).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QComboBox, QLineEdit, QScrollArea, QWidget

from civic.text import normalize_digits
from desktop.formatting import format_number, isolate
from desktop.theme import set_invalid, set_tone  # noqa: F401 (set_tone: re-exported for the form's pages)

TOUCHED = "formTouched"  # a widget property: the operator edited the field, or a value was filled in
_GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", re.ASCII)
_PLAIN = re.compile(r"[0-9]+(\.[0-9]+)?", re.ASCII)
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\u2010": "-"})


class ParseError(ValueError):
    """What was typed is not a value of the field; `message` is the reason in the operator's words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Problem(NamedTuple):
    field: str  # the field's name: a case or API path such as "floors[1].area_m2"
    message: str  # the reason, without the field's name


# -- readers of typed numbers --------------------------------------------------------------------------------------


def number_text(text: str) -> str:
    """What was typed as a plain ASCII number: Persian or Arabic digits, «٬» or "," between thousands, «٫» or "/" as
    the decimal point, Unicode minus signs. Raises ParseError when it is not a number."""
    raw = normalize_digits(text).strip().translate(_MINUS).replace("\u066c", ",").replace("\u066b", ".")
    raw = raw.replace("/", ".").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    sign, body = ("-", raw[1:]) if raw.startswith("-") else ("", raw)
    if _GROUPED.fullmatch(body):
        body = body.replace(",", "")
    elif not _PLAIN.fullmatch(body):
        raise ParseError(QCoreApplication.translate("Forms", "باید عدد باشد"))
    return sign + body


def parse_number(
    text: str,
    *,
    whole: bool = False,
    above_zero: bool = False,
    negative: bool = False,
    maximum: Decimal | int | None = None,
    places: int = 4,
) -> Decimal:
    """A typed number as a Decimal (never a float), with the field's limits checked in the operator's words."""
    value = Decimal(number_text(text))
    try:
        finite = value.is_finite()
    except InvalidOperation:  # pragma: no cover - number_text lets through digits only
        finite = False
    if not finite:
        raise ParseError(QCoreApplication.translate("Forms", "باید عدد باشد"))
    if value < 0 and not negative:
        raise ParseError(QCoreApplication.translate("Forms", "نباید منفی باشد"))
    if above_zero and value <= 0:
        raise ParseError(QCoreApplication.translate("Forms", "باید بیشتر از صفر باشد"))
    if maximum is not None and value > maximum:
        raise ParseError(
            QCoreApplication.translate("Forms", "نباید بیشتر از {maximum} باشد").format(
                maximum=format_number(Decimal(maximum))
            )
        )
    if whole and value != value.to_integral_value():
        raise ParseError(QCoreApplication.translate("Forms", "باید عدد صحیح باشد"))
    if value.as_tuple().exponent < -places:  # type: ignore[operator]
        raise ParseError(
            QCoreApplication.translate("Forms", "حداکثر {places} رقم اعشار مجاز است").format(
                places=format_number(places)
            )
        )
    return value


def parse_amount(text: str, *, maximum: int | None = None) -> int:
    """A typed amount in rials: a whole, non-negative number; «۱٬۲۳۴» and "1,234" are both read."""
    return int(parse_number(text, whole=True, maximum=maximum))


def number_parser(**limits: Any) -> Callable[[str], Decimal]:
    """A parser for `Binding`: `parse_number` with these limits."""
    return lambda text: parse_number(text, **limits)


# -- bindings and the form -------------------------------------------------------------------------------------------


@dataclass
class Binding:
    name: str
    widget: QWidget
    label: Callable[[], str]  # translated when called, so the language in force is used
    parse: Callable[[str], Any] | None = None
    required: bool = False

    def text(self) -> str:
        if isinstance(self.widget, QLineEdit):
            return self.widget.text()
        if isinstance(self.widget, QComboBox):
            return str(self.widget.currentData())
        return ""

    def read(self) -> Any:
        """The field's value; None for an empty optional field. Raises ParseError."""
        if isinstance(self.widget, QComboBox):
            return self.widget.currentData()
        text = self.text().strip()
        if not text:
            if self.required:
                raise ParseError(QCoreApplication.translate("Forms", "لازم است"))
            return None
        return self.parse(text) if self.parse is not None else text


Resolver = Callable[[str], "tuple[QWidget | None, str] | None"]


class Form(QObject):
    """The bindings of one form, what the operator touched, and the presenter of its errors."""

    def __init__(self, parent: QObject | None = None, *, resolver: Resolver | None = None) -> None:
        super().__init__(parent)
        self.bindings: dict[str, Binding] = {}
        self.resolver = resolver
        self.submitted = False
        self._outlined: list[QWidget] = []

    def bind(
        self,
        name: str,
        widget: QWidget,
        label: Callable[[], str],
        parse: Callable[[str], Any] | None = None,
        *,
        required: bool = False,
    ) -> Binding:
        binding = Binding(name, widget, label, parse, required)
        self.bindings[name] = binding
        self.watch(widget)
        return binding

    # -- touched -------------------------------------------------------------------------------------------------

    def watch(self, widget: QWidget) -> None:
        """Count the widget as touched once the operator edits it."""
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text, w=widget: touch(w))
        elif isinstance(widget, QComboBox):
            widget.activated.connect(lambda _index, w=widget: touch(w))

    def attempt_submit(self) -> None:
        """The operator asked to send: every field's error shows from now on."""
        self.submitted = True

    def reset(self) -> None:
        """Back to a fresh form: no error shows until a field is edited again."""
        self.submitted = False
        for binding in self.bindings.values():
            binding.widget.setProperty(TOUCHED, False)
        self.present([])

    def shows(self, problem: Problem) -> bool:
        """Whether a problem is shown now: its field was touched, or the operator tried to submit."""
        widget = self.widget(problem.field)
        return self.submitted or widget is None or is_touched(widget)

    # -- names ---------------------------------------------------------------------------------------------------

    def widget(self, field: str) -> QWidget | None:
        binding = self.bindings.get(field)
        if binding is not None:
            return binding.widget
        resolved = self.resolver(field) if self.resolver is not None else None
        return resolved[0] if resolved is not None else None

    def label(self, field: str) -> str:
        """The name the operator sees for a field; never the raw key."""
        binding = self.bindings.get(field)
        if binding is not None:
            return binding.label()
        resolved = self.resolver(field) if self.resolver is not None else None
        if resolved is not None:
            return resolved[1]
        if field in ("", "case"):
            return QCoreApplication.translate("Forms", "کل درخواست")
        return QCoreApplication.translate("Forms", "یکی از ورودی‌ها")

    def sentence(self, problem: Problem) -> str:
        """One sentence naming the field by its label: «مساحت عرصه (م²): نباید منفی باشد»."""
        return QCoreApplication.translate("Forms", "{label}: {message}").format(
            label=self.label(problem.field), message=problem.message
        )

    # -- reading and presenting ----------------------------------------------------------------------------------

    def read(self, names: Iterable[str] | None = None) -> tuple[dict[str, Any], list[Problem]]:
        """The values of the named bindings (all by default) and the problems found, in binding order."""
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for name in self.bindings if names is None else names:
            try:
                values[name] = self.bindings[name].read()
            except ParseError as exc:
                problems.append(Problem(name, exc.message))
        return values, problems

    def server_problems(self, field_errors: Iterable[Any]) -> list[Problem]:
        """A server's field errors (`client_api.FieldError`: `field`, `message`) as problems of this form; the
        server's own reason is data and is shown isolated."""
        return [Problem(str(error.field), isolate(str(error.message))) for error in field_errors]

    def present(self, problems: list[Problem], *, focus: bool = False) -> str | None:
        """Outline the fields of the shown problems, clear every other outline, focus the first field in error when
        asked, and return the first shown problem's sentence (None when none shows)."""
        shown = [problem for problem in problems if self.shows(problem)]
        targets: list[QWidget] = []
        for problem in shown:
            widget = self.widget(problem.field)
            if widget is not None and widget not in targets:
                targets.append(widget)
        for widget in self._outlined:
            if widget not in targets and _alive(widget):
                set_invalid(widget, False)
        for widget in targets:
            set_invalid(widget, True)
        self._outlined = targets
        if not shown:
            return None
        if focus and targets:
            targets[0].setFocus()
            bring_into_view(targets[0])
        return self.sentence(shown[0])


def bring_into_view(widget: QWidget) -> None:
    """Scroll each scroll area around `widget` so it shows (Tab does this by itself; a focus given in code does
    not)."""
    ancestor = widget.parentWidget()
    while ancestor is not None:
        if isinstance(ancestor, QScrollArea):
            ancestor.ensureWidgetVisible(widget)
        ancestor = ancestor.parentWidget()


def touch(widget: QWidget) -> None:
    widget.setProperty(TOUCHED, True)


def is_touched(widget: QWidget) -> bool:
    return bool(widget.property(TOUCHED))


def _alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:  # its C++ object is gone (a removed table row)
        return False
    return True
