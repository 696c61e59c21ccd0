"""`pishkhan fees preview`: the JSON shape, the readable table, and one-line errors with exit status 2."""

import json
import subprocess
import sys

import pytest
from fees_helpers import ROOT, TARIFFS, make_case, residential

from fees.cli import main

EXAMPLES = ROOT / "examples"


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write_case(tmp_path, case, name="case.json"):
    path = tmp_path / name
    path.write_text(json.dumps(case, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_json_output_has_the_documented_shape(capsys):
    status, out, err = run(capsys, "preview", str(EXAMPLES / "case-commercial.json"), "--json")
    assert (status, err) == (0, "")
    body = json.loads(out)
    assert set(body) == {"book", "lines", "total_rials"}
    assert set(body["book"]) == {"code", "version", "sha256"} and body["book"]["version"] == "1405.1"
    assert type(body["total_rials"]) is int and body["total_rials"] == 1_244_880_000
    for line in body["lines"]:
        assert {"code", "title", "formula", "inputs", "amount_rials"} <= set(line)
        assert type(line["amount_rials"]) is int
    assert sum(line["amount_rials"] for line in body["lines"]) == body["total_rials"]


def test_persian_table_names_the_book_and_the_total_in_words(capsys):
    status, out, err = run(capsys, "preview", str(EXAMPLES / "case-residential.json"))
    assert (status, err) == (0, "")
    assert "hamedan" in out and "1405.1" in out
    assert "۲۲۱٬۳۲۶٬۰۰۰" in out  # 221,326,000 with Persian digits and separator
    assert "به حروف: دویست و بیست و یک میلیون و سیصد و بیست و شش هزار ریال" in out


def test_english_table(capsys):
    status, out, _ = run(capsys, "preview", str(EXAMPLES / "case-transfer.json"), "--lang", "en")
    assert status == 0
    assert "Book: hamedan version 1404.1" in out and "Total: 696,000 rials" in out
    assert "In words: six hundred ninety-six thousand rials" in out


def test_date_option_overrides_the_case_date(capsys):
    status, out, _ = run(capsys, "preview", str(EXAMPLES / "case-residential.json"), "--date", "1404/06/01", "--json")
    assert status == 0 and json.loads(out)["book"]["version"] == "1404.1"


def test_book_option_uses_a_verified_book_file(tmp_path, capsys):
    book = tmp_path / "my.toml"
    book.write_bytes((TARIFFS / "hamedan-1404.toml").read_bytes())
    (tmp_path / "my.toml.sig").write_bytes((TARIFFS / "hamedan-1404.toml.sig").read_bytes())
    case = write_case(tmp_path, make_case("1404/03/03", 123, [residential(150)]))
    status, out, _ = run(capsys, "preview", case, "--book", str(book), "--json")
    assert status == 0 and json.loads(out)["total_rials"] == 2_430_000  # 150 × 90,000 × .18


def _one_line_error(capsys, *argv):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1 and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda c: c.pop("land_area_m2"), "land_area_m2: is required"),
        (lambda c: c["floors"][0].update(area_m2=-3), "floors[0].area_m2: must not be negative"),
        (lambda c: c["floors"][0].update(use="spaceport"), "floors[0].use: must be one of"),
        (lambda c: c.update(date="1399/01/01"), "date: no tariff book is in force on 1399/01/01"),
        (lambda c: c.update(renovation_code="1-1-999-1-0-0"), "renovation_code: block 999 has no regional value"),
        (lambda c: c.update(date="1405/02/31x"), "date:"),
    ],
)
def test_bad_case_is_one_line_with_exit_2(tmp_path, capsys, change, needle):
    case = make_case("1405/02/01", 123, [residential(150)])
    change(case)
    err = _one_line_error(capsys, "preview", write_case(tmp_path, case), "--lang", "en")
    assert needle in err


def test_bad_inputs_in_persian_are_one_line_too(tmp_path, capsys):
    case = make_case("1405/02/01", 123, [residential(-1)])
    err = _one_line_error(capsys, "preview", write_case(tmp_path, case))
    assert "floors[0].area_m2" in err and "منفی" in err


def test_malformed_json_missing_file_and_bad_options(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text('{"renovation_code": ', encoding="utf-8")
    assert "malformed JSON at line 1" in _one_line_error(capsys, "preview", str(broken), "--lang", "en")
    assert "nope.json" in _one_line_error(capsys, "preview", str(tmp_path / "nope.json"))
    case = write_case(tmp_path, make_case("1405/02/01", 123, [residential(150)]))
    assert "date" in _one_line_error(capsys, "preview", case, "--date", "1405/14/01", "--lang", "en")
    assert "--lang" in _one_line_error(capsys, "preview", case, "--lang", "de")
    assert "pishkhan fees" in _one_line_error(capsys, "preview")
    assert "pishkhan fees" in _one_line_error(capsys, "review", case)


def test_book_option_rejects_tampered_unsigned_and_out_of_range_books(tmp_path, capsys):
    case = write_case(tmp_path, make_case("1405/02/01", 123, [residential(150)]))
    book = tmp_path / "b.toml"
    book.write_bytes((TARIFFS / "hamedan-1405.toml").read_bytes().replace(b"117000", b"1170"))
    assert "b.toml" in _one_line_error(capsys, "preview", case, "--book", str(book), "--lang", "en")
    (tmp_path / "b.toml.sig").write_bytes((TARIFFS / "hamedan-1405.toml.sig").read_bytes())
    assert "does not match" in _one_line_error(capsys, "preview", case, "--book", str(book), "--lang", "en")
    book.write_bytes((TARIFFS / "hamedan-1404.toml").read_bytes())
    (tmp_path / "b.toml.sig").write_bytes((TARIFFS / "hamedan-1404.toml.sig").read_bytes())
    assert "no tariff book is in force on 1405/02/01" in _one_line_error(
        capsys, "preview", case, "--book", str(book), "--lang", "en"
    )
    assert "cannot read" in _one_line_error(
        capsys, "preview", case, "--book", str(tmp_path / "none.toml"), "--lang", "en"
    )


def test_module_entry_point_prints_no_traceback(tmp_path):
    case = write_case(tmp_path, {"renovation_code": "1-1-123-1-0-0"})
    result = subprocess.run(
        [sys.executable, "-m", "fees.cli", "preview", case, "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().endswith("land_area_m2: is required") and result.stderr.count("\n") == 1
