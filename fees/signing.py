"""Detached Ed25519 signatures over exact file bytes, checked against the trust list in resources/trust/keys.json.

A signature file (`BOOK.toml.sig`) is JSON: {"key_id": "...", "signature": "<base64 of the 64-byte signature>"}.
The trust list is JSON: [{"key_id", "public_key": "<base64 of the raw 32-byte key>", "label", "purposes": [...]}];
a key signs only for the purposes it lists ("tariff" for books, "document" for certificates and replies).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from civic.resources import resource_path
from fees.errors import SignatureError

TARIFF = "tariff"
DOCUMENT = "document"
MAX_SIGNATURE_BYTES = 4096


@dataclass(frozen=True)
class TrustedKey:
    key_id: str
    public_key: Ed25519PublicKey
    label: str
    purposes: tuple[str, ...]

    def raw_public_key(self) -> bytes:
        return self.public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


class TrustList:
    """The keys this installation trusts, by key_id."""

    def __init__(self, keys: list[TrustedKey]) -> None:
        self.keys = {key.key_id: key for key in keys}

    def get(self, key_id: str) -> TrustedKey | None:
        return self.keys.get(key_id)

    def find_public_key(self, raw: bytes) -> TrustedKey | None:
        return next((key for key in self.keys.values() if key.raw_public_key() == raw), None)

    @classmethod
    def from_json(cls, data: bytes | str, *, name: str = "keys.json") -> TrustList:
        try:
            entries = json.loads(data)
            if not isinstance(entries, list):
                raise ValueError("a list of keys is expected")
            keys = [_trusted_key(entry) for entry in entries]
        except (ValueError, TypeError, KeyError, binascii.Error) as exc:
            raise SignatureError(name, f"the trust list is malformed: {exc}") from None
        return cls(keys)

    @classmethod
    def load(cls, path: Path | None = None) -> TrustList:
        """The bundled trust list, or the one at `path`."""
        path = path or resource_path("trust", "keys.json")
        try:
            return cls.from_json(path.read_bytes(), name=str(path))
        except OSError as exc:
            raise SignatureError(str(path), f"cannot read the trust list: {exc.strerror}") from None


def _trusted_key(entry: Any) -> TrustedKey:
    raw = base64.b64decode(entry["public_key"], validate=True)
    if len(raw) != 32:
        raise ValueError(f"key {entry.get('key_id')!r}: an Ed25519 public key has 32 bytes")
    purposes = entry.get("purposes", [])
    if not isinstance(purposes, list) or not all(isinstance(p, str) for p in purposes):
        raise ValueError(f"key {entry.get('key_id')!r}: purposes must be a list of text")
    return TrustedKey(
        str(entry["key_id"]), Ed25519PublicKey.from_public_bytes(raw), str(entry.get("label", "")), tuple(purposes)
    )


def sign_detached(data: bytes, private_key: Ed25519PrivateKey, key_id: str) -> bytes:
    """The signature file's bytes for `data`."""
    signature = base64.b64encode(private_key.sign(data)).decode("ascii")
    return (json.dumps({"key_id": key_id, "signature": signature}, indent=2) + "\n").encode("utf-8")


def verify_detached(data: bytes, signature_file: bytes, trust: TrustList, purpose: str, *, name: str) -> TrustedKey:
    """Check a detached signature; returns the trusted key that made it, or raises SignatureError naming `name`."""
    if len(signature_file) > MAX_SIGNATURE_BYTES:
        raise SignatureError(name, "the signature file is too large")
    try:
        envelope = json.loads(signature_file)
        key_id = envelope["key_id"]
        signature = base64.b64decode(envelope["signature"], validate=True)
        if not isinstance(key_id, str):
            raise TypeError("key_id must be text")
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise SignatureError(name, 'the signature file is not {"key_id", "signature"} JSON with base64') from None
    key = trust.get(key_id)
    if key is None:
        raise SignatureError(name, f"signed by key '{key_id}', which is not in the trust list")
    if purpose not in key.purposes:
        raise SignatureError(name, f"key '{key_id}' is not trusted to sign a {purpose}")
    try:
        key.public_key.verify(signature, data)
    except InvalidSignature:
        raise SignatureError(name, "the signature does not match the file's bytes (changed after signing?)") from None
    return key


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    """An unencrypted PKCS8 PEM Ed25519 private key."""
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key
