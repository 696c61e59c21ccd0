"""Checking a scanned seal: what a keyboard-wedge scanner typed, cleaned of what is safe to clean, then one verdict.

A scanner types the QR text as key presses in the keyboard layout the computer has on, so the same seal can arrive as

- lower case, when Caps Lock is on (the scanner holds Shift for capitals, which Caps Lock turns back to lower case);
- Persian characters, when the Persian layout (ISIRI 9147, "Persian (Standard)") is on: the digit keys type Persian
  digits and Shift plus a letter key types a Persian mark or letter (Shift+P types «[», Shift+K types «»»);
- with a line break, tab or invisible direction marks around it (pasted from another program).

`clean_scan` undoes exactly these, one character at a time, and only for characters that can never be part of a
seal (a seal is "PK1:" + base45: digits, capitals, space and $%*+-./:). Every rule maps a character outside that set
to the one character the same key types in the US layout, so the cleaning is one fixed function: it never guesses,
never tries alternatives until one verifies, and cannot turn a forged seal into a genuine one — whatever it returns
is still checked against the signature. A character the rules do not know is left as it is, and the seal reads as
damaged.

`check_scan(text, trust, today=...)` gives a `SealCheck`: one verdict, the verified payload when the seal is genuine
(expired or not), and, for a forged or unknown-issuer seal, the payload it claims (never to be shown as trustworthy).
No network: the trust list is the one given. A revocation list does not exist yet, so "revoked" is never a verdict.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from civic.keys import TrustedKey, TrustList
from civic.seal import (
    PREFIX,
    BadSignatureError,
    ExpiredSealError,
    MalformedSealError,
    SealPayload,
    UnknownKeyError,
    read_unverified,
    verify,
)

GENUINE = "genuine"
EXPIRED = "expired"
FORGED = "forged"  # decodable, signed by a trusted key, but the signature does not match: altered or forged
UNKNOWN_ISSUER = "unknown_issuer"  # signed by a key this installation does not trust for documents
DAMAGED = "damaged"  # starts like a seal of this system but cannot be decoded: a misread or a cut-off scan
NOT_A_SEAL = "not_a_seal"  # not a seal of this system at all
EMPTY = "empty"  # nothing but blanks
VERDICTS = (GENUINE, EXPIRED, FORGED, UNKNOWN_ISSUER, DAMAGED, NOT_A_SEAL, EMPTY)

_SEAL_CHARACTERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")

# What Shift + a letter key (and the number and symbol keys) type in the Persian standard layout, ISIRI 9147 (the
# X keyboard table "ir", Windows "Persian (Standard)"), → what the same keys type in the US layout. Only keys whose
# US character can be in a seal; every Persian character here differs from the others and from the seal characters.
_PERSIAN_LAYOUT = {
    "\u0652": "Q",  # sukun
    "\u064c": "W",  # dammatan
    "\u064d": "E",  # kasratan
    "\u064b": "R",  # fathatan
    "\u064f": "T",  # damma
    "\u0650": "Y",  # kasra
    "\u064e": "U",  # fatha
    "\u0651": "I",  # shadda
    "]": "O",
    "[": "P",
    "\u0624": "A",  # ؤ
    "\u0626": "S",  # ئ
    "\u064a": "D",  # ي (Arabic yeh)
    "\u0625": "F",  # إ
    "\u0623": "G",  # أ
    "\u0622": "H",  # آ
    "\u0629": "J",  # ة
    "\u00bb": "K",  # »
    "\u00ab": "L",  # «
    "\u0643": "Z",  # ك (Arabic kaf)
    "\u0653": "X",  # maddah above
    "\u0698": "C",  # ژ
    "\u0670": "V",  # superscript alef
    "\u200c": "B",  # zero-width non-joiner
    "\u0654": "N",  # hamza above
    "\u0621": "M",  # ء
    "\ufdfc": "$",  # rial sign
    "\u066a": "%",  # Arabic percent sign
}
_DIGITS = {**{chr(0x06F0 + i): str(i) for i in range(10)}, **{chr(0x0660 + i): str(i) for i in range(10)}}
_CAPS_LOCK = {chr(c): chr(c).upper() for c in range(ord("a"), ord("z") + 1)}
# marks a paste from a right-to-left document may carry: direction marks, embeddings, isolates, byte-order mark
_INVISIBLE = dict.fromkeys("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff", "")
_TABLE = str.maketrans({**_PERSIAN_LAYOUT, **_DIGITS, **_CAPS_LOCK, **_INVISIBLE})
_OUTER_BLANKS = " \t\r\n\v\f\u00a0"


@dataclass(frozen=True)
class CleanScan:
    text: str
    persian_layout: bool  # some characters were typed in the Persian keyboard layout
    caps_lock: bool  # some letters arrived in lower case


def clean_scan(raw: str) -> CleanScan:
    """`raw` as the US layout would have typed it, without line breaks or blanks around it (see the module docs)."""
    text = raw.strip(_OUTER_BLANKS)
    persian = any(c in _PERSIAN_LAYOUT or c in _DIGITS for c in text)
    caps = any(c in _CAPS_LOCK for c in text)
    return CleanScan(text.translate(_TABLE).strip(_OUTER_BLANKS), persian, caps)


@dataclass(frozen=True)
class SealCheck:
    verdict: str  # one of VERDICTS
    scan: CleanScan
    payload: SealPayload | None = None  # verified: GENUINE and EXPIRED only
    claimed: SealPayload | None = None  # read but NOT verified: FORGED and UNKNOWN_ISSUER
    key: TrustedKey | None = None  # the trusted key that signed a verified payload

    @property
    def valid(self) -> bool:
        """Genuine and unexpired. A training document is genuine but never valid for a real transaction."""
        return self.verdict == GENUINE and self.payload is not None and not self.payload.training


def check_scan(raw: str, trust: TrustList, *, today: dt.date | None = None) -> SealCheck:
    """The verdict on a scanned or pasted seal text, against `trust`, on `today` (Tehran's today by default)."""
    scan = clean_scan(raw)
    if not scan.text:
        return SealCheck(EMPTY, scan)
    if not scan.text.startswith(PREFIX):
        return SealCheck(NOT_A_SEAL, scan)
    try:
        payload = verify(scan.text, trust, today=today)
    except ExpiredSealError as exc:
        return SealCheck(EXPIRED, scan, payload=exc.payload, key=trust.get(exc.payload.key_id))
    except UnknownKeyError:
        return SealCheck(UNKNOWN_ISSUER, scan, claimed=read_unverified(scan.text)[0])
    except BadSignatureError:
        return SealCheck(FORGED, scan, claimed=read_unverified(scan.text)[0])
    except MalformedSealError:
        return SealCheck(DAMAGED, scan)
    return SealCheck(GENUINE, scan, payload=payload, key=trust.get(payload.key_id))
