"""Typed, versioned settings in one JSON file in the config folder. Never a secret in here.

Each field accepts exactly the type its annotation declares (a bool is not an int, an int not a str). Each format
change bumps `VERSION` and adds an upgrade step; the file is backed up before an upgrade is written, and an
unreadable file is set aside (renamed, not lost) and replaced by defaults.

Reading is bounded (`MAX_SETTINGS_BYTES`, nesting `MAX_SETTINGS_DEPTH`), takes UTF-8 with or without a BOM and
UTF-16/32 as Windows editors save them, never blocks on a FIFO or reads a folder or device, and never follows a link
out of the config folder (such a link is set aside unread). Writing is whole-or-nothing, 0600; a full or read-only
folder is an OSError for the caller, and at start-up a `SettingsLoad.problem` that `settings_notice` puts into words.

`check_ca_bundle` checks the CA bundle a setting names (blocking: the settings page runs it on a worker thread).

`api_url` is empty on a fresh install: there is no server to assume, and the sign-in page asks for its address
(`pishkhan gui --demo` starts its own training server instead).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import time
import types
import typing
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication

from civic import jsonsafe
from civic.files import UnsafeFileError, read_bounded, write_atomically

log = logging.getLogger(__name__)

VERSION = 1
FILE_NAME = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024  # a settings file is a few hundred bytes
MAX_SETTINGS_DEPTH = 8
LANGUAGES = ("fa", "en")


def _new_terminal_id() -> str:
    return "T-" + os.urandom(4).hex().upper()  # what secrets.token_hex does, without loading it at every start


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
    # minutes without input before the window locks (desktop/idle_lock.py holds it to 1–60)
    idle_lock_minutes: int = 5
    # a training office on the production build: believe what the training key signs (civic/trust_policy.py);
    # read at start-up
    trust_training_key: bool = False


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


NOT_READ = "not-read"  # unreadable (malformed, too large, too deep, not a file): set aside, defaults in use
OUTSIDE = "outside"  # a link out of the config folder: never read, never copied; the link set aside
NOT_SAVED = "not-saved"  # the folder is full or read-only: the settings last until the application closes


class SettingsLoad(NamedTuple):
    """The settings in force, and what went wrong on the way (`problem` one of the constants above, or None). A
    named tuple: made on the way to the first paint (client_api/errors.py `FieldError` says why)."""

    settings: Settings
    problem: str | None = None
    aside: Path | None = None  # where an unreadable file was moved


def settings_notice(load: SettingsLoad) -> str | None:
    """The operator's sentence about a settings problem at start-up (None when there was none)."""
    if load.problem == NOT_READ:
        return QCoreApplication.translate(
            "Settings",
            "فایل تنظیمات خوانده نشد و کنار گذاشته شد ({path}). تنظیمات پیش‌فرض به کار رفت؛ نشانی سامانه را بدهید.",
        ).format(path=load.aside or FILE_NAME)
    if load.problem == OUTSIDE:
        return QCoreApplication.translate(
            "Settings",
            "فایل تنظیمات پیوندی به بیرون از پوشه تنظیمات بود و خوانده نشد. تنظیمات پیش‌فرض به کار رفت.",
        )
    if load.problem == NOT_SAVED:
        return QCoreApplication.translate(
            "Settings",
            "تنظیمات ذخیره نشد: پوشه تنظیمات پر یا فقط‌خواندنی است. تغییرها تا بستن برنامه می‌مانند.",
        )
    return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _move_aside(path: Path) -> Path | None:
    """Rename (never copy: a link stays a link, a FIFO is never opened) the file out of the way; None if it failed."""
    aside = path.with_suffix(".unreadable.json")
    if os.path.lexists(aside):
        aside = path.with_name(f"settings.unreadable-{time.time_ns()}.json")
    try:
        os.replace(path, aside)
    except OSError as exc:
        log.warning("could not set the unreadable settings aside: %s", exc)
        return None
    return aside


def _defaults(config_dir: Path, problem: str, aside: Path | None) -> SettingsLoad:
    settings = Settings()
    try:
        save_settings(config_dir, settings)
    except OSError as exc:
        log.warning("settings not saved (%s): the defaults last until the application closes", exc)
    return SettingsLoad(settings, problem, aside)


def _parse(data: bytes) -> dict[str, Any]:
    """The settings object from the file's bytes: UTF-8 with or without a BOM, or UTF-16/32 as Windows editors save
    it (json.loads finds the encoding from the bytes). Raises ValueError."""
    raw = jsonsafe.loads(data, max_depth=MAX_SETTINGS_DEPTH)
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    return raw


def read_settings(config_dir: Path) -> SettingsLoad:
    """The settings and any problem met. Never blocks on a FIFO, never reads past `MAX_SETTINGS_BYTES`, never reads
    or copies through a link out of `config_dir`, and never raises for what is on disk."""
    path = config_dir / FILE_NAME
    if not os.path.lexists(path):
        fresh = Settings()
        return SettingsLoad(fresh) if save_quietly(config_dir, fresh) else SettingsLoad(fresh, NOT_SAVED)
    target = path
    if path.is_symlink():
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
            return _defaults(config_dir, NOT_READ, _move_aside(path))
        if not _inside(target, config_dir.resolve()):
            log.warning("settings file %s links out of the config folder (%s): not read", path, target)
            return _defaults(config_dir, OUTSIDE, _move_aside(path))
    try:
        raw = _parse(read_bounded(target, MAX_SETTINGS_BYTES, follow_symlinks=False))
        version = raw.get("version", 1)
        if type(version) is not int or not 1 <= version <= VERSION:
            raise ValueError(f"version: {version!r} is not one this application knows")
        if version < VERSION:
            shutil.copy2(target, path.with_suffix(f".v{version}.bak.json"))
            while version < VERSION:
                raw = _UPGRADES[version](raw)
                version += 1
            raw["version"] = VERSION
            settings = _from_dict(raw)
            return SettingsLoad(settings) if save_quietly(config_dir, settings) else SettingsLoad(settings, NOT_SAVED)
        return SettingsLoad(_from_dict(raw))
    except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        log.warning("settings unreadable (%s); set aside and started from defaults", exc)
        return _defaults(config_dir, NOT_READ, _move_aside(path))


def save_quietly(config_dir: Path, settings: Settings) -> bool:
    """Save; a full or read-only config folder is logged (the settings stay in force for this run)."""
    try:
        save_settings(config_dir, settings)
    except OSError as exc:
        log.warning("settings not saved: %s", exc)
        return False
    return True


def load_settings(config_dir: Path) -> Settings:
    return read_settings(config_dir).settings


def save_settings(config_dir: Path, settings: Settings) -> None:
    """Write the file whole or not at all (a new file 0600, then renamed over the old one; a link in its place is
    replaced, never written through). Raises OSError (a full or read-only folder); nothing half-written stays."""
    config_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = json.dumps(asdict(settings), ensure_ascii=False, indent=2).encode("utf-8")
    write_atomically(config_dir / FILE_NAME, data, suffix=".tmp")


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
        data = read_bounded(file, MAX_CA_BUNDLE_BYTES)  # never blocks on a FIFO swapped in, never reads past the cap
    except UnsafeFileError as exc:
        raise CaBundleError("not-pem" if exc.errno == errno.EFBIG else "missing") from exc
    except OSError as exc:
        raise CaBundleError("unreadable") from exc
    if PEM_CERTIFICATE not in data:
        raise CaBundleError("not-pem")
    import ssl  # only here: the settings load at start-up without it

    try:
        ssl.create_default_context(cafile=str(file))
    except (ssl.SSLError, ValueError) as exc:
        raise CaBundleError("not-pem") from exc
