"""Step 1 of the permit wizard: the parcel, found by its renovation code (typed, scanned, or given by the parcel
page), looked up on the server off the UI thread; its land area, its rules in one paragraph and its owners."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from client_api.errors import NotFoundError
from client_api.parcels import Parcel
from desktop.formatting import code, digits, format_number, isolate
from desktop.forms import Form, ParseError
from desktop.messages import operator_message
from desktop.session import Session
from desktop.theme import align_to_reading_side, icon, set_invalid, set_tone
from desktop.ui.fee_floors_table import left_to_right
from desktop.ui.parcel_facts import land_use_name
from desktop.ui.permit_review_step import join_names
from desktop.widgets.selectable_label import SelectableLabel
from fees import CaseError
from fees.fields import renovation_code as parse_renovation_code

_ONE_PLACE = Decimal("0.1")


def parse_code(text: str) -> str:
    """A typed renovation code in its canonical form (Persian digits and any dash taken)."""
    try:
        return parse_renovation_code(text)[0]
    except CaseError:
        raise ParseError(
            QCoreApplication.translate(
                "PermitParcelStep", "باید به شکل منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان باشد، مانند {example}"
            ).format(example=code("2-14-123-45-0-0"))
        ) from None


class ParcelStep(QWidget):
    parcel_changed = Signal(object)  # the Parcel found, or None when the code changed and no parcel is shown
    edited = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.parcel: Parcel | None = None
        self._asked: str | None = None  # the canonical code of the lookup in flight

        heading = QLabel(self.tr("ملک"), objectName="permitParcelHeading")
        heading.setProperty("heading", "section")
        self.code_edit = left_to_right(QLineEdit(objectName="permitRenovationCode"))
        self.code_edit.setPlaceholderText(digits("2-14-123-45-0-0"))
        self.code_edit.setToolTip(self.tr("منطقه-ناحیه-بلوک-ملک-ساختمان-آپارتمان"))
        self.code_edit.returnPressed.connect(self.look_up)
        self.code_edit.textEdited.connect(self._code_edited)
        code_label = QLabel(self.tr("کد نوسازی"), objectName="permitRenovationCodeLabel")
        code_label.setBuddy(self.code_edit)
        self.look_up_button = QPushButton(icon("search"), self.tr("جستجوی ملک"), objectName="permitLookUp")
        self.look_up_button.clicked.connect(self.look_up)
        self.status = QLabel(objectName="permitParcelStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        self.form = Form(self)
        self.form.bind("renovation_code", self.code_edit, lambda: self.tr("کد نوسازی"), parse_code, required=True)

        self.details = QWidget(objectName="permitParcelDetails")
        self.details.setProperty("pishkhanData", True)  # the municipality's records, shown as they are
        grid = QGridLayout(self.details)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        self.values: dict[str, QLabel] = {}
        rows = [
            ("address", self.tr("نشانی")),
            ("land_area", self.tr("مساحت عرصه")),
            ("rules", self.tr("ضوابط")),
            ("limits", self.tr("حدود مجاز")),
            ("zones", self.tr("پهنه")),
            ("owners", self.tr("مالکان")),
        ]
        for row, (key, title) in enumerate(rows):
            caption = QLabel(title, objectName=f"permitParcel{key.title().replace('_', '')}Caption")
            caption.setAlignment(Qt.AlignmentFlag.AlignTop)
            set_tone(caption, "muted")
            value = SelectableLabel(objectName=f"permitParcel{key.title().replace('_', '')}")
            value.setWordWrap(True)
            align_to_reading_side(value)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.values[key] = value
        grid.setColumnStretch(1, 1)
        self.details.hide()

        line = QHBoxLayout()
        line.addWidget(code_label)
        line.addWidget(self.code_edit, 1)
        line.addWidget(self.look_up_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(line)
        layout.addWidget(self.status)
        layout.addWidget(self.details)
        layout.addStretch(1)

    # -- the code --------------------------------------------------------------------------------------

    def set_code(self, text: str, *, look_up: bool = True) -> None:
        """Fill the code (from a link or a draft) and look it up."""
        self.code_edit.setText(digits(text))
        if look_up and text:
            self.look_up()

    def clear(self) -> None:
        """Back to an empty code and no parcel (a new request)."""
        self._asked = None
        self.code_edit.clear()
        set_invalid(self.code_edit, False)
        self.status.hide()
        self._show_parcel(None)

    def code_text(self) -> str:
        return self.code_edit.text()

    def _code_edited(self) -> None:
        self.edited.emit()
        if self.parcel is not None:
            try:
                same = parse_code(self.code_edit.text()) == self.parcel.renovation_code
            except ParseError:
                same = False
            if not same:
                self._show_parcel(None)

    def look_up(self) -> None:
        """Ask the server for the parcel of the typed code (in the background)."""
        self.form.attempt_submit()
        values, problems = self.form.read()
        sentence = self.form.present(problems, focus=True)
        if sentence is not None:
            self._show_status(sentence, "error")
            return
        canonical = str(values["renovation_code"])
        if self.parcel is not None and self.parcel.renovation_code == canonical:
            return
        self._asked = canonical
        self._show_status(self.tr("در حال جستجوی ملک {code}…").format(code=code(canonical)), "muted")
        client = self._session.client
        self._session.tasks.run(
            lambda: client.parcel(canonical),
            lambda parcel: self._found(canonical, parcel),
            lambda exc: self._not_found(canonical, exc),
            owner=self,
        )

    def _found(self, asked: str, parcel: Parcel) -> None:
        if asked != self._asked:
            return  # another code was asked for meanwhile
        self._asked = None
        self.status.hide()
        self._show_parcel(parcel)

    def _not_found(self, asked: str, exc: BaseException) -> None:
        if asked != self._asked:
            return
        self._asked = None
        self._show_parcel(None)
        if isinstance(exc, NotFoundError):
            self._show_status(self.tr("ملکی با کد نوسازی {code} در سامانه نیست.").format(code=code(asked)), "error")
        else:
            self._show_status(
                self.tr("ملک پیدا نشد: {reason}").format(reason=operator_message(exc)),
                "error",
            )

    @property
    def busy(self) -> bool:
        return self._asked is not None

    def _show_status(self, text: str, tone: str) -> None:
        self.status.setText(text)
        set_tone(self.status, tone)
        self.status.show()

    def show_problem(self, message: str) -> None:
        """A refusal of the server about the code, shown here."""
        self._show_status(message, "error")
        set_invalid(self.code_edit, True)

    # -- the parcel ------------------------------------------------------------------------------------

    def _show_parcel(self, parcel: Parcel | None) -> None:
        self.parcel = parcel
        self.details.setVisible(parcel is not None)
        if parcel is not None:
            self._fill(parcel)
        self.parcel_changed.emit(parcel)

    def _fill(self, parcel: Parcel) -> None:
        rules = parcel.rules
        self.values["address"].setText(isolate(parcel.address))
        self.values["land_area"].setText(
            self.tr("{area} متر مربع — بلوک {block} — پلاک ثبتی {plate}").format(
                area=format_number(parcel.land_area_m2), block=code(parcel.block), plate=code(parcel.registration_plate)
            )
        )
        self.values["rules"].setText(
            self.tr("کاربری {use}؛ تراکم {density}٪؛ سطح اشغال {coverage}٪؛ حداکثر {floors} طبقه").format(
                use=land_use_name(rules.land_use, rules.land_use_title),
                density=format_number(rules.density_percent),
                coverage=format_number(rules.coverage_percent),
                floors=format_number(rules.max_floors),
            )
        )
        self.values["limits"].setText(
            self.tr(
                "حداکثر سطح اشغال {footprint} م²؛ حداکثر زیربنا {gross} م²؛ عقب‌نشینی از گذر {front}، پشت {back}، "
                "جانبی {side} متر"
            ).format(
                footprint=format_number(parcel.max_footprint_m2),
                gross=format_number(parcel.max_gross_area_m2),
                front=format_number(rules.front_setback_m),
                back=format_number(rules.back_setback_m),
                side=format_number(rules.side_setback_m),
            )
        )
        zones = join_names(
            self.tr("{zone} ({share}٪)").format(
                zone=code(zone.code), share=format_number((zone.share * 100).quantize(_ONE_PLACE))
            )
            for zone in rules.zones
        )
        if rules.straddles:
            zones += " — " + self.tr("ملک در چند پهنه است؛ ضابطه پهنه {zone} (بیشترین سهم) اعمال می‌شود.").format(
                zone=code(rules.deciding_zone)
            )
        self.values["zones"].setText(zones)
        owners = [
            self.tr("{name} — کد ملی {national_id} — {share}").format(
                name=isolate(owner.name), national_id=code(owner.national_id), share=share_text(owner.share)
            )
            for owner in parcel.owners
        ]
        self.values["owners"].setText("\n".join(owners) or self.tr("مالکی ثبت نشده است"))


def share_text(share: str) -> str:
    """An owner's share: «۳ دانگ» for the usual sixths, else as written."""
    whole, _, of = share.partition("/")
    if of.strip() == "6" and whole.strip().isdigit():
        return QCoreApplication.translate("ParcelStep", "{count} دانگ").format(count=digits(whole.strip()))
    return QCoreApplication.translate("ParcelStep", "سهم {share}").format(share=code(share))
