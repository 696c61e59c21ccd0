"""`pishkhan gui`: start-up of the application window."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer

from desktop.app import configure_logging, create_application
from desktop.paths import app_dirs
from desktop.settings import Settings, load_settings, save_settings
from desktop.tasks import TaskRunner, UiThreadGarbageCollector
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig, SignInResult

log = logging.getLogger(__name__)


def run_gui(*, api: str | None, demo: bool, language: str | None) -> int:
    dirs = app_dirs()
    configure_logging(dirs.log)
    settings = load_settings(dirs.config)
    app = create_application(language or settings.language, sys.argv[:1])

    tasks = TaskRunner(app)
    probe = bool(os.environ.get("PISHKHAN_STARTUP_PROBE"))  # bench/startup.py
    sandbox = None
    if demo:
        from desktop.demo import DEMO_OFFICE_CODE, DEMO_PASSWORD, DEMO_USERNAME, DemoSandbox

        sandbox = DemoSandbox()
        # the demo operator's drafts and outbox are as fresh as the demo data, never in the real data folder
        demo_desk = Path(tempfile.mkdtemp(prefix="pishkhan-demo-desk-"))
        window = MainWindow(None, tasks, training=True, local_data_dir=demo_desk)
        window.sign_in_page.fill(DEMO_USERNAME, DEMO_PASSWORD, DEMO_OFFICE_CODE)

        def sandbox_ready(url: str) -> None:
            log.info("training sandbox started at %s", url)
            window.set_server(ServerConfig(url, None, settings.terminal_id))
            window.sign_in_page.submit.setFocus()
            if probe:
                _probe_mark("PISHKHAN_SIGN_IN_READY")
                app.quit()

        def sandbox_failed(exc: BaseException) -> None:
            log.error("training sandbox did not start", exc_info=exc)
            window.sign_in_page.show_error(
                QCoreApplication.translate("Startup", "سامانه آموزشی راه‌اندازی نشد. جزئیات در گزارش برنامه ثبت شد.")
            )

        # the sandbox starts off the UI thread: the window is on screen while it comes up
        tasks.run(sandbox.start, sandbox_ready, sandbox_failed, owner=window)
    else:
        server = ServerConfig(api or settings.api_url, settings.ca_bundle or None, settings.terminal_id)
        window = MainWindow(server, tasks)
        window.sign_in_page.fill(settings.last_username, "", settings.last_office_code)
        window.sign_in_page.signed_in.connect(lambda result: _remember_operator(dirs.config, settings, result))
    window.show()
    if not demo:
        window.sign_in_page.password.setFocus()
    if probe:
        QTimer.singleShot(0, lambda: _probe_mark("PISHKHAN_SIGN_IN_SHOWN"))
        if not demo:
            QTimer.singleShot(0, app.quit)

    try:
        return app.exec()
    finally:
        tasks.shutdown()
        window.close()
        UiThreadGarbageCollector.collect_now()  # Qt objects in garbage cycles go while the application lives
        if sandbox is not None:
            sandbox.stop()
            shutil.rmtree(demo_desk, ignore_errors=True)


def _remember_operator(config_dir: Path, settings: Settings, result: SignInResult) -> None:
    """Fill the next sign-in with the same operator and office (never the password)."""
    settings.last_username = result.operator.username
    settings.last_office_code = result.operator.office.code
    save_settings(config_dir, settings)


def _probe_mark(name: str) -> None:
    print(f"{name} {time.time():.6f}", flush=True)
