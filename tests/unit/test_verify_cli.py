"""`pishkhan verify`: exit 0 only for a genuine, valid document whose revocation was checked; 1 with one line saying
why in the chosen language; 2 with one line naming the option; Gregorian dates refused; the kept lists used."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from civic.keys import TRAINING_KEY_ID, training_private_key
from civic.revocation import Revocation, sign_revocation_list
from civic.seal import SealPayload, content_digest, sign, tehran_today
from civic.trust_cache import TrustCache
from civic.verify_cli import main

ROOT = Path(__file__).resolve().parents[2]
TODAY = tehran_today()
NUMBER = "CL-1405-000555"


def _seal(*, expires: dt.date | None = TODAY + dt.timedelta(days=60), key=None, key_id=TRAINING_KEY_ID) -> str:
    payload = SealPayload(
        key_id=key_id,
        number=NUMBER,
        kind="clearance",
        issued=TODAY - dt.timedelta(days=10),
        expires=expires,
        holder="علی رضایی",
        amount_rials=4_200_000,
        content_sha256=content_digest({"number": NUMBER}),
        training=True,
    )
    return sign(payload, key or training_private_key())


def _list_file(folder: Path, *, age: dt.timedelta = dt.timedelta(hours=1), revoked: bool = False) -> Path:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    entries = [Revocation(NUMBER, now - age - dt.timedelta(days=2), "صدور اشتباه")] if revoked else []
    signed = sign_revocation_list(
        entries,
        issued_at=now - age,
        max_age=dt.timedelta(hours=24),
        key_id=TRAINING_KEY_ID,
        private_key=training_private_key(),
    )
    path = folder / f"revocations-{age.total_seconds():.0f}-{revoked}.json"
    path.write_text(json.dumps(signed, ensure_ascii=False), encoding="utf-8")
    return path


def run(capsys, *argv: str, profile: Path | None = None) -> tuple[int, str, str]:
    status = main(list(argv), profile=profile)
    out, err = capsys.readouterr()
    return status, out, err


def test_genuine_and_valid_with_a_current_list_is_exit_0_with_the_signed_fields(capsys, tmp_path):
    status, out, err = run(capsys, _seal(), "--revocations", str(_list_file(tmp_path)), "--lang", "en")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == f"genuine: clearance {NUMBER}"
    assert "holder: علی رضایی" in lines and "amount: 4,200,000 rials" in lines
    assert any(line.startswith("not revoked (revocation list of ") for line in lines)
    assert lines[-1].startswith("TRAINING document")
    status, out, _ = run(capsys, _seal(), "--revocations", str(_list_file(tmp_path)))  # Persian by default
    assert status == 0 and out.startswith(f"اصیل: مفاصاحساب {NUMBER}")
    assert "۴٬۲۰۰٬۰۰۰ ریال (چهار میلیون و دویست هزار ریال)" in out


def test_without_a_revocation_list_it_says_it_could_not_check_and_exits_1(capsys, tmp_path):
    status, out, err = run(capsys, _seal(), "--lang", "en", profile=tmp_path / "empty-profile")
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"NOT CONFIRMED: {NUMBER} has a genuine signature")
    assert "no revocation list" in err
    status, _, err = run(capsys, _seal())
    assert status == 1 and "فهرست اسناد باطل‌شده در دسترس نیست" in err


def test_a_stale_list_is_reported_not_genuine(capsys, tmp_path):
    stale = _list_file(tmp_path, age=dt.timedelta(days=3))
    status, _, err = run(capsys, _seal(), "--revocations", str(stale), "--lang", "en")
    assert status == 1 and err.count("\n") == 1
    assert "the revocation list is 3 days old, older than its maximum age of 24 hours" in err
    status, _, err = run(capsys, _seal(), "--revocations", str(stale), "--lang", "fa")
    assert "۳ روز پیش صادر شده" in err


def test_revoked_expired_forged_and_unknown_issuer_are_exit_1_with_the_reason(capsys, tmp_path):
    current = str(_list_file(tmp_path))
    status, _, err = run(capsys, _seal(), "--revocations", str(_list_file(tmp_path, revoked=True)), "--lang", "en")
    assert status == 1 and err.startswith(f"NOT VALID: {NUMBER} was revoked on ") and "صدور اشتباه" in err
    expired = _seal(expires=TODAY - dt.timedelta(days=1))
    status, _, err = run(capsys, expired, "--revocations", current, "--lang", "en")
    assert status == 1 and err.startswith("NOT VALID: genuine but expired on ")
    seal = _seal()
    at = len(seal) - 10
    forged = seal[:at] + ("A" if seal[at] != "A" else "B") + seal[at + 1 :]
    status, _, err = run(capsys, forged, "--revocations", current, "--lang", "en")
    assert status == 1 and err.startswith(("NOT GENUINE", "NOT A SEAL"))
    other = _seal(key=Ed25519PrivateKey.generate(), key_id="hamedan-2")
    status, _, err = run(capsys, other, "--revocations", current, "--lang", "en")
    assert status == 1 and err == "NOT GENUINE: signed with the key hamedan-2, which is not in the trust list\n"
    status, _, err = run(capsys, "https://example.org", "--lang", "en")
    assert status == 1 and err.startswith("NOT A SEAL")


def test_a_caps_lock_scan_reads(capsys, tmp_path):
    status, _, err = run(capsys, _seal().lower(), "--revocations", str(_list_file(tmp_path)))
    assert status == 0, err


def test_the_date_is_jalali_and_a_gregorian_looking_one_is_refused(capsys, tmp_path):
    current = str(_list_file(tmp_path))
    for gregorian in ("2026/12/02", "2026-12-02", "۲۰۲۶/۱۲/۰۲", "1700/01/01"):
        status, out, err = run(capsys, _seal(), "--date", gregorian, "--revocations", current)
        assert status == 2 and out == "" and err.count("\n") == 1, gregorian
        assert "--date" in err and "Gregorian" in err
    expired_then = _seal(expires=dt.date(2027, 3, 1))  # 1405/12/10
    status, _, err = run(capsys, expired_then, "--date", "1406/01/05", "--revocations", current, "--lang", "en")
    assert status == 1 and "expired on 1405/12/10" in err
    assert run(capsys, expired_then, "--date", "۱۴۰۵/۱۲/۰۱", "--revocations", current)[0] == 0
    status, _, err = run(capsys, _seal(), "--date", "1405/13/01")
    assert status == 2 and "--date" in err


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["--lang", "de"], "--lang"),
        (["--trust", "/nonexistent/keys.json"], "--trust"),
        (["--revocations", "/nonexistent/list.json"], "--revocations"),
    ],
)
def test_bad_options_are_exit_2_naming_the_option(capsys, argv, option):
    status, out, err = run(capsys, _seal(), *argv)
    assert status == 2 and out == "" and err.count("\n") == 1 and option in err


def test_a_forged_revocation_list_is_bad_input(capsys, tmp_path):
    path = _list_file(tmp_path, revoked=True)
    signed = json.loads(path.read_text(encoding="utf-8"))
    signed["revoked"] = []
    path.write_text(json.dumps(signed), encoding="utf-8")
    status, _, err = run(capsys, _seal(), "--revocations", str(path))
    assert status == 2 and "--revocations" in err and "signature" in err


def test_empty_text_is_bad_input(capsys):
    status, _, err = run(capsys, "   ")
    assert status == 2 and "TEXT" in err


def test_the_kept_lists_of_the_profile_are_used(capsys, tmp_path):
    profile = tmp_path / "config"
    TrustCache(profile).keep_revocations(_list_file(tmp_path).read_bytes())
    status, out, err = run(capsys, _seal(), "--lang", "en", profile=profile)
    assert status == 0 and out.startswith("genuine:"), err
    TrustCache(profile).keep_revocations(_list_file(tmp_path, revoked=True, age=dt.timedelta(0)).read_bytes())
    status, _, err = run(capsys, _seal(), "--lang", "en", profile=profile)
    assert status == 1 and "was revoked" in err


def _pishkhan(*args: str, stdin: str | None = None, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PISHKHAN_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, capture_output=True, text=True, input=stdin, env=env
    )


def test_the_verb_through_pishkhan_reads_stdin_and_the_profile(tmp_path):
    home = tmp_path / "home"
    TrustCache(home / "config").keep_revocations(_list_file(tmp_path).read_bytes())
    result = _pishkhan("verify", "-", "--lang", "en", stdin=_seal() + "\n", home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"genuine: clearance {NUMBER}")
    # `pishkhan docs verify` is the same check, in English
    same = _pishkhan("docs", "verify", _seal(), home=home)
    assert same.returncode == 0 and same.stdout == result.stdout
    bad = _pishkhan("verify", _seal(), "--date", "2026/12/02", home=home)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--date" in bad.stderr
    assert "Traceback" not in bad.stderr
