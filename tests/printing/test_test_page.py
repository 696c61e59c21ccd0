"""The printer test page: names the printer, dates itself in the Jalali calendar and carries Persian text whose
shaping and digits the operator can judge on paper."""

from __future__ import annotations

import datetime as dt

import pytest

from printing import A4_PRINTER, RECEIPT_PRINTER
from printing.test_page import build_test_page


@pytest.mark.parametrize(("role", "paper"), [(RECEIPT_PRINTER, "roll-80mm"), (A4_PRINTER, "a4")])
def test_the_test_page_names_the_printer_and_the_jalali_date(pdf_text, role, paper):
    now = dt.datetime(2026, 4, 20, 6, 30, tzinfo=dt.UTC)  # 1405/01/31 10:00 in Tehran
    doc = build_test_page("Office Printer 2", role, now)
    assert doc.printer_role == role and doc.paper == paper and not doc.reprint
    assert doc.number == "TEST-20260420-100000000"
    text = pdf_text(doc.pdf)
    assert "Office Printer 2" in text
    assert "۱۴۰۵/۰۱/۳۱" in text and "۱۰:۰۰" in text
    assert "صفحه آزمایشی چاپگر" in text
    assert "۰۱۲۳۴۵۶۷۸۹" in text
    assert "۱۲٬۵۰۰٬۰۰۰" in text  # the amount with its separators
    assert "2-14-123-45-0-0" in text  # the code keeps its order inside the Persian line


def test_the_test_page_refuses_an_unknown_role():
    with pytest.raises(ValueError):
        build_test_page("x", "label-printer")
