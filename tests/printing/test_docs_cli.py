"""`pishkhan docs`: a sample of every kind, offline verification of a scanned seal, one-line errors."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from civic.jalali import format_jalali_date
from desktop import doc_samples as samples
from printing import KINDS
from printing.model import COMPLETION

ROOT = Path(__file__).resolve().parents[2]


def _pishkhan(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, capture_output=True, text=True, input=stdin
    )


def test_docs_sample_all_writes_every_kind(tmp_path):
    result = _pishkhan("docs", "sample", "all", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for kind in KINDS:
        reader = PdfReader(tmp_path / f"{kind}.pdf")
        assert reader.metadata.subject


def test_docs_sample_one_kind(tmp_path):
    out = tmp_path / "reply.pdf"
    result = _pishkhan("docs", "sample", "inquiry-reply", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert PdfReader(out).metadata.subject == samples.inquiry_reply().number


def test_an_unknown_kind_is_one_line_naming_the_argument(tmp_path):
    result = _pishkhan("docs", "sample", "passport", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "KIND" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unwritable_out_is_one_line_naming_the_option(tmp_path):
    result = _pishkhan("docs", "sample", "zoning", "--out", str(tmp_path / "missing" / "x.pdf"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--out" in result.stderr


def test_docs_verify_reads_a_seal_from_stdin():
    # whether «genuine» also needs a revocation list is `pishkhan verify`'s policy (civic/verify_cli.py); here: the
    # seal read from stdin is the sample's, and its signature is found genuine
    doc = samples.receipt()
    result = _pishkhan("docs", "verify", "-", stdin=doc.seal + "\n")
    assert result.returncode in (0, 1)
    assert doc.number in result.stdout + result.stderr
    assert "genuine" in (result.stdout + result.stderr).lower()


def test_docs_verify_rejects_an_altered_seal():
    seal = samples.receipt().seal
    altered = seal[:-3] + ("A" if seal[-3] != "A" else "B") + seal[-2:]
    result = _pishkhan("docs", "verify", altered)
    assert result.returncode in (1, 2)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_docs_verify_on_a_date_after_expiry_says_expired():
    doc = samples.certificate()
    after = format_jalali_date(doc.valid_until + dt.timedelta(days=1), persian_digits=False)
    result = _pishkhan("docs", "verify", doc.seal, "--date", after)
    assert result.returncode == 1
    assert "expired" in result.stderr.lower()


def test_a_sample_made_today_is_not_expired_today_and_the_completion_certificate_never_expires():
    for doc in (samples.receipt(), samples.certificate(), samples.inquiry_reply()):
        result = _pishkhan("docs", "verify", doc.seal)
        assert "expired" not in (result.stdout + result.stderr).lower(), doc.number
    completion = samples.certificate(COMPLETION)
    result = _pishkhan("docs", "verify", completion.seal, "--date", "1499/12/29")
    assert "expired" not in (result.stdout + result.stderr).lower()


def test_docs_verify_bad_date_names_the_option():
    result = _pishkhan("docs", "verify", samples.receipt().seal, "--date", "1404/13/01")
    assert result.returncode == 2 and "--date" in result.stderr
