"""Start-up of the Qt application: fonts, language, direction, translations."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from civic.resources import resource_path
from desktop.paths import private_dir
from desktop.qt_names import set_by_name
from desktop.tasks import UiThreadGarbageCollector
from desktop.theme import app_icon, apply_theme

log = logging.getLogger(__name__)

FONT_FAMILY = "Vazirmatn"
_COLLECTING = "pishkhanUiThreadGc"
_installed: dict[str, QTranslator] = {}


def install_fonts() -> str:
    """Register the bundled Vazirmatn faces; returns the family name to use."""
    family = FONT_FAMILY
    for name in ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id < 0:
            log.warning("font %s could not be loaded", name)
        else:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def translations_dir() -> Path:
    return resource_path("i18n")


def apply_language(app: QApplication, language: str) -> None:
    """Install the interface language: translations, layout direction, locale. Persian is the source language."""
    old = _installed.pop("app", None)
    if old is not None:
        app.removeTranslator(old)
    if language == "en":
        translator = QTranslator(app)
        if not translator.load(str(translations_dir() / "pishkhan_en.qm")):
            log.error("English translations are missing from %s", translations_dir())
        app.installTranslator(translator)
        _installed["app"] = translator
        set_by_name(app, "layoutDirection", "LeftToRight")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    else:
        set_by_name(app, "layoutDirection", "RightToLeft")
        QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
    app.setProperty("pishkhanLanguage", language)


def create_application(language: str, argv: list[str] | None = None, *, window_icon: bool = True) -> QApplication:
    """The application, its fonts, language and look. `window_icon=False` leaves the windows' icon to the caller (the
    start-up sets it once the sign-in page is painted: drawn at seven sizes, it is not needed for that paint)."""
    # a worker thread (rendering a document, reading an answer) hands the interpreter back to the UI thread every
    # millisecond instead of every 5: a key or a repaint waits that much less behind it (desktop/tasks.py)
    sys.setswitchinterval(0.001)
    QCoreApplication.setOrganizationName("pishkhan-desk")
    QCoreApplication.setApplicationName("pishkhan-desk")
    app = QApplication.instance() or QApplication(argv or ["pishkhan"])
    assert isinstance(app, QApplication)
    if not app.property(_COLLECTING):  # a flag, not `findChild` (desktop/keyboard.py says why)
        UiThreadGarbageCollector(app)  # owned by the application; see desktop.tasks for why
        app.setProperty(_COLLECTING, True)
    family = install_fonts()
    app.setFont(QFont(family, 10))
    apply_language(app, language)
    apply_theme(app)
    if window_icon:
        app.setWindowIcon(app_icon())
    return app


class _EarlyRecords(logging.Handler):
    """What is logged before the log file is open: kept in memory (at most `LIMIT` records) and written there first.
    The file opens once the window is painted (`desktop.main`): opening it, and loading `logging.handlers`, is not
    something the first paint should wait for."""

    LIMIT = 1000

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self.LIMIT:
            self.records.append(record)


def _held() -> list[_EarlyRecords]:
    return [handler for handler in logging.getLogger().handlers if isinstance(handler, _EarlyRecords)]


def hold_early_records() -> None:
    """Keep what is logged from now on until `configure_logging` opens the log file."""
    root = logging.getLogger()
    if not _held():
        root.addHandler(_EarlyRecords())
    root.setLevel(logging.INFO)


def open_held_log(log_dir: Path) -> None:
    """`configure_logging`, if records are held for the log file (`hold_early_records`) and it is not open yet."""
    if _held():
        configure_logging(log_dir)


def configure_logging(log_dir: Path) -> logging.Handler:
    """The application log: a rotating file `pishkhan.log` in the log folder (5 older files of 2 MB are kept).

    Nothing that logs may pass a password or a token (client_api hides them); in case one slips through, every
    record is scrubbed before it is written (`desktop.crash.SecretFilter`). Calling it again replaces the file
    handler instead of adding a second one. What was kept since `hold_early_records` is written first. Returns the
    handler.
    """
    from desktop.crash import SecretFilter
    from desktop.log_file import PrivateRotatingFileHandler

    name = "pishkhan-log-file"
    private_dir(log_dir)
    handler = PrivateRotatingFileHandler(log_dir / "pishkhan.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.set_name(name)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"))
    handler.addFilter(SecretFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == name]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    for early in _held():
        root.removeHandler(early)
        for record in early.records:
            handler.handle(record)
    return handler
