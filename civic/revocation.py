"""The signed revocation list: which sealed documents the municipality has withdrawn, when, and why.

A seal proves who issued a document; it cannot say the document was later withdrawn. The server publishes the list
of revoked documents (`GET /revocations`), signed with a document key of the trust list, and the client keeps the
latest copy to check scans offline. The list is JSON:

    {"format": "pishkhan-revocations/1", "key_id": str, "issued_at": "YYYY-MM-DDTHH:MM:SSZ", "max_age_s": int,
     "revoked": [{"number": str, "revoked_at": "YYYY-MM-DDTHH:MM:SSZ", "reason": str}, ...],
     "signature": "<base64 of the Ed25519 signature>"}

The signature covers `DOMAIN + canonical_json(the object without "signature")` (`civic.seal.canonical_json`), so
every byte that carries meaning is signed, the order of the entries included. The signer lists the entries by
number. A list is trusted for `max_age_s` seconds after `issued_at`: after that it is stale, and a document it does
not name may have been revoked since — the caller must then say it cannot tell, not that the document stands.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from civic import jsonsafe
from civic.keys import DOCUMENT, TrustList
from civic.seal import canonical_json

FORMAT = "pishkhan-revocations/1"
DOMAIN = b"pishkhan-revocations/1\x00"
MAX_LIST_BYTES = 8_000_000
MAX_REASON = 500
_FIELDS = frozenset({"format", "key_id", "issued_at", "max_age_s", "revoked", "signature"})
_ENTRY_FIELDS = frozenset({"number", "revoked_at", "reason"})
_INSTANT = "%Y-%m-%dT%H:%M:%SZ"


class RevocationListError(ValueError):
    """The revocation list cannot be used. `code` is one of malformed, format, unknown_key, bad_signature;
    `reason` says why in one line (English, for logs and the command line)."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Revocation:
    number: str
    revoked_at: dt.datetime  # aware, UTC
    reason: str


@dataclass(frozen=True)
class RevocationList:
    key_id: str
    issued_at: dt.datetime  # aware, UTC
    max_age: dt.timedelta
    entries: tuple[Revocation, ...]

    def revoked(self, number: str) -> Revocation | None:
        """The revocation of document `number`, or None when this list does not name it."""
        return next((entry for entry in self.entries if entry.number == number), None)

    @property
    def stale_after(self) -> dt.datetime:
        return self.issued_at + self.max_age

    def is_stale(self, now: dt.datetime) -> bool:
        """True once the list is older than its maximum age at `now` (aware)."""
        return _aware(now) > self.stale_after

    def age(self, now: dt.datetime) -> dt.timedelta:
        """How old the list is at `now` (never negative: a list from a clock ahead of ours counts as new)."""
        return max(_aware(now) - self.issued_at, dt.timedelta(0))


def _aware(instant: dt.datetime) -> dt.datetime:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("naive datetime: pass an aware instant")
    return instant


def _instant_text(instant: dt.datetime) -> str:
    return _aware(instant).astimezone(dt.UTC).strftime(_INSTANT)


def _signed_bytes(unsigned: dict[str, Any]) -> bytes:
    return DOMAIN + canonical_json(unsigned)


def sign_revocation_list(
    revocations: Iterable[Revocation],
    *,
    issued_at: dt.datetime,
    max_age: dt.timedelta,
    key_id: str,
    private_key: Ed25519PrivateKey,
) -> dict[str, Any]:
    """The signed list (a JSON object) of `revocations`, entries in order of number (the server's side)."""
    seconds = int(max_age.total_seconds())
    if seconds <= 0:
        raise ValueError("max_age must be at least one second")
    entries = sorted(revocations, key=lambda r: r.number)
    if len({r.number for r in entries}) != len(entries):
        raise ValueError("a document is revoked once")
    unsigned: dict[str, Any] = {
        "format": FORMAT,
        "key_id": key_id,
        "issued_at": _instant_text(issued_at),
        "max_age_s": seconds,
        "revoked": [
            {"number": r.number, "revoked_at": _instant_text(r.revoked_at), "reason": r.reason} for r in entries
        ],
    }
    signature = private_key.sign(_signed_bytes(unsigned))
    return {**unsigned, "signature": base64.b64encode(signature).decode("ascii")}


def _malformed(reason: str) -> RevocationListError:
    return RevocationListError("malformed", f"the revocation list is malformed: {reason}")


def _text(value: Any, name: str, *, limit: int = 255) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise _malformed(f"{name} must be text of at most {limit} characters")
    return value


def _parse_instant(value: Any, name: str) -> dt.datetime:
    text = _text(value, name, limit=20)
    try:
        return dt.datetime.strptime(text, _INSTANT).replace(tzinfo=dt.UTC)
    except ValueError:
        raise _malformed(f"{name} is not a UTC time YYYY-MM-DDTHH:MM:SSZ") from None


def _entry(value: Any, index: int) -> Revocation:
    if not isinstance(value, dict) or set(value) != _ENTRY_FIELDS:
        raise _malformed(f"entry {index} must have exactly number, revoked_at and reason")
    number = _text(value["number"], f"entry {index} number")
    if not number:
        raise _malformed(f"entry {index} has no number")
    reason = _text(value["reason"], f"entry {index} reason", limit=MAX_REASON)
    return Revocation(number, _parse_instant(value["revoked_at"], f"entry {index} revoked_at"), reason)


def read_revocation_list(data: bytes, trust: TrustList) -> RevocationList:
    """The verified list in `data`, or RevocationListError saying why it cannot be used.

    Checks: JSON object of the known fields; the format; the key known and trusted for documents; the signature over
    everything else; then the fields' types. A list signed by an unknown key is refused, never half-trusted.
    """
    if not isinstance(data, bytes | bytearray) or len(data) > MAX_LIST_BYTES:
        raise _malformed(f"not a list of at most {MAX_LIST_BYTES} bytes")
    try:
        obj = jsonsafe.loads(bytes(data), max_depth=4)
    except (ValueError, UnicodeDecodeError):
        raise _malformed("not JSON") from None
    if not isinstance(obj, dict):
        raise _malformed("a JSON object is expected")
    if obj.get("format") != FORMAT:
        raise RevocationListError("format", f"unknown revocation list format {str(obj.get('format'))[:40]!r}")
    if set(obj) != _FIELDS:
        raise _malformed(f"fields must be exactly {', '.join(sorted(_FIELDS))}")
    key_id = _text(obj["key_id"], "key_id")
    key = trust.get(key_id)
    if key is None or not key.trusted_for(DOCUMENT):
        raise RevocationListError("unknown_key", f"the revocation list is signed by an unknown key {key_id!r}")
    try:
        signature = base64.b64decode(_text(obj["signature"], "signature", limit=100), validate=True)
    except binascii.Error:
        raise _malformed("the signature is not base64") from None
    unsigned = {name: value for name, value in obj.items() if name != "signature"}
    try:
        signed = _signed_bytes(unsigned)
    except (TypeError, ValueError) as exc:
        raise _malformed(str(exc)) from None
    try:
        key.public_key.verify(signature, signed)
    except InvalidSignature:
        raise RevocationListError("bad_signature", "the revocation list's signature does not match it") from None
    max_age_s = obj["max_age_s"]
    if isinstance(max_age_s, bool) or not isinstance(max_age_s, int) or not 0 < max_age_s <= 366 * 86400:
        raise _malformed("max_age_s must be a whole number of seconds up to a year")
    if not isinstance(obj["revoked"], list):
        raise _malformed("revoked must be a list")
    entries = tuple(_entry(value, i) for i, value in enumerate(obj["revoked"]))
    if len({entry.number for entry in entries}) != len(entries):
        raise _malformed("a document is listed twice")
    return RevocationList(
        key_id, _parse_instant(obj["issued_at"], "issued_at"), dt.timedelta(seconds=max_age_s), entries
    )
