"""A document's data as the server sends it, back into the dataclass a builder prints.

The municipality issues a receipt, a certificate or an inquiry reply as a JSON object: exactly the data its seal's
content hash covers (`printing.model.document_content`, in the canonical form of `civic.seal.canonical_json`: Decimal
as text, a date as "YYYY-MM-DD", an instant as UTC "YYYY-MM-DDTHH:MM:SSZ", a tuple as an array). `document_from_content`
reads that object back into the document's dataclass, so that `document_content(doc)` hashes to the same digest and
`printing.common.sealed` accepts the seal. A field missing, an unknown field or a value of the wrong type is refused
with `ContentError` naming the field: a document that would print other content than the municipality sealed is never
made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from printing.model import (
    CERTIFICATE_KINDS,
    Certificate,
    DayCloseReport,
    Document,
    FeePreviewSheet,
    InquiryReply,
    PaymentReceipt,
    RequestReceipt,
    ZoningSheet,
)

_KINDS: tuple[type[Document], ...] = (
    PaymentReceipt,
    InquiryReply,
    RequestReceipt,
    ZoningSheet,
    FeePreviewSheet,
    DayCloseReport,
)
_BY_KIND: dict[str, type[Document]] = {cls.kind: cls for cls in _KINDS}
_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class ContentError(ValueError):
    """The server's document data does not make a document of its kind; `field` names where."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def document_class(kind: str) -> type[Document]:
    """The dataclass of a seal kind ("receipt", "inquiry-reply", "clearance", ...)."""
    if kind in CERTIFICATE_KINDS:
        return Certificate
    try:
        return _BY_KIND[kind]
    except KeyError:
        raise ContentError("kind", f"no document kind {kind!r}") from None


def document_from_content(content: Mapping[str, Any], *, seal: str | None = None, reprint: bool = False) -> Document:
    """The document `content` describes (its "kind" picks the class), with the presentation fields given here."""
    if not isinstance(content, Mapping):
        raise ContentError("content", "not an object")
    kind = content.get("kind")
    if not isinstance(kind, str):
        raise ContentError("kind", "missing")
    cls = document_class(kind)
    fields = {key: value for key, value in content.items() if key != "kind"}
    doc = _build(cls, fields, "")
    assert isinstance(doc, Document)
    if doc.seal_kind != kind:
        raise ContentError("kind", f"{kind!r} does not match the document's own kind {doc.seal_kind!r}")
    return dataclasses.replace(doc, seal=seal, reprint=reprint)


def _build(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, Mapping):
        raise ContentError(where or cls.__name__, "not an object")
    hints = typing.get_type_hints(cls)
    known = [f.name for f in dataclasses.fields(cls) if f.init]
    presentation = {"seal", "reprint", "training"} if issubclass(cls, Document) else set()
    unknown = set(data) - set(known) - presentation
    if unknown:
        raise ContentError(_join(where, sorted(unknown)[0]), "not a field of this document")
    values: dict[str, Any] = {}
    for name in known:
        if name in presentation:
            continue
        path = _join(where, name)
        if name not in data:
            raise ContentError(path, "missing")
        values[name] = _value(hints[name], data[name], path)
    return cls(**values)


def _join(where: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{where}[{name}]"
    return f"{where}.{name}" if where else name


def _value(hint: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise ContentError(path, "a field of more than one type")
        return _value(inner[0], value, path)
    if origin is tuple:
        if not isinstance(value, list):
            raise ContentError(path, "not a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], item, _join(path, i)) for i, item in enumerate(value))
        if len(args) != len(value):
            raise ContentError(path, f"{len(args)} items expected")
        return tuple(_value(a, item, _join(path, i)) for i, (a, item) in enumerate(zip(args, value, strict=True)))
    if origin is dict or hint is dict:
        if not isinstance(value, dict):
            raise ContentError(path, "not an object")
        return value
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value, path)
    return _scalar(hint, value, path)


def _scalar(hint: Any, value: Any, path: str) -> Any:
    if hint is str:
        if not isinstance(value, str):
            raise ContentError(path, "not text")
        return value
    if hint is bool:
        if not isinstance(value, bool):
            raise ContentError(path, "not true or false")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ContentError(path, "not a whole number")
        return value
    if hint is Decimal:
        if not isinstance(value, str):
            raise ContentError(path, "a decimal is sent as text")
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise ContentError(path, "not a decimal number") from None
        if not number.is_finite():
            raise ContentError(path, "not a finite number")
        return number
    if hint is dt.datetime:
        if not isinstance(value, str) or not _INSTANT.fullmatch(value):
            raise ContentError(path, "not an instant YYYY-MM-DDTHH:MM:SSZ")
        try:
            return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        except ValueError:
            raise ContentError(path, "not a real instant") from None
    if hint is dt.date:
        if not isinstance(value, str) or not _DAY.fullmatch(value):
            raise ContentError(path, "not a date YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ContentError(path, "not a real date") from None
    if hint is Any:
        return value
    raise ContentError(path, f"cannot read a {hint!r}")
