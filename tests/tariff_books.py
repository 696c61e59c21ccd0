"""Tariff books for tests: variants of the bundled 1405 book, signed with the training key (as the sandbox would)."""

from __future__ import annotations

from pathlib import Path

from fees.signing import load_private_key, sign_detached

ROOT = Path(__file__).resolve().parent.parent
BOOK_1405 = ROOT / "resources" / "tariffs" / "hamedan-1405.toml"
TRAINING_KEY = ROOT / "resources" / "keys" / "training-signing-key.pem"
TRAINING_KEY_ID = "pishkhan-training-1"
P_123_IN_1405_1 = 117000


def book_1405_variant(version: str = "1405.2", p_123: int = 120000) -> bytes:
    """The bundled 1405 book as a later version with another regional value for block 123."""
    text = BOOK_1405.read_text(encoding="utf-8")
    text = text.replace('version = "1405.1"', f'version = "{version}"', 1)
    text = text.replace(f'"123" = {P_123_IN_1405_1}', f'"123" = {p_123}', 1)
    assert f'version = "{version}"' in text and f'"123" = {p_123}' in text
    return text.encode("utf-8")


def training_signature(data: bytes) -> bytes:
    """A `.sig` file for `data`, made with the public training key."""
    return sign_detached(data, load_private_key(TRAINING_KEY.read_bytes()), TRAINING_KEY_ID)


def write_book(folder: Path, data: bytes, *, signature: bytes | None = None, name: str = "book.toml") -> Path:
    """A book file and, when `signature` is given, its `.sig` beside it; returns the book's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    if signature is not None:
        path.with_name(name + ".sig").write_bytes(signature)
    return path
