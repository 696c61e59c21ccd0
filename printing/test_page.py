"""The test page an operator prints from the settings page, to see that a printer works and prints Persian right.

It names the printer it was sent to, gives the date and time in the Jalali calendar, and carries Persian text with
joined letters, a half-space, brackets, Persian digits, an amount with separators and a hyphenated code: one look at
the paper shows whether shaping, right-to-left order and digits came out as they should.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm

from civic.jalali import TEHRAN
from printing import A4_PRINTER, RECEIPT_PRINTER, Rendered
from printing.common import a4_sheet, fa, jdatetime, rials
from printing.layout import GREY, Meta, Sheet
from printing.receipt import ROLL, ROLL_WIDTH

KIND = "test-page"
TITLE = "صفحه آزمایشی چاپگر"
SAMPLE_CODE = "2-14-123-45-0-0"
SAMPLE_AMOUNT = 12_500_000


def test_page_number(now: dt.datetime) -> str:
    """`TEST-<Tehran date and time to the millisecond>`: a fresh name for the archive and the print queue."""
    local = now.astimezone(TEHRAN)
    return f"TEST-{local:%Y%m%d-%H%M%S}{local.microsecond // 1000:03d}"


def build_test_page(printer: str, role: str, now: dt.datetime | None = None) -> Rendered:
    """The test page for `printer`, on the paper of `role` (the 80 mm roll or A4). `now` must be aware."""
    if role not in (RECEIPT_PRINTER, A4_PRINTER):
        raise ValueError(f"role must be {RECEIPT_PRINTER!r} or {A4_PRINTER!r}")
    now = now or dt.datetime.now(dt.UTC)
    number = test_page_number(now)
    roll = role == RECEIPT_PRINTER
    sheet = Sheet(ROLL_WIDTH, None, 4 * mm, size=8) if roll else a4_sheet()
    paper = ROLL if roll else "a4"
    sheet.heading(TITLE, size=sheet.size + 4)
    sheet.rule(dashed=True)
    sheet.fields(
        [
            ("چاپگر:", printer),
            ("کاغذ:", "رول ۸۰ میلی‌متری" if roll else "A4"),
            ("تاریخ و ساعت:", jdatetime(now)),
            ("شماره:", number),
        ]
    )
    sheet.rule(dashed=True)
    sheet.paragraph("این سطرها باید از راست به چپ، با حروف پیوسته و خوانا چاپ شوند:")
    sheet.paragraph("«پیشخوان خدمات دولت» (شهرداری همدان) — نیم‌فاصله در «می‌شود» و «خانه‌ها».")
    sheet.paragraph(f"ارقام: {fa('0123456789')}")
    sheet.paragraph(f"مبلغ نمونه: {rials(SAMPLE_AMOUNT)}")
    sheet.paragraph(f"کد نوسازی نمونه (از چپ به راست): {SAMPLE_CODE}")
    sheet.rule(dashed=True)
    sheet.paragraph(
        "اگر حرفی جدا، واژه‌ای وارونه یا رقمی جابه‌جا دیده می‌شود، به پشتیبانی خبر دهید.",
        size=sheet.size - 1,
        color=GREY,
    )
    meta = Meta(title=f"{TITLE} {number}", number=number, kind=KIND, keywords=(paper,))
    return Rendered(sheet.render(meta, training=False), number, KIND, paper, reprint=False)
