"""A production installation believes the training key only when its settings ask for it (civic/trust_policy.py),
from the list kept apart, and only that key from it; the command line follows the same setting."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from civic import trust_policy
from civic.keys import TRAINING_KEY_ID, TrustList
from tests.trust_resources import RESOURCES, production_resources

ROOT = RESOURCES.parent


@pytest.fixture
def production(tmp_path, monkeypatch):
    root = production_resources(tmp_path / "resources")
    monkeypatch.setenv("PISHKHAN_RESOURCES", str(root))
    yield root
    trust_policy.believe_training_key(False)


def test_the_checkout_believes_the_training_key_in_its_own_list():
    assert trust_policy.training_key_in_trust_list()
    assert TrustList.load().get(TRAINING_KEY_ID) is not None


def test_production_leaves_the_training_key_out_unless_believed(production):
    assert not trust_policy.training_key_in_trust_list()
    assert TrustList.load().get(TRAINING_KEY_ID) is None
    trust_policy.believe_training_key(True)
    key = TrustList.load().get(TRAINING_KEY_ID)
    assert key is not None and key.training
    trust_policy.believe_training_key(False)
    assert TrustList.load().get(TRAINING_KEY_ID) is None


def test_the_list_kept_apart_adds_the_training_key_and_nothing_else(production):
    other = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    path = production / "trust" / trust_policy.TRAINING_LIST
    entries = json.loads(path.read_text(encoding="utf-8"))
    entries.append({"key_id": "slipped-in", "public_key": base64.b64encode(other).decode(), "purposes": ["tariff"]})
    path.write_text(json.dumps(entries), encoding="utf-8")
    trust_policy.believe_training_key(True)
    assert sorted(TrustList.load().keys) == [TRAINING_KEY_ID]


def _fees_preview(home: Path, resources: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PISHKHAN_HOME=str(home), PISHKHAN_RESOURCES=str(resources), QT_QPA_PLATFORM="offscreen")
    for name in ("PISHKHAN_CONFIG_DIR", "PISHKHAN_DATA_DIR", "PISHKHAN_CACHE_DIR", "PISHKHAN_LOG_DIR"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", "fees", "preview", "examples/case-residential.json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_follows_the_setting(production, tmp_path):
    home = tmp_path / "home"
    refused = _fees_preview(home, production)
    assert refused.returncode != 0 and TRAINING_KEY_ID in refused.stdout + refused.stderr
    assert not (home / "config").exists()  # the command line made no settings file
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text('{"version": 1, "trust_training_key": true}', encoding="utf-8")
    believed = _fees_preview(home, production)
    assert believed.returncode == 0, believed.stderr
    assert "جمع کل: ۲۲۱٬۳۲۶٬۰۰۰ ریال" in believed.stdout  # the same preview a training installation gives
    assert "(آموزشی، غیرواقعی)" in believed.stdout.splitlines()[0]
