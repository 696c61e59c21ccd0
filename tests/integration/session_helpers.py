"""A run of the application's client that signs in, keeps its tokens in the keyring as the desktop does, and is
killed (SIGKILL: no clean-up of any kind) before it signs out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CRASHING_RUN = """
import os, signal, sys
from client_api import MunicipalClient, open_token_store
store, warning = open_token_store()
assert warning is None, warning
client = MunicipalClient(sys.argv[1], store)
client.sign_in(sys.argv[2], "pishkhan-demo", sys.argv[3], "T-CRASH01")
print(f"{client.root}|{sys.argv[3]}|{sys.argv[2]}", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def crash_after_sign_in(url: str, username: str = "counter1", office: str = "PK-1001") -> str:
    """The keyring account a killed run left behind."""
    run = subprocess.run(
        [sys.executable, "-c", CRASHING_RUN, url, username, office],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == -9, run.stderr
    return run.stdout.strip()
