"""A sandbox database made before offices could be of kind `municipality` is brought up to date, rows kept."""

from __future__ import annotations

import sqlite3

import pytest

from sandbox import db as sandbox_db
from sandbox.app import SandboxSettings, create_app
from sandbox.db import Database
from sandbox.passwords import hash_password

OLD_CHECK = "CHECK (kind IN ('counter', 'notary'))"


def _old_database(path) -> None:
    schema = sandbox_db._SCHEMA.replace("CHECK (kind IN ('counter', 'notary', 'municipality'))", OLD_CHECK)
    assert OLD_CHECK in schema
    conn = sqlite3.connect(path)
    conn.executescript(schema)
    conn.execute("INSERT INTO offices VALUES ('PK-1001', 'دفتر ۱۰۰۱', 'counter'), ('PK-2002', 'دفتر ۲۰۰۲', 'counter')")
    conn.execute(
        "INSERT INTO operators VALUES ('clerk9', 'کاربر قدیمی', 'PK-2002', '[\"counter\"]', ?)", (hash_password("x"),)
    )
    conn.execute(
        "INSERT INTO sessions (username, office_code, terminal_id, created_at, access_hash, access_expires_at,"
        " refresh_hash, refresh_expires_at) VALUES ('clerk9', 'PK-2002', 'd', 0, 'a', 0, 'r', 0)"
    )
    conn.execute("PRAGMA user_version=3")
    conn.commit()
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO offices VALUES ('MUN-X', 'شهرداری', 'municipality')")
    conn.close()


def test_an_old_database_gets_the_municipality_kind_and_keeps_its_rows(tmp_path):
    path = tmp_path / "sandbox.sqlite3"
    _old_database(path)
    Database(path).initialise()
    Database(path).initialise()  # a second start finds nothing to do
    with Database(path).connect() as conn:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'offices'").fetchone()[0]
        assert "'municipality'" in sql
        assert [tuple(r) for r in conn.execute("SELECT code, kind FROM offices ORDER BY code")] == [
            ("PK-1001", "counter"),
            ("PK-2002", "counter"),
        ]
        assert conn.execute("SELECT office_code FROM operators WHERE username = 'clerk9'").fetchone()[0] == "PK-2002"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA user_version").fetchone()[0] == sandbox_db.SCHEMA_VERSION
        conn.execute("INSERT INTO offices VALUES ('MUN-X', 'شهرداری', 'municipality')")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO offices VALUES ('Z-1', 'نامعلوم', 'bank')")
        with pytest.raises(sqlite3.IntegrityError):  # the foreign keys still hold on the rebuilt table
            conn.execute("INSERT INTO operators VALUES ('ghost', 'x', 'NO-SUCH', '[]', 'h')")


def test_the_reviewer_signs_in_on_a_migrated_sandbox(tmp_path, sign_in):
    from fastapi.testclient import TestClient

    data = tmp_path / "data"
    data.mkdir()
    _old_database(data / "sandbox.sqlite3")
    client = TestClient(create_app(SandboxSettings(data_dir=data)))
    body = {"username": "reviewer1", "password": "pishkhan-demo", "office_code": "MUN-HMD", "terminal_id": "t"}
    tokens = sign_in(client, body)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).json()
    assert me["office"]["kind"] == "municipality" and me["roles"] == ["reviewer"]
    wrong_office = client.post("/api/v1/auth/token", json={**body, "office_code": "PK-1001"})
    assert wrong_office.status_code == 401
