"""Demo data written on first start: the offices and one operator in each (documented in the README)."""

from __future__ import annotations

import json
import sqlite3
from typing import TypedDict

from sandbox.bills_seed import seed_bills
from sandbox.db import transaction
from sandbox.parcels import seed_city
from sandbox.passwords import hash_password

DEMO_PASSWORD = "pishkhan-demo"

OFFICES = (
    {"code": "PK-1001", "name": "دفتر پیشخوان دولت شماره ۱۰۰۱ همدان", "kind": "counter"},
    {"code": "NT-0042", "name": "دفتر اسناد رسمی شماره ۴۲ همدان", "kind": "notary"},
    {"code": "MUN-HMD", "name": "شهرداری همدان، معاونت شهرسازی", "kind": "municipality"},
)


class DemoOperator(TypedDict):
    username: str
    display_name: str
    office_code: str
    roles: list[str]
    password: str


OPERATORS: tuple[DemoOperator, ...] = (
    {
        "username": "counter1",
        "display_name": "مریم احمدی",
        "office_code": "PK-1001",
        "roles": ["counter", "cashier"],
        "password": DEMO_PASSWORD,
    },
    {
        "username": "notary1",
        "display_name": "علی رضایی",
        "office_code": "NT-0042",
        "roles": ["notary"],
        "password": DEMO_PASSWORD,
    },
    {
        "username": "reviewer1",
        "display_name": "حسین مرادی",
        "office_code": "MUN-HMD",
        "roles": ["reviewer"],
        "password": DEMO_PASSWORD,
    },
)


def seed_demo_data(conn: sqlite3.Connection) -> None:
    """Insert the demo offices and operators that are missing; existing rows are left as they are."""
    with transaction(conn):
        for office in OFFICES:
            conn.execute(
                "INSERT OR IGNORE INTO offices (code, name, kind) VALUES (?, ?, ?)",
                (office["code"], office["name"], office["kind"]),
            )
        existing = {row["username"] for row in conn.execute("SELECT username FROM operators")}
        for operator in OPERATORS:
            if operator["username"] in existing:
                continue
            conn.execute(
                "INSERT INTO operators (username, display_name, office_code, roles, password_hash)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    operator["username"],
                    operator["display_name"],
                    operator["office_code"],
                    json.dumps(operator["roles"]),
                    hash_password(operator["password"]),
                ),
            )
        seed_city(conn)  # the demo city's zones and parcels (sandbox/city.py)
        seed_bills(conn)  # the demo city's bills (sandbox/bills_seed.py)
