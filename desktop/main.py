"""`pishkhan gui`: start-up of the application window."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from civic import trust_policy
from desktop.app import create_application, hold_early_records, open_held_log
from desktop.crash import install_excepthook
from desktop.paths import AppDirs, app_dirs
from desktop.qt_names import make_qt_namespace
from desktop.settings import (
    NOT_SAVED,
    Settings,
    SettingsLoad,
    read_settings,
    save_quietly,
    settings_notice,
)
from desktop.tasks import AfterFirstPaint, TaskRunner, UiThreadGarbageCollector
from desktop.theme import app_icon
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig, SignInResult

log = logging.getLogger(__name__)


def run_gui(*, api: str | None, demo: bool, language: str | None) -> int:
    # what is loaded by now (PySide, the window's modules) lives as long as the process: the collector passes it by
    gc.freeze()
    dirs = app_dirs()
    hold_early_records()  # the log file opens once the window is painted; until then records wait in memory
    try:
        return _run_gui(dirs, api=api, demo=demo, language=language)
    finally:
        try:
            open_held_log(dirs.log)  # however the start ended, what was logged reaches the file
        except OSError as exc:
            _log_not_opened(dirs.log, exc)


def _run_gui(dirs: AppDirs, *, api: str | None, demo: bool, language: str | None) -> int:
    loaded = read_settings(dirs.config)  # never raises, never blocks: a bad file is set aside (desktop/settings.py)
    settings = loaded.settings
    trust_policy.believe_training_key(settings.trust_training_key)  # before any trust list is read
    app = create_application(language or settings.language, sys.argv[:1], window_icon=False)  # set once painted
    install_excepthook(app)  # the last resort: logged with its traceback, then shown with copyable details

    tasks = TaskRunner(app)
    tasks.hold()  # background work (the keyring sweep, the training sandbox) starts once the window is painted
    # the log file first: opening it (a folder made, a file opened, `logging.handlers` loaded) is off the UI thread
    tasks.run(lambda: open_held_log(dirs.log), lambda _none: None, lambda exc: _log_not_opened(dirs.log, exc))
    sandbox = None
    if demo:
        from desktop.demo import DEMO_OFFICE_CODE, DEMO_PASSWORD, DEMO_USERNAME, DemoSandbox

        sandbox = DemoSandbox()
        # the demo operator's drafts and outbox are as fresh as the demo data, never in the real data folder
        demo_desk = Path(tempfile.mkdtemp(prefix="pishkhan-demo-desk-"))
        window = MainWindow(
            None, tasks, training=True, local_data_dir=demo_desk, settings=settings, config_dir=dirs.config
        )
        window.sign_in_page.fill(DEMO_USERNAME, DEMO_PASSWORD, DEMO_OFFICE_CODE)

        def sandbox_ready(url: str) -> None:
            log.info("training sandbox started at %s", url)
            window.set_server(ServerConfig(url, None, settings.terminal_id))
            window.sign_in_page.submit.setFocus()

        def sandbox_failed(exc: BaseException) -> None:
            log.error("training sandbox did not start", exc_info=exc)
            window.sign_in_page.show_error(
                QCoreApplication.translate("Startup", "سامانه آموزشی راه‌اندازی نشد. جزئیات در گزارش برنامه ثبت شد.")
            )

        # the sandbox starts off the UI thread: the window is on screen while it comes up
        tasks.run(sandbox.start, sandbox_ready, sandbox_failed, owner=window)
    else:
        # a fresh install has no server address: the sign-in page asks for it (never a guessed default)
        server = ServerConfig(api or settings.api_url, settings.ca_bundle or None, settings.terminal_id)
        window = MainWindow(server, tasks, settings=settings, config_dir=dirs.config)
        window.sign_in_page.fill(settings.last_username, "", settings.last_office_code)
        window.sign_in_page.signed_in.connect(lambda result: _remember_operator(dirs.config, settings, result))
        window.sign_in_page.server_chosen.connect(lambda url: _remember_server(window, dirs.config, settings, url))
    window.show()

    def after_first_paint() -> None:
        app.setWindowIcon(app_icon())
        make_qt_namespace()  # before the workers start: they import modules that name it (desktop/qt_names.py)
        tasks.release()
        window.prepare_workspace_soon()  # the workspace, the outbox and the screen lock, while the operator types

    AfterFirstPaint(window, after_first_paint)
    if (notice := settings_notice(loaded)) is not None:
        window.sign_in_page.show_error(notice)
    if not demo:
        window.sign_in_page.password.setFocus()
    if os.environ.get("PISHKHAN_STARTUP_PROBE"):  # bench/startup.py: the marks of desktop/startup_probe.py
        from desktop import startup_probe

        startup_probe.install(app, window)

    try:
        return app.exec()
    finally:
        tasks.shutdown()
        window.close()
        UiThreadGarbageCollector.collect_now()  # Qt objects in garbage cycles go while the application lives
        if sandbox is not None:
            sandbox.stop()
            shutil.rmtree(demo_desk, ignore_errors=True)


def _log_not_opened(folder: Path, exc: BaseException) -> None:
    """The application runs on without its log file; what would have gone there is lost, so say it once."""
    sys.stderr.write(f"pishkhan: the log file cannot be written in {folder}: {exc}\n")


def _remember_operator(config_dir: Path, settings: Settings, result: SignInResult) -> None:
    """Fill the next sign-in with the same operator and office (never the password)."""
    settings.last_username = result.operator.username
    settings.last_office_code = result.operator.office.code
    save_quietly(config_dir, settings)


def _remember_server(window: MainWindow, config_dir: Path, settings: Settings, url: str) -> None:
    """The operator typed the municipality's address on a fresh install: kept for every later start."""
    settings.api_url = url
    if not save_quietly(config_dir, settings):
        window.sign_in_page.show_error(settings_notice(SettingsLoad(settings, NOT_SAVED)) or "")
    window.set_server(ServerConfig(url, settings.ca_bundle or None, settings.terminal_id))
