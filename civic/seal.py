"""The document seal: a signed, compact payload printed as a QR code and verified offline against the trust list.

The server (the sandbox in training) signs; the client only verifies. Text form, all in the QR alphanumeric set so a
QR stays small and a keyboard-wedge scanner can type it:

    "PK1:" + base45(body + signature)          (base45 as in RFC 9285)

`body` is big-endian binary, in this order (str8 = one length byte, then that many UTF-8 bytes):

    u8     format version (1)
    u8     flags: bit 0 = training document
    str8   key_id of the signing key
    str8   document number, as the server issued it
    str8   document kind ("receipt", "clearance", "inquiry-reply", ...)
    u32    issue date, days since 1970-01-01 (Gregorian, the date in Tehran)
    u32    expiry date, days since 1970-01-01; 0 = does not expire
    str8   holder (payer or owner), NFC-normalised
    u64    amount in rials (0 when the document carries none)
    32 B   SHA-256 of the document's content (see `content_digest`)

`signature` is Ed25519 (64 bytes) over `DOMAIN + body`. The domain prefix keeps a seal signature from ever being
mistaken for a signature over other bytes made with the same key (tariff-book files, for instance).

The content hash binds the seal to what the document says, not to its PDF bytes: it is SHA-256 of the canonical
JSON of the document's data (`canonical_json`): objects with keys sorted by code point, no insignificant whitespace,
UTF-8 without escapes; text NFC-normalised; int, bool and null as JSON; finite floats in Python's shortest repr;
Decimal as its string; a date as "YYYY-MM-DD"; an aware datetime as UTC "YYYY-MM-DDTHH:MM:SSZ"; a tuple or list as
an array; a dataclass as the object of its fields. Anyone holding the document's data (from `GET /documents/{number}`
or the printed page) recomputes it with `content_digest`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
import struct
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from civic.jalali import TEHRAN
from civic.keys import DOCUMENT, TrustList

PREFIX = "PK1:"
VERSION = 1
DOMAIN = b"pishkhan-seal/1\x00"
SIGNATURE_BYTES = 64
DIGEST_BYTES = 32
MAX_TEXT = 1024  # a real seal is ~300 characters; anything far longer is not one
FLAG_TRAINING = 0x01

_EPOCH = dt.date(1970, 1, 1)
_BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_BASE45_INDEX = {c: i for i, c in enumerate(_BASE45)}


class SealError(ValueError):
    """A seal failed verification; `code` is one of malformed, unknown_key, bad_signature, expired."""

    code = "seal"


class MalformedSealError(SealError):
    """The text is not a seal of a format this client reads (damaged scan, wrong QR, truncated)."""

    code = "malformed"


class UnknownKeyError(SealError):
    """Signed by a key that is not in the trust list, or not trusted to sign documents."""

    code = "unknown_key"

    def __init__(self, key_id: str) -> None:
        self.key_id = key_id
        super().__init__(f"key {key_id!r} is not trusted to sign documents")


class BadSignatureError(SealError):
    """The signature does not match the payload: the seal was altered or forged."""

    code = "bad_signature"


class ExpiredSealError(SealError):
    """Genuine, but past its expiry date; `payload` is the verified payload."""

    code = "expired"

    def __init__(self, payload: SealPayload) -> None:
        self.payload = payload
        super().__init__(f"document {payload.number} expired on {payload.expires}")


@dataclasses.dataclass(frozen=True)
class SealPayload:
    key_id: str
    number: str
    kind: str
    issued: dt.date
    expires: dt.date | None
    holder: str
    amount_rials: int
    content_sha256: bytes
    training: bool = False
    version: int = VERSION


# --- content --------------------------------------------------------------------------------------------------------


def _canonical(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("content keys must be text")
        return {unicodedata.normalize("NFC", k): _canonical(v) for k, v in value.items()}
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("content cannot hold NaN or infinity")
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("content datetimes must be aware")
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    raise TypeError(f"content cannot hold {type(value).__name__}")


def canonical_json(content: Any) -> bytes:
    """The canonical UTF-8 JSON bytes of a document's data (rules in the module docstring)."""
    return json.dumps(_canonical(content), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_digest(content: Any) -> bytes:
    """SHA-256 of `canonical_json(content)`: the hash a seal carries."""
    return hashlib.sha256(canonical_json(content)).digest()


# --- base45 (RFC 9285) ----------------------------------------------------------------------------------------------


def b45encode(data: bytes) -> str:
    out: list[str] = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        c, n = n % 45, n // 45
        d, e = n % 45, n // 45
        out += (_BASE45[c], _BASE45[d], _BASE45[e])
    if len(data) % 2:
        c, d = data[-1] % 45, data[-1] // 45
        out += (_BASE45[c], _BASE45[d])
    return "".join(out)


def b45decode(text: str) -> bytes:
    try:
        values = [_BASE45_INDEX[c] for c in text]
    except KeyError:
        raise MalformedSealError("not base45 text") from None
    if len(values) % 3 == 1:
        raise MalformedSealError("base45 text of an impossible length")
    out = bytearray()
    whole = len(values) - len(values) % 3
    for i in range(0, whole, 3):
        n = values[i] + values[i + 1] * 45 + values[i + 2] * 2025
        if n > 0xFFFF:
            raise MalformedSealError("base45 triplet out of range")
        out += n.to_bytes(2, "big")
    if whole < len(values):
        n = values[whole] + values[whole + 1] * 45
        if n > 0xFF:
            raise MalformedSealError("base45 pair out of range")
        out.append(n)
    return bytes(out)


# --- binary body ----------------------------------------------------------------------------------------------------


def _str8(text: str, name: str) -> bytes:
    raw = unicodedata.normalize("NFC", text).encode("utf-8")
    if len(raw) > 255:
        raise ValueError(f"seal {name} is longer than 255 bytes")
    return bytes([len(raw)]) + raw


def _days(day: dt.date | None) -> int:
    if day is None:
        return 0
    if isinstance(day, dt.datetime):
        raise TypeError("seal dates are calendar dates, not datetimes")
    days = (day - _EPOCH).days
    if days <= 0:
        raise ValueError("seal dates must be after 1970-01-01")
    return days


def encode_body(payload: SealPayload) -> bytes:
    """The signed bytes of a payload (layout in the module docstring)."""
    if isinstance(payload.amount_rials, bool) or not isinstance(payload.amount_rials, int):
        raise TypeError("amount_rials is an int number of rials")
    if not 0 <= payload.amount_rials < 2**64:
        raise ValueError("amount_rials must be between 0 and 2**64 - 1")
    if len(payload.content_sha256) != DIGEST_BYTES:
        raise ValueError("content_sha256 must be 32 bytes")
    if payload.version != VERSION:
        raise ValueError(f"this client writes seal format {VERSION} only")
    return b"".join(
        (
            bytes([payload.version, FLAG_TRAINING if payload.training else 0]),
            _str8(payload.key_id, "key_id"),
            _str8(payload.number, "number"),
            _str8(payload.kind, "kind"),
            struct.pack(">II", _days(payload.issued), _days(payload.expires)),
            _str8(payload.holder, "holder"),
            struct.pack(">Q", payload.amount_rials),
            payload.content_sha256,
        )
    )


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, n: int) -> bytes:
        if self.at + n > len(self.data):
            raise MalformedSealError("the seal is truncated")
        chunk = self.data[self.at : self.at + n]
        self.at += n
        return chunk

    def str8(self) -> str:
        raw = self.take(self.take(1)[0])
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise MalformedSealError("the seal holds text that is not UTF-8") from None


def _decode_body(body: bytes) -> SealPayload:
    r = _Reader(body)
    version, flags = r.take(2)
    if version != VERSION:
        raise MalformedSealError(f"seal format {version} is not one this client reads")
    key_id, number, kind = r.str8(), r.str8(), r.str8()
    issued_days, expires_days = struct.unpack(">II", r.take(8))
    holder = r.str8()
    (amount,) = struct.unpack(">Q", r.take(8))
    digest = r.take(DIGEST_BYTES)
    if r.at != len(body) or issued_days == 0:
        raise MalformedSealError("the seal's fields do not add up")
    try:
        issued = _EPOCH + dt.timedelta(days=issued_days)
        expires = _EPOCH + dt.timedelta(days=expires_days) if expires_days else None
    except OverflowError:
        raise MalformedSealError("a seal date is out of range") from None
    return SealPayload(key_id, number, kind, issued, expires, holder, amount, digest, bool(flags & FLAG_TRAINING))


# --- sign and verify ------------------------------------------------------------------------------------------------


def sign(payload: SealPayload, private_key: Ed25519PrivateKey) -> str:
    """The seal text for `payload`, signed with `private_key` (the server's side)."""
    body = encode_body(payload)
    return PREFIX + b45encode(body + private_key.sign(DOMAIN + body))


def read_unverified(text: str) -> tuple[SealPayload, bytes, bytes]:
    """(payload, body, signature) without checking the signature: for printing a seal, never for trusting one."""
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise MalformedSealError("not a seal")
    text = text.strip()
    if not text.startswith(PREFIX):
        raise MalformedSealError(f"a seal starts with {PREFIX}")
    raw = b45decode(text[len(PREFIX) :])
    if len(raw) <= SIGNATURE_BYTES:
        raise MalformedSealError("the seal is truncated")
    body, signature = raw[:-SIGNATURE_BYTES], raw[-SIGNATURE_BYTES:]
    return _decode_body(body), body, signature


def tehran_today() -> dt.date:
    return dt.datetime.now(TEHRAN).date()


def verify(text: str, trust: TrustList, *, today: dt.date | None = None) -> SealPayload:
    """The payload of a genuine, unexpired seal, or the SealError saying why not.

    Checks in order: format (MalformedSealError), key known and trusted for documents (UnknownKeyError), signature
    (BadSignatureError), expiry against `today` in Tehran (ExpiredSealError, which still carries the payload).
    A payload signed by the training key is always marked training, whatever its flags say.
    """
    payload, body, signature = read_unverified(text)
    key = trust.get(payload.key_id)
    if key is None or not key.trusted_for(DOCUMENT):
        raise UnknownKeyError(payload.key_id)
    try:
        key.public_key.verify(signature, DOMAIN + body)
    except InvalidSignature:
        raise BadSignatureError("the seal's signature does not match its content") from None
    if key.training and not payload.training:
        payload = dataclasses.replace(payload, training=True)
    today = today or tehran_today()
    if payload.expires is not None and today > payload.expires:
        raise ExpiredSealError(payload)
    return payload
