"""Detached Ed25519 signatures over exact file bytes, checked against the trust list in resources/trust/keys.json.

A signature file (`BOOK.toml.sig`) is JSON: {"key_id": "...", "signature": "<base64 of the 64-byte signature>"}.
The trust list is JSON: [{"key_id", "public_key": "<base64 of the raw 32-byte key>", "label", "purposes": [...]}];
a key signs only for the purposes it lists ("tariff" for books, "document" for certificates and replies).
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from civic import jsonsafe
from civic import keys as civic_keys
from civic.keys import TrustedKey, load_private_key
from fees.errors import SignatureError

__all__ = ["DOCUMENT", "TARIFF", "TrustList", "TrustedKey", "load_private_key", "sign_detached", "verify_detached"]

TARIFF = "tariff"
DOCUMENT = "document"
MAX_SIGNATURE_BYTES = 4096


class TrustList(civic_keys.TrustList):
    """The installation's trust list (civic.keys); a broken one is a SignatureError here, like every other
    refusal of a signature."""

    @classmethod
    def from_json(cls, data: bytes | str, *, name: str = "keys.json") -> TrustList:
        try:
            return super().from_json(data, name=name)  # type: ignore[return-value]
        except civic_keys.TrustListError as exc:
            raise SignatureError(exc.source, exc.reason) from None

    @classmethod
    def load(cls, path: Path | None = None) -> TrustList:
        try:
            return super().load(path)  # type: ignore[return-value]
        except civic_keys.TrustListError as exc:
            raise SignatureError(exc.source, exc.reason) from None


def sign_detached(data: bytes, private_key: Ed25519PrivateKey, key_id: str) -> bytes:
    """The signature file's bytes for `data`."""
    signature = base64.b64encode(private_key.sign(data)).decode("ascii")
    return (json.dumps({"key_id": key_id, "signature": signature}, indent=2) + "\n").encode("utf-8")


def verify_detached(data: bytes, signature_file: bytes, trust: TrustList, purpose: str, *, name: str) -> TrustedKey:
    """Check a detached signature; returns the trusted key that made it, or raises SignatureError naming `name`."""
    if len(signature_file) > MAX_SIGNATURE_BYTES:
        raise SignatureError(name, "the signature file is too large")
    try:
        envelope = jsonsafe.loads(signature_file, max_depth=2)
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
