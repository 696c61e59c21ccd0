"""Certificates on A4: clearance «مفاصاحساب», completion «پایان کار», no-violation «عدم خلاف».

A completion certificate states what was built and never expires: it prints no validity (and its seal carries none).
Clearance and no-violation certificates speak of a day's state and print how long they are valid.
"""

from __future__ import annotations

from civic.money import rials_in_words
from printing.common import (
    a4_header,
    a4_sheet,
    fa,
    is_training,
    jdate,
    meta,
    parcel_fields,
    rials,
    seal_block,
    sealed,
    section,
    signature_area,
)
from printing.layout import Column
from printing.model import CERTIFICATE_KINDS, CLEARANCE, COMPLETION, NO_VIOLATION, Certificate

TITLES = {
    CLEARANCE: "گواهی مفاصاحساب",
    COMPLETION: "گواهی پایان کار ساختمان",
    NO_VIOLATION: "گواهی عدم خلاف",
}

_STATEMENTS = {
    CLEARANCE: (
        "بدین‌وسیله گواهی می‌شود ملک به مشخصات زیر، متعلق به {owner}، تا تاریخ {date} هیچ‌گونه بدهی عوارض "
        "و بهای خدمات به شهرداری ندارد و از این بابت مفاصاحساب است."
    ),
    COMPLETION: (
        "بدین‌وسیله گواهی می‌شود ساختمان احداث‌شده در ملک به مشخصات زیر، متعلق به {owner}، مطابق پروانه "
        "ساختمانی و ضوابط شهرسازی به پایان رسیده است."
    ),
    NO_VIOLATION: (
        "بدین‌وسیله گواهی می‌شود در بازدید از ساختمان در حال احداث در ملک به مشخصات زیر، متعلق به "
        "{owner}، تا مرحله ذکرشده تخلفی از مفاد پروانه ساختمانی مشاهده نشده است."
    ),
}

# What the certificate is for and what it does not cover: one sentence each, never repeating the notes.
_LEGAL = {
    CLEARANCE: "بدهی‌هایی که پس از تاریخ صدور این گواهی ایجاد شود، مشمول آن نیست.",
    COMPLETION: "صادرشده به استناد تبصره ۸ ماده ۱۰۰ قانون شهرداری، برای انجام معامله قطعی در دفاتر اسناد رسمی.",
    NO_VIOLATION: "صادرشده به استناد تبصره ۸ ماده ۱۰۰ قانون شهرداری، برای معامله ساختمان‌های ناتمام.",
}


def notes(cert: Certificate) -> list[str]:
    """The numbered notes at the foot: the legal basis, the issuer's own note, and (unless completion) validity."""
    items = [_LEGAL[cert.certificate_kind]]
    if cert.notes.strip() and cert.notes.strip() not in items:
        items.append(cert.notes.strip())
    if cert.certificate_kind != COMPLETION and cert.valid_until is not None:
        items.append(f"این گواهی تا تاریخ {jdate(cert.valid_until)} معتبر است.")
    return items


def build_certificate(cert: Certificate) -> bytes:
    """The certificate as PDF bytes (A4)."""
    if cert.certificate_kind not in CERTIFICATE_KINDS:
        raise ValueError(f"certificate_kind must be one of {CERTIFICATE_KINDS}")
    seal = sealed(cert)
    title = TITLES[cert.certificate_kind]
    sheet = a4_sheet()
    extra: tuple[tuple[str, str], ...] = ()
    if cert.certificate_kind != COMPLETION and cert.valid_until is not None:
        extra = (("اعتبار تا:", jdate(cert.valid_until)),)
    a4_header(sheet, cert, cert.municipality, title, extra)
    statement = _STATEMENTS[cert.certificate_kind].format(owner=cert.owner_name, date=jdate(cert.issued_at))
    sheet.paragraph(statement, size=11)
    section(sheet, "مشخصات مالک")
    sheet.fields([("نام و نام خانوادگی:", cert.owner_name), ("کد ملی:", fa(cert.owner_national_id))], columns=2)
    section(sheet, "مشخصات ملک")
    parcel_fields(sheet, cert.parcel)
    if cert.facts:
        section(sheet, "جزئیات")
        sheet.table([Column("عنوان", 45), Column("شرح", 55, bold=True)], [[k, fa(v)] for k, v in cert.facts])
    if cert.fees_paid_rials:
        section(sheet, "عوارض پرداخت‌شده")
        sheet.field("مبلغ:", rials(cert.fees_paid_rials))
        sheet.field("به حروف:", rials_in_words(cert.fees_paid_rials))
    section(sheet, "توضیحات")
    for i, note in enumerate(notes(cert), start=1):
        sheet.paragraph(f"{fa(i)}. {note}", size=9.5)
    seal_block(sheet, seal[0] if seal else None)
    signature_area(sheet, cert.signatory_name, cert.signatory_title)
    training = is_training(cert, seal[1] if seal else None)
    footer = ("المثنی — " if cert.reprint else "") + fa(cert.number)
    return sheet.render(meta(cert, title, "a4", training=training), training=training, footer=footer)
