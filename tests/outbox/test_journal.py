"""The operator's journal on a real SQLite file: the chain, the triggers, tampering as an attacker would do it
(triggers dropped first, then rows edited, deleted, swapped, inserted, re-hashed), exports read back, the CLI."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from client_api.journal import (
    GENESIS,
    Journal,
    JournalEntry,
    JournalError,
    JournalIdentity,
    Problem,
    chain_hash,
    compare_heads,
    head,
    parse_head,
    read_entries,
    verify,
)
from client_api.journal_files import from_csv, read_export, to_csv, write_export
from client_api.local_db import SCHEMA_VERSION, LocalDatabase, profile_db_path
from desktop.cli import main as pishkhan

IDENTITY = JournalIdentity("counter1", "PK-1001", "T-JOURNAL1", 2.0)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def db(data_dir: Path) -> LocalDatabase:
    return LocalDatabase(profile_db_path(data_dir, "PK-1001", "counter1")).open()


def fill(db: LocalDatabase, n: int = 6) -> list[JournalEntry]:
    journal = Journal(db, IDENTITY)
    kinds = ["sign-in", "print", "settings", "print", "reprint", "sign-out", "sign-in", "print"]
    return [journal.append(kinds[i % len(kinds)], {"number": f"R-{i + 1}", "pages": i + 1}) for i in range(n)]


def attacker(db: LocalDatabase) -> sqlite3.Connection:
    """A plain connection to the file with the journal's triggers dropped, as anyone with the file can do."""
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute("DROP TRIGGER journal_entries_are_never_changed")
    conn.execute("DROP TRIGGER journal_entries_are_never_deleted")
    return conn


def insert_row(conn: sqlite3.Connection, row: tuple) -> None:
    conn.execute(
        "INSERT INTO journal (sequence, kind, operator, office, terminal, local_time, server_time, details,"
        " previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row,
    )


def renumber(conn: sqlite3.Connection, start: int, by: int) -> None:
    """Move every entry from `start` on by `by` places (through a range no entry uses, as the key is unique)."""
    conn.execute("UPDATE journal SET sequence = sequence + 1000000 WHERE sequence >= ?", (start,))
    conn.execute("UPDATE journal SET sequence = sequence - 1000000 + ? WHERE sequence >= 1000000", (by,))


# -- the chain ---------------------------------------------------------------------------------------------------


def test_entries_are_numbered_and_chained_from_the_genesis_hash(db):
    entries = fill(db, 4)
    assert [e.sequence for e in entries] == [1, 2, 3, 4]
    assert entries[0].previous_hash == GENESIS
    for before, after in itertools.pairwise(entries):
        assert after.previous_hash == before.hash
        assert after.hash == chain_hash(before.hash, after.content())
    assert read_entries(db) == entries
    assert head(db) == f"4:{entries[-1].hash}"
    assert parse_head(head(db) or "") == (4, entries[-1].hash)


def test_an_entry_records_who_where_and_when(db):
    entry = Journal(db, IDENTITY, clock=lambda: 1_764_650_000.25).append("print", {"number": "R-1"})
    assert (entry.operator, entry.office, entry.terminal) == ("counter1", "PK-1001", "T-JOURNAL1")
    assert entry.local_time == "2025-12-02T04:33:20.250Z"
    assert entry.server_time == "2025-12-02T04:33:22.250Z"  # the server's clock ran 2 s ahead at sign-in
    unknown = Journal(db, JournalIdentity("counter1", "PK-1001", "T-JOURNAL1")).append("lock")
    assert unknown.server_time is None


def test_the_verdict_of_a_sound_journal_is_whole(db):
    entries = fill(db)
    verdict = verify(db)
    assert verdict.whole and verdict.entries == 6 and verdict.head == entries[-1].head


def test_the_table_refuses_update_and_delete(db):
    fill(db, 3)
    with db.connect() as conn:
        with pytest.raises(sqlite3.IntegrityError, match="never changed"):
            conn.execute("UPDATE journal SET details = '{}' WHERE sequence = 2")
        with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
            conn.execute("DELETE FROM journal WHERE sequence = 3")
    assert verify(db).whole


@pytest.mark.parametrize(
    ("kind", "details"),
    [
        ("Print", {}),
        ("", {}),
        ("print", {"Bad Key": "x"}),
        ("print", {"flag": True}),
        ("print", {"amount": 1.5}),
        ("print", {f"k{i}": i for i in range(40)}),
    ],
)
def test_bad_kinds_and_details_are_refused_and_nothing_is_written(db, kind, details):
    with pytest.raises(JournalError):
        Journal(db, IDENTITY).append(kind, details)
    assert read_entries(db) == []


def test_control_characters_are_blanked_and_long_texts_cut(db):
    entry = Journal(db, IDENTITY).append("print", {"number": "R\x00-1\u202e\n" + "x" * 900})
    assert entry.details["number"].startswith("R -1  ")
    assert len(str(entry.details["number"])) == 500
    assert verify(db).whole


def test_the_migration_keeps_an_older_database_and_adds_the_journal(tmp_path):
    from client_api.local_db import MIGRATIONS

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statements in MIGRATIONS[:2]:
        for statement in statements:
            conn.execute(statement)
    conn.execute("PRAGMA user_version=2")
    conn.execute(
        "INSERT INTO outbox (idempotency_key, api_root, kind, summary, method, path, content_type, body, body_sha256,"
        " state, created_at, updated_at, next_attempt_at, chain_id) VALUES ('k', 'r', 'note', 's', 'POST', '/me/notes',"
        " 'application/json', x'7b7d', 'h', 'queued', 1, 1, 1, 'k')"
    )
    conn.close()
    db = LocalDatabase(path).open()
    assert db.schema_version == SCHEMA_VERSION == 3
    with db.connect() as conn:
        rows = conn.execute("SELECT idempotency_key, journal_head FROM outbox").fetchall()
    assert [tuple(row) for row in rows] == [("k", None)]
    Journal(db, IDENTITY).append("sign-in")
    assert verify(db).whole


# -- tampering ---------------------------------------------------------------------------------------------------


def test_an_edited_detail_is_named(db):
    fill(db)
    with attacker(db) as conn:
        conn.execute("""UPDATE journal SET details = '{"number":"R-3","pages":30}' WHERE sequence = 3""")
    finding = verify(db).finding
    assert finding is not None and (finding.sequence, finding.problem) == (3, Problem.EDITED)


def test_an_edited_entry_with_its_hash_recomputed_is_named(db):
    entries = fill(db)
    changed = {**entries[2].content(), "details": {"number": "R-3", "pages": 30}}
    with attacker(db) as conn:
        conn.execute(
            "UPDATE journal SET details = ?, hash = ? WHERE sequence = 3",
            (json.dumps(changed["details"]), chain_hash(entries[1].hash, changed)),
        )
    finding = verify(db).finding
    assert finding is not None and (finding.sequence, finding.problem) == (3, Problem.EDITED)
    assert "recomputed" in finding.explanation


def test_an_edited_operator_or_time_is_named(db):
    fill(db)
    with attacker(db) as conn:
        conn.execute("UPDATE journal SET local_time = '2026-01-01T00:00:00.000Z' WHERE sequence = 5")
    finding = verify(db).finding
    assert finding is not None and (finding.sequence, finding.problem) == (5, Problem.EDITED)


def test_a_deleted_entry_is_named(db):
    fill(db)
    with attacker(db) as conn:
        conn.execute("DELETE FROM journal WHERE sequence = 4")
    finding = verify(db).finding
    assert finding is not None and (finding.sequence, finding.problem) == (4, Problem.DELETED)


def test_a_deleted_entry_with_the_rest_renumbered_is_named(db):
    fill(db)
    with attacker(db) as conn:
        conn.execute("DELETE FROM journal WHERE sequence = 2")
        renumber(conn, 3, -1)
    finding = verify(db).finding
    assert finding is not None and (finding.sequence, finding.problem) == (2, Problem.DELETED)


def test_the_first_entry_deleted_is_named(db):
    fill(db)
    with attacker(db) as conn:
        conn.execute("DELETE FROM journal WHERE sequence = 1")
    finding = verify(db).finding
    assert finding is not None and (finding.sequence, finding.problem) == (1, Problem.DELETED)


def test_two_swapped_entries_are_named(db):
    fill(db)
    with attacker(db) as conn:
        conn.execute("UPDATE journal SET sequence = 1000 WHERE sequence = 3")
        conn.execute("UPDATE journal SET sequence = 3 WHERE sequence = 4")
        conn.execute("UPDATE journal SET sequence = 4 WHERE sequence = 1000")
    finding = verify(db).finding
    assert finding is not None and (finding.sequence, finding.problem) == (3, Problem.REORDERED)
    assert "written as entry 4" in finding.explanation


def test_swapped_contents_under_the_same_numbers_are_named(db):
    fill(db)
    columns = "kind, operator, office, terminal, local_time, server_time, details, previous_hash, hash"
    with attacker(db) as conn:
        two = conn.execute(f"SELECT {columns} FROM journal WHERE sequence = 2").fetchone()
        five = conn.execute(f"SELECT {columns} FROM journal WHERE sequence = 5").fetchone()
        assignments = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
        conn.execute(f"UPDATE journal SET {assignments} WHERE sequence = 2", five)
        conn.execute(f"UPDATE journal SET {assignments} WHERE sequence = 5", two)
    finding = verify(db).finding
    assert finding is not None and (finding.sequence, finding.problem) == (2, Problem.REORDERED)


def _forge(sequence: int, previous: str, *, rehash: bool) -> tuple:
    details = {"amount_rials": 5_000_000}
    content = {
        "sequence": sequence,
        "kind": "pay",
        "operator": IDENTITY.operator,
        "office": IDENTITY.office,
        "terminal": IDENTITY.terminal,
        "local_time": "2026-12-02T05:00:00.000Z",
        "server_time": None,
        "details": details,
    }
    digest = chain_hash(previous, content) if rehash else "f" * 64
    return (
        sequence,
        "pay",
        IDENTITY.operator,
        IDENTITY.office,
        IDENTITY.terminal,
        content["local_time"],
        None,
        json.dumps(details),
        previous,
        digest,
    )


@pytest.mark.parametrize("rehash", [True, False], ids=["chained-properly", "naive"])
def test_an_inserted_entry_is_named(db, rehash):
    entries = fill(db)
    with attacker(db) as conn:
        renumber(conn, 3, 1)
        insert_row(conn, _forge(3, entries[1].hash, rehash=rehash))
    finding = verify(db).finding
    assert finding is not None and (finding.sequence, finding.problem) == (3, Problem.INSERTED)


def test_an_entry_appended_with_a_forged_link_is_named(db):
    fill(db)
    with attacker(db) as conn:
        insert_row(conn, _forge(7, "a" * 64, rehash=False))
    finding = verify(db).finding
    assert finding is not None and finding.sequence == 7 and finding.problem is Problem.EDITED


def test_a_rewritten_journal_is_caught_only_against_the_heads_the_server_holds(db):
    entries = fill(db)
    heads = [entries[1].head, entries[3].head, entries[5].head]  # sent with three actions
    assert compare_heads(entries, heads) is None
    # the attacker edits entry 3 and recomputes every hash after it: whole on its own ...
    with attacker(db) as conn:
        rows = read_entries(db)
        previous = rows[1].hash
        for entry in rows[2:]:
            content = entry.content()
            if entry.sequence == 3:
                content["details"] = {"number": "R-3", "pages": 99}
            digest = chain_hash(previous, content)
            conn.execute(
                "UPDATE journal SET details = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
                (json.dumps(content["details"]), previous, digest, entry.sequence),
            )
            previous = digest
    rewritten = read_entries(db)
    assert verify(db).whole
    finding = compare_heads(rewritten, heads)
    assert finding is not None and (finding.sequence, finding.problem) == (4, Problem.REWRITTEN)


def test_a_truncated_tail_is_caught_against_the_servers_last_head(db):
    entries = fill(db)
    with attacker(db) as conn:
        conn.execute("DELETE FROM journal WHERE sequence >= 5")
    assert verify(db).whole
    finding = compare_heads(read_entries(db), [entries[2].head, entries[5].head])
    assert finding is not None and (finding.sequence, finding.problem) == (6, Problem.DELETED)


# -- exports -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_reads_back_as_the_same_entries_and_verifies(db, tmp_path, fmt):
    Journal(db, IDENTITY).append("settings", {"api_url": '=HYPERLINK("http://x")', "note": "'quoted", "n": 7})
    fill(db, 4)
    Journal(db, JournalIdentity("counter1", "PK-1001", "-T", None)).append("sign-out", {"reason": "@home"})
    out = tmp_path / f"journal.{fmt}"
    write_export(out, read_entries(db), fmt)
    assert read_export(out) == read_entries(db)
    assert verify_file(out).whole


def verify_file(path: Path):
    from client_api.journal import verify_entries

    return verify_entries(read_export(path))


def test_csv_cells_a_spreadsheet_would_run_are_quoted(db):
    Journal(db, JournalIdentity("counter1", "PK-1001", "=cmd|' /C calc'!A0", None)).append("sign-in")
    text = to_csv(read_entries(db)).decode("utf-8")
    assert ",'=cmd|" in text
    assert from_csv(text.encode("utf-8")) == read_entries(db)


# -- the command line --------------------------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = pishkhan(["journal", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_verify_says_whole_and_exits_0(db, data_dir, capsys):
    entries = fill(db)
    status, out, err = run(capsys, "verify", "--data", str(data_dir), "--office", "PK-1001", "--user", "counter1")
    assert status == 0 and err == ""
    assert out == f"journal whole: 6 entries, head {entries[-1].head}\n"
    # the only profile in the folder is found without naming it; --db takes the file itself
    assert run(capsys, "verify", "--data", str(data_dir))[0] == 0
    assert run(capsys, "verify", "--db", str(db.path))[0] == 0


def test_verify_finds_the_profile_as_the_application_does(db, data_dir, capsys, monkeypatch):
    fill(db, 2)
    monkeypatch.setenv("PISHKHAN_DATA_DIR", str(data_dir))
    status, out, _ = run(capsys, "verify", "--office", "PK-1001", "--user", "counter1")
    assert status == 0 and out.startswith("journal whole: 2 entries")


@pytest.mark.parametrize(
    ("tamper", "line"),
    [
        ("""UPDATE journal SET details = '{"number":"R-2","pages":9}' WHERE sequence = 2""", "entry 2: edited"),
        ("DELETE FROM journal WHERE sequence = 5", "entry 5: deleted"),
        ("UPDATE journal SET sequence = 7 WHERE sequence = 6", "entry 6: deleted"),
    ],
)
def test_verify_names_the_first_bad_entry_and_exits_1(db, capsys, tamper, line):
    fill(db)
    with attacker(db) as conn:
        conn.execute(tamper)
    status, out, err = run(capsys, "verify", "--db", str(db.path))
    assert status == 1 and err == ""
    assert out.startswith(f"journal broken: {line}: ")


def test_a_dropped_journal_table_is_broken(db, capsys):
    fill(db)
    with attacker(db) as conn:
        conn.execute("DROP TABLE journal")
    status, out, _ = run(capsys, "verify", "--db", str(db.path))
    assert status == 1 and "entry 1: deleted: the journal table itself is gone" in out


def test_export_writes_csv_and_json_that_verify(db, tmp_path, capsys):
    fill(db, 3)
    for fmt in ("csv", "json"):
        out = tmp_path / f"inspector.{fmt}"
        status, text, err = run(capsys, "export", "--db", str(db.path), "--out", str(out))
        assert status == 0 and err == "" and text == f"3 entries written to {out} ({fmt})\n"
        assert run(capsys, "verify", "--file", str(out))[0] == 0
    forced = tmp_path / "inspector.txt"
    assert run(capsys, "export", "--db", str(db.path), "--out", str(forced), "--format", "json")[0] == 0
    assert json.loads(forced.read_text("utf-8"))["format"] == "pishkhan-journal"


def test_verify_compares_with_a_file_of_server_heads(db, tmp_path, capsys):
    entries = fill(db)
    heads = tmp_path / "heads.txt"
    heads.write_text(f"{entries[2].head}\n{entries[5].head}\n")
    status, out, _ = run(capsys, "verify", "--db", str(db.path), "--heads", str(heads))
    assert status == 0 and out.endswith("matches the 2 head(s) the server holds\n")
    records = tmp_path / "records.json"
    records.write_text(json.dumps([{"idempotency_key": "k", "journal_head": entries[5].head}]))
    with attacker(db) as conn:
        conn.execute("DELETE FROM journal WHERE sequence = 6")
    status, out, _ = run(capsys, "verify", "--db", str(db.path), "--heads", str(records))
    assert status == 1 and out.startswith("journal broken: entry 6: deleted")


def bad_inputs(tmp_path: Path, db_path: Path) -> list[list[str]]:
    existing = tmp_path / "exists.csv"
    existing.write_text("x")
    not_db = tmp_path / "not-a-db.sqlite3"
    not_db.write_bytes(b"hello, this is not SQLite" * 100)
    bad_heads = tmp_path / "bad-heads.txt"
    bad_heads.write_text("3:xyz\n")
    bad_export = tmp_path / "bad.json"
    bad_export.write_text('{"format": "something-else"}')
    return [
        [],
        ["frobnicate"],
        ["verify", "--db", str(tmp_path / "missing.sqlite3")],
        ["verify", "--db", str(not_db)],
        ["verify", "--db", str(db_path), "--office", "PK-1001"],
        ["verify", "--data", str(tmp_path / "nowhere")],
        ["verify", "--data", str(tmp_path), "--office", "PK-1001"],
        ["verify", "--data", str(db_path.parent), "--office", "XX-0000", "--user", "nobody"],
        ["verify", "--db", str(db_path), "--heads", str(bad_heads)],
        ["verify", "--db", str(db_path), "--heads", "/dev/zero"],
        ["verify", "--file", str(bad_export)],
        ["verify", "--file", "/dev/zero"],
        ["verify", "--file", str(bad_export), "--db", str(db_path)],
        ["verify", "--db", str(db_path), "--against-server", "http://[::1"],
        ["verify", "--db", str(db_path), "--against-server", "http://192.0.2.1:9/"],
        ["verify", "--bogus"],
        ["export", "--db", str(db_path)],
        ["export", "--db", str(db_path), "--out", str(existing)],
        ["export", "--db", str(db_path), "--out", str(tmp_path / "no" / "such" / "dir.csv")],
        ["export", "--db", str(db_path), "--out", str(tmp_path / "x.csv"), "--format", "xml"],
        ["export", "--db", str(db_path), "--out", str(tmp_path / "y.csv"), "--data", str(tmp_path)],
    ]


def test_bad_input_is_one_line_on_stderr_and_exit_2(db, tmp_path, capsys, monkeypatch):
    fill(db, 2)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    cases = bad_inputs(tmp_path, db.path)
    for argv in cases:
        status, out, err = run(capsys, *argv)
        assert status == 2, (argv, status, out, err)
        assert out == "" and err.count("\n") == 1 and "Traceback" not in err, (argv, err)
    assert len(cases) == 21


def test_the_only_profile_is_found_beside_copies_set_aside_and_two_profiles_need_a_choice(db, data_dir, capsys):
    fill(db, 2)
    shutil.copyfile(db.path, data_dir / "PK-1001-counter1.damaged-20261202-0500.sqlite3")
    shutil.copyfile(db.path, data_dir / "PK-1001-counter1.v2.bak.sqlite3")
    status, out, _ = run(capsys, "verify", "--data", str(data_dir))
    assert status == 0 and out.startswith("journal whole: 2 entries")
    other = LocalDatabase(profile_db_path(data_dir, "NT-0042", "notary1")).open()
    Journal(other, JournalIdentity("notary1", "NT-0042", "T-2")).append("sign-in")
    status, out, err = run(capsys, "verify", "--data", str(data_dir))
    assert status == 2 and out == "" and "NT-0042-notary1.sqlite3, PK-1001-counter1.sqlite3" in err
    assert run(capsys, "verify", "--data", str(data_dir), "--office", "NT-0042", "--user", "notary1")[0] == 0
