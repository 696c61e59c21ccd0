"""A sender failing with something that is not an API error gives its action back to the queue, with the error kept.

The real case: the office's CA bundle file is removed after sign-in. `requests` then raises OSError before anything
leaves, which is not an `ApiError`. Before, the claimed action stayed `sending` for the life of the process with
`last_error` empty and was never tried again. The sandbox here is the real one, served over TLS on loopback with a
certificate from a CA made for the test.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from client_api import MemoryTokenStore, MunicipalClient, Timeouts
from client_api.actions import note_action
from client_api.local_db import LocalDatabase
from client_api.outbox import Outbox, Reason, State
from client_api.sender import OutboxSender
from sandbox.app import create_app
from sandbox.settings import SandboxSettings

from .conftest import FAST, OPERATORS, PASSWORD


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    """An office CA (PEM bundle) and a server certificate for 127.0.0.1 it signed; returns (ca, cert, key)."""
    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Pishkhan test office CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = folder / "office-ca.pem", folder / "server.pem", folder / "server.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return ca_path, cert_path, key_path


@pytest.fixture
def tls_sandbox(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The real sandbox app served by uvicorn over TLS on a free loopback port: (url, CA bundle)."""
    ca, cert, key = _certificates(tmp_path)
    app = create_app(SandboxSettings(data_dir=tmp_path / "server"))
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        log_config=None,
        lifespan="off",
        ssl_certfile=str(cert),
        ssl_keyfile=str(key),
    )
    server = uvicorn.Server(config)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "the TLS sandbox did not start"
        time.sleep(0.01)
    yield f"https://127.0.0.1:{sock.getsockname()[1]}", ca
    server.should_exit = True
    thread.join(10)
    sock.close()


def test_a_removed_ca_bundle_puts_the_action_back_in_the_queue_with_the_error(tls_sandbox, tmp_path):
    url, ca = tls_sandbox
    bundle = tmp_path / "office-ca-in-use.pem"
    shutil.copyfile(ca, bundle)
    client = MunicipalClient(url, MemoryTokenStore(), ca_bundle=str(bundle), timeouts=Timeouts(2.0, 5.0))
    client.sign_in("counter1", PASSWORD, OPERATORS["counter1"], "T-TLS0001")
    db = LocalDatabase(tmp_path / "desk" / "PK-1001-counter1.sqlite3").open()
    outbox = Outbox(db, client.root)
    entry = outbox.enqueue(note_action("with the CA file gone"))
    bundle.unlink()  # removed after sign-in; the sender's own HTTP session meets it at its first request

    sender = OutboxSender(outbox, client, policy=FAST)
    assert sender.step()  # before, the OSError went out of here and the action stayed `sending`
    failed = outbox.get(entry.id)
    assert failed.state is State.QUEUED  # back in the queue
    assert failed.last_error is Reason.LOCAL_FAILURE
    assert "OSError" in (failed.last_error_detail or "") and "CA" in (failed.last_error_detail or "")
    assert [row["outcome"] for row in outbox.attempts_of(entry.id)] == ["local-failure"]

    sender.start()  # on its thread it tries again and again; none of it leaves the action `sending`
    deadline = time.monotonic() + 20
    while outbox.get(entry.id).attempts < 3:
        assert time.monotonic() < deadline, outbox.get(entry.id)
        time.sleep(0.02)
    assert sender.stop(10)
    assert outbox.get(entry.id).state is State.QUEUED

    shutil.copyfile(ca, bundle)  # the file is put back: the same action, with the same key, goes through
    sender = OutboxSender(outbox, client, policy=FAST).start()
    try:
        while outbox.get(entry.id).state is not State.DONE:
            assert time.monotonic() < deadline + 20, outbox.get(entry.id)
            time.sleep(0.05)
    finally:
        assert sender.stop(10)
    done = outbox.get(entry.id)
    assert done.idempotency_key == entry.idempotency_key and done.response_status == 201
