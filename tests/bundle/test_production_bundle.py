"""The production bundle (dist/pishkhan, scripts/bundle.sh) holds no private key and no training sandbox, and its
trust list does not believe the training key. Skipped where no production bundle has been built; `PISHKHAN_BUNDLE`
names another folder."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from civic.keys import TRAINING_KEY_ID, training_private_key

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("PISHKHAN_BUNDLE", ROOT / "dist" / "pishkhan"))
FORBIDDEN_PACKAGES = ("sandbox", "fastapi", "starlette", "uvicorn", "pydantic", "desktop.demo")

pytestmark = pytest.mark.skipif(
    not (BUNDLE / "pishkhan-cli").is_file(), reason=f"no production bundle in {BUNDLE} (scripts/bundle.sh builds it)"
)


def _files() -> list[Path]:
    return [path for path in BUNDLE.rglob("*") if path.is_file() and not path.is_symlink()]


def _python_modules() -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    names: set[str] = set()
    for exe in ("pishkhan", "pishkhan-cli"):
        archive = CArchiveReader(str(BUNDLE / exe))
        names |= set(archive.toc)
        for embedded in [name for name in archive.toc if name.endswith(".pyz")]:
            names |= set(archive.open_embedded_archive(embedded).toc)
    # and those collected as files beside it (what the first paint imports, build.spec FIRST_PAINT)
    contents = BUNDLE / "_internal"
    for path in contents.rglob("*.pyc"):
        parts = path.relative_to(contents).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_no_private_key_is_in_the_bundle():
    key = training_private_key()
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    body = b"".join(line for line in pem.splitlines() if not line.startswith(b"-----"))
    secrets = (raw, body, base64.b64encode(raw), b"-----BEGIN PRIVATE KEY-----\n")
    for path in _files():
        data = path.read_bytes()
        found = [secret for secret in secrets if secret in data]
        assert not found, f"{path.relative_to(BUNDLE)} holds a private key"
        if path.suffix in (".pem", ".key"):  # certificates are fine (certifi's CA list); a private key is not
            assert b"PRIVATE KEY" not in data, f"{path.relative_to(BUNDLE)} holds a private key"


def test_no_sandbox_or_server_package_is_in_the_bundle():
    modules = _python_modules()
    assert "desktop.main" in modules and "client_api.client" in modules  # the bundle's modules were read
    assert "client_api.sender" in modules  # a file beside the bundle (build.spec FIRST_PAINT)
    assert "printing.receipt" in modules  # in its archive
    shipped = sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in FORBIDDEN_PACKAGES))
    assert shipped == []
    folders = {path.relative_to(BUNDLE).parts[1] for path in _files() if len(path.relative_to(BUNDLE).parts) > 2}
    assert not folders & {"sandbox", "fastapi", "starlette", "uvicorn", "pydantic", "pydantic_core"}


def test_the_trust_list_does_not_believe_the_training_key():
    lists = [path for path in _files() if path.name == "keys.json"]
    assert lists, "the bundle has no trust list"
    for path in lists:
        assert TRAINING_KEY_ID not in {key["key_id"] for key in json.loads(path.read_text(encoding="utf-8"))}


def test_the_training_key_is_kept_apart_for_a_training_office():
    """Believed only when the settings ask for it (civic/trust_policy.py); that list holds nothing else."""
    (path,) = [path for path in _files() if path.name == "training-keys.json"]
    assert [key["key_id"] for key in json.loads(path.read_text(encoding="utf-8"))] == [TRAINING_KEY_ID]


def test_no_run_time_hook_loads_multiprocessing_at_each_start():
    """No process pool or child Python runs in production (build.spec): with `multiprocessing` in the bundle, its
    run-time hook would import it before the first paint at every start."""
    modules = _python_modules()
    assert not {name for name in modules if name == "multiprocessing" or name.startswith("multiprocessing.")}
    assert "concurrent.futures.process" not in modules and "concurrent.futures.thread" in modules
    assert "pyi_rth_multiprocessing" not in modules and "pyi_rth_pyside6" in modules  # the hooks were read
