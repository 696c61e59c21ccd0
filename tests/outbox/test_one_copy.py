"""One running copy per operator profile, with real processes.

Before, a second copy for the same operator took the first one's in-flight action for an interrupted one (`recover`
marked it in doubt and logged an attempt that never happened). Now the profile is held by a lock file: the second
copy is refused with one sentence (the sign-in is refused in the window), and the first one's rows are untouched.
"""

from __future__ import annotations

import gc
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from client_api.local_db import LocalDatabase, profile_db_path
from client_api.outbox import Outbox, State
from client_api.profile import ProfileInUseError, open_profile
from desktop.app import apply_language, create_application
from desktop.local_data import problem_sentence
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 15_000

# the first copy: holds the profile with one action claimed (in flight), until its stdin closes
FIRST = """
import sys
sys.path.insert(0, {root!r})
from client_api.actions import note_action
from client_api.outbox import Outbox
from client_api.profile import open_profile
profile = open_profile({data!r}, "PK-1001", "counter1")
outbox = Outbox(profile.db, "http://127.0.0.1:9/api/v1")
outbox.enqueue(note_action("in flight in the first copy"))
entry = outbox.claim_due()
print("HOLDING", entry.id, flush=True)
sys.stdin.read()
profile.close()
print("RELEASED", flush=True)
"""

# a second copy: tries to open the same profile; says so in one line and exits 3 when it is held
SECOND = """
import sys
sys.path.insert(0, {root!r})
from client_api.profile import ProfileInUseError, open_profile
try:
    open_profile({data!r}, "PK-1001", "counter1").close()
except ProfileInUseError as exc:
    print(exc, file=sys.stderr)
    raise SystemExit(3)
print("OPENED")
"""


@pytest.fixture
def first_copy(tmp_path):
    data = tmp_path / "data"
    process = subprocess.Popen(
        [sys.executable, "-c", FIRST.format(root=str(ROOT), data=str(data))],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    line = process.stdout.readline().split()
    assert line[0] == "HOLDING"
    yield data, int(line[1]), process
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait()


def _second(data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SECOND.format(root=str(ROOT), data=str(data))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _untouched(data: Path, entry_id: int) -> None:
    outbox = Outbox(LocalDatabase(profile_db_path(data, "PK-1001", "counter1")), "")
    entry = outbox.get(entry_id)
    assert entry is not None and entry.state is State.SENDING and entry.last_error is None
    assert outbox.attempts_of(entry_id) == []  # no attempt logged that never happened


def test_a_second_process_is_refused_and_the_first_ones_action_stays_in_flight(first_copy):
    data, entry_id, first = first_copy
    second = _second(data)
    assert second.returncode == 3 and "in use by another process" in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1
    with pytest.raises(ProfileInUseError):  # this process too
        open_profile(data, "PK-1001", "counter1")
    _untouched(data, entry_id)
    first.stdin.close()  # the first copy ends cleanly: the profile is free again
    assert first.stdout.readline().strip() == "RELEASED"
    first.wait(30)
    assert _second(data).stdout.strip() == "OPENED"


def test_a_killed_first_copy_never_leaves_the_profile_locked(first_copy):
    data, _, first = first_copy
    first.send_signal(signal.SIGKILL)
    first.wait(30)
    profile = open_profile(data, "PK-1001", "counter1")
    try:
        assert Outbox(profile.db, "").recover() == 1  # now it really was interrupted
    finally:
        profile.close()


def test_the_window_refuses_the_sign_in_in_one_sentence(first_copy, qapp, qtbot, shared_sandbox, secure_keyring):
    data, entry_id, _ = first_copy
    create_application("fa")
    apply_language(qapp, "fa")
    tasks = TaskRunner()
    window = MainWindow(
        ServerConfig(shared_sandbox.url, None, "T-GUI0102"), tasks, local_data_dir=data, config_dir=data.parent / "cfg"
    )
    qtbot.addWidget(window)
    window.show()
    window.sign_in_page.fill("counter1", "pishkhan-demo", "PK-1001")
    window.sign_in_page.submit_form()
    sentence = problem_sentence(ProfileInUseError(data, "1"))
    qtbot.waitUntil(lambda: window.sign_in_page.error_label.text() == sentence, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.session is None and window.stack.currentWidget() is window.sign_in_page)
    assert sentence.count(".") <= 1 and sentence.endswith(".")
    _untouched(data, entry_id)
    window.close()
    qtbot.waitUntil(lambda: not tasks.busy and not window.outbox.busy, timeout=WAIT_MS)
    tasks.shutdown()
    gc.collect()
