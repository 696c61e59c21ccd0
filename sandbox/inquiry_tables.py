"""The tables of notary inquiries and certificate records (sandbox/inquiry_store.py reads and writes them).

Kept apart, without imports, so sandbox/db.py can take the schema without importing the store.
"""

SCHEMA = """
CREATE TABLE IF NOT EXISTS inquiries (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    office_code TEXT NOT NULL,
    username TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('transfer', 'mortgage', 'utility')),
    utility TEXT,
    renovation_code TEXT NOT NULL,
    asked_by TEXT NOT NULL CHECK (asked_by IN ('renovation_code', 'plate')),
    parties TEXT NOT NULL,
    note TEXT NOT NULL,
    fields_sha256 TEXT NOT NULL,
    created_at REAL NOT NULL,
    answer_due_at REAL NOT NULL,
    answered_at REAL,
    reply_number TEXT
);
CREATE INDEX IF NOT EXISTS inquiries_by_office ON inquiries (office_code, created_at);
CREATE INDEX IF NOT EXISTS inquiries_due ON inquiries (answer_due_at) WHERE answered_at IS NULL;
CREATE TABLE IF NOT EXISTS certificates (
    id TEXT PRIMARY KEY,
    office_code TEXT NOT NULL,
    username TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('clearance', 'completion', 'no-violation')),
    renovation_code TEXT NOT NULL,
    fields_sha256 TEXT NOT NULL,
    created_at REAL NOT NULL,
    document_number TEXT NOT NULL
)
"""
