import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from sandbox.app import SandboxSettings
from sandbox.cli import main
from sandbox.server import SandboxServer

REPO_ROOT = Path(__file__).resolve().parents[2]


def read_line(process: subprocess.Popen, timeout: float) -> str:
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if selector.select(timeout=0.1):
            return process.stdout.readline()
        if process.poll() is not None:
            break
    raise AssertionError(
        f"no line from the sandbox; stderr: {process.stderr.read() if process.poll() is not None else ''}"
    )


def test_in_process_server_serves_real_http_on_a_free_port_and_stops(tmp_path):
    with SandboxServer(SandboxSettings(data_dir=tmp_path / "data")) as server:
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert server.port > 0
        response = httpx.get(f"{server.url}/api/v1/health", timeout=5)
        assert response.status_code == 200
        assert response.json()["environment"] == "training"
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/api/v1/health", timeout=2)


def test_sandbox_command_prints_ready_line_serves_health_and_exits_0_on_sigterm(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "sandbox", "--port", "0", "--data", str(tmp_path / "data")],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = read_line(process, timeout=20)
        prefix, url = line.split()
        assert prefix == "PISHKHAN_SANDBOX_READY"
        assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
        response = httpx.get(f"{url}/api/v1/health", timeout=5)
        assert response.status_code == 200
        assert response.json()["status"] == "ok"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    assert (tmp_path / "data" / "sandbox.sqlite3").is_file()


def test_sandbox_command_with_a_bad_port_prints_one_line_and_exits_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "sandbox", "--port", "abc", "--data", str(tmp_path / "data")],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "--port" in lines[0] and "abc" in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["--port", "70000"], "--port"),
        (["--access-ttl", "0"], "--access-ttl"),
        (["--refresh-ttl", "soon"], "--refresh-ttl"),
        (["--colour"], "--colour"),
    ],
)
def test_cli_rejects_bad_input_with_one_line_naming_the_option(argv, option, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1
    assert option in captured.err


def test_sandbox_imports_no_client_side_package_and_no_qt():
    code = (
        "import sys, sandbox.cli, sandbox.server, sandbox.app\n"
        "roots = {name.split('.')[0] for name in sys.modules}\n"
        "print(sorted(roots & {'desktop', 'client_api', 'printing', 'PySide6', 'PyQt5', 'PyQt6', 'shiboken6'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
