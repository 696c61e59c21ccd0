"""The server's document data read back into the printed document: the same content hash, or a refusal naming the
field."""

from __future__ import annotations

import json

import pytest

from civic.seal import canonical_json, content_digest
from desktop import doc_samples as samples
from printing.common import sealed
from printing.content import ContentError, document_from_content
from printing.model import COMPLETION, NO_VIOLATION, document_content

DOCUMENTS = [
    samples.receipt,
    samples.certificate,
    lambda: samples.certificate(COMPLETION),
    lambda: samples.certificate(NO_VIOLATION),
    samples.inquiry_reply,
    samples.zoning_sheet,
    samples.day_close,
    samples.request_receipt,
    samples.fee_preview,
]


def _wire(doc: object) -> dict:
    return json.loads(canonical_json(document_content(doc)))  # type: ignore[arg-type]


@pytest.mark.parametrize("make", DOCUMENTS)
def test_every_kind_reads_back_to_the_content_its_seal_covers(make) -> None:
    doc = make()
    back = document_from_content(_wire(doc), seal=doc.seal)
    assert type(back) is type(doc)
    assert content_digest(document_content(back)) == content_digest(document_content(doc))
    if doc.seal is not None:
        assert sealed(back) is not None  # the seal is accepted for the rebuilt document


def test_a_missing_an_unknown_or_a_mistyped_field_is_refused_by_name() -> None:
    wire = _wire(samples.inquiry_reply())
    missing = {k: v for k, v in wire.items() if k != "owner_name"}
    with pytest.raises(ContentError) as info:
        document_from_content(missing)
    assert info.value.field == "owner_name"
    with pytest.raises(ContentError) as info:
        document_from_content({**wire, "discount": 1})
    assert info.value.field == "discount"
    bad_amount = json.loads(json.dumps(wire))
    bad_amount["debts"][0]["amount_rials"] = "12000"
    with pytest.raises(ContentError) as info:
        document_from_content(bad_amount)
    assert info.value.field == "debts[0].amount_rials"
    bad_area = json.loads(json.dumps(wire))
    bad_area["parcel"]["land_area_m2"] = 306.42
    with pytest.raises(ContentError) as info:
        document_from_content(bad_area)
    assert info.value.field == "parcel.land_area_m2"
    with pytest.raises(ContentError):
        document_from_content({**wire, "issued_at": "2025-08-03 07:40:00"})
    with pytest.raises(ContentError):
        document_from_content({**wire, "kind": "banknote"})


def test_a_seal_for_other_content_does_not_print() -> None:
    doc = samples.inquiry_reply()
    wire = _wire(doc)
    wire["transfer_fee_rials"] += 1
    changed = document_from_content(wire, seal=doc.seal)
    with pytest.raises(ValueError):
        sealed(changed)
