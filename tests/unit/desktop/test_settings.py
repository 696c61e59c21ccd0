"""Settings: typed, versioned, and an unreadable file never stops the application."""

from __future__ import annotations

import json

import pytest

from desktop.settings import FILE_NAME, Settings, load_settings, save_settings


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
