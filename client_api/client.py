"""The municipal API facade: one method per endpoint, a timeout on every call, typed errors.

Threading: a client may be used from several worker threads at once (each thread gets its own
`requests.Session`); it must never be called on the UI thread. Tokens are read from and written to the
token store on each use, so the keyring stays the single place they live.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import requests

from civic import jsonsafe
from client_api import errors
from client_api.actions import ActionAnswer, ActionRecord, Note
from client_api.journal import HEAD_HEADER
from client_api.models import Health, Operator
from client_api.parcels import Parcel, ParcelPage
from client_api.permits import PermitRequest, PermitRequestPage
from client_api.tariffs import ServerAssessment, SignedTariffBook
from client_api.token_store import KeyringTokenStore, Tokens, TokenStore
from client_api.transport import api_root, never_sent, new_session, raise_for_problem, refuse_redirect

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timeouts:
    connect_s: float = 3.05
    read_s: float = 15.0

    def as_requests(self) -> tuple[float, float]:
        return (self.connect_s, self.read_s)


class MunicipalClient:
    def __init__(
        self,
        base_url: str,
        token_store: TokenStore,
        *,
        ca_bundle: str | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        self.root = api_root(base_url)
        self.base_url = base_url
        self._store = token_store
        self._ca_bundle = ca_bundle
        self._timeouts = timeouts or Timeouts()
        self._local = threading.local()
        self._refresh_lock = threading.Lock()
        self._account: str | None = None

    # -- plumbing -------------------------------------------------------------------------------------

    @property
    def token_store(self) -> TokenStore:
        return self._store

    @property
    def signed_in(self) -> bool:
        return self._account is not None and self._store.load(self._account) is not None

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = new_session(self._ca_bundle)
            self._local.session = session
        return session

    def _send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: bytes | None = None,
        token: str | None = None,
        headers: dict | None = None,
    ) -> requests.Response:
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        try:
            response = self._session().request(
                method,
                self.root + path,
                json=json,
                data=data,
                headers=all_headers,
                timeout=self._timeouts.as_requests(),
                allow_redirects=False,  # credentials and tokens go to the configured address only
            )
        except requests.exceptions.SSLError as exc:
            # a certificate problem is not "offline": the operator must not be told to retry
            raise errors.InsecureTransportError(f"TLS verification failed: {exc}") from exc
        except requests.exceptions.ConnectTimeout as exc:
            raise errors.ConnectTimeoutError(f"no connection to {self.root} in time") from exc
        except requests.exceptions.ReadTimeout as exc:
            raise errors.RequestTimeoutError(f"no answer from {self.root} in time") from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            if never_sent(exc):
                raise errors.NotDeliveredError(f"cannot reach {self.root}") from exc
            raise errors.AnswerLostError(f"the connection to {self.root} broke before the answer came") from exc
        refuse_redirect(response)
        return response

    @staticmethod
    def _json(response: requests.Response) -> dict[str, Any]:
        try:
            body = jsonsafe.loads(response.content)  # nesting bounded: RecursionError is no ValueError
        except ValueError as exc:
            raise errors.ProtocolError("the server's answer is not JSON") from exc
        if not isinstance(body, dict):
            raise errors.ProtocolError("the server's answer is not a JSON object")
        return body

    def _session_tokens(self) -> tuple[str, Tokens]:
        account = self._account
        tokens = self._store.load(account) if account else None
        if account is None or tokens is None:
            raise errors.SessionExpiredError("not signed in")
        return account, tokens

    def _call(self, method: str, path: str, *, json: Any = None, headers: dict | None = None) -> requests.Response:
        """An authenticated call; on 401 it refreshes the session once and tries again."""
        account, tokens = self._session_tokens()
        response = self._send(method, path, json=json, token=tokens.access_token, headers=headers)
        if response.status_code == 401:
            fresh = self._refresh_after_401(account, tokens)
            response = self._send(method, path, json=json, token=fresh.access_token, headers=headers)
        raise_for_problem(response)
        return response

    def _refresh_after_401(self, account: str, used: Tokens) -> Tokens:
        with self._refresh_lock:
            current = self._store.load(account)
            if current is None:
                raise errors.SessionExpiredError("signed out")
            if current.access_token != used.access_token:
                return current  # another thread refreshed while this one waited
            try:
                return self._refresh(account, current)
            except errors.UnauthorizedError as exc:
                self._store.delete(account)
                self._account = None
                raise errors.SessionExpiredError(exc.detail, status=exc.status, problem=exc.problem) from exc

    def _refresh(self, account: str, tokens: Tokens) -> Tokens:
        response = self._send("POST", "/auth/refresh", json={"refresh_token": tokens.refresh_token})
        raise_for_problem(response)
        fresh = self._tokens_from(response)
        self._store.save(account, fresh)
        return fresh

    def _tokens_from(self, response: requests.Response) -> Tokens:
        body = self._json(response)
        try:
            return Tokens(str(body["access_token"]), str(body["refresh_token"]))
        except KeyError as exc:
            raise errors.ProtocolError(f"token answer lacks {exc}") from exc

    # -- endpoints ------------------------------------------------------------------------------------

    def health(self) -> Health:
        response = self._send("GET", "/health")
        raise_for_problem(response)
        return Health.from_json(self._json(response))

    def sign_in(self, username: str, password: str, office_code: str, terminal_id: str) -> Operator:
        """Exchange credentials for a session, keep its tokens in the store, and return who signed in."""
        response = self._send(
            "POST",
            "/auth/token",
            json={"username": username, "password": password, "office_code": office_code, "terminal_id": terminal_id},
        )
        raise_for_problem(response)
        account = f"{self.root}|{office_code}|{username}"
        self._store.save(account, self._tokens_from(response))
        self._account = account
        return self.me()

    def refresh(self) -> None:
        """Renew the session's tokens now (also done automatically once on a 401).

        The tokens are read under the refresh lock: a refresh token read before another thread rotated it would be
        a reused one, and the server would end the session for it."""
        with self._refresh_lock:
            account = self._account
            tokens = self._store.load(account) if account else None
            if account is None or tokens is None:
                raise errors.SessionExpiredError("not signed in")
            try:
                self._refresh(account, tokens)
            except errors.UnauthorizedError as exc:
                self._store.delete(account)
                self._account = None
                raise errors.SessionExpiredError(exc.detail, status=exc.status, problem=exc.problem) from exc

    def revoke_stale_sessions(self) -> int:
        """End the sessions an earlier run left in this keyring (it crashed or was killed before signing out): each
        is revoked on its server when that answers, and wiped here either way. Returns how many were wiped.
        Call it off the UI thread, at start-up."""
        return revoke_stale_sessions(self._store, ca_bundle=self._ca_bundle, timeouts=self._timeouts)

    def _revoke(self, tokens: Tokens) -> None:
        """Revoke the session of these tokens on the server, by its refresh token (its access token may be long
        expired)."""
        raise_for_problem(self._send("POST", "/auth/revoke", json={"refresh_token": tokens.refresh_token}))

    def me(self) -> Operator:
        return Operator.from_json(self._json(self._call("GET", "/me")))

    def logout(self) -> None:
        """Revoke the session on the server and wipe its tokens here, even when the server is unreachable."""
        account = self._account
        if account is None:
            return
        try:
            self._call("POST", "/auth/logout")
        except errors.SessionExpiredError:
            pass  # the server had already ended the session
        finally:
            self._store.delete(account)
            self._account = None

    def reauthenticate(self, password: str) -> None:
        """Check the signed-in operator's password again (to unlock an idle-locked window). Returns when the server
        accepts it. A wrong password raises UnauthorizedError (the server counts it toward lock-out), a locked-out
        operator RateLimitedError, a session that ended SessionExpiredError. An expired access token is refreshed
        once (the server refuses a stale token before it looks at the password, so one check counts once)."""
        account, tokens = self._session_tokens()
        response = self._send("POST", "/auth/reauthenticate", json={"password": password}, token=tokens.access_token)
        if response.status_code == 401 and not _wrong_password(response):
            fresh = self._refresh_after_401(account, tokens)
            response = self._send("POST", "/auth/reauthenticate", json={"password": password}, token=fresh.access_token)
            if response.status_code == 401 and not _wrong_password(response):
                self._store.delete(account)
                self._account = None
                raise errors.SessionExpiredError("the session was refused after a refresh", status=401)
        raise_for_problem(response)

    # -- tariff books and assessments -------------------------------------------------------------------

    def current_tariff_book(self) -> SignedTariffBook:
        """The book the server computes with, as sent: bytes and signature, NOT yet verified (the desktop verifies
        it with `fees` against its trust list before using or caching it). Public: no session needed."""
        response = self._send("GET", "/tariffs/current")
        raise_for_problem(response)
        return SignedTariffBook.from_json(self._json(response))

    def tariff_book(self, code: str, version: str) -> SignedTariffBook:
        """One book by code and version, as sent (not yet verified); NotFoundError if the server has none."""
        response = self._send("GET", f"/tariffs/{quote(code, safe='')}/{quote(version, safe='')}")
        raise_for_problem(response)
        return SignedTariffBook.from_json(self._json(response))

    def assess(self, case: dict[str, Any]) -> ServerAssessment:
        """The server's authoritative assessment of a case (the JSON of `pishkhan fees preview`; numbers as int or
        text). A bad case is a ValidationFailedError whose field errors name the fields (`floors[1].area_m2`)."""
        return ServerAssessment.from_json(self._json(self._call("POST", "/assessments", json=case)))

    # -- actions (the outbox sends them; see client_api/outbox.py) -----------------------------------------

    def submit_action(
        self,
        method: str,
        path: str,
        body: bytes,
        idempotency_key: str,
        *,
        content_type: str = "application/json",
        journal_head: str | None = None,
    ) -> ActionAnswer:
        """Send an action's exact body bytes under its Idempotency-Key and return whatever the server answered.

        Any HTTP status comes back as an answer (the outbox keeps it); only transport failures raise:
        `NotDeliveredError` (nothing reached the server), `RequestTimeoutError` / `AnswerLostError` (outcome
        unknown: send again with the same key), `SessionExpiredError` (sign in again). A 401 refreshes the
        session once and sends again: a 401 is answered before anything is done.

        `journal_head`: the operator's journal head stored with the action when it was confirmed (`Journal-Head`
        header, the same on every resend; client_api/journal.py).
        """
        account, tokens = self._session_tokens()
        headers = {"Idempotency-Key": idempotency_key, "Content-Type": content_type}
        if journal_head is not None:
            headers[HEAD_HEADER] = journal_head
        response = self._send(method, path, data=body, token=tokens.access_token, headers=headers)
        if response.status_code == 401:
            try:
                fresh = self._refresh_after_401(account, tokens)
            except errors.SessionExpiredError:
                raise
            except errors.ApiError as exc:  # the action itself was refused with a 401: nothing was applied
                raise errors.NotDeliveredError(f"the session could not be refreshed: {exc.detail or exc}") from exc
            response = self._send(method, path, data=body, token=fresh.access_token, headers=headers)
        retry_after = response.headers.get("Retry-After", "")
        return ActionAnswer(
            status=response.status_code,
            content_type=response.headers.get("Content-Type", ""),
            body=response.content,
            replayed=response.headers.get("Idempotency-Replayed", "").lower() == "true",
            retry_after_s=int(retry_after) if retry_after.isascii() and retry_after.isdigit() else None,
        )

    def lookup_action(self, idempotency_key: str) -> ActionRecord | None:
        """What the server recorded for an action sent with this key (kept after the key expires); None if the
        server never handled it, so it was not applied."""
        try:
            response = self._call("GET", f"/actions/{idempotency_key}")
        except errors.NotFoundError as exc:
            if str(exc.problem.get("type", "")).endswith("/action-not-found"):
                return None
            raise
        return ActionRecord.from_json(self._json(response))

    def list_notes(self) -> list[Note]:
        """The operator's own hand-over notes, newest first."""
        items = self._json(self._call("GET", "/me/notes")).get("items")
        if not isinstance(items, list):
            raise errors.ProtocolError("the notes answer has no item list")
        return [Note.from_json(item) for item in items if isinstance(item, dict)]

    def get_json(self, path: str, params: dict[str, str | int | None] | None = None) -> dict[str, Any]:
        """GET `path` (below the API root; path segments already quoted) with `params` (None values left out),
        as a JSON object: the reading calls of client_api/inquiries.py and client_api/cashier.py go through here."""
        query = urlencode({k: v for k, v in (params or {}).items() if v is not None and v != ""})
        return self._json(self._call("GET", f"{path}?{query}" if query else path))

    def get_public_bytes(self, path: str) -> bytes:
        """GET `path` that needs no sign-in (the trust list, the revocation list): the answer's exact body bytes."""
        response = self._send("GET", path)
        raise_for_problem(response)
        return response.content

    # -- permit requests (read; the changing calls are outbox actions, client_api/actions.py) ---------------

    def permit_request(self, request_id: str) -> PermitRequest:
        """One permit request of the office, with its attachments and status history; NotFoundError if none."""
        response = self._call("GET", f"/permit-requests/{quote(request_id, safe='')}")
        return PermitRequest.from_json(self._json(response))

    def permit_requests(
        self,
        *,
        status: str | None = None,
        created_from: str | None = None,
        created_to: str | None = None,
        national_id: str | None = None,
        renovation_code: str | None = None,
        tracking_number: str | None = None,
        page: int = 1,
        page_size: int = 50,
    ) -> PermitRequestPage:
        """The office's permit requests, newest first, one page; dates are UTC `YYYY-MM-DD`, inclusive."""
        filters = {
            "status": status,
            "from": created_from,
            "to": created_to,
            "national_id": national_id,
            "renovation_code": renovation_code,
            "tracking_number": tracking_number,
        }
        query = urlencode({k: v for k, v in filters.items() if v} | {"page": page, "page_size": page_size})
        return PermitRequestPage.from_json(self._json(self._call("GET", f"/permit-requests?{query}")))

    # -- parcels (the demo city's parcels and the rules the zoning layer gives them) -----------------------

    def parcel(self, renovation_code: str) -> Parcel:
        """The parcel with its owners, polygon and rules; NotFoundError when no parcel has the code,
        ValidationFailedError when the code is malformed (Persian digits and the fee form's separators are fine)."""
        response = self._call("GET", f"/parcels/{quote(renovation_code.strip(), safe='')}")
        return Parcel.from_json(self._json(response))

    def parcels(
        self,
        *,
        renovation_code: str | None = None,
        postal_code: str | None = None,
        plate: str | None = None,
        page: int = 1,
        page_size: int = 50,
    ) -> ParcelPage:
        """One page of parcels ordered by renovation code; each filter given is an exact match (any digits)."""
        filters = {"renovation_code": renovation_code, "postal_code": postal_code, "plate": plate}
        query = urlencode({k: v for k, v in filters.items() if v} | {"page": page, "page_size": page_size})
        return ParcelPage.from_json(self._json(self._call("GET", f"/parcels?{query}")))


def revoke_stale_sessions(store: TokenStore, *, ca_bundle: str | None = None, timeouts: Timeouts | None = None) -> int:
    """`MunicipalClient.revoke_stale_sessions` for a store alone, before any client exists (desktop start-up)."""
    if not isinstance(store, KeyringTokenStore):
        return 0  # tokens kept in memory ended with the process that held them
    wiped = 0
    for account in store.stale_accounts():
        tokens = store.load(account)
        root = account.split("|", 1)[0]
        if tokens is not None:
            try:
                MunicipalClient(root, store, ca_bundle=ca_bundle, timeouts=timeouts)._revoke(tokens)
            except errors.ApiError as exc:
                log.warning("a session left by an earlier run was not revoked on its server: %s", type(exc).__name__)
        store.delete(account)
        wiped += 1
    if wiped:
        log.info("wiped %d session(s) an earlier run left in the keyring", wiped)
    return wiped


def _wrong_password(response: requests.Response) -> bool:
    """A 401 that refuses the password itself, not the access token it came with."""
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and str(body.get("type", "")).endswith("/invalid-credentials")
