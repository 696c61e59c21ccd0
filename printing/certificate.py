"""Certificates on A4: clearance «مفاصاحساب», completion «پایان کار», no-violation «عدم خلاف»."""

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
        "ساختمانی و ضوابط شهرسازی به پایان رسیده و بازدید پایان کار در تاریخ {date} انجام شده است."
    ),
    NO_VIOLATION: (
        "بدین‌وسیله گواهی می‌شود در بازدید تاریخ {date} از ساختمان در حال احداث در ملک به مشخصات زیر، متعلق به "
        "{owner}، تا مرحله ذکرشده تخلفی از مفاد پروانه ساختمانی مشاهده نشده است."
    ),
}

_LEGAL = {
    CLEARANCE: "صادرشده برای ارائه به مراجع رسمی؛ بدهی‌های پس از تاریخ صدور را در بر نمی‌گیرد.",
    COMPLETION: "صادرشده به استناد تبصره ۸ ماده ۱۰۰ قانون شهرداری، برای انجام معامله قطعی در دفاتر اسناد رسمی.",
    NO_VIOLATION: "صادرشده به استناد تبصره ۸ ماده ۱۰۰ قانون شهرداری، برای معامله ساختمان‌های ناتمام.",
}


def build_certificate(cert: Certificate) -> bytes:
    """The certificate as PDF bytes (A4)."""
    if cert.certificate_kind not in CERTIFICATE_KINDS:
        raise ValueError(f"certificate_kind must be one of {CERTIFICATE_KINDS}")
    seal = sealed(cert)
    title = TITLES[cert.certificate_kind]
    sheet = a4_sheet()
    a4_header(sheet, cert, cert.municipality, title, (("اعتبار تا:", jdate(cert.valid_until)),))
    statement = _STATEMENTS[cert.certificate_kind].format(owner=cert.owner_name, date=jdate(cert.issued_at))
    sheet.paragraph(statement, size=11)
    section(sheet, "مشخصات مالک")
    sheet.fields([("نام و نام خانوادگی:", cert.owner_name), ("کد ملی:", fa(cert.owner_national_id))], columns=2)
    section(sheet, "مشخصات ملک")
    parcel_fields(sheet, cert.parcel)
    if cert.facts:
        section(sheet, "جزئیات")
        sheet.table([Column("عنوان", 45), Column("شرح", 55, bold=True)], [list(fact) for fact in cert.facts])
    if cert.fees_paid_rials:
        section(sheet, "عوارض پرداخت‌شده")
        sheet.field("مبلغ:", rials(cert.fees_paid_rials))
        sheet.field("به حروف:", rials_in_words(cert.fees_paid_rials))
    sheet.gap(3)
    if cert.notes:
        sheet.paragraph(cert.notes)
    sheet.paragraph(_LEGAL[cert.certificate_kind], size=9)
    if cert.valid_until is not None:
        sheet.paragraph(f"این گواهی تا تاریخ {jdate(cert.valid_until)} معتبر است.", bold=True)
    seal_block(sheet, seal[0] if seal else None)
    training = is_training(cert, seal[1] if seal else None)
    footer = ("المثنی — " if cert.reprint else "") + cert.number
    return sheet.render(meta(cert, title, "a4", training=training), training=training, footer=footer)
