"""`pishkhan gui`: start-up of the application window."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer

from desktop.app import configure_logging, create_application
from desktop.paths import app_dirs
from desktop.settings import Settings, load_settings, save_settings
from desktop.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig, SignInResult

log = logging.getLogger(__name__)


def run_gui(*, api: str | None, demo: bool, language: str | None) -> int:
    dirs = app_dirs()
    configure_logging(dirs.log)
    settings = load_settings(dirs.config)
    app = create_application(language or settings.language, sys.argv[:1])

    sandbox = None
    if demo:
        from desktop.demo import DEMO_OFFICE_CODE, DEMO_PASSWORD, DEMO_USERNAME, DemoSandbox

        sandbox = DemoSandbox()
        api_url = sandbox.start()
        log.info("training sandbox started at %s", api_url)
    else:
        api_url = api or settings.api_url

    tasks = TaskRunner(app)
    server = ServerConfig(api_url, settings.ca_bundle or None, settings.terminal_id)
    window = MainWindow(server, tasks, training=demo)
    if demo:
        window.sign_in_page.fill(DEMO_USERNAME, DEMO_PASSWORD, DEMO_OFFICE_CODE)
    else:
        window.sign_in_page.fill(settings.last_username, "", settings.last_office_code)
        window.sign_in_page.signed_in.connect(lambda result: _remember_operator(dirs.config, settings, result))
    window.show()
    (window.sign_in_page.submit if demo else window.sign_in_page.password).setFocus()

    if os.environ.get("PISHKHAN_STARTUP_PROBE"):
        # bench/startup.py: report when the sign-in page is on screen, then leave
        def report() -> None:
            print(f"PISHKHAN_SIGN_IN_SHOWN {time.time():.6f}", flush=True)
            app.quit()

        QTimer.singleShot(0, report)

    try:
        return app.exec()
    finally:
        tasks.shutdown()
        if sandbox is not None:
            sandbox.stop()


def _remember_operator(config_dir: Path, settings: Settings, result: SignInResult) -> None:
    """Fill the next sign-in with the same operator and office (never the password)."""
    settings.last_username = result.operator.username
    settings.last_office_code = result.operator.office.code
    save_settings(config_dir, settings)
