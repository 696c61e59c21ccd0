"""`pishkhan journal`: check the operator's journal, or export it for an inspector.

    pishkhan journal verify [--data DIR] [--office CODE --user NAME | --db FILE | --file EXPORT]
                            [--heads FILE] [--against-server URL [--password-stdin] [--ca-bundle FILE]]
    pishkhan journal export --out FILE [--format csv|json] [--data DIR] [--office CODE --user NAME | --db FILE]

The operator's database is found as the application finds it: `<data>/<office>-<user>.sqlite3`, the data folder
being the application's (`PISHKHAN_HOME`, `PISHKHAN_DATA_DIR` or the platform's), or `--data`. With neither
`--office` nor `--user`, the only profile in the folder is taken. The database is opened read-only.

`verify` prints one line and exits 0 when the journal is whole, 1 when it is broken (naming the first wrong entry
and what is wrong: edited, deleted, reordered, inserted, or rewritten: not the head recorded with an outbox action
or held by the server); 2 when it could not check (bad input, unreadable file, server unreachable or sign-in
refused), with one line on stderr.

Against the municipality's record: `--heads FILE` compares with heads the server keeps (one `<seq>:<sha256>` per
line, or the JSON of `GET /actions/{key}` answers); `--against-server URL` signs in as the journal's operator
(password on stdin with `--password-stdin`, or typed), asks the server (`GET /actions/{key}`) for the head it holds
for each action in the local outbox, and compares. Whoever also deletes outbox rows hides those keys from this
check; the server's own list of the operator's actions, if the municipality keeps one, does not depend on them.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from civic.cli import EXIT_BAD_INPUT, OneLineParser, fail, parse_or_status
from client_api.journal import (
    Finding,
    JournalEntry,
    Problem,
    Verdict,
    compare_heads,
    entries_of,
    outbox_heads,
    parse_head,
    verify_entries,
)
from client_api.journal_files import FORMATS, JournalFileError, read_export, write_export
from client_api.local_db import marker_path, profile_db_path

EXIT_WHOLE, EXIT_BROKEN = 0, 1
MAX_HEADS_BYTES = 64 * 1024 * 1024
JOURNAL_SCHEMA_VERSION = 3


class _Refused(Exception):
    """The check cannot be made; the message is the one line for stderr."""


class _Broken(Exception):
    """The journal is broken before its entries can even be read (its table is gone)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.line())
        self.finding = finding


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="pishkhan journal", description="The operator's tamper-evident journal.")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    verify = verbs.add_parser("verify", help="check the hash chain; name the first wrong entry")
    _source_options(verify)
    verify.add_argument("--file", type=Path, metavar="EXPORT", help="check an exported journal (CSV or JSON) instead")
    verify.add_argument("--heads", type=Path, metavar="FILE", help="also compare with heads the server holds")
    verify.add_argument("--against-server", metavar="URL", help="also compare with the heads the server holds")
    verify.add_argument("--password-stdin", action="store_true", help="read the operator's password from stdin")
    verify.add_argument("--ca-bundle", type=Path, metavar="FILE", help="trusted certificates for --against-server")
    export = verbs.add_parser("export", help="write the journal to a file for an inspector")
    _source_options(export)
    export.add_argument("--out", required=True, type=Path, metavar="FILE", help="the file to write (a new one)")
    export.add_argument("--format", choices=FORMATS, help="default: from the file's suffix, else csv")
    return parser


def _source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, metavar="DIR", help="the application's data folder")
    parser.add_argument("--office", metavar="CODE", help="the operator's office code")
    parser.add_argument("--user", metavar="NAME", help="the operator's username")
    parser.add_argument("--db", type=Path, metavar="FILE", help="an operator database file, wherever it is")


def _database_path(args: argparse.Namespace) -> Path:
    if args.db is not None:
        if args.office or args.user or args.data:
            raise _Refused("--db: give either --db or --data/--office/--user")
        if not args.db.is_file():
            raise _Refused(f"--db: {args.db}: no such file")
        return Path(args.db)
    if bool(args.office) != bool(args.user):
        raise _Refused("--office and --user go together")
    if args.data is not None:
        data = Path(args.data)
    else:
        from desktop.paths import app_dirs

        data = app_dirs().data
    if not data.is_dir():
        raise _Refused(f"--data: {data}: no such folder")
    if args.office:
        path = profile_db_path(data, args.office, args.user)
        if not path.is_file():
            raise _Refused(f"no database for {args.office}/{args.user} in {data}")
        return path
    # a profile's database has its marker beside it (client_api/local_db.py); copies set aside or kept before a
    # migration have none (and a "." in their stem)
    files = sorted(p for p in data.glob("*.sqlite3") if p.is_file())
    found = [p for p in files if marker_path(p).exists()] or [p for p in files if "." not in p.stem]
    if not found:
        raise _Refused(f"no operator database in {data}")
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise _Refused(f"several operator databases in {data} ({names}): choose one with --office and --user")
    return found[0]


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        raise _Refused(f"{path}: cannot read the database ({exc})") from None
    if "journal" not in tables:
        conn.close()
        if version >= JOURNAL_SCHEMA_VERSION:
            raise _Broken(Finding(1, Problem.DELETED, "the journal table itself is gone"))
        raise _Refused(f"{path}: this database has no journal (schema version {version})")
    return conn


def _read_heads(path: Path) -> list[str]:
    """Heads from a file: one per line, or JSON (a list of heads, or of `GET /actions/{key}` answers)."""
    try:
        if not path.is_file():
            raise _Refused(f"--heads: {path}: not a file")
        if path.stat().st_size > MAX_HEADS_BYTES:
            raise _Refused(f"--heads: {path}: larger than {MAX_HEADS_BYTES // (1024 * 1024)} MB")
        text = path.read_bytes()[:MAX_HEADS_BYTES].decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _Refused(f"--heads: {path}: cannot read ({exc})") from None
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise _Refused(f"--heads: {path}: not JSON ({exc})") from None
        raw = [item.get("journal_head") if isinstance(item, dict) else item for item in items]
        lines = [item for item in raw if item is not None]
    else:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        if not isinstance(line, str) or parse_head(line) is None:
            raise _Refused(f"--heads: {path}: item {number} is not a journal head (<sequence>:<sha256>)")
    return [str(line) for line in lines]


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("password: ")
    else:
        raise _Refused("--against-server: give the operator's password with --password-stdin")
    if not password:
        raise _Refused("--against-server: empty password")
    return password


def _server_heads(args: argparse.Namespace, conn: sqlite3.Connection, entries: Sequence[JournalEntry]) -> list[str]:
    from client_api import ApiError, InsecureTransportError, MemoryTokenStore, MunicipalClient

    office = args.office or (entries[0].office if entries else "")
    user = args.user or (entries[0].operator if entries else "")
    if not office or not user:
        raise _Refused("--against-server: the journal is empty; give --office and --user")
    try:
        client = MunicipalClient(args.against_server, MemoryTokenStore(), ca_bundle=args.ca_bundle or None)
    except (InsecureTransportError, ValueError) as exc:
        raise _Refused(f"--against-server: {exc}") from None
    password = _password(args)
    heads: list[str] = []
    try:
        client.sign_in(user, password, office, "journal-verify")
        try:
            for key, _kept in outbox_heads(conn):  # every key: a head wiped locally is still on the server
                record = client.lookup_action(key)
                if record is not None and record.journal_head is not None:
                    heads.append(record.journal_head)
        finally:
            client.logout()
    except ApiError as exc:
        raise _Refused(f"--against-server: {type(exc).__name__}: {exc}") from None
    return heads


def _verify(args: argparse.Namespace) -> int:
    conn: sqlite3.Connection | None = None
    try:
        if args.file is not None:
            if args.db or args.office or args.user or args.data or args.against_server:
                raise _Refused("--file checks an export alone (with --heads at most)")
            try:
                entries = read_export(args.file)
            except (JournalFileError, OSError) as exc:
                raise _Refused(f"--file: {args.file}: {exc}") from None
        else:
            conn = _connect(_database_path(args))
            entries = entries_of(conn)
        heads = _read_heads(args.heads) if args.heads is not None else []
        verdict = verify_entries(entries)
        if verdict.finding is not None:
            return _broken(verdict.finding)
        if conn is not None:  # each outbox action keeps the head it was sent with: a rewrite must match those too
            kept = [head for _, head in outbox_heads(conn) if head is not None]
            local = compare_heads(entries, kept, "the outbox (sent with an action)")
            if local is not None:
                return _broken(local)
        if args.against_server:
            assert conn is not None
            heads += _server_heads(args, conn, entries)
        finding = compare_heads(entries, heads)
        if finding is not None:
            return _broken(finding)
        print(_whole_line(verdict, len(set(heads)), bool(args.heads or args.against_server)))
        return EXIT_WHOLE
    except _Broken as broken:
        return _broken(broken.finding)
    except _Refused as refused:
        return fail(f"pishkhan journal verify: {refused}")
    finally:
        if conn is not None:
            conn.close()


def _broken(finding: Finding) -> int:
    print(f"journal broken: {finding.line()}")
    return EXIT_BROKEN


def _whole_line(verdict: Verdict, heads: int, compared: bool) -> str:
    line = f"journal whole: {verdict.entries} entries, head {verdict.head or 'none (empty)'}"
    if compared:
        line += f"; matches the {heads} head(s) the server holds"
    return line


def _export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    fmt = args.format or ("json" if out.suffix.lower() == ".json" else "csv")
    try:
        if out.exists() or out.is_symlink():
            raise _Refused(f"--out: {out} exists; choose a new file")
        if not out.parent.is_dir():
            raise _Refused(f"--out: {out.parent}: no such folder")
        conn = _connect(_database_path(args))
        try:
            entries = entries_of(conn)
        finally:
            conn.close()
        try:
            write_export(out, entries, fmt)
        except OSError as exc:
            raise _Refused(f"--out: cannot write {out} ({exc.strerror or exc})") from None
    except _Broken as broken:
        return fail(f"pishkhan journal export: {broken}", EXIT_BROKEN)
    except _Refused as refused:
        return fail(f"pishkhan journal export: {refused}")
    print(f"{len(entries)} entries written to {out} ({fmt})")
    return EXIT_WHOLE


def main(argv: list[str] | None = None) -> int:
    args = parse_or_status(_parser(), argv)
    if isinstance(args, int):
        return args
    if args.verb == "verify":
        return _verify(args)
    if args.verb == "export":
        return _export(args)
    return EXIT_BAD_INPUT
