"""Ed25519 keys: the trust list of public keys this installation believes, and loading a private signing key.

The trust list (resources/trust/keys.json) is JSON:
``[{"key_id", "public_key": "<base64 of the raw 32-byte key>", "label", "purposes": [...]}]``.
A key is trusted only for the purposes it lists: "tariff" for tariff books, "document" for sealed documents
(certificates, replies, receipts). Only the signing side (the sandbox, maintainer tools, demo samples) ever loads a
private key; the client verifies with public keys alone.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from civic import jsonsafe, trust_policy
from civic.files import read_bounded
from civic.resources import resource_path

TARIFF = "tariff"
DOCUMENT = "document"
# The public training key: whatever it signs is training material, whatever the payload claims.
TRAINING_KEY_ID = trust_policy.TRAINING_KEY_ID
MAX_TRUST_LIST_BYTES = 1_000_000
MAX_KEY_FILE_BYTES = 64 * 1024


class TrustListError(ValueError):
    """The trust list (or a key file) is unreadable or malformed; `source` names the file."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


@dataclass(frozen=True)
class TrustedKey:
    key_id: str
    public_key: Ed25519PublicKey
    label: str
    purposes: tuple[str, ...]

    def raw_public_key(self) -> bytes:
        return self.public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    def trusted_for(self, purpose: str) -> bool:
        return purpose in self.purposes

    @property
    def training(self) -> bool:
        return self.key_id == TRAINING_KEY_ID


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
            entries = jsonsafe.loads(data, max_depth=4)
            if not isinstance(entries, list):
                raise ValueError("a list of keys is expected")
            keys = [_trusted_key(entry) for entry in entries]
        except (ValueError, TypeError, KeyError, binascii.Error) as exc:
            raise TrustListError(name, f"the trust list is malformed: {exc}") from None
        return cls(keys)

    @classmethod
    def load(cls, path: Path | None = None) -> TrustList:
        """The bundled trust list (with the training key's when the installation's policy believes it:
        civic/trust_policy.py), or the one at `path`."""
        if path is not None:
            return cls._read(path)
        bundled = cls._read(resource_path("trust", trust_policy.TRUST_LIST))
        extra = trust_policy.training_list()
        if not trust_policy.training_key_believed() or not extra.is_file():
            return bundled
        training = [key for key in cls._read(extra).keys.values() if key.training]  # that list holds nothing else
        return cls([*bundled.keys.values(), *training])

    @classmethod
    def _read(cls, path: Path) -> TrustList:
        try:
            data = read_bounded(path, MAX_TRUST_LIST_BYTES)
        except OSError as exc:
            raise TrustListError(str(path), f"cannot read the trust list: {exc.strerror or exc}") from None
        return cls.from_json(data, name=str(path))


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


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    """An unencrypted PKCS8 PEM Ed25519 private key."""
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key


def training_private_key() -> Ed25519PrivateKey:
    """The public training key (resources/keys/): signs sandbox and sample documents, never real ones."""
    path = resource_path("keys", "training-signing-key.pem")
    try:
        return load_private_key(read_bounded(path, MAX_KEY_FILE_BYTES))
    except OSError as exc:
        raise TrustListError(str(path), f"cannot read the training key: {exc.strerror}") from None
