"""Settings: typed, versioned, and an unreadable file never stops the application."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import pytest

from desktop.settings import FILE_NAME, Settings, field_values, load_settings, save_settings


def test_settings_round_trip_and_a_terminal_id_is_made_once(tmp_path):
    first = load_settings(tmp_path)
    assert first.terminal_id.startswith("T-")
    first.api_url = "https://api.example.ir"
    save_settings(tmp_path, first)
    again = load_settings(tmp_path)
    assert again == first


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[1, 2]",
        json.dumps({"version": "x"}),
        json.dumps({"version": 99}),
        json.dumps({"version": 1, "api_url": 5}),
        json.dumps({"version": 1, "language": ["fa"]}),
        "\udcff",
    ],
    ids=["malformed", "not-an-object", "version-text", "version-unknown", "url-number", "language-list", "bad-bytes"],
)
def test_an_unreadable_file_is_set_aside_and_defaults_are_used(tmp_path, content):
    path = tmp_path / FILE_NAME
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    settings = load_settings(tmp_path)
    assert settings.api_url == Settings().api_url
    assert (tmp_path / "settings.unreadable.json").read_bytes() == content.encode("utf-8", "surrogateescape")
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == settings.version


def test_an_unknown_language_falls_back_to_persian(tmp_path):
    (tmp_path / FILE_NAME).write_text(json.dumps({"version": 1, "language": "de"}), encoding="utf-8")
    assert load_settings(tmp_path).language == "fa"


def test_a_fresh_install_has_no_server_address(tmp_path):
    settings = load_settings(tmp_path)
    assert settings.api_url == ""
    assert json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))["api_url"] == ""


def test_every_field_reads_back_as_its_declared_type(tmp_path):
    """Derived from the annotations, not from a rule about names: each saved value is accepted as it is."""
    saved = Settings(api_url="https://api.example.ir", ca_bundle="/etc/ssl/office.pem", language="en")
    saved.receipt_printer, saved.a4_printer = "Roll-80", "Office A4"
    (tmp_path / FILE_NAME).write_text(json.dumps(asdict(saved)), encoding="utf-8")
    assert load_settings(tmp_path) == saved
    assert not (tmp_path / "settings.unreadable.json").exists()


@dataclass
class _Sample:
    flag: bool = False
    count: int = 0
    name: str = ""
    limit: int | None = None
    names: list[str] = field(default_factory=list)


@pytest.mark.parametrize(
    "raw",
    [{"flag": True}, {"count": 3}, {"name": "x"}, {"limit": None}, {"limit": 5}, {"names": ["a", "b"]}, {"other": 1}],
)
def test_a_value_of_the_declared_type_is_accepted(raw):
    values = field_values(_Sample, raw)
    assert values == {k: v for k, v in raw.items() if k != "other"}


@pytest.mark.parametrize(
    "raw",
    [{"flag": 1}, {"flag": "true"}, {"count": True}, {"count": "3"}, {"name": 5}, {"limit": "5"}, {"names": [1]}],
)
def test_a_value_of_another_type_is_refused(raw):
    with pytest.raises(ValueError, match=next(iter(raw))):
        field_values(_Sample, raw)


def test_a_boolean_where_the_version_belongs_sets_the_file_aside(tmp_path):
    (tmp_path / FILE_NAME).write_text(json.dumps({"version": True, "api_url": "https://a.example"}), encoding="utf-8")
    assert load_settings(tmp_path).api_url == ""
    assert (tmp_path / "settings.unreadable.json").exists()
