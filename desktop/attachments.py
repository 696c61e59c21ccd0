"""Files a citizen hands over at the counter (deed, ID card, plans), checked before they join a permit request.

What is checked, in this order, and why:
1. `os.stat` first: only a regular file passes (a folder, a FIFO, a socket or a device such as /dev/zero is refused
   without being opened, so nothing can block or stream forever), an empty file is refused, and a file over
   `ATTACHMENT_MAX_BYTES` (the API's limit, 10 MiB) is refused from its size alone, before one byte is read.
2. The file is opened non-blocking, checked again on the open descriptor (the same file, still regular) and read with
   a bounded read: at most the limit plus one byte, so a file that grew after the stat is caught, not slurped.
3. The type comes from the content, never from the name: PDF (`%PDF-`), JPEG (`FF D8 FF`) or PNG (its 8-byte
   signature). A program renamed .pdf (ELF, Windows MZ/PE, Mach-O, Java class, a `#!` script, a ZIP or JAR) is
   refused with what it really is.
4. A PDF that can run something is refused: the name tokens /JS, /JavaScript, /Launch, /EmbeddedFile(s) and
   /RichMedia are searched for in the raw bytes, with `#xx` escapes in names decoded (/J#61vaScript is /JavaScript).
   An /OpenAction or /AA that runs JavaScript names /JS or /JavaScript, so it is caught by the same search. Objects
   packed inside compressed object streams (/ObjStm) or compressed content streams are NOT inflated and searched:
   this is a counter-side first check, and the municipality's own scanning remains the authority.

`check_attachment(path)` returns a `CheckedFile` (type, size and SHA-256 of what was read); `read_checked(file)` reads
it again when it is sent and refuses it if the bytes are no longer the ones checked. Every refusal is an
`AttachmentError` whose `message()` is the operator's sentence in the interface language (Qt translation: Persian is
the source, English the translation) naming the file and the reason; `str(error)` is an English line for the log.
Apart from that translation, nothing here touches Qt, so the checks run on a worker thread.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from client_api.actions import ATTACHMENT_MAX_BYTES

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
MAX_BYTES = ATTACHMENT_MAX_BYTES
_CHUNK = 1 << 20

# reasons (AttachmentError.reason)
MISSING = "missing"
UNREADABLE = "unreadable"
NOT_A_FILE = "not-a-file"  # detail: folder, fifo, device, socket, other
EMPTY = "empty"
TOO_LARGE = "too-large"  # detail: the size in bytes
EXECUTABLE = "executable"  # detail: elf, pe, mach-o, java-class, script, zip
ACTIVE_PDF = "active-pdf"  # detail: the PDF name found, e.g. JavaScript
UNKNOWN_TYPE = "unknown-type"
CHANGED = "changed"

_SIGNATURES = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
_PROGRAMS = (
    (b"\x7fELF", "elf"),
    (b"MZ", "pe"),
    (b"\xfe\xed\xfa\xce", "mach-o"),
    (b"\xfe\xed\xfa\xcf", "mach-o"),
    (b"\xce\xfa\xed\xfe", "mach-o"),
    (b"\xcf\xfa\xed\xfe", "mach-o"),
    (b"\xca\xfe\xba\xbe", "java-class"),  # also a universal Mach-O binary: a program either way
    (b"#!", "script"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
)
_ACTIVE_NAMES = frozenset({"JS", "JavaScript", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia"})
# a PDF name: a solidus and regular characters up to the next delimiter or white space (ISO 32000-1, 7.3.5)
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
_ACTIVE_NAME = re.compile(rb"/(JS|JavaScript|Launch|EmbeddedFiles?|RichMedia)(?!" + _REGULAR + rb")")
_ESCAPED_NAME = re.compile(rb"/(" + _REGULAR + rb"*#" + _REGULAR + rb"*)")  # only these need decoding
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_CLAIMED = {".pdf": "PDF", ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


@dataclass(frozen=True)
class CheckedFile:
    path: Path
    filename: str
    media_type: str  # from the content: application/pdf, image/jpeg or image/png
    size: int
    sha256: str  # hex digest of the bytes that were checked


class AttachmentError(Exception):
    """A file was refused; `reason` (one of the constants above) and `detail` say why, `message()` says it to the
    operator."""

    def __init__(self, filename: str, reason: str, detail: str = "") -> None:
        self.filename = filename
        self.reason = reason
        self.detail = detail
        super().__init__(f"attachment {filename!r} refused: {reason}" + (f" ({detail})" if detail else ""))

    def message(self) -> str:
        """The sentence for the operator in the interface language, naming the file and the reason."""
        from desktop.formatting import format_number, isolate

        name = isolate(self.filename)
        if self.reason == MISSING:
            return QCoreApplication.translate("Attachments", "پرونده «{name}» پیدا نشد.").format(name=name)
        if self.reason == UNREADABLE:
            return QCoreApplication.translate(
                "Attachments", "پرونده «{name}» خوانده نشد (اجازه دسترسی نیست یا دیسک خطا دارد)."
            ).format(name=name)
        if self.reason == NOT_A_FILE:
            return QCoreApplication.translate(
                "Attachments", "«{name}» یک پرونده معمولی نیست ({what})؛ فقط پرونده PDF، JPEG یا PNG پیوست می‌شود."
            ).format(name=name, what=_not_a_file(self.detail))
        if self.reason == EMPTY:
            return QCoreApplication.translate("Attachments", "پرونده «{name}» خالی است؛ پذیرفته نمی‌شود.").format(
                name=name
            )
        if self.reason == TOO_LARGE:
            size = format_number(_megabytes(int(self.detail or 0)))
            limit = format_number(_megabytes(MAX_BYTES))
            return QCoreApplication.translate(
                "Attachments", "پرونده «{name}» {size} مگابایت است؛ بیشترین اندازه مجاز {limit} مگابایت است."
            ).format(name=name, size=size, limit=limit)
        if self.reason == EXECUTABLE:
            what = _program(self.detail)
            claimed = _CLAIMED.get(Path(self.filename).suffix.lower())
            if claimed:
                return QCoreApplication.translate(
                    "Attachments", "پرونده «{name}» {what} است، نه {claimed}؛ پذیرفته نمی‌شود."
                ).format(name=name, what=what, claimed=claimed)
            return QCoreApplication.translate(
                "Attachments", "پرونده «{name}» {what} است؛ فقط PDF، JPEG یا PNG پذیرفته می‌شود."
            ).format(name=name, what=what)
        if self.reason == ACTIVE_PDF:
            return QCoreApplication.translate(
                "Attachments",
                "پرونده PDF «{name}» کد یا پرونده اجرایی درون خود دارد ({marker})؛ برای امنیت پذیرفته نمی‌شود. "
                "از سند چاپ یا اسکن تازه بگیرید.",
            ).format(name=name, marker=isolate("/" + self.detail))
        if self.reason == CHANGED:
            return QCoreApplication.translate(
                "Attachments", "پرونده «{name}» پس از پیوست‌شدن تغییر کرده است؛ آن را دوباره پیوست کنید."
            ).format(name=name)
        return QCoreApplication.translate(
            "Attachments", "پرونده «{name}» نه PDF است، نه JPEG و نه PNG؛ پذیرفته نمی‌شود."
        ).format(name=name)


def _megabytes(size: int) -> Decimal:
    """A size in MiB, to one decimal, rounded half up (10485761 bytes reads 10, 10538189 reads 10.1)."""
    return (Decimal(size) / Decimal(1 << 20)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _not_a_file(kind: str) -> str:
    if kind == "folder":
        return QCoreApplication.translate("Attachments", "یک پوشه است")
    if kind == "device":
        return QCoreApplication.translate("Attachments", "یک دستگاه سیستم است")
    if kind in ("fifo", "socket"):
        return QCoreApplication.translate("Attachments", "یک کانال ارتباطی سیستم است")
    return QCoreApplication.translate("Attachments", "نوع آن ناشناخته است")


def _program(kind: str) -> str:
    if kind == "elf":
        return QCoreApplication.translate("Attachments", "یک برنامهٔ اجرایی لینوکس (ELF)")
    if kind == "pe":
        return QCoreApplication.translate("Attachments", "یک برنامهٔ اجرایی ویندوز (EXE/DLL)")
    if kind == "mach-o":
        return QCoreApplication.translate("Attachments", "یک برنامهٔ اجرایی مک (Mach-O)")
    if kind == "java-class":
        return QCoreApplication.translate("Attachments", "یک برنامهٔ اجرایی (Java یا Mach-O)")
    if kind == "script":
        return QCoreApplication.translate("Attachments", "یک اسکریپت اجرایی")
    return QCoreApplication.translate("Attachments", "یک بایگانی ZIP (شاید برنامهٔ JAR)")


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def _check_stat(name: str, st: os.stat_result) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise AttachmentError(name, NOT_A_FILE, _kind_of(st.st_mode))
    if st.st_size == 0:
        raise AttachmentError(name, EMPTY)
    if st.st_size > MAX_BYTES:
        raise AttachmentError(name, TOO_LARGE, str(st.st_size))


def _os_error(name: str, exc: OSError) -> AttachmentError:
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return AttachmentError(name, MISSING)
    return AttachmentError(name, UNREADABLE, exc.strerror or type(exc).__name__)


def _read_bounded(path: Path, name: str, before: os.stat_result) -> bytes:
    """At most MAX_BYTES + 1 bytes of the file that `before` describes, refused if it is no longer that file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_error(name, exc) from exc
    try:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
            raise AttachmentError(name, CHANGED)  # replaced between the stat and the open
        _check_stat(name, now)
        chunks: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(_CHUNK, left))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise _os_error(name, exc) from exc
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if not data:
        raise AttachmentError(name, EMPTY)
    if len(data) > MAX_BYTES:
        raise AttachmentError(name, TOO_LARGE, str(len(data)))
    return data


def sniff(data: bytes) -> str | None:
    """The media type the content says (PDF, JPEG or PNG), or None."""
    for signature, media_type in _SIGNATURES:
        if data.startswith(signature):
            return media_type
    return None


def program_kind(data: bytes) -> str | None:
    """What kind of program `data` is (elf, pe, mach-o, java-class, script, zip), or None."""
    for signature, kind in _PROGRAMS:
        if data.startswith(signature):
            return kind
    return None


def active_pdf_content(data: bytes) -> str | None:
    """The first name in the PDF's bytes that can run or carry something (JavaScript, Launch, ...), or None.

    Only the bytes as stored are searched: names inside compressed object streams are not seen (see the module's
    docstring)."""
    plain = _ACTIVE_NAME.search(data)
    if plain is not None:
        return plain.group(1).decode("ascii")
    for match in _ESCAPED_NAME.finditer(data):
        name = _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1)).decode("latin-1")
        if name in _ACTIVE_NAMES:
            return name
    return None


def _verdict(name: str, data: bytes) -> str:
    media_type = sniff(data)
    if media_type is None:
        kind = program_kind(data)
        if kind is not None:
            raise AttachmentError(name, EXECUTABLE, kind)
        raise AttachmentError(name, UNKNOWN_TYPE)
    if media_type == PDF:
        marker = active_pdf_content(data)
        if marker is not None:
            raise AttachmentError(name, ACTIVE_PDF, marker)
    return media_type


def check_attachment(path: Path) -> CheckedFile:
    """Check the file at `path` for attaching: AttachmentError when it is refused (see the module's docstring)."""
    path = Path(path)
    name = path.name or str(path)
    try:
        before = os.stat(path)
    except OSError as exc:
        raise _os_error(name, exc) from exc
    _check_stat(name, before)
    data = _read_bounded(path, name, before)
    media_type = _verdict(name, data)
    return CheckedFile(path, name, media_type, len(data), hashlib.sha256(data).hexdigest())


def read_checked(file: CheckedFile) -> bytes:
    """The bytes of a file checked earlier, read again (bounded); AttachmentError(CHANGED) when they are no longer the
    bytes that were checked, or the reason the file cannot be read now."""
    try:
        before = os.stat(file.path)
    except OSError as exc:
        raise _os_error(file.filename, exc) from exc
    _check_stat(file.filename, before)
    if before.st_size != file.size:
        raise AttachmentError(file.filename, CHANGED)
    data = _read_bounded(file.path, file.filename, before)
    if len(data) != file.size or hashlib.sha256(data).hexdigest() != file.sha256:
        raise AttachmentError(file.filename, CHANGED)
    return data
