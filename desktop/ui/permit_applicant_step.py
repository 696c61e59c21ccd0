"""Step 2 of the permit wizard: the applicant. An owner of the parcel is picked from its owners in one choice (name
and national ID filled in); anyone else gives a power-of-attorney number (and attaches it). The national ID is
checked with its check digit and the mobile number by `civic.ids`; each error names its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from civic.errors import CivicValueError
from civic.ids import mobile as parse_mobile
from civic.ids import national_id as parse_national_id
from civic.text import normalize_digits, normalize_text
from client_api.parcels import Parcel
from desktop.formatting import code, current_language, digits
from desktop.forms import Form, ParseError, Problem, touch
from desktop.theme import set_tone
from desktop.ui.fee_floors_table import left_to_right
from desktop.widgets.wheel_guard import wheel_when_focused

FIELDS = ("applicant_name", "national_id", "mobile", "power_of_attorney")
OTHER = "other"  # the owner choice for someone who is not an owner


def _civic(parse: Any) -> Any:
    def read(text: str) -> str:
        try:
            return str(parse(text))
        except CivicValueError as exc:
            raise ParseError(exc.message(current_language())) from None

    return read


def _name(text: str) -> str:
    name = " ".join(normalize_text(text).split())
    if len(name) < 3:
        raise ParseError(QCoreApplication.translate("PermitApplicantStep", "نام و نام خانوادگی کامل لازم است"))
    if len(name) > 120:
        raise ParseError(QCoreApplication.translate("PermitApplicantStep", "بیش از ۱۲۰ نویسه است"))
    return name


def _attorney(text: str) -> str:
    value = normalize_digits(" ".join(text.split()))  # stored with ASCII digits, as every code
    if len(value) > 40:
        raise ParseError(QCoreApplication.translate("PermitApplicantStep", "بیش از ۴۰ نویسه است"))
    return value


class ApplicantStep(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parcel: Parcel | None = None
        heading = QLabel(self.tr("متقاضی"), objectName="permitApplicantHeading")
        heading.setProperty("heading", "section")
        # made in place: a choice list styles itself when made, and moved to another parent it is styled again
        self.owner = wheel_when_focused(QComboBox(self, objectName="permitOwner"))
        self.owner.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner.activated.connect(self._owner_chosen)
        self.name = QLineEdit(objectName="permitApplicantName")
        self.national_id = left_to_right(QLineEdit(objectName="permitNationalId"))
        self.national_id.setPlaceholderText(digits("0012345679"))
        self.mobile = left_to_right(QLineEdit(objectName="permitMobile"))
        self.mobile.setPlaceholderText(digits("09121234567"))
        self.attorney = left_to_right(QLineEdit(objectName="permitPowerOfAttorney"))
        self.attorney_hint = QLabel(objectName="permitAttorneyHint")
        self.attorney_hint.setWordWrap(True)
        set_tone(self.attorney_hint, "muted")
        self.labels = {
            "owner": self.tr("متقاضی از میان مالکان"),
            "applicant_name": self.tr("نام و نام خانوادگی متقاضی"),
            "national_id": self.tr("کد ملی متقاضی"),
            "mobile": self.tr("شماره همراه"),
            "power_of_attorney": self.tr("شماره وکالت‌نامه"),
        }
        self.form = Form(self)
        bind = self.form.bind
        bind("applicant_name", self.name, lambda: self.labels["applicant_name"], _name, required=True)
        bind(
            "national_id",
            self.national_id,
            lambda: self.labels["national_id"],
            _civic(parse_national_id),
            required=True,
        )
        bind("mobile", self.mobile, lambda: self.labels["mobile"], _civic(parse_mobile), required=True)
        bind("power_of_attorney", self.attorney, lambda: self.labels["power_of_attorney"], _attorney)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        widgets = {"owner": self.owner, "applicant_name": self.name, "national_id": self.national_id}
        widgets |= {"mobile": self.mobile, "power_of_attorney": self.attorney}
        for row, (first, second) in enumerate(
            (("owner", None), ("applicant_name", "national_id"), ("mobile", "power_of_attorney"))
        ):
            for column, key in enumerate((first, second)):
                if key is None:
                    continue
                label = QLabel(self.labels[key], objectName=f"{widgets[key].objectName()}Label")
                label.setBuddy(widgets[key])
                grid.addWidget(label, row * 2, column)
                grid.addWidget(widgets[key], row * 2 + 1, column)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addWidget(self.attorney_hint)
        layout.addStretch(1)
        for editor in (self.name, self.national_id, self.mobile, self.attorney):
            editor.textEdited.connect(self._edited)
        self.set_parcel(None)

    # -- the parcel's owners ---------------------------------------------------------------------------

    def set_parcel(self, parcel: Parcel | None) -> None:
        self.parcel = parcel
        self.owner.clear()
        for owner in parcel.owners if parcel is not None else ():
            self.owner.addItem(
                self.tr("{name} (کد ملی {national_id})").format(name=owner.name, national_id=code(owner.national_id)),
                owner.national_id,
            )
        self.owner.addItem(self.tr("شخص دیگر، با وکالت‌نامه"), OTHER)
        self._sync_owner_choice()
        self._update_attorney_hint()

    def owner_ids(self) -> set[str]:
        return {owner.national_id for owner in self.parcel.owners} if self.parcel is not None else set()

    def _owner_chosen(self) -> None:
        chosen = self.owner.currentData()
        if chosen == OTHER or self.parcel is None:
            self.name.clear()
            self.national_id.clear()
            self.name.setFocus()
        else:
            owner = next(o for o in self.parcel.owners if o.national_id == chosen)
            self.name.setText(owner.name)
            self.national_id.setText(digits(owner.national_id))
            touch(self.name)
            touch(self.national_id)
            self.mobile.setFocus()
        self._edited()

    def _sync_owner_choice(self) -> None:
        """The owner list follows a typed national ID: an owner's is selected, anyone else's is «شخص دیگر»."""
        try:
            typed = parse_national_id(self.national_id.text())
        except CivicValueError:
            typed = None
        index = self.owner.findData(typed) if typed else -1
        self.owner.setCurrentIndex(index if index >= 0 else self.owner.count() - 1)

    def is_owner(self) -> bool:
        try:
            return parse_national_id(self.national_id.text()) in self.owner_ids()
        except CivicValueError:
            return False

    def needs_attorney(self) -> bool:
        """The applicant is not an owner of the parcel (or no parcel is known yet)."""
        return not self.is_owner()

    def _update_attorney_hint(self) -> None:
        if self.parcel is None:
            self.attorney_hint.setText(self.tr("ابتدا ملک را پیدا کنید تا مالکان آن فهرست شوند."))
        elif self.is_owner():
            self.attorney_hint.setText(self.tr("متقاضی از مالکان این ملک است؛ وکالت‌نامه لازم نیست."))
        else:
            self.attorney_hint.setText(
                self.tr("متقاضی از مالکان این ملک نیست: شماره وکالت‌نامه را بنویسید و تصویر آن را پیوست کنید.")
            )

    def _edited(self) -> None:
        self._sync_owner_choice()
        self._update_attorney_hint()
        self.edited.emit()

    # -- values ----------------------------------------------------------------------------------------

    def texts(self) -> dict[str, str]:
        return {name: self.form.bindings[name].widget.text() for name in FIELDS}  # type: ignore[attr-defined]

    def fill(self, texts: dict[str, str]) -> None:
        """Put back what a draft kept, as it was typed."""
        for name in FIELDS:
            editor = self.form.bindings[name].widget
            assert isinstance(editor, QLineEdit)
            editor.setText(texts.get(name, ""))
            if editor.text():
                touch(editor)
        self._sync_owner_choice()
        self._update_attorney_hint()

    def read(self) -> tuple[dict[str, Any], list[Problem]]:
        """The applicant's fields as the API takes them, and the problems found (each naming its field)."""
        values, problems = self.form.read()
        if not problems and not values.get("power_of_attorney") and self.needs_attorney():
            problems.append(
                Problem(
                    "power_of_attorney",
                    self.tr("متقاضی از مالکان این ملک نیست؛ شماره وکالت‌نامه لازم است"),
                )
            )
        return values, problems

    def present(self, problems: list[Problem], *, focus: bool = False) -> str | None:
        return self.form.present(problems, focus=focus)
