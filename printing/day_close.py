"""The day-close report «گزارش بستن صندوق» on A4: the reconciliation of a cashier session with the municipality, per
transaction id (DOMAIN.md: totals must match per transaction, not only in sum; a mismatch is listed, never netted away).

The report has, in order: the session (operator, times, float); the transactions in four groups — matched, missing on
the server, unknown to the counter, in doubt — each listed with its id, receipt number (only a number the server
issued), amount and both sides' statuses; the paid totals per kind of bill on each side and their difference, to the
rial; the counted totals against what the record expects; the operator's decision and reason for every payment that
was in doubt; and a place for the cashier's and the office manager's signatures.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from civic.jalali import TEHRAN
from printing.common import a4_header, a4_sheet, fa, is_training, jdate, jdatetime, meta, rials, seal_block, section
from printing.common import sealed as sealed_qr
from printing.layout import GREY, STAMP, Column, Sheet
from printing.model import (
    COMPLETED,
    IN_DOUBT,
    MATCHED,
    MISSING_ON_SERVER,
    NOT_TAKEN,
    PAID,
    UNKNOWN_TO_COUNTER,
    VOIDED,
    DayCloseReport,
    DayTransaction,
)

TITLE = "گزارش بستن صندوق روزانه"
STATUS = {PAID: "پرداخت‌شده", VOIDED: "باطل‌شده"}
CATEGORY_TITLES = {
    MATCHED: "تراکنش‌های مطابق با سامانه شهرداری",
    MISSING_ON_SERVER: "در صندوق ثبت شده، در سامانه شهرداری نیست",
    UNKNOWN_TO_COUNTER: "در سامانه شهرداری هست، در صندوق ثبتی ندارد",
    IN_DOUBT: "نتیجه نامعلوم (بی‌پاسخ از شهرداری)",
}
DECISION_TITLES = {COMPLETED: "انجام‌شده: وجه دریافت شد", NOT_TAKEN: "انجام‌نشده: وجهی دریافت نشد"}
NONE = "—"


def _status(value: str | None) -> str:
    if not value:
        return NONE
    return STATUS.get(value, value)


def _amount(value: int) -> str:
    return rials(value, unit=False)


def _difference(value: int) -> str:
    if value == 0:
        return "۰"
    return ("+" if value > 0 else "−") + _amount(abs(value))


def _transactions(sheet: Sheet, category: str, rows: tuple[DayTransaction, ...]) -> None:
    section(sheet, f"{CATEGORY_TITLES[category]} ({fa(len(rows))})")
    if not rows:
        sheet.line("موردی نیست.", size=9, color=GREY)
        return
    columns = [
        Column("ردیف", 5, align="center"),
        Column("ساعت", 7, align="center"),
        Column("شناسه تراکنش", 24),
        Column("شماره رسید", 17),
        Column("شرح", 15),
        Column("مبلغ (ریال)", 13, align="left"),
        Column("صندوق", 9),
        Column("سامانه", 9),
    ]
    table = [
        [
            fa(i),
            fa(t.at.astimezone(TEHRAN).strftime("%H:%M")),
            t.transaction_id,
            t.receipt_number or NONE,
            t.title,
            _amount(t.amount_rials),
            _status(t.status),
            _status(t.server_status),
        ]
        for i, t in enumerate(rows, start=1)
    ]
    total = ["", "", "", "", "جمع", _amount(sum(t.amount_rials for t in rows)), "", ""]
    sheet.table(columns, table, size=8, total=total)


def _kind_totals(sheet: Sheet, report: DayCloseReport) -> None:
    section(sheet, "جمع پرداخت‌ها به تفکیک نوع قبض (ریال)")
    if not report.kind_totals:
        sheet.line("پرداختی ثبت نشده است.", size=9, color=GREY)
        return
    columns = [
        Column("نوع قبض", 30),
        Column("صندوق", 20, align="left"),
        Column("سامانه شهرداری", 20, align="left"),
        Column("اختلاف", 20, align="left"),
    ]
    rows = [
        [k.title, _amount(k.counter_rials), _amount(k.server_rials), _difference(k.difference_rials)]
        for k in report.kind_totals
    ]
    counter = sum(k.counter_rials for k in report.kind_totals)
    server = sum(k.server_rials for k in report.kind_totals)
    sheet.table(columns, rows, size=9, total=["جمع", _amount(counter), _amount(server), _difference(counter - server)])


def _counted(sheet: Sheet, report: DayCloseReport) -> None:
    section(sheet, "شمارش پایان روز")
    expected_card = report.total(PAID)
    pairs = [
        ("موجودی اولیه صندوق (نقد):", rials(report.float_rials)),
        ("جمع پرداخت‌های کارتی به روایت صندوق:", rials(expected_card)),
        ("جمع باطل‌شده:", rials(report.total(VOIDED))),
        ("مبلغ تراکنش‌های نامعلوم:", rials(sum(t.amount_rials for t in report.in_category(IN_DOUBT)))),
    ]
    if report.counted_card_rials is not None:
        pairs.append(("جمع کارتی شمارش‌شده:", rials(report.counted_card_rials)))
        pairs.append(("اختلاف کارتی:", _difference(report.counted_card_rials - expected_card) + " ریال"))
    if report.counted_cash_rials is not None:
        pairs.append(("نقد شمارش‌شده:", rials(report.counted_cash_rials)))
        pairs.append(("اختلاف نقد:", _difference(report.counted_cash_rials - report.float_rials) + " ریال"))
    sheet.fields(pairs, columns=2)


def _decisions(sheet: Sheet, report: DayCloseReport) -> None:
    if not report.decisions:
        return
    section(sheet, "تصمیم متصدی درباره تراکنش‌های نامعلوم")
    columns = [Column("شناسه تراکنش", 28), Column("تصمیم", 22), Column("دلیل", 50)]
    rows = [[d.transaction_id, DECISION_TITLES.get(d.decision, d.decision), d.reason] for d in report.decisions]
    sheet.table(columns, rows, size=8)


def _signatures(sheet: Sheet) -> None:
    sheet.gap(6 * mm)
    sheet.ensure(26 * mm)
    top = sheet.y
    sheet.text_at("نام و امضای متصدی صندوق", sheet.right - 10 * mm, top, size=9)
    sheet.text_at("نام و امضای مسئول دفتر", sheet.left + 55 * mm, top, size=9)
    sheet.y = top + 18 * mm
    width = 60 * mm
    sheet.rect(sheet.right - 10 * mm - width, sheet.y, width, 0.5, fill=GREY)
    sheet.rect(sheet.left + 5 * mm, sheet.y, width, 0.5, fill=GREY)
    sheet.gap(4 * mm)


def build_day_close(report: DayCloseReport) -> bytes:
    """The day-close report as PDF bytes (A4, as many pages as the day needs)."""
    seal = sealed_qr(report)
    sheet = a4_sheet()
    a4_header(sheet, report, report.office_name, TITLE, (("روز کاری:", jdate(report.business_date)),))
    counts = {category: len(report.in_category(category)) for category in CATEGORY_TITLES}
    sheet.fields(
        [
            ("متصدی صندوق:", report.operator_name),
            ("کد دفتر:", report.office_code),
            ("نشست صندوق:", report.cashier_session),
            ("تعداد تراکنش:", fa(len(report.transactions))),
            ("باز شدن:", jdatetime(report.opened_at)),
            ("بسته شدن:", jdatetime(report.closed_at)),
            ("مطابق:", fa(counts[MATCHED])),
            ("مغایرت و نامعلوم:", fa(len(report.transactions) - counts[MATCHED])),
        ],
        columns=2,
    )
    seal_block(sheet, seal[0] if seal else None, side=26 * mm)  # on the first page, where a check starts
    for category in CATEGORY_TITLES:
        _transactions(sheet, category, report.in_category(category))
    _kind_totals(sheet, report)
    _counted(sheet, report)
    _decisions(sheet, report)
    if report.note:
        section(sheet, "توضیح متصدی")
        sheet.paragraph(report.note, size=9)
    if report.mismatches:
        sheet.gap(2 * mm)
        sheet.paragraph(
            "مغایرت‌ها باید با شهرداری بررسی شوند؛ هیچ تراکنشی خودکار برگشت داده یا حذف نمی‌شود.",
            bold=True,
            color=STAMP,
            size=9,
        )
    _signatures(sheet)
    training = is_training(report, seal[1] if seal else None)
    footer = ("المثنی — " if report.reprint else "") + report.number
    return sheet.render(meta(report, TITLE, "a4", training=training), training=training, footer=footer)
