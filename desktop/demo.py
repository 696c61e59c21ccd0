"""The training sandbox inside the application (`--demo`, screenshots): fresh demo data on a free loopback port.

This is the one module of `desktop/` that imports the sandbox, and only when a demo is asked for.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sandbox.server import SandboxServer

# the documented demo operator (README, "Demo accounts"); a training password, not a secret
DEMO_USERNAME = "counter1"
DEMO_PASSWORD = "pishkhan-demo"
DEMO_OFFICE_CODE = "PK-1001"
DEMO_REQUESTS = 60  # permit requests of the demo office, spread over the past year and the whole lifecycle
DEMO_NOTARY_OFFICE = "NT-0042"  # the demo notary office and its operator (README, "Demo accounts")
DEMO_NOTARY = "notary1"
DEMO_INQUIRIES = 6  # the notary office's earlier inquiries: answered on each condition, and one still pending


class DemoSandbox:
    def __init__(self) -> None:
        self._data_dir: Path | None = None
        self._server: SandboxServer | None = None

    def start(self) -> str:
        """Start the sandbox on 127.0.0.1 with a fresh data folder; returns its base URL."""
        from sandbox.app import SandboxSettings
        from sandbox.db import Database
        from sandbox.inquiry_seed import seed_demo_inquiries
        from sandbox.permit_store import insert_requests
        from sandbox.server import SandboxServer

        self._data_dir = Path(tempfile.mkdtemp(prefix="pishkhan-demo-"))
        settings = SandboxSettings(data_dir=self._data_dir)
        server = SandboxServer(settings, host="127.0.0.1", port=0)
        server.start()
        with Database(settings.db_path).connect() as conn:  # the office's earlier requests, for the requests page
            insert_requests(conn, DEMO_OFFICE_CODE, DEMO_USERNAME, DEMO_REQUESTS, seed=1405)
            seed_demo_inquiries(conn, DEMO_NOTARY_OFFICE, DEMO_NOTARY, DEMO_INQUIRIES, settings.clock())
        self._server = server
        return server.url

    def issued_seal(self) -> str | None:
        """The seal of a document the demo municipality issued (an earlier inquiry's reply), or None."""
        if self._data_dir is None:
            return None
        from sandbox.app import SandboxSettings
        from sandbox.db import Database

        with Database(SandboxSettings(data_dir=self._data_dir).db_path).connect() as conn:
            query = "SELECT seal FROM documents WHERE revoked_at IS NULL ORDER BY issued_at LIMIT 1"
            row = conn.execute(query).fetchone()
        return None if row is None else str(row["seal"])

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._data_dir is not None:
            shutil.rmtree(self._data_dir, ignore_errors=True)
            self._data_dir = None
