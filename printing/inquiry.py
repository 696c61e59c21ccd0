"""The municipality's signed reply to an inquiry (notary transfer, bank, utility), on A4, in the form of an official
letter: addressed to the notary or bank that asked, the answer first and stated whole (allowed, allowed on a
condition, or not allowed until something is done), then the parcel, owner, debts and violations it rests on, then
the seal and the signatory."""

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
from printing.layout import BLACK, STAMP, Column
from printing.model import InquiryReply

TITLE = "پاسخ استعلام"
GREETING = "با سلام و احترام"


def subject(reply: InquiryReply) -> str:
    """What the inquiry asks may be done: a transfer, a mortgage deed, or a utility connection."""
    if "رهن" in reply.inquiry_type:
        return "تنظیم سند رهنی"
    if "انشعاب" in reply.inquiry_type:
        return "واگذاری انشعاب"
    return "انجام معامله"


def verdict(reply: InquiryReply) -> str:
    """The answer in one sentence that holds its condition: never «بلامانع» followed by a condition elsewhere.

    The server's `condition` is a phrase that completes «به شرط …» when the transaction is allowed on it (e.g.
    «پرداخت بدهی‌ها به مبلغ … ریال پیش از تنظیم سند») and «تا …» when it is not allowed (what must happen first). A
    condition that is already a whole answer (it says «بلامانع» or «مجاز نیست» itself) is printed as it is.
    """
    condition = reply.condition.strip().rstrip(".")
    what = subject(reply)
    if reply.transfer_allowed:
        if not condition:
            return f"{what} بلامانع است."
        if "بلامانع" in condition:
            return f"{condition}."
        return f"{what} به شرط {condition} بلامانع است."
    if not condition:
        return f"{what} مقدور نیست."
    if any(words in condition for words in ("مجاز نیست", "مقدور نیست", "ممنوع")):
        return f"{condition}."
    return f"{what} تا {condition} مقدور نیست."


def build_inquiry_reply(reply: InquiryReply) -> bytes:
    """The reply as PDF bytes (A4)."""
    seal = sealed(reply)
    sheet = a4_sheet()
    a4_header(
        sheet,
        reply,
        reply.municipality,
        f"{TITLE}: {reply.inquiry_type}",
        (("شماره استعلام:", fa(reply.inquiry_number)), ("اعتبار تا:", jdate(reply.valid_until))),
    )
    sheet.line(reply.addressee or reply.requester, size=11, bold=True)
    sheet.line(GREETING, size=10)
    sheet.paragraph(
        f"بازگشت به استعلام شماره {fa(reply.inquiry_number)} از {reply.requester} درباره ملک به مشخصات زیر، "
        f"متعلق به {reply.owner_name}، نتیجه بررسی‌های شهرداری به شرح زیر اعلام می‌شود.",
        size=10.5,
    )

    section(sheet, "نتیجه")
    sheet.paragraph(verdict(reply), size=11.5, bold=True, color=BLACK if reply.transfer_allowed else STAMP)

    section(sheet, "مشخصات مالک و ملک")
    owner = [("مالک:", reply.owner_name)]
    if reply.owner_national_id:
        owner.append(("کد ملی مالک:", fa(reply.owner_national_id)))
    sheet.fields(owner, columns=2)
    parcel_fields(sheet, reply.parcel)
    sheet.field("وضعیت طرح و تعریض:", reply.plan_status)

    section(sheet, "بدهی‌ها و عوارض")
    rows = [[debt.title, rials(debt.amount_rials, unit=False)] for debt in reply.debts]
    if reply.transfer_fee_rials or subject(reply) == "انجام معامله":  # a mortgage or utility inquiry owes none
        rows.append(["عوارض نقل و انتقال", rials(reply.transfer_fee_rials, unit=False)])
    columns = [Column("شرح", 72), Column("مبلغ (ریال)", 28, align="right", tabular=True)]
    sheet.table(columns, rows, total=["جمع قابل پرداخت", rials(reply.total_due_rials, unit=False)])
    sheet.field("به حروف:", rials_in_words(reply.total_due_rials))

    section(sheet, "تخلفات ساختمانی")
    if reply.violations:
        sheet.table(
            [Column("شرح تخلف", 55), Column("وضعیت در کمیسیون ماده ۱۰۰", 45)],
            [[v.description, v.commission_status] for v in reply.violations],
        )
    else:
        sheet.line("تخلفی ثبت نشده است.")
    sheet.gap(3)
    sheet.paragraph(f"این پاسخ تا تاریخ {jdate(reply.valid_until)} معتبر است.", size=9.5)
    seal_block(sheet, seal[0] if seal else None)
    signature_area(sheet, reply.signatory_name, reply.signatory_title)
    training = is_training(reply, seal[1] if seal else None)
    footer = ("المثنی — " if reply.reprint else "") + fa(reply.number)
    return sheet.render(meta(reply, TITLE, "a4", training=training), training=training, footer=footer)
