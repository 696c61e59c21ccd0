"""The verdict panel of the verification page: the verdict first, then the signed fields to compare with the paper,
then what the municipality's own record of the document says (when it could be fetched).

Verdicts (civic.verification): genuine; genuine but whether it was revoked cannot be told (no revocation list, or one
older than its maximum age); revoked, with its date and reason; expired, with its date; forged or altered; unknown
issuer; not a document of this system. A forged or unknown-issuer seal's fields are shown only under
«ادعای سند؛ تأیید نشده», in the muted tone.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from civic.jalali import format_jalali_date, format_jalali_datetime
from civic.keys import TrustedKey
from civic.money import rials_in_words
from civic.seal import SealPayload
from civic.verification import (
    DAMAGED,
    EXPIRED,
    FORGED,
    GENUINE,
    LIST_MISSING,
    NOT_A_SEAL,
    REVOKED,
    UNCONFIRMED,
    UNKNOWN_ISSUER,
    DocumentCheck,
)
from desktop import theme
from desktop.formatting import code, current_language, digits, format_amount, isolate, ltr
from desktop.widgets.selectable_label import SelectableLabel

W = TypeVar("W", bound=QWidget)

# how the municipality's record compares with the seal (VerifyResult.show_record)
RECORD_MATCHES = "matches"
RECORD_DIFFERS = "differs"
RECORD_MISSING = "missing"  # the municipality has no document of this number
RECORD_UNAVAILABLE = "unavailable"  # it could not be fetched
RECORD_PENDING = "pending"


def named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def age_text(span: dt.timedelta) -> str:
    """«۳ ساعت», «۲ روز»: how old something is, in whole units."""
    minutes = max(int(span.total_seconds() // 60), 0)
    translate = QCoreApplication.translate
    if minutes >= 48 * 60:
        return translate("VerifyResult", "{n} روز").format(n=digits(minutes // (24 * 60)))
    if minutes >= 60:
        return translate("VerifyResult", "{n} ساعت").format(n=digits(minutes // 60))
    if minutes >= 1:
        return translate("VerifyResult", "{n} دقیقه").format(n=digits(minutes))
    return translate("VerifyResult", "کمتر از یک دقیقه")


def jalali_date(day: dt.date | None) -> str:
    return ltr(format_jalali_date(day, persian_digits=current_language() == "fa")) if day else "—"


def jalali_time(instant: dt.datetime) -> str:
    return ltr(format_jalali_datetime(instant, persian_digits=current_language() == "fa"))


class VerifyResult(QFrame):
    """The verdict on one check; `show_check` fills it, `show_record` adds the municipality's record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyResult")
        self.headline = named(QLabel(), "verdictHeadline")
        self.headline.setProperty("heading", "section")
        self.headline.setWordWrap(True)
        self.detail = named(QLabel(), "verdictDetail")
        self.detail.setWordWrap(True)
        self.training = named(
            QLabel(self.tr("آموزشی — این سند آموزشی است و برای هیچ کار واقعی اعتبار ندارد.")), "trainingMark"
        )
        self.training.setProperty("heading", "section")
        self.training.setWordWrap(True)
        theme.set_tone(self.training, "warning")
        self.claim = named(QLabel(self.tr("ادعای سند؛ تأیید نشده")), "unverifiedClaim")
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
            value = named(SelectableLabel(), f"field-{name}")
            value.setWordWrap(True)
            theme.align_to_reading_side(value)
            form.addRow(label, value)
            self.fields[name] = value
        self.field_box = named(QWidget(), "sealFields")
        self.field_box.setLayout(form)
        self.record = named(QLabel(), "recordComparison")
        self.record.setWordWrap(True)
        self.record.hide()
        self.record_state: str | None = None
        layout = QVBoxLayout(self)
        for widget in (self.headline, self.detail, self.training, self.claim, self.field_box, self.record):
            layout.addWidget(widget)

    # --- the verdict ---------------------------------------------------------------------------------------------

    def headline_text(self, check: DocumentCheck) -> str:
        verdict, payload = check.verdict, check.payload
        if verdict == GENUINE:
            return self.tr("اصیل")
        if verdict == UNCONFIRMED:
            return self.tr("امضا اصیل است، اما معلوم نیست سند باطل نشده باشد")
        if verdict == REVOKED and check.revocation is not None:
            return self.tr("باطل‌شده — سند در {date} باطل شده است").format(date=jalali_time(check.revocation.revoked_at))
        if verdict == EXPIRED and payload is not None:
            return self.tr("منقضی — اعتبار سند در {date} پایان یافته است").format(date=jalali_date(payload.expires))
        if verdict == FORGED:
            return self.tr("جعلی یا دست‌کاری‌شده")
        if verdict == UNKNOWN_ISSUER:
            return self.tr("صادرکننده ناشناخته")
        return self.tr("متن اسکن‌شده سند این سامانه نیست")

    def detail_text(self, check: DocumentCheck, now: dt.datetime) -> str:
        verdict = check.verdict
        listed = check.revocations
        if verdict == GENUINE and listed is not None:
            return self.tr(
                "امضای سند با کلید معتبر می‌خواند، سند امروز معتبر است و در فهرست اسناد باطل‌شده ({age} پیش) نیست. "
                "مندرجات زیر را با برگه سند مقایسه کنید."
            ).format(age=age_text(listed.age(now)))
        if verdict == UNCONFIRMED:
            if listed is None or check.revocation_check == LIST_MISSING:
                return self.tr(
                    "امضای سند اصیل است، اما فهرست اسناد باطل‌شده روی این رایانه نیست و باطل شدن سند بررسی نشد. "
                    "با اتصال به شهرداری، فهرست به‌روز می‌شود."
                )
            return self.tr(
                "امضای سند اصیل است، اما فهرست اسناد باطل‌شده {age} پیش صادر شده و از بیشینه اعتبار خود ({max}) "
                "کهنه‌تر است؛ سند ممکن است پس از آن باطل شده باشد. با اتصال به شهرداری، فهرست به‌روز می‌شود."
            ).format(age=age_text(listed.age(now)), max=age_text(listed.max_age))
        if verdict == REVOKED and check.revocation is not None:
            return self.tr("امضای سند اصیل است، اما شهرداری آن را باطل کرده و پذیرفته نیست. علت: {reason}").format(
                reason=isolate(check.revocation.reason) if check.revocation.reason else "—"
            )
        if verdict == EXPIRED:
            return self.tr("امضای سند اصیل است، اما دوره اعتبار آن گذشته و دیگر پذیرفته نیست.")
        if verdict == FORGED:
            text = self.tr(
                "امضای سند با محتوای آن نمی‌خواند: سند پس از صدور تغییر کرده یا جعل شده است. به مندرجات آن اعتماد نکنید."
            )
            if check.seal.scan.persian_layout:
                text += " " + self.tr(
                    "متن با چیدمان صفحه‌کلید فارسی تایپ شده بود؛ برای اطمینان، صفحه‌کلید را انگلیسی کنید و "
                    "دوباره اسکن کنید."
                )
            return text
        if verdict == UNKNOWN_ISSUER:
            key_id = check.seal.claimed.key_id if check.seal.claimed else ""
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

    def show_check(self, check: DocumentCheck, key: TrustedKey | None, now: dt.datetime) -> None:
        seal = check.seal
        payload = seal.payload or seal.claimed
        training = seal.payload is not None and seal.payload.training
        tones = {GENUINE: "warning" if training else "success", UNCONFIRMED: "warning", EXPIRED: "warning"}
        tones[DAMAGED] = "warning"
        theme.set_tone(self.headline, tones.get(check.verdict, "error"))
        self.headline.setText(self.headline_text(check))
        self.detail.setText(self.detail_text(check, now))
        self.training.setVisible(training)
        self.claim.setVisible(seal.claimed is not None)
        self.field_box.setVisible(payload is not None)
        if payload is not None:
            self._fill(payload, key, verified=seal.payload is not None)
        self.show_record(None)
        self.show()

    def _fill(self, payload: SealPayload, key: TrustedKey | None, *, verified: bool) -> None:
        amount = payload.amount_rials
        values = {
            "number": ltr(payload.number),  # as printed on the paper, to compare character by character
            "kind": kind_name(payload.kind),
            "issued": jalali_date(payload.issued),
            "expires": jalali_date(payload.expires) if payload.expires else self.tr("بدون تاریخ انقضا"),
            "holder": isolate(payload.holder) if payload.holder else "—",
            "amount": self.tr("{amount} ریال").format(amount=format_amount(amount)) if amount else self.tr("ندارد"),
            "amount_words": rials_in_words(amount) if amount else "—",
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

    # --- the municipality's record -------------------------------------------------------------------------------

    def show_record(self, state: str | None, detail: str = "") -> None:
        """What the municipality's record of the document says: None hides the line."""
        self.record_state = state
        if state is None:
            self.record.hide()
            return
        texts = {
            RECORD_PENDING: (self.tr("در حال گرفتن سابقه این سند از شهرداری…"), "muted"),
            RECORD_MATCHES: (
                self.tr("با سابقه شهرداری می‌خواند: محتوای ثبت‌شده برای این شماره همان است که مهر گواهی می‌کند."),
                "success",
            ),
            RECORD_DIFFERS: (
                self.tr("با سابقه شهرداری نمی‌خواند: محتوای ثبت‌شده برای این شماره با مهر این برگه فرق دارد."),
                "error",
            ),
            RECORD_MISSING: (self.tr("شهرداری سندی با این شماره ثبت نکرده است."), "error"),
            RECORD_UNAVAILABLE: (
                self.tr("سابقه این سند از شهرداری گرفته نشد: {reason}").format(reason=detail),
                "muted",
            ),
        }
        text, tone = texts[state]
        self.record.setText(text)
        theme.set_tone(self.record, tone)
        self.record.show()


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
