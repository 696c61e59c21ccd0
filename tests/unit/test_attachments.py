"""Files handed over at the counter: accepted by what they contain, refused with a sentence naming the file and the
reason, and hostile ones (programs renamed .pdf, huge, empty, special files, PDFs that run code) refused without
reading more than they must."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import attachments
from desktop.attachments import (
    ACTIVE_PDF,
    CHANGED,
    EMPTY,
    EXECUTABLE,
    JPEG,
    MAX_BYTES,
    MISSING,
    NOT_A_FILE,
    PDF,
    PNG,
    TOO_LARGE,
    UNKNOWN_TYPE,
    AttachmentError,
    check_attachment,
    read_checked,
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17) + b"\x00\x00\x00\x00IEND\xaeB`\x82"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64) + b"\xff\xd9"
PLAIN_PDF = (
    b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _refusal(path: Path) -> AttachmentError:
    with pytest.raises(AttachmentError) as caught:
        check_attachment(path)
    return caught.value


def test_a_plain_pdf_is_accepted_with_its_size_and_hash(tmp_path):
    path = _write(tmp_path, "سند مالکیت.pdf", PLAIN_PDF)
    checked = check_attachment(path)
    assert (checked.filename, checked.media_type, checked.size) == ("سند مالکیت.pdf", PDF, len(PLAIN_PDF))
    assert checked.sha256 == hashlib.sha256(PLAIN_PDF).hexdigest()
    assert read_checked(checked) == PLAIN_PDF


def test_the_type_comes_from_the_content_not_the_name(tmp_path):
    assert check_attachment(_write(tmp_path, "plan.pdf", PNG_BYTES)).media_type == PNG
    assert check_attachment(_write(tmp_path, "id-card.png", JPEG_BYTES)).media_type == JPEG
    assert check_attachment(_write(tmp_path, "scan", PLAIN_PDF)).media_type == PDF


def test_an_elf_program_renamed_pdf_is_refused_as_a_linux_program(tmp_path):
    error = _refusal(_write(tmp_path, "deed.pdf", Path(sys.executable).resolve().read_bytes()[:4096]))
    assert (error.reason, error.detail) == (EXECUTABLE, "elf")
    text = error.message()
    assert "deed.pdf" in text and "برنامهٔ اجرایی لینوکس" in text and "نه PDF" in text
    assert "deed.pdf" in str(error) and "executable" in str(error)


@pytest.mark.parametrize(
    ("data", "kind", "words"),
    [
        (b"#!/bin/sh\nrm -rf ~\n", "script", "اسکریپت اجرایی"),
        (b"MZ\x90\x00\x03" + bytes(200), "pe", "ویندوز"),
        (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + bytes(100), "mach-o", "مک"),
        (b"PK\x03\x04\x14\x00" + bytes(100), "zip", "ZIP"),
    ],
)
def test_other_programs_renamed_pdf_are_refused_naming_what_they_are(tmp_path, data, kind, words):
    error = _refusal(_write(tmp_path, "plan.pdf", data))
    assert (error.reason, error.detail) == (EXECUTABLE, kind)
    assert words in error.message() and "plan.pdf" in error.message()


def test_a_200_mb_file_is_refused_from_its_size_without_being_opened(tmp_path, monkeypatch):
    path = tmp_path / "huge.pdf"
    subprocess.run(["truncate", "-s", "200M", str(path)], check=True)  # sparse: no disk used

    def no_open(*args: object, **kwargs: object) -> int:
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr(attachments.os, "open", no_open)
    started = time.perf_counter()
    error = _refusal(path)
    assert time.perf_counter() - started < 0.05
    assert (error.reason, error.detail) == (TOO_LARGE, str(200 * 1024 * 1024))
    assert "huge.pdf" in error.message() and "۲۰۰ مگابایت" in error.message() and "۱۰ مگابایت" in error.message()


def test_the_limit_is_the_apis_ten_mebibytes_inclusive(tmp_path):
    exact = tmp_path / "exact.pdf"
    with exact.open("wb") as f:
        f.write(PLAIN_PDF)
        f.truncate(MAX_BYTES)
    assert MAX_BYTES == 10 * 1024 * 1024
    assert check_attachment(exact).size == MAX_BYTES
    with exact.open("ab") as f:
        f.write(b"\n")
    error = _refusal(exact)
    assert error.reason == TOO_LARGE and "۱۰ مگابایت" in error.message()


def test_an_empty_file_is_refused(tmp_path):
    error = _refusal(_write(tmp_path, "empty.pdf", b""))
    assert error.reason == EMPTY
    assert "empty.pdf" in error.message() and "خالی" in error.message()


@pytest.mark.parametrize(
    ("snippet", "marker"),
    [
        (b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", "JavaScript"),
        (b"/AA << /O << /S /JS /JS 5 0 R >> >>", "JS"),
        (b"/OpenAction << /S /Launch /F (cmd.exe) >>", "Launch"),
        (b"/Names << /EmbeddedFiles 7 0 R >>", "EmbeddedFiles"),
        (b"/OpenAction << /S /J#61vaScript /JS#20 (x) >>", "JavaScript"),  # a name hidden with a #xx escape
    ],
)
def test_a_pdf_that_can_run_something_is_refused(tmp_path, snippet, marker):
    data = PLAIN_PDF.replace(b"/OpenAction [3 0 R /Fit]", snippet)
    error = _refusal(_write(tmp_path, "deed.pdf", data))
    assert (error.reason, error.detail) == (ACTIVE_PDF, marker)
    assert "deed.pdf" in error.message() and "پذیرفته نمی‌شود" in error.message() and marker in error.message()


def test_names_that_only_start_like_javascript_do_not_refuse_a_pdf(tmp_path):
    data = PLAIN_PDF.replace(b"/Type /Catalog", b"/Type /Catalog /JSONData (x) /Launcher 1")
    assert check_attachment(_write(tmp_path, "ok.pdf", data)).media_type == PDF


def test_a_folder_is_refused_as_not_a_file(tmp_path):
    folder = tmp_path / "plans.pdf"
    folder.mkdir()
    error = _refusal(folder)
    assert (error.reason, error.detail) == (NOT_A_FILE, "folder")
    assert "plans.pdf" in error.message() and "پوشه" in error.message()


def test_a_fifo_is_refused_without_blocking(tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    monkeypatch.setattr(attachments.os, "open", lambda *a, **k: pytest.fail("a FIFO must not be opened"))
    error = _refusal(fifo)
    assert (error.reason, error.detail) == (NOT_A_FILE, "fifo")


def test_dev_zero_is_refused_without_reading_it(monkeypatch):
    monkeypatch.setattr(attachments.os, "open", lambda *a, **k: pytest.fail("a device must not be opened"))
    error = _refusal(Path("/dev/zero"))
    assert (error.reason, error.detail) == (NOT_A_FILE, "device")
    assert "zero" in error.message() and "دستگاه" in error.message()


def test_a_missing_file_and_an_unknown_type_are_refused_by_name(tmp_path):
    missing = _refusal(tmp_path / "gone.pdf")
    assert missing.reason == MISSING and "gone.pdf" in missing.message()
    text = _refusal(_write(tmp_path, "note.pdf", "سلام".encode()))
    assert text.reason == UNKNOWN_TYPE and "note.pdf" in text.message()


def test_a_file_changed_after_the_check_is_not_sent(tmp_path):
    path = _write(tmp_path, "deed.pdf", PLAIN_PDF)
    checked = check_attachment(path)
    path.write_bytes(PLAIN_PDF.replace(b"595 842", b"612 792"))  # same size, other bytes
    with pytest.raises(AttachmentError) as caught:
        read_checked(checked)
    assert caught.value.reason == CHANGED and "deed.pdf" in caught.value.message()
    path.write_bytes(PLAIN_PDF + b"%extra\n")
    with pytest.raises(AttachmentError):
        read_checked(checked)


def test_a_file_grown_past_the_limit_after_the_stat_is_caught_by_the_bounded_read(tmp_path, monkeypatch):
    path = _write(tmp_path, "deed.pdf", PLAIN_PDF)
    real_fstat = os.fstat

    def grown(fd: int) -> os.stat_result:
        with path.open("ab") as f:
            f.truncate(MAX_BYTES + 4096)  # grows between the open and the read; fstat still sees the old size
        fields = tuple(real_fstat(fd))
        return os.stat_result((*fields[:6], len(PLAIN_PDF), *fields[7:]))

    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        reads.append(len(chunk))
        return chunk

    monkeypatch.setattr(attachments.os, "fstat", grown)
    monkeypatch.setattr(attachments.os, "read", counting_read)
    error = _refusal(path)
    assert error.reason == TOO_LARGE
    assert sum(reads) == MAX_BYTES + 1
