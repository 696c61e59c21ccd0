"""The parcel's facts, its building rules and the zones it lies in, as the parcel page shows them.

Every number in the language's digits (desktop.formatting); codes, plates and national ids kept in their written
order inside the right-to-left page; server text (addresses, names) isolated so its punctuation stays with it.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from client_api.parcels import Parcel
from desktop import theme
from desktop.formatting import code, digits, format_amount, format_number, isolate
from desktop.widgets.selectable_label import SelectableLabel

FACTS = (
    "renovation_code",
    "postal_code",
    "registration_plate",
    "registry_section",
    "address",
    "land_area",
    "block",
    "owners",
)
RULES = (
    "land_use",
    "density",
    "coverage",
    "max_floors",
    "front_setback",
    "back_setback",
    "side_setback",
    "max_footprint",
    "max_gross_area",
)


def land_use_name(land_use: str, server_title: str) -> str:
    """The land use in the operator's language; the server's (Persian) title for a use this version does not know."""
    names = {
        "residential": QCoreApplication.translate("ParcelFacts", "مسکونی"),
        "commercial": QCoreApplication.translate("ParcelFacts", "تجاری"),
        "office": QCoreApplication.translate("ParcelFacts", "اداری"),
        "industrial": QCoreApplication.translate("ParcelFacts", "صنعتی"),
        "mixed": QCoreApplication.translate("ParcelFacts", "مختلط"),
        "green": QCoreApplication.translate("ParcelFacts", "فضای سبز"),
    }
    return names.get(land_use) or isolate(server_title)


def percent(value: Decimal) -> str:
    return QCoreApplication.translate("ParcelFacts", "{value}٪").format(value=format_number(value))


def share_percent(share: Decimal) -> str:
    """A zone's share (0.7321) as a percentage to two places («۷۳٫۲۱٪»)."""
    return percent((share * 100).quantize(Decimal("0.01")))


class ParcelFacts(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: dict[str, QLabel] = {}
        facts_box = QGroupBox(self.tr("مشخصات ملک"))
        facts_box.setObjectName("parcelFactsBox")
        facts_form = self._form(facts_box)
        fact_labels = {
            "renovation_code": self.tr("کد نوسازی"),
            "postal_code": self.tr("کد پستی"),
            "registration_plate": self.tr("پلاک ثبتی"),
            "registry_section": self.tr("بخش ثبتی"),
            "address": self.tr("نشانی"),
            "land_area": self.tr("مساحت زمین"),
            "block": self.tr("بلوک و قیمت منطقه‌ای (P)"),
            "owners": self.tr("مالکان"),
        }
        for name in FACTS:
            self._row(facts_form, name, fact_labels[name])

        rules_box = QGroupBox(self.tr("ضوابط شهرسازی"))
        rules_box.setObjectName("parcelRulesBox")
        rules_form = self._form(rules_box)
        rule_labels = {
            "land_use": self.tr("کاربری"),
            "density": self.tr("تراکم ساختمانی"),
            "coverage": self.tr("سطح اشغال"),
            "max_floors": self.tr("حداکثر طبقات"),
            "front_setback": self.tr("عقب‌نشینی از گذر (جلو)"),
            "back_setback": self.tr("عقب‌نشینی پشت"),
            "side_setback": self.tr("عقب‌نشینی جانبی"),
            "max_footprint": self.tr("حداکثر سطح اشغال"),
            "max_gross_area": self.tr("حداکثر زیربنای کل"),
        }
        for name in RULES:
            self._row(rules_form, name, rule_labels[name])

        zones_box = QGroupBox(self.tr("پهنه‌های طرح تفصیلی"))
        zones_box.setObjectName("parcelZonesBox")
        zones_layout = QVBoxLayout(zones_box)
        self.zones = QLabel(objectName="parcelZones")
        self.zones.setWordWrap(True)
        self.zones.setTextFormat(Qt.TextFormat.PlainText)
        self.zones.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deciding = QLabel(objectName="parcelDecidingZone")
        self.deciding.setWordWrap(True)
        theme.set_tone(self.deciding, "info")
        zones_layout.addWidget(self.zones)
        zones_layout.addWidget(self.deciding)

        # the rules first: they are what the page is for; the facts below confirm it is the citizen's parcel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(rules_box)
        layout.addWidget(zones_box)
        layout.addWidget(facts_box)
        layout.addStretch(1)
        self._wrapping = [*self.values.values(), self.zones, self.deciding]

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(4)
        return form

    def _row(self, form: QFormLayout, name: str, label: str) -> None:
        value = SelectableLabel(objectName=f"parcel-{name}")
        value.setWordWrap(True)
        value.setTextFormat(Qt.TextFormat.PlainText)
        theme.align_to_reading_side(value)
        caption = QLabel(label)
        caption.setBuddy(value)
        theme.set_tone(caption, "muted")
        form.addRow(caption, value)
        self.values[name] = value

    def show_parcel(self, parcel: Parcel, drawn_footprint_m2: Decimal | None) -> None:
        rules = parcel.rules
        metres = self.tr("{value} متر")
        square_metres = self.tr("{value} متر مربع")
        owners = [
            self.tr("{name} — کد ملی {national_id} — {share}").format(
                name=isolate(owner.name), national_id=code(owner.national_id), share=self._share(owner.share)
            )
            for owner in parcel.owners
        ]
        if parcel.regional_value_rials is None:
            block = self.tr("بلوک {block} — در جدول قیمت منطقه‌ای دفترچه نیست").format(block=code(parcel.block))
        else:
            block = self.tr("بلوک {block} — P = {value} ریال بر متر مربع").format(
                block=code(parcel.block), value=format_amount(parcel.regional_value_rials)
            )
        footprint = square_metres.format(value=format_number(parcel.max_footprint_m2))
        if drawn_footprint_m2 is not None and drawn_footprint_m2 < parcel.max_footprint_m2 - Decimal("0.01"):
            footprint = self.tr("{allowed} (با عقب‌نشینی‌ها {drawn})").format(
                allowed=footprint, drawn=square_metres.format(value=format_number(drawn_footprint_m2))
            )
        values = {
            "renovation_code": code(parcel.renovation_code),
            "postal_code": code(parcel.postal_code),
            "registration_plate": code(parcel.registration_plate),
            "registry_section": isolate(digits(parcel.registry_section)),
            "address": isolate(digits(parcel.address)),
            "land_area": square_metres.format(value=format_number(parcel.land_area_m2)),
            "block": block,
            "owners": "\n".join(owners) if owners else "—",
            "land_use": land_use_name(rules.land_use, rules.land_use_title),
            "density": percent(rules.density_percent),
            "coverage": percent(rules.coverage_percent),
            "max_floors": self.tr("{count} طبقه").format(count=digits(rules.max_floors)),
            "front_setback": metres.format(value=format_number(rules.front_setback_m)),
            "back_setback": metres.format(value=format_number(rules.back_setback_m)),
            "side_setback": metres.format(value=format_number(rules.side_setback_m)),
            "max_footprint": footprint,
            "max_gross_area": square_metres.format(value=format_number(parcel.max_gross_area_m2)),
        }
        for name, text in values.items():
            self.values[name].setText(text)
        self._show_zones(parcel)
        for label in self._wrapping:
            label.setMinimumHeight(0)
        QTimer.singleShot(0, self, self._fit_heights)  # once the new text has its width (dropped if the page is gone)

    def _share(self, share: str) -> str:
        """A share of the property: «۳ دانگ» for the usual sixths, else as written («⁦۱/۴⁩»)."""
        whole, _, of = share.partition("/")
        if of.strip() == "6" and whole.strip().isdigit():
            return self.tr("{count} دانگ").format(count=digits(whole.strip()))
        return self.tr("سهم {share}").format(share=code(share))

    def _show_zones(self, parcel: Parcel) -> None:
        rules = parcel.rules
        lines = []
        for zone in rules.zones:
            line = self.tr("پهنه {zone}: {share} از مساحت").format(
                zone=code(zone.code), share=share_percent(zone.share)
            )
            if zone.code == rules.deciding_zone and rules.straddles:
                line += " — " + self.tr("ضابطهٔ اعمال‌شده")
            lines.append(line)
        self.zones.setText("\n".join(lines) if lines else "—")
        if rules.straddles:
            self.deciding.setText(
                self.tr("این ملک در {count} پهنه قرار دارد. ضابطهٔ پهنهٔ بزرگ‌تر اعمال شده است: {zone}.").format(
                    count=digits(len(rules.zones)), zone=code(rules.deciding_zone)
                )
            )
        else:
            self.deciding.setText(self.tr("این ملک به‌تمامی در پهنه {zone} است.").format(zone=code(rules.deciding_zone)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_heights()

    def _fit_heights(self) -> None:
        """Give each wrapped value the height its lines need at its width. A form row takes its label's height for
        the label's preferred width, so a value that wraps at the width it really gets would lose its last lines
        (an address without its number, an amount without its unit)."""
        for label in self._wrapping:
            width = label.width()
            needed = label.heightForWidth(width) if width > 0 else -1
            if needed > 0 and label.minimumHeight() != needed:
                label.setMinimumHeight(needed)

    def text_of(self, name: str) -> str:
        return self.values[name].text()
