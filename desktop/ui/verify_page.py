"""Checking a municipal document offline: the operator scans its QR code (or pastes its text) and reads a verdict.

A keyboard-wedge scanner types the seal text into the field and presses Enter; the text is cleaned of what a
scanner's keyboard layout or Caps Lock did to it (civic.seal_scan) and checked against the bundled trust list, with
no network. The verdict comes first (genuine, forged or altered, expired with its date, unknown issuer, not a
document of this system), then the signed fields to compare with the paper. A forged or unknown-issuer seal's fields
are shown only under «ادعای سند؛ تأیید نشده». A check takes well under a millisecond (an Ed25519 verification of a
few hundred bytes), so it runs on the UI thread.

A revocation list does not exist yet: the page says that revocation is not checked, and never says "revoked".
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import format_jalali_date
from civic.keys import TrustedKey, TrustList, TrustListError
from civic.money import rials_in_words
from civic.seal import SealPayload
from civic.seal_scan import DAMAGED, EMPTY, EXPIRED, FORGED, GENUINE, NOT_A_SEAL, UNKNOWN_ISSUER, SealCheck, check_scan
from desktop import theme
from desktop.formatting import code, current_language, digits, format_amount, isolate, ltr
from desktop.messages import operator_message
from desktop.pages import Page
from desktop.session import Session
from desktop.widgets.banner import MessageBanner

log = logging.getLogger(__name__)

HISTORY_SIZE = 6  # the last checks on this page, in memory only


def demo_seal_text() -> str:
    """The seal of the sample payment receipt (training key, no expiry): what the screenshots verify."""
    from printing import samples

    seal = samples.receipt().seal
    assert seal is not None
    return seal


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


@dataclass(frozen=True)
class _Checked:
    at: dt.datetime
    raw: str
    check: SealCheck


class VerifyPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._history: list[_Checked] = []
        self.last_check: SealCheck | None = None

        title = _named(QLabel(self.tr("بررسی اصالت سند")), "pageTitle")
        hint = QLabel(
            self.tr(
                "کد کیوآر سند را با اسکنر بخوانید، یا متن آن را اینجا بچسبانید و کلید ورود را بزنید. بررسی بدون "
                "اینترنت و با فهرست کلیدهای معتبر همراه برنامه انجام می‌شود."
            )
        )
        hint.setObjectName("verifyHint")
        hint.setWordWrap(True)
        self.banner = MessageBanner(self)

        self.field = _named(QLineEdit(), "sealText")
        self.field.setPlaceholderText(self.tr("متن کد کیوآر سند"))
        self.field.setAccessibleName(self.tr("متن کد کیوآر سند"))
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.check)
        self.field.textEdited.connect(self._edited)
        self.field_error = _named(QLabel(), "sealTextError")
        self.field_error.setWordWrap(True)
        theme.set_tone(self.field_error, "error")
        self.field_error.hide()
        self.check_button = _named(QPushButton(theme.icon("verify"), self.tr("بررسی")), "verifyButton")
        self.check_button.setProperty("primary", True)
        self.check_button.clicked.connect(self.check)
        self.clear_button = _named(QPushButton(theme.icon("close"), self.tr("پاک کردن")), "clearButton")
        self.clear_button.clicked.connect(self.clear)
        field_row = QHBoxLayout()
        field_row.addWidget(self.field, 1)
        field_row.addWidget(self.check_button)
        field_row.addWidget(self.clear_button)

        self.result = _named(QFrame(), "verifyResult")
        self.headline = _named(QLabel(), "verdictHeadline")
        self.headline.setProperty("heading", "section")
        self.headline.setWordWrap(True)
        self.detail = _named(QLabel(), "verdictDetail")
        self.detail.setWordWrap(True)
        self.training = _named(
            QLabel(self.tr("آموزشی — این سند آموزشی است و برای هیچ کار واقعی اعتبار ندارد.")), "trainingMark"
        )
        self.training.setProperty("heading", "section")
        self.training.setWordWrap(True)
        theme.set_tone(self.training, "warning")
        self.claim = _named(QLabel(self.tr("ادعای سند؛ تأیید نشده")), "unverifiedClaim")
        self.claim.setProperty("heading", "section")
        theme.set_tone(self.claim, "error")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label in (
            ("number", self.tr("شماره سند")),
            ("kind", self.tr("نوع سند")),
            ("issued", self.tr("تاریخ صدور")),
            ("expires", self.tr("تاریخ انقضا")),
            ("holder", self.tr("دارنده")),
            ("amount", self.tr("مبلغ")),
            ("amount_words", self.tr("مبلغ به حروف")),
            ("key", self.tr("کلید امضا")),
        ):
            value = _named(QLabel(), f"field-{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            theme.align_to_reading_side(value)
            form.addRow(label, value)
            self.fields[name] = value
        self.field_box = _named(QWidget(), "sealFields")
        self.field_box.setLayout(form)
        result_layout = QVBoxLayout(self.result)
        for widget in (self.headline, self.detail, self.training, self.claim, self.field_box):
            result_layout.addWidget(widget)
        self.result.hide()

        self.offline_note = _named(QLabel(), "offlineNote")
        self.offline_note.setWordWrap(True)
        theme.set_tone(self.offline_note, "muted")
        history_title = _named(QLabel(self.tr("بررسی‌های اخیر در این صفحه")), "historyTitle")
        history_title.setProperty("heading", "section")
        self.history = _named(QListWidget(), "verifyHistory")
        self.history.setTabKeyNavigation(False)
        self.history.setAccessibleName(self.tr("بررسی‌های اخیر در این صفحه"))
        self.history.setMaximumHeight(140)
        self.history.itemActivated.connect(self._history_activated)

        # the page scrolls when the window is short, so the result's rows keep their height instead of overlapping
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.banner)
        layout.addLayout(field_row)
        layout.addWidget(self.field_error)
        layout.addWidget(self.result)
        layout.addWidget(self.offline_note)
        layout.addWidget(history_title)
        layout.addWidget(self.history)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own; it follows the focused control
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setFocusProxy(self.field)

        self._trust: TrustList | None = None
        try:
            self._trust = TrustList.load()  # one small bundled file, read once per session
        except TrustListError as exc:
            self.banner.show_message(operator_message(exc), "error")
            self.field.setEnabled(False)
            self.check_button.setEnabled(False)
        else:
            self.offline_note.setText(
                self.tr(
                    "فهرست کلیدهای معتبر: همراه برنامه ({count} کلید). فهرست اسناد باطل‌شده هنوز در دسترس نیست؛ "
                    "باطل شدن سند در این بررسی دیده نمی‌شود."
                ).format(count=digits(len(self._trust.keys)))
            )

    # --- the page's keys and links -------------------------------------------------------------------------------

    def open_with(self, **context: Any) -> None:
        text = context.get("text")
        if isinstance(text, str):
            self.field.setText(text)
            self.check()

    def submit(self) -> bool:
        self.check()
        return True

    def cancel(self) -> bool:
        if not self.field.text() and self.result.isHidden() and self.field_error.isHidden():
            return False
        self.clear()
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._focus_field)

    def _focus_field(self) -> None:
        if self.isVisible() and self.field.isEnabled():
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- checking ------------------------------------------------------------------------------------------------

    def check(self) -> SealCheck | None:
        """Check the field's text and show the verdict; None when there was nothing to check."""
        if self._trust is None:
            return None
        raw = self.field.text()
        result = check_scan(raw, self._trust)
        if result.verdict == EMPTY:
            self._field_message(self.tr("متنی برای بررسی نیست. کد کیوآر سند را اسکن کنید یا متن آن را بچسبانید."))
            self.result.hide()
            self.last_check = None
            return None
        self._field_message("")
        self.last_check = result
        self._show(result)
        self._remember(raw, result)
        self.field.selectAll()  # the next scan types over this one
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        return result

    def clear(self) -> None:
        self.field.clear()
        self._field_message("")
        self.result.hide()
        self.last_check = None
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _edited(self, _text: str) -> None:
        if not self.field_error.isHidden():
            self._field_message("")

    def _field_message(self, text: str) -> None:
        self.field_error.setText(text)
        self.field_error.setVisible(bool(text))
        theme.set_invalid(self.field, bool(text))

    # --- showing a verdict ---------------------------------------------------------------------------------------

    def headline_text(self, result: SealCheck) -> str:
        if result.verdict == GENUINE:
            return self.tr("اصیل")
        if result.verdict == EXPIRED and result.payload is not None:
            return self.tr("منقضی — اعتبار سند در {date} پایان یافته است").format(
                date=self._date(result.payload.expires)
            )
        if result.verdict == FORGED:
            return self.tr("جعلی یا دست‌کاری‌شده")
        if result.verdict == UNKNOWN_ISSUER:
            return self.tr("صادرکننده ناشناخته")
        return self.tr("متن اسکن‌شده سند این سامانه نیست")

    def _detail_text(self, result: SealCheck) -> str:
        verdict = result.verdict
        if verdict == GENUINE:
            return self.tr(
                "امضای سند با کلید معتبر می‌خواند و سند امروز معتبر است. مندرجات زیر را با برگه سند مقایسه کنید."
            )
        if verdict == EXPIRED:
            return self.tr("امضای سند اصیل است، اما دوره اعتبار آن گذشته و دیگر پذیرفته نیست.")
        if verdict == FORGED:
            text = self.tr(
                "امضای سند با محتوای آن نمی‌خواند: سند پس از صدور تغییر کرده یا جعل شده است. به مندرجات آن اعتماد نکنید."
            )
            if result.scan.persian_layout:
                text += " " + self.tr(
                    "متن با چیدمان صفحه‌کلید فارسی تایپ شده بود؛ برای اطمینان، صفحه‌کلید را انگلیسی کنید و "
                    "دوباره اسکن کنید."
                )
            return text
        if verdict == UNKNOWN_ISSUER:
            key_id = result.claimed.key_id if result.claimed else ""
            return self.tr(
                "این سند با کلید {key} امضا شده که در فهرست کلیدهای معتبر این برنامه نیست؛ اصالت آن تأیید نمی‌شود."
            ).format(key=code(key_id))
        if verdict == DAMAGED:
            return self.tr(
                "این متن به مهر اسناد این سامانه می‌ماند، اما ناقص یا ناخوانا خوانده شد. دوباره اسکن کنید؛ اگر باز هم "
                "همین را دیدید، سند را نپذیرید."
            )
        assert verdict == NOT_A_SEAL
        return self.tr("کد کیوآر اسناد این سامانه با {prefix} آغاز می‌شود. کد کیوآر خود سند را اسکن کنید.").format(
            prefix=ltr("PK1:")
        )

    def _show(self, result: SealCheck) -> None:
        payload = result.payload or result.claimed
        training = result.payload is not None and result.payload.training
        tone = {GENUINE: "warning" if training else "success", EXPIRED: "warning", DAMAGED: "warning"}
        theme.set_tone(self.headline, tone.get(result.verdict, "error"))
        self.headline.setText(self.headline_text(result))
        self.detail.setText(self._detail_text(result))
        self.training.setVisible(training)
        self.claim.setVisible(result.claimed is not None)
        self.field_box.setVisible(payload is not None)
        if payload is not None:
            self._fill(payload, result.key, verified=result.payload is not None)
        self.result.show()

    def _fill(self, payload: SealPayload, key: TrustedKey | None, *, verified: bool) -> None:
        values = {
            "number": ltr(payload.number),  # as printed on the paper, to compare character by character
            "kind": kind_name(payload.kind),
            "issued": self._date(payload.issued),
            "expires": self._date(payload.expires) if payload.expires else self.tr("بدون تاریخ انقضا"),
            "holder": isolate(payload.holder) if payload.holder else "—",
            "amount": self.tr("{amount} ریال").format(amount=format_amount(payload.amount_rials))
            if payload.amount_rials
            else self.tr("ندارد"),
            "amount_words": rials_in_words(payload.amount_rials) if payload.amount_rials else "—",
            "key": self._key_name(key)
            if verified and key is not None
            else self.tr("{key} (تأیید نشده)").format(key=code(payload.key_id)),
        }
        for name, text in values.items():
            self.fields[name].setText(text)
            theme.set_tone(self.fields[name], "" if verified else "muted")

    def _key_name(self, key: TrustedKey) -> str:
        if key.training:
            name = self.tr("کلید آموزشی پیشخوان")
        else:  # a label is "English / فارسی"; each language shows its own part
            parts = [part.strip() for part in key.label.split(" / ")]
            name = isolate(parts[-1] if current_language() == "fa" else parts[0]) if key.label else ""
        return f"{name} ({code(key.key_id)})" if name else code(key.key_id)

    @staticmethod
    def _date(day: dt.date | None) -> str:
        return ltr(format_jalali_date(day, persian_digits=current_language() == "fa")) if day else "—"

    # --- the history of this page --------------------------------------------------------------------------------

    def _remember(self, raw: str, result: SealCheck) -> None:
        self._history.insert(0, _Checked(dt.datetime.now(), raw, result))
        del self._history[HISTORY_SIZE:]
        self.history.clear()
        for entry in self._history:
            payload = entry.check.payload or entry.check.claimed
            text = f"{digits(entry.at.strftime('%H:%M'))} — {self.headline_text(entry.check)}"
            if payload is not None:
                text += f" — {ltr(payload.number)}"
            self.history.addItem(QListWidgetItem(text))

    def _history_activated(self, item: QListWidgetItem) -> None:
        """Show an earlier check again (its verdict as it was then), with its text in the field."""
        entry = self._history[self.history.row(item)]
        self.field.setText(entry.raw)
        self._field_message("")
        self.last_check = entry.check
        self._show(entry.check)

    @property
    def history_size(self) -> int:
        return len(self._history)


def kind_name(kind: str) -> str:
    """The document kind a seal names, in the operator's words."""
    names = {
        "receipt": QCoreApplication.translate("VerifyPage", "رسید پرداخت"),
        "clearance": QCoreApplication.translate("VerifyPage", "مفاصاحساب"),
        "completion": QCoreApplication.translate("VerifyPage", "پایان کار"),
        "no-violation": QCoreApplication.translate("VerifyPage", "عدم خلاف"),
        "inquiry-reply": QCoreApplication.translate("VerifyPage", "پاسخ استعلام"),
        "zoning": QCoreApplication.translate("VerifyPage", "برگ ضوابط شهرسازی"),
        "fee-preview": QCoreApplication.translate("VerifyPage", "پیش‌نمایش عوارض"),
        "day-close": QCoreApplication.translate("VerifyPage", "گزارش بستن صندوق روزانه"),
    }
    return names.get(kind) or QCoreApplication.translate("VerifyPage", "نوع ناشناخته ({kind})").format(kind=code(kind))
