"""Receipt rendering: one 80 mm receipt with its table and QR seal, against a bare ReportLab canvas (not a test).

    python bench/receipt_bench.py [--runs 200] [--batch 1000]

Both sides draw the same strings in the same font on the same page size with invariant output, in the same run and
the same process; the baseline does no shaping, no bidi, no layout, no table rules and no QR. Seals are signed
before timing (the server signs; the client only prints). Prints the median milliseconds of each, their ratio,
and the time for a batch of 1,000 different receipts in one process. Goal: at most 25 ms median per receipt.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from civic.jalali import format_jalali_datetime
from civic.money import format_rials, rials_in_words
from desktop import doc_samples as samples
from printing import build_pdf
from printing.fonts import BOLD, REGULAR, register_fonts
from printing.model import PaymentReceipt


def receipt_strings(r: PaymentReceipt) -> list[str]:
    """Every string the receipt prints, as plain logical text."""
    strings = ["رسید پرداخت", r.office_name, f"کد دفتر: {r.office_code}"]
    pairs = [
        ("شماره رسید", r.number),
        ("تاریخ و ساعت", format_jalali_datetime(r.issued_at)),
        ("پرداخت‌کننده", r.payer_name),
        ("کد ملی", r.payer_national_id),
        ("کد نوسازی", r.renovation_code),
        ("بانک", r.bank_name),
        ("شماره کارت", r.card_mask),
        ("شماره مرجع", r.rrn),
        ("کد رهگیری", r.tracking_code),
        ("متصدی", r.operator_name),
        ("پایانه", r.terminal_id),
    ]
    for label, value in pairs:
        strings += [label, value]
    strings += ["شرح", "مبلغ (ریال)"]
    for line in r.lines:
        strings += [f"{line.title} ({line.reference})", format_rials(line.amount_rials)]
    strings += ["جمع کل", format_rials(r.total_rials), f"به حروف: {rials_in_words(r.total_rials)}"]
    strings += ["اصالت این رسید را با خواندن کد بالا بررسی کنید.", "از پرداخت شما سپاسگزاریم."]
    return strings


def bare_canvas(strings: list[str], height: float) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(80 * mm, height), invariant=1, pageCompression=1)
    y = height - 10 * mm
    for i, text in enumerate(strings):
        canvas.setFont(BOLD if i % 2 else REGULAR, 8)
        canvas.drawRightString(76 * mm, y, text)
        y -= 11
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _median_ms(fn, items) -> float:
    times = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="receipts timed one by one for the medians")
    parser.add_argument("--batch", type=int, default=1000, help="receipts in the one-process batch")
    args = parser.parse_args()

    register_fonts()
    receipts = [samples.receipt(serial) for serial in range(1, max(args.runs, args.batch) + 1)]  # signed up front
    strings = [receipt_strings(r) for r in receipts]
    build_pdf(receipts[0])  # warm-up: font parsing, first-use imports
    bare_canvas(strings[0], 150 * mm)

    ours, bare = [], []
    for k in range(args.runs):  # alternate, so both see the same machine state
        ours.append(_median_ms(build_pdf, [receipts[k]]))
        bare.append(_median_ms(lambda s: bare_canvas(s, 150 * mm), [strings[k]]))
    ours_ms, bare_ms = statistics.median(ours), statistics.median(bare)

    started = time.perf_counter()
    total_bytes = sum(len(build_pdf(r)) for r in receipts[: args.batch])
    batch_s = time.perf_counter() - started

    print(f"80 mm receipt with table and QR : median {ours_ms:6.2f} ms  (p95 {_p95(ours):6.2f} ms)")
    print(f"bare ReportLab canvas, same text: median {bare_ms:6.2f} ms")
    print(f"ratio                           : {ours_ms / bare_ms:6.2f}x")
    print(
        f"{args.batch} receipts in one process  : {batch_s:6.2f} s  ({batch_s * 1000 / args.batch:.2f} ms each, "
        f"{total_bytes / args.batch / 1024:.1f} KiB each)"
    )
    goal = 25.0
    print(f"goal <= {goal:.0f} ms median          : {'met' if ours_ms <= goal else 'NOT met'}")
    return 0


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


if __name__ == "__main__":
    raise SystemExit(main())
