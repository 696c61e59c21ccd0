"""One inquiry below the list: what was asked, where it stands, and once answered the municipality's reply.

The reply is read from the sealed content the server sent (`printing.content.document_from_content`), the same data
that prints and that the seal's hash covers, so the screen never shows other figures than the paper. It shows the
verdict first, stated with its condition (desktop/ui/inquiry_texts.py `headline`), then the debts line by line with
the transfer fee and the total in figures and words, the violations with their commission status, the plan status,
the reply's number, Jalali dates and validity. Below it: «چاپ پاسخ» and the certificates the notary may request for
the parcel, each either offered or with the reason it is not.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import format_jalali_date, format_jalali_datetime
from civic.money import rials_in_words
from civic.seal import tehran_today
from desktop.formatting import code, current_language, format_amount, isolate, set_amount_cell
from desktop.theme import align_to_reading_side, icon, set_tone
from desktop.ui.inquiries_data import ListedInquiry, party_names
from desktop.ui.inquiry_parties import role_name
from desktop.ui.inquiry_texts import WAITING, certificate_name, headline, status_name
from desktop.widgets.selectable_label import SelectableLabel
from printing.model import InquiryReply

CERTIFICATES = ("clearance", "completion", "no-violation")


def _fa() -> bool:
    return current_language() == "fa"


def _date(day: dt.date | dt.datetime | None) -> str:
    if day is None:
        return "—"
    if isinstance(day, dt.datetime):
        return format_jalali_datetime(day, persian_digits=_fa())
    return format_jalali_date(day, persian_digits=_fa())


def _table(name: str, headers: list[str], parent: QWidget) -> QTreeWidget:
    table = QTreeWidget(parent, objectName=name)
    table.setRootIsDecorated(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table
    table.setHeaderLabels(headers)
    table.setUniformRowHeights(True)
    table.setMaximumHeight(160)
    return table


class InquiryReplyView(QWidget):
    print_wanted = Signal()
    certificate_wanted = Signal(str)  # kind
    certificate_print_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.listed: ListedInquiry | None = None
        self.reply: InquiryReply | None = None
        self.placeholder = QLabel(self.tr("استعلامی را از فهرست انتخاب کنید."), objectName="inquiryPlaceholder")
        self.placeholder.setWordWrap(True)
        set_tone(self.placeholder, "muted")
        self.title = QLabel(objectName="inquiryTitle")
        self.title.setProperty("heading", "section")
        self.title.setWordWrap(True)
        self.status = QLabel(objectName="inquiryStatus")
        self.status.setWordWrap(True)
        self.facts = QFormLayout()
        self.facts_box = QWidget(objectName="inquiryFacts")
        self.facts_box.setLayout(self.facts)

        # made in place: a styled widget moved to another parent is styled again
        self.reply_box = QWidget(self, objectName="inquiryReply")
        self.verdict = QLabel(objectName="inquiryVerdict")
        self.verdict.setProperty("heading", "section")
        self.verdict.setWordWrap(True)
        self.print_button = QPushButton(
            icon("print", on_accent=True), self.tr("چاپ پاسخ"), self.reply_box, objectName="inquiryPrint"
        )
        self.print_button.setToolTip(self.tr("چاپ پاسخ روی چاپگر A4 با پیش‌نمایش (Ctrl+P)"))
        self.print_button.setProperty("primary", True)
        self.print_button.clicked.connect(self.print_wanted)
        self.reply_facts = QFormLayout()
        self.debts = _table("inquiryDebts", [self.tr("بدهی"), self.tr("مبلغ (ریال)")], self.reply_box)
        self.total_words = QLabel(objectName="inquiryTotalWords")
        self.total_words.setWordWrap(True)
        self.violations = _table(
            "inquiryViolations", [self.tr("تخلف"), self.tr("وضعیت در کمیسیون ماده ۱۰۰")], self.reply_box
        )
        self.no_violations = QLabel(self.tr("تخلف ساختمانی ثبت نشده است."), objectName="inquiryNoViolations")
        self.certificate_buttons: dict[str, QPushButton] = {}
        self.certificate_reasons: dict[str, QLabel] = {}
        certificates = QVBoxLayout()
        for kind in CERTIFICATES:
            button = QPushButton(icon("send"), self.tr("درخواست {name}").format(name=certificate_name(kind)),
                                 objectName=f"inquiryCertificate-{kind}")  # fmt: skip
            button.clicked.connect(lambda _c=False, kind=kind: self.certificate_wanted.emit(kind))
            reason = QLabel(objectName=f"inquiryCertificateReason-{kind}")
            reason.setWordWrap(True)
            set_tone(reason, "muted")
            row = QHBoxLayout()
            row.addWidget(button)
            row.addWidget(reason, 1)
            certificates.addLayout(row)
            self.certificate_buttons[kind] = button
            self.certificate_reasons[kind] = reason
        self.certificate_status = QLabel(objectName="inquiryCertificateStatus")
        self.certificate_status.setWordWrap(True)
        self.certificate_print = QPushButton(icon("print"), self.tr("چاپ گواهی"), objectName="inquiryCertificatePrint")
        self.certificate_print.clicked.connect(self.certificate_print_wanted)
        self.certificate_print.hide()
        issued = QHBoxLayout()
        issued.addWidget(self.certificate_status, 1)
        issued.addWidget(self.certificate_print)

        reply_layout = QVBoxLayout(self.reply_box)
        reply_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.verdict, 1)
        head.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        reply_layout.addLayout(head)
        reply_layout.addLayout(self.reply_facts)
        reply_layout.addWidget(self.debts)
        reply_layout.addWidget(self.total_words)
        reply_layout.addWidget(self.violations)
        reply_layout.addWidget(self.no_violations)
        reply_layout.addLayout(certificates)
        reply_layout.addLayout(issued)

        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.title)
        layout.addWidget(self.status)
        layout.addWidget(self.facts_box)
        layout.addWidget(self.reply_box)
        layout.addStretch(1)
        self.show_placeholder()

    # -- states ----------------------------------------------------------------------------------------------------

    def show_placeholder(self, text: str = "", tone: str = "muted") -> None:
        self.listed = None
        self.reply = None
        self.placeholder.setText(text or self.tr("استعلامی را از فهرست انتخاب کنید."))
        set_tone(self.placeholder, tone)
        self.placeholder.show()
        for widget in (self.title, self.status, self.facts_box, self.reply_box):
            widget.hide()

    def show_loading(self) -> None:
        self.show_placeholder(self.tr("در حال خواندن استعلام…"))

    def show_inquiry(self, listed: ListedInquiry, reply: InquiryReply | None) -> None:
        self.listed, self.reply = listed, reply
        self.placeholder.hide()
        number = code(listed.number) if listed.number else ""
        self.title.setText(self.tr("استعلام {type} {number}").format(type=listed.type_text, number=number).strip())
        self.title.show()
        self._fill_facts(listed)
        self.facts_box.show()
        self.status.show()
        if listed.status == WAITING:
            self.status.setText(
                self.tr("این استعلام روی این رایانه ثبت شده و در صف ارسال است؛ هنوز به شهرداری نرسیده است.")
            )
            set_tone(self.status, "warning")
        elif reply is None:
            due = listed.inquiry.answer_due_at if listed.inquiry is not None else None
            self.status.setText(
                self.tr("در انتظار پاسخ شهرداری (موعد پاسخ: {due}). پاسخ به‌طور خودکار خوانده می‌شود.").format(
                    due=_date(due)
                )
            )
            set_tone(self.status, "info")
        else:
            text, tone = self._standing(listed, reply)
            self.status.setText(text)
            set_tone(self.status, tone)
        self.reply_box.setVisible(reply is not None)
        if reply is not None:
            self._fill_reply(listed, reply)

    def _standing(self, listed: ListedInquiry, reply: InquiryReply) -> tuple[str, str]:
        """Answered; or answered but revoked by the municipality, or past its validity."""
        issued = listed.inquiry.reply if listed.inquiry is not None else None
        if issued is not None and issued.revoked is not None:
            return (
                self.tr("شهرداری این پاسخ را در {date} باطل کرده است: {reason}").format(
                    date=_date(issued.revoked.at), reason=isolate(issued.revoked.reason)
                ),
                "error",
            )
        if reply.valid_until < tehran_today():
            return (
                self.tr("اعتبار این پاسخ در {date} پایان یافته است؛ برای معامله استعلام تازه بفرستید.").format(
                    date=_date(reply.valid_until)
                ),
                "warning",
            )
        return status_name(listed.status), "muted"

    def _fill_facts(self, listed: ListedInquiry) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)
        parties = "\n".join(
            f"{role_name(p.role)}: {isolate(p.name)} ({code(p.national_id or p.legal_id or '')})"
            for p in listed.parties
        )
        rows = [
            (self.tr("ملک"), code(listed.parcel)),
            (self.tr("طرفین"), parties or party_names(listed.parties)),
            (self.tr("زمان ثبت"), _date(listed.created_at)),
        ]
        if listed.inquiry is not None and listed.inquiry.note:
            rows.append((self.tr("توضیحات"), isolate(listed.inquiry.note)))
        for label, value in rows:
            shown = SelectableLabel(value)
            shown.setWordWrap(True)
            self.facts.addRow(label, shown)
            align_to_reading_side(shown)

    def _fill_reply(self, listed: ListedInquiry, reply: InquiryReply) -> None:
        text, tone = headline(listed.type, reply.transfer_allowed, reply.condition)
        self.verdict.setText(text)
        set_tone(self.verdict, tone)
        while self.reply_facts.rowCount():
            self.reply_facts.removeRow(0)
        parcel = reply.parcel
        rows = [
            (self.tr("شماره پاسخ"), code(reply.number)),
            (self.tr("تاریخ پاسخ"), _date(reply.issued_at)),
            (self.tr("اعتبار تا"), _date(reply.valid_until)),
            (self.tr("نوع استعلام"), isolate(reply.inquiry_type)),
            (self.tr("مالک"), isolate(reply.owner_name)),
            (self.tr("کد نوسازی و پلاک ثبتی"), f"{code(parcel.renovation_code)} — {code(parcel.registration_plate)}"),
            (self.tr("وضعیت طرح و عقب‌نشینی"), isolate(reply.plan_status)),
        ]
        for label, value in rows:
            shown = SelectableLabel(value, objectName="inquiryReplyFact")
            shown.setWordWrap(True)
            self.reply_facts.addRow(label, shown)
            align_to_reading_side(shown)
        self.debts.clear()
        for title, amount in [(d.title, d.amount_rials) for d in reply.debts] + [
            (self.tr("عوارض نقل و انتقال"), reply.transfer_fee_rials)
        ]:
            item = QTreeWidgetItem([title, ""])
            set_amount_cell(item, 1, amount)
            self.debts.addTopLevelItem(item)
        total = QTreeWidgetItem([self.tr("جمع کل"), ""])
        set_amount_cell(total, 1, reply.total_due_rials)
        font = total.font(0)
        font.setBold(True)
        total.setFont(0, font)
        total.setFont(1, font)
        self.debts.addTopLevelItem(total)
        self.debts.resizeColumnToContents(0)
        self.total_words.setText(
            self.tr("جمع کل: {figures} ریال ({words})").format(
                figures=format_amount(reply.total_due_rials), words=rials_in_words(reply.total_due_rials)
            )
        )
        self.violations.clear()
        for violation in reply.violations:
            self.violations.addTopLevelItem(QTreeWidgetItem([violation.description, violation.commission_status]))
        self.violations.setVisible(bool(reply.violations))
        self.no_violations.setVisible(not reply.violations)
        self._offer_certificates(reply)

    def _offer_certificates(self, reply: InquiryReply) -> None:
        debts = sum(d.amount_rials for d in reply.debts)
        offers = {
            "clearance": (
                not reply.debts,
                self.tr("ملک {amount} ریال بدهی دارد؛ گواهی مفاصاحساب پس از پرداخت بدهی‌ها صادر می‌شود.").format(
                    amount=format_amount(debts)
                ),
            ),
            "completion": (
                reply.transfer_allowed,
                self.tr("تا رسیدگی به تخلف در کمیسیون ماده ۱۰۰، گواهی پایان کار صادر نمی‌شود."),
            ),
            "no-violation": (
                reply.transfer_allowed,
                self.tr("تا رسیدگی به تخلف در کمیسیون ماده ۱۰۰، گواهی عدم خلاف صادر نمی‌شود."),
            ),
        }
        for kind, (offered, why_not) in offers.items():
            self.certificate_buttons[kind].setEnabled(offered)
            self.certificate_reasons[kind].setText(
                self.tr("شهرداری شرایط صدور را هنگام درخواست بررسی می‌کند.") if offered else why_not
            )

    def show_certificate_status(self, text: str, tone: str, *, printable: bool) -> None:
        self.certificate_status.setText(text)
        set_tone(self.certificate_status, tone)
        self.certificate_status.setVisible(bool(text))
        self.certificate_print.setVisible(printable)
