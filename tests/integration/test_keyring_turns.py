"""The real OS keyring used from several threads at once, as the application's workers do (sign-in, refresh, the
sweep of a crashed run's sessions, sign-out at exit): the calls take turns on one connection to the Secret Service,
so the keyring service stays up; and what the store keeps there is what keyring's own backend reads, and back."""

from __future__ import annotations

import threading
import time
import uuid

from client_api import open_token_store
from client_api.token_store import SERVICE, KeyringTokenStore, Tokens

THREADS = 4
SECONDS = 8.0  # without turns, gnome-keyring-daemon aborted within these 8 s in 5 runs of 6


def test_threads_storing_reading_and_deleting_tokens_side_by_side_leave_the_keyring_service_up(secure_keyring):
    store, warning = open_token_store(secure_keyring)
    assert warning is None and isinstance(store, KeyringTokenStore)
    failures: list[BaseException] = []
    run = uuid.uuid4().hex[:8]

    def work(thread: int) -> None:
        account = f"turns-{run}-{thread}"
        tokens = Tokens(f"access-{thread}", f"refresh-{thread}")
        try:
            while time.monotonic() < until:
                store.save(account, tokens)
                assert store.load(account) == tokens
                store.delete(account)
                assert store.load(account) is None
        except BaseException as exc:  # reported below, with the thread's own traceback
            failures.append(exc)

    until = time.monotonic() + SECONDS
    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []
    # the service that answered at the start still answers: not one started again (and locked) after a crash
    again, warning = open_token_store(secure_keyring)
    assert warning is None and isinstance(again, KeyringTokenStore)


def _open_sessions() -> int:
    """The encryption sessions the Secret Service keeps open, for every caller."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    sessions = DBusAddress(
        "/org/freedesktop/secrets/session",
        bus_name="org.freedesktop.secrets",
        interface="org.freedesktop.DBus.Introspectable",
    )
    with open_dbus_connection(bus="SESSION") as connection:
        (xml,) = connection.send_and_get_reply(new_method_call(sessions, "Introspect")).body
    return xml.count("<node name=")


def test_the_store_keeps_one_connection_and_one_session_and_its_items_are_keyrings_own(secure_keyring):
    store, warning = open_token_store(secure_keyring)
    assert warning is None and isinstance(store, KeyringTokenStore)
    account = f"one-connection-{uuid.uuid4().hex[:8]}"
    tokens = Tokens("access", "refresh")
    store.save(account, tokens)
    connection = store._calls._connection  # type: ignore[attr-defined]
    sessions = _open_sessions()
    for _ in range(5):
        store.save(account, tokens)
        assert store.load(account) == tokens
    assert _open_sessions() == sessions  # the daemon keeps each session until its caller goes: none is added
    assert secure_keyring.get_password(SERVICE, account) == tokens.to_secret()  # keyring's backend reads it
    secure_keyring.set_password(SERVICE, account, Tokens("a2", "r2").to_secret())
    assert store.load(account) == Tokens("a2", "r2")  # and the store reads what the backend stored
    store.delete(account)
    store.delete(account)  # nothing left to delete: the connection stays
    assert secure_keyring.get_password(SERVICE, account) is None
    assert store._calls._connection is connection  # type: ignore[attr-defined]
