"""Every outbox state and reason, and every action kind with its fields, has its own words for the operator in
Persian and, with the English translation installed, in English (never the fallback, never a raw code)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from client_api import actions
from client_api.outbox import Reason, State
from desktop import action_kinds
from desktop.app import apply_language
from desktop.outbox_messages import action_kind_name, field_label, outbox_state_name, reason_fallback, reason_text
from tests.outbox.test_chains import permit_chain

ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
ISOLATED = re.compile("\u2068[^\u2069]*\u2069")


@pytest.fixture(params=["fa", "en"])
def language(request, qapp) -> Iterator[str]:
    apply_language(qapp, request.param)
    yield request.param
    apply_language(qapp, "fa")


def in_language(text: str, language: str) -> bool:
    """Persian text is in Persian script; English text holds none (server data inside isolates aside)."""
    bare = ISOLATED.sub("", text)
    return bool(ARABIC_SCRIPT.search(bare)) if language == "fa" else not ARABIC_SCRIPT.search(bare)


def test_every_reason_has_its_own_wording(language):
    fallback = reason_fallback()
    texts = {reason: reason_text(reason, status=503, step=1, kind=actions.PERMIT_CREATE) for reason in Reason}
    for reason, text in texts.items():
        assert text != fallback, reason
        assert in_language(text, language), (reason, text)
        assert "{" not in text, text
    assert len(set(texts.values())) == len(texts)  # no two reasons read alike
    assert in_language(fallback, language)


def test_every_state_has_its_own_name(language):
    names = {state: outbox_state_name(state) for state in State}
    for state, name in names.items():
        assert name != state.value and in_language(name, language), (state, name)
    assert len(set(names.values())) == len(names)


def test_every_action_kind_is_registered_with_a_name_and_labels_for_every_field_it_sends(language):
    assert {kind.kind for kind in action_kinds.registered()} == set(actions.ACTION_KINDS)
    for kind in actions.ACTION_KINDS:
        assert action_kind_name(kind) != kind and in_language(action_kind_name(kind), language)
    import json

    _, chain = permit_chain()
    for action in [actions.note_action("یادداشت"), *chain]:
        for field in json.loads(action.body):
            label = field_label(action.kind, field)
            assert label != field and in_language(label, language), (action.kind, field)


def test_a_summary_names_the_action_in_one_line(language, local_db):
    from client_api.outbox import Outbox
    from desktop.outbox_messages import action_summary

    outbox = Outbox(local_db, "http://127.0.0.1:1/api/v1")
    _, chain = permit_chain()
    entries = outbox.enqueue_chain(chain)
    summaries = [action_summary(entry) for entry in entries]
    assert "2-14-123-45-0-0" in summaries[0] and "deed.pdf" in summaries[1] and "2-14-123-45-0-0" in summaries[2]
    assert all("\n" not in s and in_language(s, language) for s in summaries)
