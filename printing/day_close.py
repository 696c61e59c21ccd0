"""The day-close report «گزارش بستن صندوق» on A4: every transaction of a cashier session, the totals, and the
reconciliation with the municipality per transaction id (docs/domain.md: totals must match per transaction, not only in
sum; a mismatch is listed, never netted away)."""

from __future__ import annotations

from reportlab.lib.units import mm

from civic.jalali import TEHRAN
from printing.common import a4_header, a4_sheet, fa, is_training, jdate, jdatetime, meta, rials, seal_block, section
from printing.common import sealed as sealed_qr
from printing.layout import STAMP, Column
from printing.model import PAID, VOIDED, DayCloseReport, DayTransaction

TITLE = "گزارش بستن صندوق روزانه"
STATUS = {PAID: "پرداخت‌شده", VOIDED: "باطل‌شده"}


def _reconciliation(t: DayTransaction) -> str:
    if t.server_status == t.status:
        return "مطابق"
    if t.server_status is None:
        return "مغایرت: در سامانه نیست"
    return f"مغایرت: در سامانه {STATUS.get(t.server_status, t.server_status)}"


def build_day_close(report: DayCloseReport) -> bytes:
    """The day-close report as PDF bytes (A4, as many pages as the day needs)."""
    seal = sealed_qr(report)
    sheet = a4_sheet()
    a4_header(sheet, report, report.office_name, TITLE, (("روز کاری:", jdate(report.business_date)),))
    sheet.fields(
        [
            ("متصدی صندوق:", report.operator_name),
            ("نشست صندوق:", report.cashier_session),
            ("باز شدن:", jdatetime(report.opened_at)),
            ("بسته شدن:", jdatetime(report.closed_at)),
            ("کد دفتر:", report.office_code),
            ("تعداد تراکنش:", fa(len(report.transactions))),
        ],
        columns=2,
    )
    section(sheet, "تراکنش‌ها")
    columns = [
        Column("ردیف", 5, align="center"),
        Column("ساعت", 7, align="center"),
        Column("شماره رسید", 17),
        Column("شناسه تراکنش", 13),
        Column("شرح", 15),
        Column("مبلغ (ریال)", 13, align="left"),
        Column("وضعیت", 11),
        Column("تطبیق با سامانه", 19),
    ]
    rows = [
        [
            fa(i),
            fa(t.at.astimezone(TEHRAN).strftime("%H:%M")),
            t.receipt_number,
            t.transaction_id,
            t.title,
            rials(t.amount_rials, unit=False),
            STATUS.get(t.status, t.status),
            _reconciliation(t),
        ]
        for i, t in enumerate(report.transactions, start=1)
    ]
    sheet.table(columns, rows, size=8)
    section(sheet, "جمع‌بندی")
    paid, voided = report.total(PAID), report.total(VOIDED)
    sheet.fields(
        [
            ("جمع پرداخت‌شده:", rials(paid)),
            ("جمع باطل‌شده:", rials(voided)),
            ("تعداد مغایرت:", fa(len(report.mismatches))),
            ("مبلغ قابل تحویل:", rials(paid)),
        ],
        columns=2,
    )
    if report.mismatches:
        sheet.gap(2)
        numbers = "، ".join(t.receipt_number for t in report.mismatches)
        sheet.paragraph(
            f"مغایرت‌ها باید پیش از تحویل صندوق با شهرداری بررسی شوند؛ هیچ تراکنشی خودکار برگشت داده نمی‌شود: {numbers}",
            bold=True,
            color=STAMP,
        )
    sheet.gap(8 * mm)
    sheet.ensure(14 * mm)
    top = sheet.y
    sheet.text_at("امضای متصدی صندوق", sheet.right - 10 * mm, top, size=9)
    sheet.text_at("امضای مسئول دفتر", sheet.left + 45 * mm, top, size=9)
    sheet.gap(14 * mm)
    seal_block(sheet, seal[0] if seal else None, side=30 * mm)
    training = is_training(report, seal[1] if seal else None)
    footer = ("المثنی — " if report.reprint else "") + report.number
    return sheet.render(meta(report, TITLE, "a4", training=training), training=training, footer=footer)
