"""Receipt rendering: one 80 mm receipt with its table and QR seal, against a bare ReportLab canvas (not a test).

    python bench/receipt_bench.py [--runs 200] [--batch 1000]

Both sides draw the same strings (the letterhead's and the foot's included: the municipality, the verification hint,
the «آموزشی» mark) in the same font files on the same page width with invariant output, in the same run and the same
process. The baseline is ReportLab alone: the TTFs registered as plain `TTFont`s (not the project's fonts with their
readable text layer), each string drawn once as given, with no shaping, no bidi, no layout, no table rules, no
emblem and no QR. Seals are signed before timing (the server signs; the client only prints). Prints the median
milliseconds of each, their ratio against the goal (the receipt within 1.5x of the bare canvas), the time for a batch
of 1,000 different receipts in one process, and the older absolute goal (at most 25 ms median per receipt).
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
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from civic.jalali import format_jalali_datetime
from civic.money import format_rials, rials_in_words
from civic.resources import resource_path
from civic.seal import read_unverified
from civic.text import to_persian_digits as fa
from desktop import doc_samples as samples
from printing import build_pdf
from printing.common import is_training, verification_hint
from printing.fonts import BOLD, REGULAR, register_fonts
from printing.letterhead import issuer
from printing.model import PaymentReceipt

GOAL_RATIO = 1.5  # the receipt within 1.5x of the bare canvas
ABSOLUTE_GOAL_MS = 25.0
BARE_REGULAR, BARE_BOLD = "BareVazirmatn", "BareVazirmatn-Bold"
_DIRECTION_MARKS = str.maketrans("", "", "\u202a\u202c\u200e\u200f")  # the bare canvas has no bidi to read them


def register_bare_fonts() -> None:
    """The same TTF files as plain ReportLab `TTFont`s, so the baseline owes nothing to the project's font code.

    ReportLab hands out one font object for every registration of a face (known by the name inside the file), so
    each bare face is renamed first: otherwise the baseline would draw with the project's fonts, or the project
    with the bare ones, whichever was registered first.
    """
    register_fonts()
    for name, file in ((BARE_REGULAR, "Vazirmatn-Regular.ttf"), (BARE_BOLD, "Vazirmatn-Bold.ttf")):
        font = TTFont(name, str(resource_path("fonts", file)))
        font.face.name = b"Bare" + font.face.name
        pdfmetrics.registerFont(font)
        if pdfmetrics.getFont(name) is not font or type(pdfmetrics.getFont(REGULAR)) is TTFont:
            raise SystemExit("the bare fonts and the project's fonts share a font object: the comparison is void")


def receipt_strings(r: PaymentReceipt) -> list[str]:
    """Every string the roll receipt prints, as plain logical text, top to bottom."""
    strings = [issuer().organisation, r.office_name, f"کد دفتر: {fa(r.office_code)}"]
    if r.reprint:
        strings.append("المثنی")
    strings.append("رسید پرداخت")
    pairs = [
        ("شماره رسید", fa(r.number)),
        ("تاریخ و ساعت", format_jalali_datetime(r.issued_at)),
        ("پرداخت‌کننده", r.payer_name),
        ("کد ملی", fa(r.payer_national_id)),
        ("کد نوسازی", fa(r.renovation_code)),
        ("بانک", r.bank_name),
        ("شماره کارت", fa(r.card_mask)),
        ("شماره مرجع", fa(r.rrn)),
        ("کد رهگیری", fa(r.tracking_code)),
        ("متصدی", r.operator_name),
        ("پایانه", fa(r.terminal_id)),
    ]
    for label, value in pairs:
        strings += [label, value]
    strings += ["شرح", "مبلغ (ریال)"]
    for line in r.lines:
        title = line.title + (f" ({fa(line.reference)})" if line.reference else "")
        strings += [title, format_rials(line.amount_rials)]
    strings += ["جمع کل", format_rials(r.total_rials), f"به حروف: {rials_in_words(r.total_rials)}"]
    strings += [verification_hint(receipt=True).translate(_DIRECTION_MARKS), "از پرداخت شما سپاسگزاریم."]
    if is_training(r, read_unverified(r.seal)[0] if r.seal else None):  # «آموزشی» across the roll
        strings.append("آموزشی")
    return strings


def bare_canvas(strings: list[str], height: float, fonts: tuple[str, str] = (BARE_REGULAR, BARE_BOLD)) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(80 * mm, height), invariant=1, pageCompression=1)
    y = height - 10 * mm
    for i, text in enumerate(strings):
        canvas.setFont(fonts[i % 2], 8)
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

    register_bare_fonts()  # and the project's
    receipts = [samples.receipt(serial) for serial in range(1, max(args.runs, args.batch) + 1)]  # signed up front
    strings = [receipt_strings(r) for r in receipts]
    build_pdf(receipts[0])  # warm-up: font parsing, first-use imports
    bare_canvas(strings[0], 150 * mm)  # warm-up of the bare fonts
    bare_canvas(strings[0], 150 * mm, (REGULAR, BOLD))

    ours, bare, bare_own_fonts = [], [], []
    for k in range(args.runs):  # in turn, so all see the same machine state
        ours.append(_median_ms(build_pdf, [receipts[k]]))
        bare.append(_median_ms(lambda s: bare_canvas(s, 150 * mm), [strings[k]]))
        bare_own_fonts.append(_median_ms(lambda s: bare_canvas(s, 150 * mm, (REGULAR, BOLD)), [strings[k]]))
    ours_ms, bare_ms, own_fonts_ms = statistics.median(ours), statistics.median(bare), statistics.median(bare_own_fonts)

    started = time.perf_counter()
    total_bytes = sum(len(build_pdf(r)) for r in receipts[: args.batch])
    batch_s = time.perf_counter() - started

    ratio = ours_ms / bare_ms
    print(f"80 mm receipt with table and QR : median {ours_ms:6.2f} ms  (p95 {_p95(ours):6.2f} ms)")
    print(f"bare ReportLab canvas, same text: median {bare_ms:6.2f} ms  (p95 {_p95(bare):6.2f} ms)")
    print(
        f"ratio                           : {ratio:6.2f}x   goal <= {GOAL_RATIO:.2f}x: "
        f"{'met' if ratio <= GOAL_RATIO else 'NOT met'} ({ratio / GOAL_RATIO:.0%} of the allowed ratio; "
        f"the receipt may take {GOAL_RATIO * bare_ms:.2f} ms)"
    )
    print(
        f"  for reference, the bare canvas with the project's fonts (their text layer and subsetting): median "
        f"{own_fonts_ms:.2f} ms, ratio {ours_ms / own_fonts_ms:.2f}x"
    )
    print(
        f"{args.batch} receipts in one process  : {batch_s:6.2f} s  ({batch_s * 1000 / args.batch:.2f} ms each, "
        f"{total_bytes / args.batch / 1024:.1f} KiB each)"
    )
    absolute = "met" if ours_ms <= ABSOLUTE_GOAL_MS else "NOT met"
    print(f"absolute goal <= {ABSOLUTE_GOAL_MS:.0f} ms median    : {absolute}")
    return 0


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


if __name__ == "__main__":
    raise SystemExit(main())
