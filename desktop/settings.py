"""Typed, versioned settings in one JSON file in the config folder. Never a secret in here.

Each field accepts exactly the type its annotation declares (a bool is not an int, an int not a str). Each format
change bumps `VERSION` and adds an upgrade step; the file is backed up before an upgrade is written, and an
unreadable file is set aside (not lost) and replaced by defaults.

`check_ca_bundle` checks the CA bundle a setting names (blocking: the settings page runs it on a worker thread).

`api_url` is empty on a fresh install: there is no server to assume, and the sign-in page asks for its address
(`pishkhan gui --demo` starts its own training server instead).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
import types
import typing
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
    api_url: str = ""  # the municipal API; "" until the operator gives it
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


def accepts(expected: Any, value: Any) -> bool:
    """Whether a JSON value is of the declared type: exact for int, bool, str and float (True is not an int),
    either arm of `X | None`, and the item type of `list[X]`."""
    origin = typing.get_origin(expected)
    if origin in (typing.Union, types.UnionType):
        return any(accepts(arm, value) for arm in typing.get_args(expected))
    if expected is None or expected is type(None):
        return value is None
    if origin is list:
        (item,) = typing.get_args(expected) or (Any,)
        return type(value) is list and all(accepts(item, v) for v in value)
    if expected is Any:
        return True
    return type(value) is expected


def field_values(cls: type[Any], raw: dict[str, Any]) -> dict[str, Any]:
    """The known fields of dataclass `cls` found in `raw`, each checked against its annotation; a value of the
    wrong type makes the file unreadable (ValueError). Unknown keys are ignored."""
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for spec in fields(cls):
        if spec.name not in raw:
            continue
        value = raw[spec.name]
        if not accepts(hints[spec.name], value):
            raise ValueError(f"{spec.name}: expected {hints[spec.name]}, found {type(value).__name__}")
        values[spec.name] = value
    return values


def _from_dict(raw: dict[str, Any]) -> Settings:
    settings = Settings(**field_values(Settings, raw))
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


MAX_CA_BUNDLE_BYTES = 4_000_000
PEM_CERTIFICATE = b"-----BEGIN CERTIFICATE-----"


class CaBundleError(Exception):
    """The CA bundle cannot be used; `reason` is missing, unreadable or not-pem."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def check_ca_bundle(path: str) -> None:
    """Raises CaBundleError unless `path` is a readable PEM file of certificates that TLS can load (blocking)."""
    file = Path(path)
    if not file.is_file():
        raise CaBundleError("missing")
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_CA_BUNDLE_BYTES + 1)
    except OSError as exc:
        raise CaBundleError("unreadable") from exc
    if len(data) > MAX_CA_BUNDLE_BYTES or PEM_CERTIFICATE not in data:
        raise CaBundleError("not-pem")
    import ssl  # only here: the settings load at start-up without it

    try:
        ssl.create_default_context(cafile=str(file))
    except (ssl.SSLError, ValueError) as exc:
        raise CaBundleError("not-pem") from exc
