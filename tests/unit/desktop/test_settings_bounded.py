"""Item 12: whatever lies at settings.json, start-up goes on; Windows encodings are read; links out are not followed;
a full or read-only folder is a clear failure to save, never a crash or a half-written file."""

from __future__ import annotations

import codecs
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from desktop.settings import (
    FILE_NAME,
    NOT_READ,
    NOT_SAVED,
    OUTSIDE,
    Settings,
    load_settings,
    read_settings,
    save_settings,
    settings_notice,
)

ROOT = Path(__file__).resolve().parents[3]
SAVED = {"version": 1, "api_url": "https://api.example.ir", "language": "en", "last_username": "کاربر"}


def _aside(config: Path) -> list[Path]:
    return [p for p in config.iterdir() if p.name.startswith("settings.unreadable")]


def test_deep_nesting_is_set_aside_without_a_recursion_error(tmp_path):
    (tmp_path / FILE_NAME).write_text("[" * 100_000 + "]" * 100_000)
    loaded = read_settings(tmp_path)
    assert loaded.problem == NOT_READ and loaded.settings.api_url == ""
    assert loaded.aside is not None and loaded.aside.read_text().startswith("[[[[")
    assert json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))["version"] == 1


def test_a_folder_in_place_of_the_file_is_moved_aside(tmp_path):
    (tmp_path / FILE_NAME).mkdir()
    (tmp_path / FILE_NAME / "inside").write_text("kept")
    loaded = read_settings(tmp_path)
    assert loaded.problem == NOT_READ
    assert loaded.aside is not None and (loaded.aside / "inside").read_text() == "kept"
    assert (tmp_path / FILE_NAME).is_file()


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / FILE_NAME
    with path.open("wb") as stream:
        stream.truncate(5 * 1024**3)  # sparse: 5 GB by its size, nothing on disk
    assert read_settings(tmp_path).problem == NOT_READ
    assert (tmp_path / FILE_NAME).stat().st_size < 4096


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
     ("utf-16-le", b""), ("utf-32-le", codecs.BOM_UTF32_LE)],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "utf32le-bom"],
)  # fmt: skip
def test_a_file_saved_by_a_windows_editor_is_read_and_the_address_kept(tmp_path, encoding, bom):
    (tmp_path / FILE_NAME).write_bytes(bom + json.dumps(SAVED, ensure_ascii=False).encode(encoding))
    loaded = read_settings(tmp_path)
    assert loaded.problem is None
    assert loaded.settings.api_url == "https://api.example.ir"
    assert loaded.settings.last_username == "کاربر" and loaded.settings.language == "en"
    assert not _aside(tmp_path)


def test_a_link_out_of_the_config_folder_is_never_read_nor_copied(tmp_path):
    config, outside = tmp_path / "config", tmp_path / "elsewhere"
    config.mkdir()
    outside.mkdir()
    secret = outside / "shadow"
    secret.write_text(json.dumps({"version": 1, "api_url": "https://leak.example", "last_username": "SECRET-ROOT"}))
    (config / FILE_NAME).symlink_to(secret)
    loaded = read_settings(config)
    assert loaded.problem == OUTSIDE
    assert loaded.settings.api_url == "" and loaded.settings.last_username == ""  # not read
    for path in config.iterdir():  # not copied: no regular file in the folder holds the target's content
        if path.is_file() and not path.is_symlink():
            assert "SECRET-ROOT" not in path.read_text(encoding="utf-8")
    assert (config / FILE_NAME).is_file() and not (config / FILE_NAME).is_symlink()
    assert loaded.aside is not None and loaded.aside.is_symlink()  # the link itself set aside, unread
    assert json.loads(secret.read_text())["last_username"] == "SECRET-ROOT"  # the target never written
    assert settings_notice(loaded)


def test_a_link_inside_the_config_folder_is_followed(tmp_path):
    (tmp_path / "real.json").write_text(json.dumps(SAVED))
    (tmp_path / FILE_NAME).symlink_to("real.json")
    assert read_settings(tmp_path).settings.api_url == "https://api.example.ir"


def test_a_loop_of_links_is_set_aside(tmp_path):
    (tmp_path / FILE_NAME).symlink_to(FILE_NAME)
    loaded = read_settings(tmp_path)
    assert loaded.problem == NOT_READ and (tmp_path / FILE_NAME).is_file()


def test_saving_writes_a_private_file_and_replaces_a_link_instead_of_writing_through_it(tmp_path):
    target = tmp_path / "target.json"
    target.write_text("untouched")
    (tmp_path / FILE_NAME).symlink_to(target)
    save_settings(tmp_path, Settings(api_url="https://a.example"))
    assert target.read_text() == "untouched"
    path = tmp_path / FILE_NAME
    assert not path.is_symlink() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_start_up_with_a_fifo_in_place_of_the_settings_does_not_hang(tmp_path):
    """The real start-up in a subprocess: the sign-in page is shown, the FIFO set aside, fresh settings written."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    os.mkfifo(home / "config" / FILE_NAME)
    env = dict(os.environ, PISHKHAN_STARTUP_PROBE="1", PISHKHAN_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    for name in ("PISHKHAN_CONFIG_DIR", "PISHKHAN_DATA_DIR", "PISHKHAN_CACHE_DIR", "PISHKHAN_LOG_DIR"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "gui"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "PISHKHAN_SIGN_IN_SHOWN" in result.stdout
    assert (home / "config" / FILE_NAME).is_file()
    assert any(stat.S_ISFIFO(p.lstat().st_mode) for p in _aside(home / "config"))
    logged = "".join(p.read_text(encoding="utf-8") for p in (home / "log").rglob("*.log"))
    assert "settings unreadable" in logged and "pipe (FIFO)" in logged


@pytest.fixture
def tiny_mount(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs (root only; skipped elsewhere), unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_full_folder_fails_to_save_cleanly_and_start_up_goes_on(tiny_mount):
    config = tiny_mount / "config"
    config.mkdir()
    original = json.dumps(SAVED).encode()
    (config / FILE_NAME).write_bytes(original)
    _fill(tiny_mount)
    with pytest.raises(OSError):
        save_settings(config, Settings(api_url="https://b.example"))
    assert (config / FILE_NAME).read_bytes() == original  # the old file whole, no half-written one
    assert [p.name for p in config.iterdir()] == [FILE_NAME]
    (config / FILE_NAME).unlink()
    _fill(config)  # the page the file held
    loaded = read_settings(config)  # a first start on a full disk: defaults in memory, and the operator told
    assert loaded.problem == NOT_SAVED and loaded.settings.terminal_id.startswith("T-")
    assert settings_notice(loaded)


def test_a_read_only_folder_fails_to_save_and_start_up_goes_on(tiny_mount, tmp_path):
    config = tiny_mount / "config"
    config.mkdir()
    (config / FILE_NAME).write_text("{broken")
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_mount)], check=True)
    loaded = read_settings(config)
    assert loaded.problem == NOT_READ and loaded.aside is None  # could not even be moved: reported, not raised
    assert loaded.settings.api_url == ""
    with pytest.raises(OSError):
        save_settings(config, loaded.settings)


def test_a_read_only_folder_for_an_ordinary_user(tmp_path):
    """Without root, permissions make the folder read-only (root ignores them: see the tmpfs tests)."""
    if os.geteuid() == 0:
        pytest.skip("root writes through permissions")
    (tmp_path / FILE_NAME).write_text(json.dumps(SAVED))
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OSError):
            save_settings(tmp_path, Settings())
        assert load_settings(tmp_path).api_url == SAVED["api_url"]
    finally:
        tmp_path.chmod(0o700)


def test_each_problem_has_a_sentence_and_a_clean_start_has_none(tmp_path):
    from desktop.settings import SettingsLoad

    for problem in (NOT_READ, OUTSIDE, NOT_SAVED):
        assert settings_notice(SettingsLoad(Settings(), problem, tmp_path / "x.json"))
    assert settings_notice(read_settings(tmp_path)) is None
    assert asdict(load_settings(tmp_path)) == asdict(read_settings(tmp_path).settings)
