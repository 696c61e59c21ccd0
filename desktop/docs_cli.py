"""`pishkhan docs`: sample documents and offline seal verification.

    pishkhan docs sample KIND --out FILE.pdf      a sample of KIND with demo content and a training seal
    pishkhan docs sample all --out DIR            every kind, as DIR/KIND.pdf
    pishkhan docs verify SEAL_TEXT | - [--date YYYY/MM/DD] [--trust FILE]
                                                  the same as `pishkhan verify --lang en` (civic/verify_cli.py)
    pishkhan docs kinds                           the kinds, one a line

`main(argv)` gets the arguments after `docs`. Bad input: one line on stderr naming what is wrong, exit status 2. A
seal that does not verify: one line saying why, exit status 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from civic.cli import OneLineParser, fail, parse_or_status

if TYPE_CHECKING:
    from printing.model import Document

NOT_GENUINE = 1
MAX_SEAL_CHARS = 64 * 1024  # a seal is a few hundred characters; anything near this is not one


def _parser() -> argparse.ArgumentParser:
    from printing import KINDS

    parser = OneLineParser(prog="pishkhan docs", description="Printed documents: samples and seal verification.")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="{sample,verify,kinds}")
    sample = verbs.add_parser("sample", help="render a sample document with demo content")
    sample.add_argument("kind", metavar="KIND", choices=[*KINDS, "all"], help="one of: " + ", ".join(KINDS) + ", all")
    sample.add_argument("--out", required=True, type=Path, help="the PDF file to write (a folder for `all`)")
    verify = verbs.add_parser("verify", help="verify a document seal (the text of its QR code) offline")
    verify.add_argument("seal", metavar="SEAL", help="the seal text as a scanner types it, or - to read stdin")
    verify.add_argument("--trust", type=Path, help="a trust list (default: the bundled resources/trust/keys.json)")
    verify.add_argument("--date", metavar="YYYY/MM/DD", help="Jalali date to check expiry on (default: today, Tehran)")
    verbs.add_parser("kinds", help="list the document kinds")
    return parser


def main(argv: list[str]) -> int:
    """Run the `docs` verb; returns the exit status."""
    args = parse_or_status(_parser(), argv)
    if isinstance(args, int):
        return args
    if args.verb == "kinds":
        from printing import KINDS

        print("\n".join(KINDS))
        return 0
    if args.verb == "sample":
        return _sample(args.kind, args.out)
    return _verify(args.seal, args.trust, args.date)


def sample_document(kind: str) -> tuple[Document, str]:
    """The demo document of `kind` and the paper it goes on."""
    from desktop import doc_samples as samples
    from printing import KINDS

    paper = KINDS[kind][1]
    makers: dict[str, Callable[[], Document]] = {
        "receipt-80mm": samples.receipt,
        "receipt-a5": samples.receipt,
        "inquiry-reply": samples.inquiry_reply,
        "zoning": samples.zoning_sheet,
        "fee-preview": samples.fee_preview,
        "day-close": samples.day_close,
        "request-receipt": samples.request_receipt,
    }
    maker = makers.get(kind)
    return (maker() if maker else samples.certificate(kind)), paper


def _sample(kind: str, out: Path) -> int:
    from printing import KINDS, build_pdf

    targets = [(k, out / f"{k}.pdf") for k in KINDS] if kind == "all" else [(kind, out)]
    if kind == "all":
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return fail(f"pishkhan docs: --out: cannot make the folder ({exc.strerror or exc})")
    elif out.suffix.lower() != ".pdf":
        return fail("pishkhan docs: --out: the file name must end in .pdf")
    for name, path in targets:
        doc, paper = sample_document(name)
        pdf = build_pdf(doc, paper)
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            return fail(f"pishkhan docs: --out: cannot write {path} ({exc.strerror or exc})")
        print(path)
    return 0


def _verify(text: str, trust_path: Path | None, date_text: str | None) -> int:
    """The same check as `pishkhan verify` (civic/verify_cli.py), in English, without the operator's kept lists
    (`pishkhan docs verify` run through `pishkhan` is `pishkhan verify` itself, with them)."""
    from civic.verify_cli import main as verify_main

    argv = ["--lang", "en"]
    argv += ["--trust", str(trust_path)] if trust_path is not None else []
    argv += ["--date", date_text] if date_text is not None else []
    return verify_main([*argv, "--", text])
