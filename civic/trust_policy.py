"""Whether this installation believes the training key besides its own trust list.

A production installation's trust list (resources/trust/keys.json) leaves the training key out: nothing the training
system signs is believed there. The same bundle carries the training key's public half apart
(resources/trust/training-keys.json), believed only when the office's settings ask for it (a training office
running the production build against a training server): then tariff books and documents the training key signs
verify, and read as training material, as everything that key signs does. A checkout and the training build have the
training key in the trust list itself.

The start-up sets the policy once from the settings (`believe_training_key`), before any trust list is read; this
module imports nothing heavy, so the start-up can set it before the window's first paint.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from civic.resources import resource_path

TRUST_LIST = "keys.json"
TRAINING_LIST = "training-keys.json"
TRAINING_KEY_ID = "pishkhan-training-1"  # civic.keys.TRAINING_KEY_ID

_believed = False


def believe_training_key(believed: bool) -> None:
    global _believed
    _believed = believed


def training_key_believed() -> bool:
    return _believed


def training_list() -> Path:
    """Where a production installation keeps the training key's public half."""
    return resource_path("trust", TRAINING_LIST)


def training_key_in_trust_list() -> bool:
    """Whether the bundled trust list itself believes the training key (a checkout, the training build); False
    when it cannot be read (the trust list's own reader reports that)."""
    try:
        entries = json.loads(resource_path("trust", TRUST_LIST).read_bytes()[:1_000_000])
    except (OSError, ValueError):
        return False
    return isinstance(entries, list) and any(
        isinstance(entry, dict) and entry.get("key_id") == TRAINING_KEY_ID for entry in entries
    )


def split_for_production(entries: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The checkout's trust list (its JSON entries) as a production build ships it: the trust list without the
    training key, and the training key's entry apart (`TRAINING_LIST`)."""
    training = [entry for entry in entries if entry.get("key_id") == TRAINING_KEY_ID]
    return [entry for entry in entries if entry.get("key_id") != TRAINING_KEY_ID], training
