"""The desktop's outbox service with chains: `confirm_chain` records a whole chain, and a page waiting for one
action's answer gets it from `action_settled` (real sandbox, real sender thread, real Qt signals)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from client_api import MunicipalClient
from client_api.outbox import OutboxEntry, State
from desktop.outbox import OutboxService
from tests.outbox.test_chains import permit_chain

WAIT_MS = 20_000


@pytest.fixture
def open_service(qapp, qtbot, tmp_path) -> Iterator[Callable[[MunicipalClient], OutboxService]]:
    services: list[OutboxService] = []

    def open_for(client: MunicipalClient) -> OutboxService:
        service = OutboxService()
        service.open(tmp_path / "data", client, "PK-1001", "counter1", pytest.fail)
        qtbot.waitUntil(lambda: service.active, timeout=10_000)
        services.append(service)
        return service

    yield open_for
    for service in services:
        closed: list[bool] = []
        service.close(lambda closed=closed: closed.append(True))
        qtbot.waitUntil(lambda closed=closed: bool(closed), timeout=30_000)
        qtbot.waitUntil(lambda service=service: not service.busy, timeout=10_000)


def confirm_chain(qtbot, service: OutboxService, actions: list) -> list[OutboxEntry]:
    queued: list[list[OutboxEntry]] = []
    service.confirm_chain(actions, queued.append, pytest.fail)
    qtbot.waitUntil(lambda: bool(queued), timeout=WAIT_MS)
    return queued[0]


def test_each_step_of_a_chain_is_announced_settled_in_order(qtbot, sandbox, sign_in, open_service):
    server = sandbox("5xx-first=1")
    client = sign_in(server.url)
    service = open_service(client)
    settled: list[OutboxEntry] = []
    changed: list[tuple[int, str]] = []
    service.action_settled.connect(settled.append)
    service.action_changed.connect(lambda entry_id, state: changed.append((entry_id, state)))
    rid, actions = permit_chain()
    entries = confirm_chain(qtbot, service, actions)
    qtbot.waitUntil(lambda: len(settled) == 3, timeout=WAIT_MS)
    assert [e.id for e in settled] == [e.id for e in entries]
    assert [e.state for e in settled] == [State.DONE] * 3
    assert changed[0] == (entries[0].id, State.QUEUED.value)  # the 5xx: it backs off, unchanged
    assert client.permit_request(rid).status == "submitted"
    assert server.ledger() == {e.idempotency_key: 1 for e in entries}


def test_a_refused_first_step_announces_the_rest_as_not_sent(qtbot, sandbox, sign_in, open_service):
    server = sandbox()
    service = open_service(sign_in(server.url))
    settled: list[OutboxEntry] = []
    service.action_settled.connect(settled.append)
    _, actions = permit_chain("0012345670")
    entries = confirm_chain(qtbot, service, actions)
    qtbot.waitUntil(lambda: len(settled) == 3, timeout=WAIT_MS)
    assert [(e.id, e.state) for e in settled] == [
        (entries[0].id, State.REJECTED),
        (entries[1].id, State.NOT_SENT),
        (entries[2].id, State.NOT_SENT),
    ]
    assert all(e.attempts == 0 and e.blocked_by_step == 0 for e in settled[1:])
    qtbot.waitUntil(lambda: service.last is not None and service.last.counts.not_sent == 2, timeout=WAIT_MS)
