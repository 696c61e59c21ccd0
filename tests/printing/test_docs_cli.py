"""`pishkhan docs`: a sample of every kind, offline verification of a scanned seal, one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from printing import KINDS, samples

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
    result = _pishkhan("docs", "verify", "-", stdin=samples.receipt().seal + "\n")
    assert result.returncode == 0, result.stderr
    assert "genuine: receipt R-1404-1001-000123" in result.stdout
    assert "TRAINING" in result.stdout


def test_docs_verify_rejects_an_altered_seal():
    seal = samples.receipt().seal
    altered = seal[:-3] + ("A" if seal[-3] != "A" else "B") + seal[-2:]
    result = _pishkhan("docs", "verify", altered)
    assert result.returncode in (1, 2)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_docs_verify_on_a_date_after_expiry_says_expired():
    seal = samples.certificate().seal
    result = _pishkhan("docs", "verify", seal, "--date", "1404/12/01")
    assert result.returncode == 1
    assert "expired" in result.stderr
    assert _pishkhan("docs", "verify", seal, "--date", "1404/06/01").returncode == 0


def test_docs_verify_bad_date_names_the_option():
    result = _pishkhan("docs", "verify", samples.receipt().seal, "--date", "1404/13/01")
    assert result.returncode == 2 and "--date" in result.stderr
