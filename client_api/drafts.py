"""Form drafts, autosaved in the operator's local database and restored after a crash or a restart.

A draft is what the operator has typed but not yet confirmed: one JSON object per form. Confirming a form enqueues
its action and clears its draft in the same transaction (`Outbox.enqueue(..., draft_form=...)`), so after a crash
the operator finds either the draft or the queued action, never both and never neither.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from typing import Any

from client_api.local_db import LocalDatabase


class Drafts:
    def __init__(self, db: LocalDatabase, *, clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self._clock = clock

    def save(self, form: str, content: dict[str, Any]) -> None:
        """Keep the form's current fields; an empty form clears its draft."""
        if not any(value not in ("", None) for value in content.values()):
            self.clear(form)
            return
        encoded = json.dumps(content, ensure_ascii=False, sort_keys=True)
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO drafts (form, content, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (form) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at",
                (form, encoded, self._clock()),
            )

    def load(self, form: str) -> dict[str, Any] | None:
        with self._db.connect() as conn:
            row = conn.execute("SELECT content FROM drafts WHERE form = ?", (form,)).fetchone()
        if row is None:
            return None
        try:
            content = json.loads(row["content"])
        except ValueError:
            return None
        return content if isinstance(content, dict) else None

    def clear(self, form: str) -> None:
        with self._db.write() as conn:
            clear_draft(conn, form)


def clear_draft(conn: sqlite3.Connection, form: str) -> None:
    """Inside a caller's transaction."""
    conn.execute("DELETE FROM drafts WHERE form = ?", (form,))
