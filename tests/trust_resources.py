"""A resources folder laid out as a production build ships it: the trust list without the training key, the training
key apart (civic/trust_policy.py); every other folder is the checkout's own."""

from __future__ import annotations

import json
from pathlib import Path

from civic.trust_policy import TRAINING_LIST, TRUST_LIST, split_for_production

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def production_resources(root: Path) -> Path:
    root.mkdir(parents=True)
    for entry in RESOURCES.iterdir():
        if entry.name != "trust":
            (root / entry.name).symlink_to(entry)
    trust = root / "trust"
    trust.mkdir()
    entries = json.loads((RESOURCES / "trust" / TRUST_LIST).read_text(encoding="utf-8"))
    for name, part in zip((TRUST_LIST, TRAINING_LIST), split_for_production(entries), strict=True):
        (trust / name).write_text(json.dumps(part), encoding="utf-8")
    return root
