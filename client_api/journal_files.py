"""The journal as a file for an inspector (CSV or JSON), read back exactly, so an exported copy verifies as well.

JSON: `{"format": "pishkhan-journal", "version": 1, "entries": [{...}, ...]}`, each entry with every stored field
(`details` as an object). CSV: a header row, then one row per entry; `details` is its canonical JSON; an empty
`server_time` is null. A cell that a spreadsheet would take for a formula (it begins with `= + - @`, a tab or a
carriage return) is written with a leading `'`, as is a cell that begins with `'`; reading takes one `'` off again.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from client_api.journal import JournalEntry, canonical_json

FORMAT_NAME = "pishkhan-journal"
FORMAT_VERSION = 1
FORMATS = ("csv", "json")
COLUMNS = (
    "sequence",
    "kind",
    "operator",
    "office",
    "terminal",
    "local_time",
    "server_time",
    "details",
    "previous_hash",
    "hash",
)
MAX_FILE_BYTES = 512 * 1024 * 1024
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


class JournalFileError(Exception):
    """The file is not a journal export this program can read; the message says why."""


def _as_dict(entry: JournalEntry) -> dict[str, Any]:
    return {
        "sequence": entry.sequence,
        "kind": entry.kind,
        "operator": entry.operator,
        "office": entry.office,
        "terminal": entry.terminal,
        "local_time": entry.local_time,
        "server_time": entry.server_time,
        "details": entry.details,
        "previous_hash": entry.previous_hash,
        "hash": entry.hash,
    }


def to_json(entries: Sequence[JournalEntry]) -> bytes:
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "entries": [_as_dict(e) for e in entries]}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _cell_out(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell_in(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


def to_csv(entries: Sequence[JournalEntry]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        row = _as_dict(entry)
        row["details"] = canonical_json(entry.details).decode("utf-8")
        row["server_time"] = entry.server_time or ""
        writer.writerow([_cell_out(str(row[column])) for column in COLUMNS])
    return out.getvalue().encode("utf-8")


def write_export(path: Path, entries: Sequence[JournalEntry], fmt: str) -> None:
    """Write a new file (never over an existing one: FileExistsError)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    data = to_json(entries) if fmt == "json" else to_csv(entries)
    with open(path, "xb") as file:
        file.write(data)


def _entry(data: dict[str, Any], where: str) -> JournalEntry:
    try:
        details = data["details"]
        server_time = data["server_time"]
        if not isinstance(details, dict) or not (server_time is None or isinstance(server_time, str)):
            raise TypeError("details must be an object, server_time a string or null")
        sequence = data["sequence"]
        if isinstance(sequence, bool) or not isinstance(sequence, int):
            raise TypeError("sequence must be an integer")
        names = ("kind", "operator", "office", "terminal", "local_time", "previous_hash", "hash")
        texts = {name: data[name] for name in names}
        if not all(isinstance(text, str) for text in texts.values()):
            raise TypeError("text fields must be strings")
        return JournalEntry(sequence=sequence, server_time=server_time, details=details, **texts)
    except (KeyError, TypeError) as exc:
        raise JournalFileError(f"{where}: {exc}") from None


def from_json(data: bytes) -> list[JournalEntry]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise JournalFileError(f"not JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise JournalFileError(f"not a {FORMAT_NAME} document")
    if document.get("version") != FORMAT_VERSION:
        raise JournalFileError(f"version {document.get('version')!r} is not {FORMAT_VERSION}")
    items = document.get("entries")
    if not isinstance(items, list):
        raise JournalFileError("no entry list")
    return [_entry(item if isinstance(item, dict) else {}, f"entry {index + 1}") for index, item in enumerate(items)]


def from_csv(data: bytes) -> list[JournalEntry]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JournalFileError(f"not UTF-8 text ({exc.reason})") from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None or tuple(header) != COLUMNS:
        raise JournalFileError(f"the first row must be: {','.join(COLUMNS)}")
    entries = []
    for number, row in enumerate(rows, start=2):
        if not row:
            continue
        if len(row) != len(COLUMNS):
            raise JournalFileError(f"row {number}: {len(row)} cells, not {len(COLUMNS)}")
        cells: dict[str, Any] = {column: _cell_in(cell) for column, cell in zip(COLUMNS, row, strict=True)}
        try:
            cells["sequence"] = int(cells["sequence"])
            cells["details"] = json.loads(cells["details"])
        except (ValueError, RecursionError) as exc:
            raise JournalFileError(f"row {number}: {exc}") from None
        cells["server_time"] = cells["server_time"] or None
        entries.append(_entry(cells, f"row {number}"))
    return entries


def read_export(path: Path) -> list[JournalEntry]:
    """An exported journal (CSV or JSON, told by its first character); JournalFileError or OSError when it cannot
    be read."""
    path = Path(path)
    if not path.is_file():
        raise JournalFileError("not a regular file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise JournalFileError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    with open(path, "rb") as file:
        data = file.read(MAX_FILE_BYTES + 1)
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    return from_json(data) if stripped.startswith(b"{") else from_csv(data)
