"""Step 5 of the permit wizard: everything at a glance before it is sent, the send button, and what became of it —
waiting in the outbox, at the municipality with its tracking number and printed receipt, or refused."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from client_api.parcels import Parcel
from desktop.formatting import code, format_amount, format_number, isolate
from desktop.theme import align_to_reading_side, icon, set_tone


def join_names(names: Iterable[str]) -> str:
    """Names in a list, with the language's comma: «سند مالکیت، کارت ملی» / "deed, ID card"."""
    items = [str(name) for name in names]
    if not items:
        return ""
    pattern = QCoreApplication.translate("PermitWizardPage", "{first}، {second}")
    return functools.reduce(lambda first, second: pattern.format(first=first, second=second), items)


def summary_texts(
    parcel: Parcel | None, applicant: dict[str, Any], building: dict[str, Any] | None, total_rials: int | None
) -> dict[str, str]:
    """The review's lines for the parcel, the applicant, the building and the estimated fees (those known)."""
    texts: dict[str, str] = {}
    if parcel is not None:
        texts["parcel"] = QCoreApplication.translate(
            "PermitWizardPage", "کد نوسازی {code} — {area} متر مربع — {address}"
        ).format(
            code=code(parcel.renovation_code),
            area=format_number(parcel.land_area_m2),
            address=isolate(parcel.address),
        )
    if applicant.get("national_id"):
        line = QCoreApplication.translate("PermitWizardPage", "{name} — کد ملی {national_id}").format(
            name=isolate(str(applicant.get("applicant_name") or "—")), national_id=code(applicant["national_id"])
        )
        if applicant.get("mobile"):
            line += " — " + QCoreApplication.translate("PermitWizardPage", "همراه {mobile}").format(
                mobile=code(applicant["mobile"])
            )
        if applicant.get("power_of_attorney"):
            line += " — " + QCoreApplication.translate("PermitWizardPage", "وکالت‌نامه {number}").format(
                number=code(applicant["power_of_attorney"])
            )
        texts["applicant"] = line
    if building is not None:
        total = sum((Decimal(str(f["area_m2"])) for f in building["floors"]), Decimal(0))
        units = sum(int(f.get("units", 0)) for f in building["floors"])
        texts["building"] = QCoreApplication.translate(
            "PermitWizardPage",
            "{floors} ردیف طبقه، زیربنای کل {area} م²، {units} واحد؛ پارکینگ {provided} از {required}",
        ).format(
            floors=format_number(len(building["floors"])),
            area=format_number(total),
            units=format_number(units),
            provided=format_number(building["parking_provided"]),
            required=format_number(building["parking_required"]),
        )
    if total_rials is not None:
        texts["fees"] = QCoreApplication.translate(
            "PermitWizardPage", "{amount} ریال (برآورد؛ مبلغ قطعی را شهرداری اعلام می‌کند)"
        ).format(amount=format_amount(total_rials))
    return texts


SECTIONS = ("parcel", "applicant", "building", "fees", "attachments", "warnings")


class ReviewStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(self.tr("بررسی و ثبت"), objectName="permitReviewHeading")
        heading.setProperty("heading", "section")
        titles = {
            "parcel": self.tr("ملک"),
            "applicant": self.tr("متقاضی"),
            "building": self.tr("ساختمان"),
            "fees": self.tr("عوارض برآوردی"),
            "attachments": self.tr("پیوست‌ها"),
            "warnings": self.tr("هشدار ضوابط"),
        }
        content = QWidget(objectName="permitReviewContent")
        grid = QGridLayout(content)
        grid.setHorizontalSpacing(16)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, key in enumerate(SECTIONS):
            caption = QLabel(titles[key], objectName=f"permitReview{key.title()}Caption")
            caption.setAlignment(Qt.AlignmentFlag.AlignTop)
            set_tone(caption, "muted")
            value = QLabel(objectName=f"permitReview{key.title()}")
            value.setWordWrap(True)
            align_to_reading_side(value)
            value.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.captions[key], self.values[key] = caption, value
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(SECTIONS), 1)
        set_tone(self.values["warnings"], "warning")
        # made in place: a scroll area styles what it holds when it is given it, and moved it would be styled again
        scroll = QScrollArea(self, objectName="permitReviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.problems = QLabel(objectName="permitReviewProblems")
        self.problems.setWordWrap(True)
        set_tone(self.problems, "error")
        self.problems.hide()
        self.submit_button = QPushButton(icon("send", on_accent=True), self.tr("ثبت و ارسال درخواست"))
        self.submit_button.setObjectName("permitSubmit")
        self.submit_button.setProperty("primary", True)
        self.submit_button.setToolTip(self.tr("میان‌بر: Ctrl+Enter"))
        submit_row = QHBoxLayout()
        submit_row.addWidget(self.problems, 1)
        submit_row.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignTrailing)

        self.result = QFrame(objectName="permitResult")
        self.result.setFrameShape(QFrame.Shape.StyledPanel)
        self.result_text = QLabel(objectName="permitResultText")
        self.result_text.setWordWrap(True)
        self.tracking = QLabel(objectName="permitTrackingNumber")
        self.tracking.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.tracking.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.Bold)
        self.tracking.setFont(font)
        self.tracking.hide()
        self.print_status = QLabel(objectName="permitReceiptStatus")
        self.print_status.setWordWrap(True)
        self.print_status.hide()
        self.track_button = QPushButton(icon("search"), self.tr("پیگیری این درخواست"), objectName="permitTrack")
        self.reprint_button = QPushButton(icon("print"), self.tr("چاپ رسید"), objectName="permitPrintReceipt")
        self.new_button = QPushButton(icon("add"), self.tr("درخواست تازه"), objectName="permitNew")
        buttons = QHBoxLayout()
        buttons.addWidget(self.track_button)
        buttons.addWidget(self.reprint_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        result_layout = QVBoxLayout(self.result)
        result_layout.addWidget(self.result_text)
        result_layout.addWidget(self.tracking)
        result_layout.addWidget(self.print_status)
        result_layout.addLayout(buttons)
        self.result.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addLayout(submit_row)
        layout.addWidget(self.result)

    def set_summary(self, texts: dict[str, str]) -> None:
        for key in SECTIONS:
            text = texts.get(key, "")
            self.values[key].setText(text or "—")
            visible = key != "warnings" or bool(text)
            self.values[key].setVisible(visible)
            self.captions[key].setVisible(visible)

    def show_problems(self, text: str | None) -> None:
        self.problems.setText(text or "")
        self.problems.setVisible(bool(text))

    # -- the outcome ----------------------------------------------------------------------------------

    def show_waiting(self, text: str, *, queued: bool = False) -> None:
        self.result.show()
        self.result_text.setText(text)
        set_tone(self.result_text, "info")
        self.tracking.hide()
        self.print_status.hide()
        self.track_button.hide()
        self.reprint_button.hide()
        self.new_button.setVisible(queued)  # once queued, the outbox carries on: the next citizen need not wait
        self.submit_button.setEnabled(False)

    def show_done(self, text: str, tracking_number: str | None) -> None:
        self.result.show()
        self.result_text.setText(text)
        set_tone(self.result_text, "success")
        if tracking_number:
            self.tracking.setText(self.tr("شماره پیگیری: {number}").format(number=code(tracking_number)))
            self.tracking.show()
        self.track_button.show()
        self.new_button.show()
        self.submit_button.hide()  # sent: the next thing to do is a new request or following this one
        self.new_button.setFocus()

    def show_print_status(self, text: str, tone: str, *, can_print: bool) -> None:
        self.print_status.setText(text)
        set_tone(self.print_status, tone)
        self.print_status.show()
        self.reprint_button.setVisible(can_print)

    def show_refused(self, text: str) -> None:
        self.result.show()
        self.result_text.setText(text)
        set_tone(self.result_text, "error")
        self.tracking.hide()
        self.print_status.hide()
        self.track_button.hide()
        self.reprint_button.hide()
        self.new_button.hide()
        self.submit_button.setEnabled(True)

    def reset(self) -> None:
        self.result.hide()
        self.problems.hide()
        self.submit_button.show()
        self.submit_button.setEnabled(True)
