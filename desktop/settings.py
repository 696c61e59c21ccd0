"""Typed, versioned settings in one JSON file in the config folder. Never a secret in here.

Each format change bumps `VERSION` and adds an upgrade step; the file is backed up before an upgrade is
written, and an unreadable file is set aside (not lost) and replaced by defaults.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

VERSION = 1
FILE_NAME = "settings.json"
LANGUAGES = ("fa", "en")


def _new_terminal_id() -> str:
    return "T-" + secrets.token_hex(4).upper()


@dataclass
class Settings:
    version: int = VERSION
    api_url: str = "http://127.0.0.1:8765"
    ca_bundle: str = ""
    language: str = "fa"
    terminal_id: str = field(default_factory=_new_terminal_id)
    last_username: str = ""
    last_office_code: str = ""
    # the printer each kind of document goes to (a Qt/OS printer name; "" = not chosen yet, printing refuses)
    receipt_printer: str = ""  # the 80 mm roll printer
    a4_printer: str = ""  # the sheet printer: certificates, replies, sheets, A5 receipts


# version N → N+1, applied in order to the raw dict
_UPGRADES: dict[int, Any] = {}


def _from_dict(raw: dict[str, Any]) -> Settings:
    """Known fields of the right type; a field of the wrong type is an unreadable file (ValueError)."""
    values: dict[str, Any] = {}
    for spec in fields(Settings):
        if spec.name not in raw:
            continue
        value = raw[spec.name]
        expected = int if spec.name == "version" else str
        if type(value) is not expected:
            raise ValueError(f"{spec.name}: expected {expected.__name__}, found {type(value).__name__}")
        values[spec.name] = value
    settings = Settings(**values)
    if settings.language not in LANGUAGES:
        settings.language = "fa"
    return settings


def _set_aside(config_dir: Path, path: Path, reason: Exception) -> Settings:
    """Keep the unreadable file for whoever looks into it, and start again from defaults."""
    aside = path.with_suffix(".unreadable.json")
    try:
        shutil.copy2(path, aside)
    except OSError as exc:
        log.warning("could not keep a copy of the unreadable settings: %s", exc)
    log.warning("settings unreadable (%s); kept a copy at %s and started from defaults", reason, aside)
    settings = Settings()
    save_settings(config_dir, settings)
    return settings


def load_settings(config_dir: Path) -> Settings:
    path = config_dir / FILE_NAME
    if not path.exists():
        settings = Settings()
        save_settings(config_dir, settings)
        return settings
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not an object")
        version = raw.get("version", 1)
        if type(version) is not int or not 1 <= version <= VERSION:
            raise ValueError(f"version: {version!r} is not one this application knows")
        if version < VERSION:
            shutil.copy2(path, path.with_suffix(f".v{version}.bak.json"))
            while version < VERSION:
                raw = _UPGRADES[version](raw)
                version += 1
            raw["version"] = VERSION
            settings = _from_dict(raw)
            save_settings(config_dir, settings)
            return settings
        return _from_dict(raw)
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return _set_aside(config_dir, path, exc)


def save_settings(config_dir: Path, settings: Settings) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / FILE_NAME
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
