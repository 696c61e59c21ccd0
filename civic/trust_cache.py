"""The trust list and revocation list kept in the operator's config folder, for checking documents offline.

Two files, each written whole or not at all (a new 0600 file renamed over the old one):

- `revocations.json`: the signed revocation list exactly as the server sent it (`GET /revocations`). It is checked
  against the trust list when it arrives and again whenever it is read, so a changed file is refused, not believed.
  A list older than the one kept is refused too: a replayed answer cannot bring back a revoked document.
- `trust-check.json`: what the server's trust list (`GET /keys`) said, and when. It is unsigned, so it never adds a
  key: the keys this installation trusts are always the bundled ones (resources/trust/keys.json, or a file given on
  the command line). The server's list is compared with them and the page says whether they agree; a key only the
  server lists stays «unknown issuer» until a program update brings it.

Nothing here touches Qt or the network: the verification page fetches the lists on a worker thread and hands their
bytes to `keep_revocations` and `keep_trust_list`; `pishkhan verify` only reads the files.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civic import jsonsafe
from civic.files import read_bounded, write_atomically
from civic.keys import TrustedKey, TrustList, TrustListError
from civic.revocation import MAX_LIST_BYTES, RevocationList, RevocationListError, read_revocation_list

log = logging.getLogger(__name__)

REVOCATIONS_FILE = "revocations.json"
TRUST_CHECK_FILE = "trust-check.json"
TRUST_CHECK_FORMAT = "pishkhan-trust-check/1"
_INSTANT = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class TrustComparison:
    """The server's trust list against the keys this installation trusts."""

    checked_at: dt.datetime
    added: tuple[str, ...] = ()  # keys only the server lists: NOT trusted here
    missing: tuple[str, ...] = ()  # keys trusted here that the server no longer lists
    changed: tuple[str, ...] = ()  # the same key id with another key or other purposes

    @property
    def matches(self) -> bool:
        return not (self.added or self.missing or self.changed)


@dataclass(frozen=True)
class CachedLists:
    trust: TrustList  # the keys trusted here: the bundled list (or the one given), never the server's
    trust_comparison: TrustComparison | None  # None: never compared with the server's
    revocations: RevocationList | None  # None: none kept, or the one kept is not usable
    revocations_problem: str | None = None  # why the kept list was refused (RevocationListError.code, or "unreadable")


def _fingerprint(key: TrustedKey) -> tuple[bytes, tuple[str, ...]]:
    return key.raw_public_key(), tuple(sorted(key.purposes))


def compare(trusted: TrustList, server: TrustList, checked_at: dt.datetime) -> TrustComparison:
    ours, theirs = set(trusted.keys), set(server.keys)
    changed = [
        key_id
        for key_id in sorted(ours & theirs)
        if _fingerprint(trusted.keys[key_id]) != _fingerprint(server.keys[key_id])
    ]
    return TrustComparison(checked_at, tuple(sorted(theirs - ours)), tuple(sorted(ours - theirs)), tuple(changed))


def _private_dir(path: Path) -> None:
    """Make the folder (and missing parents) if needed; the folder itself 0700 on POSIX."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) != 0o700:
        path.chmod(0o700)


def write_private(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: a new 0600 file in the same (0700) folder, synced, renamed over the old."""
    _private_dir(path.parent)
    write_atomically(path, data)


def _instant(text: Any) -> dt.datetime:
    if not isinstance(text, str):
        raise ValueError("not a time")
    return dt.datetime.strptime(text, _INSTANT).replace(tzinfo=dt.UTC)


class TrustCache:
    """The two files in `folder` (the operator's config folder), read and written against `trust`."""

    def __init__(self, folder: Path, trust: TrustList | None = None) -> None:
        self.folder = folder
        self.trust = trust if trust is not None else TrustList.load()  # TrustListError if the bundled file is bad

    @property
    def revocations_path(self) -> Path:
        return self.folder / REVOCATIONS_FILE

    @property
    def trust_check_path(self) -> Path:
        return self.folder / TRUST_CHECK_FILE

    # --- reading -------------------------------------------------------------------------------------------------

    def load(self) -> CachedLists:
        revocations, problem = self._kept_revocations()
        return CachedLists(self.trust, self._kept_comparison(), revocations, problem)

    def _kept_revocations(self) -> tuple[RevocationList | None, str | None]:
        try:
            data = read_bounded(self.revocations_path, MAX_LIST_BYTES)
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            log.warning("the kept revocation list is unreadable: %s", exc)
            return None, "unreadable"
        try:
            return read_revocation_list(data, self.trust), None
        except RevocationListError as exc:
            log.warning("the kept revocation list is refused: %s", exc.reason)
            return None, exc.code

    def _kept_comparison(self) -> TrustComparison | None:
        try:
            data = read_bounded(self.trust_check_path, MAX_LIST_BYTES)
        except OSError:
            return None
        try:
            kept = jsonsafe.loads(data, max_depth=6)
            if not isinstance(kept, dict) or kept.get("format") != TRUST_CHECK_FORMAT:
                raise ValueError("not a trust check file")
            server = TrustList.from_json(json.dumps(kept["keys"]), name=TRUST_CHECK_FILE)
            return compare(self.trust, server, _instant(kept["checked_at"]))
        except (ValueError, KeyError, TrustListError) as exc:
            log.warning("the kept trust list check is unreadable: %s", exc)
            return None

    # --- keeping what the server sent ----------------------------------------------------------------------------

    def keep_revocations(self, data: bytes) -> RevocationList:
        """Check the server's list and keep it; RevocationListError if it is not genuine or older than the one kept
        (nothing is written then)."""
        fresh = read_revocation_list(data, self.trust)
        kept, _ = self._kept_revocations()
        if kept is not None and fresh.issued_at < kept.issued_at:
            raise RevocationListError("older", "the revocation list is older than the one kept")
        write_private(self.revocations_path, bytes(data))
        return fresh

    def keep_trust_list(self, data: bytes, checked_at: dt.datetime) -> TrustComparison:
        """Compare the server's trust list with the trusted one and keep what it said; TrustListError if unreadable."""
        server = TrustList.from_json(data, name="GET /keys")
        entries = jsonsafe.loads(data, max_depth=4)
        record = {"format": TRUST_CHECK_FORMAT, "checked_at": checked_at.astimezone(dt.UTC).strftime(_INSTANT)}
        record["keys"] = entries
        write_private(self.trust_check_path, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
        return compare(self.trust, server, checked_at)
