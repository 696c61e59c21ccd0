"""The municipality's signed reply to an inquiry (notary transfer, bank, utility), on A4."""

from __future__ import annotations

from civic.money import rials_in_words
from printing.common import (
    a4_header,
    a4_sheet,
    is_training,
    jdate,
    meta,
    parcel_fields,
    rials,
    seal_block,
    sealed,
    section,
)
from printing.layout import STAMP, Column
from printing.model import InquiryReply

TITLE = "پاسخ استعلام"


def build_inquiry_reply(reply: InquiryReply) -> bytes:
    """The reply as PDF bytes (A4)."""
    seal = sealed(reply)
    sheet = a4_sheet()
    a4_header(
        sheet,
        reply,
        reply.municipality,
        f"{TITLE}: {reply.inquiry_type}",
        (("اعتبار تا:", jdate(reply.valid_until)), ("شماره استعلام:", reply.inquiry_number)),
    )
    sheet.paragraph(
        f"در پاسخ به استعلام شماره {reply.inquiry_number} {reply.requester} درباره ملک به مشخصات زیر، "
        f"متعلق به {reply.owner_name}، نتیجه بررسی‌های شهرداری به شرح زیر اعلام می‌شود.",
        size=11,
    )
    section(sheet, "مشخصات ملک")
    parcel_fields(sheet, reply.parcel)
    sheet.field("وضعیت طرح و تعریض:", reply.plan_status)

    section(sheet, "بدهی‌ها و عوارض")
    rows = [[debt.title, rials(debt.amount_rials, unit=False)] for debt in reply.debts]
    rows.append(["عوارض نقل و انتقال", rials(reply.transfer_fee_rials, unit=False)])
    columns = [Column("شرح", 70), Column("مبلغ (ریال)", 30, align="left")]
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

    section(sheet, "نتیجه")
    verdict = "انجام معامله بلامانع است." if reply.transfer_allowed else "انجام معامله فعلاً مجاز نیست."
    sheet.line(verdict, size=12, bold=True, color=(0, 0, 0) if reply.transfer_allowed else STAMP)
    sheet.paragraph(reply.condition)
    sheet.paragraph(f"این پاسخ تا تاریخ {jdate(reply.valid_until)} معتبر است.", bold=True)
    seal_block(sheet, seal[0] if seal else None)
    training = is_training(reply, seal[1] if seal else None)
    footer = ("المثنی — " if reply.reprint else "") + reply.number
    return sheet.render(meta(reply, TITLE, "a4", training=training), training=training, footer=footer)
