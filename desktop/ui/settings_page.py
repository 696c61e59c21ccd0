"""Settings: the municipal server's address and CA bundle, the interface language, the idle lock's minutes
(in force at once), and the office's two printers.

Every check and every slow step stays off the UI thread: the printer list (QPrinterInfo asks the print system),
the CA bundle (read and parsed) and the test page (built with ReportLab and printed) run through the session's
TaskRunner. The settings file itself is a few hundred bytes and is written on the UI thread.

The address, the CA bundle and the language are read when the application starts, so a change to them takes
effect at the next start (the page says so); a printer takes effect at once, for the next document printed.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from civic import trust_policy
from client_api.errors import InsecureTransportError
from client_api.transport import api_root
from desktop import journaling, theme
from desktop.idle_lock import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES, idle_minutes
from desktop.messages import operator_message
from desktop.pages import Page
from desktop.print_service import PrintResult, PrintService, available_printers
from desktop.session import Session
from desktop.settings import CaBundleError, check_ca_bundle
from desktop.widgets.banner import MessageBanner
from desktop.widgets.wheel_guard import wheel_when_focused
from printing import A4_PRINTER, RECEIPT_PRINTER
from printing.test_page import build_test_page

_PRINTER_FIELDS = {RECEIPT_PRINTER: "receipt_printer", A4_PRINTER: "a4_printer"}
_RESTART_FIELDS = ("api_url", "ca_bundle", "language", "trust_training_key")


def address_problem(address: str) -> str | None:
    """Why the server address cannot be used, in the operator's words; None when it can (or is empty: then the
    sign-in page asks for it). The rule is the client's own: https, or plain http to this machine only."""
    if not address:
        return None
    try:
        api_root(address)
        return None
    except (InsecureTransportError, ValueError):
        pass
    try:
        parts = urlsplit(address)
        scheme, host, credentials = parts.scheme, parts.hostname, bool(parts.username or parts.password)
    except ValueError:
        scheme, host, credentials = "", None, False
    if scheme not in ("http", "https") or not host:
        return QCoreApplication.translate(
            "SettingsPage", "نشانی کامل با https:// لازم است، مانند https://api.example.ir"
        )
    if credentials:
        return QCoreApplication.translate("SettingsPage", "نام کاربری یا گذرواژه نباید در نشانی باشد.")
    return QCoreApplication.translate(
        "SettingsPage", "فقط نشانی امن (https) پذیرفته است؛ http تنها برای سامانه آموزشی روی همین رایانه مجاز است."
    )


class SettingsPage(Page):
    saved = Signal()  # the settings file was written
    printers_listed = Signal(list)  # the printer names, once read from the print system
    test_page_done = Signal(str, object)  # role, PrintResult or the exception

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._saving = False
        self._listing = False
        self._printers: list[str] = []
        self.last_test_page: dict[str, str] = {}  # role → the number of the last test page sent

        title = _named(QLabel(self.tr("تنظیمات")), "pageTitle")
        self.banner = MessageBanner(self)
        # the fields are made in place, in Tab order: a styled widget moved to another parent is styled again
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)

        self.api_url = _named(QLineEdit(content), "apiUrl")
        self.api_url.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.api_url.setPlaceholderText("https://")
        self.ca_bundle = _named(QLineEdit(content), "caBundle")
        self.ca_bundle.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.ca_bundle.setPlaceholderText(self.tr("گواهی‌های مورد اعتماد سیستم"))
        self.browse_ca = _named(QPushButton(self.tr("انتخاب فایل…"), content), "browseCaBundle")
        self.browse_ca.clicked.connect(self._choose_ca_bundle)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.browse_ca)
        self.language = wheel_when_focused(_named(QComboBox(content), "language"))
        self.language.addItem(self.tr("فارسی"), "fa")
        self.language.addItem(self.tr("انگلیسی"), "en")
        restart_note = _named(
            QLabel(self.tr("نشانی سامانه، گواهی و زبان از راه‌اندازی بعدی برنامه به کار می‌روند.")), "restartNote"
        )
        restart_note.setWordWrap(True)
        theme.set_tone(restart_note, "muted")
        self.trust_training = _named(
            QCheckBox(self.tr("تعرفه‌ها و اسنادی که کلید آموزشی امضا کرده است پذیرفته شود"), content), "trustTrainingKey"
        )
        self._training_in_trust_list = trust_policy.training_key_in_trust_list()
        if self._training_in_trust_list:  # a training installation: nothing to choose
            self.trust_training.setChecked(True)
            self.trust_training.setEnabled(False)
            training_text = self.tr("این نسخه آموزشی است و کلید آموزشی را همیشه می‌پذیرد.")
        else:
            training_text = self.tr(
                "فقط برای دفتری که با سامانه آموزشی کار می‌کند. هر چه این کلید امضا کرده «آموزشی» نشان داده می‌شود. "
                "از راه‌اندازی بعدی برنامه به کار می‌رود."
            )
        training_note = _named(QLabel(training_text), "trustTrainingNote")
        training_note.setWordWrap(True)
        theme.set_tone(training_note, "muted")

        # the idle lock: minutes without input before the window locks; takes effect at once
        self.idle_lock_minutes = wheel_when_focused(_named(QSpinBox(content), "idleLockMinutes"))
        self.idle_lock_minutes.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.idle_lock_minutes.setSuffix(self.tr(" دقیقه"))
        self.idle_lock_minutes.valueChanged.connect(self._edited)
        idle_note = _named(
            QLabel(self.tr("پس از این مدت بی‌کاری، صفحه قفل می‌شود و با گذرواژه باز می‌شود.")), "idleLockNote"
        )
        idle_note.setWordWrap(True)
        theme.set_tone(idle_note, "muted")

        self.labels = {
            "api_url": self.tr("نشانی سامانه"),
            "idle_lock_minutes": self.tr("قفل خودکار پس از"),
            "ca_bundle": self.tr("فایل گواهی‌های مورد اعتماد"),
            "language": self.tr("زبان"),
            "trust_training_key": self.tr("کلید آموزشی"),
            RECEIPT_PRINTER: self.tr("چاپگر رسید"),
            A4_PRINTER: self.tr("چاپگر A4"),
        }
        server_form = QFormLayout()
        server_form.addRow(self.labels["api_url"], self.api_url)
        server_form.addRow(self.labels["ca_bundle"], ca_row)
        server_form.addRow(self.labels["language"], self.language)

        self.printer_combos: dict[str, QComboBox] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        self.printer_status: dict[str, QLabel] = {}
        printer_form = QFormLayout()
        for role, name in ((RECEIPT_PRINTER, "receipt"), (A4_PRINTER, "a4")):
            combo = wheel_when_focused(_named(QComboBox(content), f"{name}Printer"))
            combo.currentIndexChanged.connect(self._edited)
            button = _named(QPushButton(theme.icon("print"), self.tr("چاپ صفحه آزمایشی"), content), f"{name}TestPage")
            button.clicked.connect(lambda _checked=False, role=role: self.print_test_page(role))
            status = _named(QLabel(), f"{name}PrinterStatus")
            status.setWordWrap(True)
            row = QHBoxLayout()
            row.addWidget(combo, 1)
            row.addWidget(button)
            printer_form.addRow(self.labels[role], row)
            printer_form.addRow("", status)
            self.printer_combos[role], self.test_buttons[role], self.printer_status[role] = combo, button, status
        self.refresh_printers = QPushButton(theme.icon("refresh"), self.tr("خواندن دوباره فهرست چاپگرها"), content)
        self.refresh_printers.setObjectName("refreshPrinters")
        self.refresh_printers.clicked.connect(self.list_printers)
        self.printers_note = _named(QLabel(), "printersNote")
        self.printers_note.setWordWrap(True)
        theme.set_tone(self.printers_note, "muted")

        self.save_button = _named(QPushButton(theme.icon("save", on_accent=True), self.tr("ذخیره")), "saveSettings")
        self.save_button.setProperty("primary", True)
        self.save_button.setToolTip(self.tr("ذخیره (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)

        layout = QVBoxLayout(content)
        layout.addWidget(_section(self.tr("سامانه شهرداری"), "serverHeading"))
        layout.addLayout(server_form)
        layout.addWidget(restart_note)
        layout.addWidget(_section(self.tr("آموزش"), "trainingHeading"))
        training_form = QFormLayout()
        training_form.addRow(self.labels["trust_training_key"], self.trust_training)
        layout.addLayout(training_form)
        layout.addWidget(training_note)
        layout.addWidget(_section(self.tr("قفل صفحه"), "idleLockHeading"))
        idle_form = QFormLayout()
        idle_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)  # a few digits: no wider
        idle_form.addRow(self.labels["idle_lock_minutes"], self.idle_lock_minutes)
        layout.addLayout(idle_form)
        layout.addWidget(idle_note)
        layout.addWidget(_section(self.tr("چاپگرها"), "printersHeading"))
        layout.addLayout(printer_form)
        printers_row = QHBoxLayout()
        printers_row.addWidget(self.printers_note, 1)
        printers_row.addWidget(self.refresh_printers)
        layout.addLayout(printers_row)
        layout.addStretch(1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.addWidget(title)
        outer.addWidget(self.banner)
        outer.addWidget(scroll, 1)
        outer.addLayout(actions)

        self.api_url.textEdited.connect(self._edited)
        self.ca_bundle.textEdited.connect(self._edited)
        self.language.currentIndexChanged.connect(self._edited)
        self.trust_training.toggled.connect(self._edited)
        self._load_from_settings()
        self.list_printers()

    # -- values -------------------------------------------------------------------------------------------------

    def _saved_values(self) -> dict[str, str]:
        settings = self.session.settings
        return {
            "api_url": settings.api_url,
            "ca_bundle": settings.ca_bundle,
            "language": settings.language,
            "idle_lock_minutes": str(idle_minutes(settings.idle_lock_minutes)),
            "trust_training_key": "1" if settings.trust_training_key else "",
            RECEIPT_PRINTER: settings.receipt_printer,
            A4_PRINTER: settings.a4_printer,
        }

    def values(self) -> dict[str, str]:
        """What the page shows now, keyed as `_saved_values`."""
        return {
            "api_url": self.api_url.text().strip(),
            "ca_bundle": self.ca_bundle.text().strip(),
            "language": str(self.language.currentData()),
            "idle_lock_minutes": str(self.idle_lock_minutes.value()),
            "trust_training_key": self._trust_training_value(),
            RECEIPT_PRINTER: str(self.printer_combos[RECEIPT_PRINTER].currentData() or ""),
            A4_PRINTER: str(self.printer_combos[A4_PRINTER].currentData() or ""),
        }

    def _trust_training_value(self) -> str:
        if self._training_in_trust_list:  # the box shows what the installation does, not a choice
            return "1" if self.session.settings.trust_training_key else ""
        return "1" if self.trust_training.isChecked() else ""

    def _load_from_settings(self) -> None:
        saved = self._saved_values()
        if not self._training_in_trust_list:
            self.trust_training.blockSignals(True)
            self.trust_training.setChecked(saved["trust_training_key"] == "1")
            self.trust_training.blockSignals(False)
        self.api_url.setText(saved["api_url"])
        self.ca_bundle.setText(saved["ca_bundle"])
        self.language.setCurrentIndex(max(0, self.language.findData(saved["language"])))
        self.idle_lock_minutes.blockSignals(True)
        self.idle_lock_minutes.setValue(int(saved["idle_lock_minutes"]))
        self.idle_lock_minutes.blockSignals(False)
        for role in (RECEIPT_PRINTER, A4_PRINTER):
            self._fill_printers(role, saved[role])
        for widget in (self.api_url, self.ca_bundle):
            theme.set_invalid(widget, False)
        self._edited()

    def has_unsaved_changes(self) -> bool:
        return self.values() != self._saved_values()

    def discard_changes(self) -> None:
        self._load_from_settings()
        self.banner.clear()

    def submit(self) -> bool:
        self.save()
        return True

    def _edited(self) -> None:
        for widget in (self.api_url, self.ca_bundle):
            if widget.property("invalid"):
                theme.set_invalid(widget, False)
        for role, combo in self.printer_combos.items():
            self.test_buttons[role].setEnabled(bool(combo.currentData()) and role not in self._printing)
        self.save_button.setEnabled(not self._saving)

    @property
    def _printing(self) -> set[str]:
        return {role for role, button in self.test_buttons.items() if button.property("printing")}

    # -- saving -------------------------------------------------------------------------------------------------

    def save(self) -> None:
        """Check what was entered, then write the settings file; a refusal names the field and outlines it."""
        if self._saving:
            return
        values = self.values()
        problem = address_problem(values["api_url"])
        if problem is not None:
            self._refuse(self.api_url, "api_url", problem)
            return
        if not values["ca_bundle"]:
            self._write(values)
            return
        self._saving = True
        self._edited()
        path = values["ca_bundle"]
        self.session.tasks.run(
            lambda: check_ca_bundle(path), lambda _: self._ca_checked(values), self._ca_failed, owner=self
        )

    def _ca_checked(self, values: dict[str, str]) -> None:
        self._saving = False
        self._write(values)

    def _ca_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._edited()
        reasons = {
            "missing": self.tr("این فایل پیدا نشد."),
            "unreadable": self.tr("این فایل خوانده نشد؛ دسترسی به آن را بررسی کنید."),
            "not-pem": self.tr("این فایل گواهی PEM نیست."),
        }
        if isinstance(exc, CaBundleError):
            self._refuse(self.ca_bundle, "ca_bundle", reasons.get(exc.reason, reasons["not-pem"]))
        else:
            theme.set_invalid(self.ca_bundle, True)
            self.banner.show_message(operator_message(exc), "error")

    def _refuse(self, widget: QWidget, field: str, reason: str) -> None:
        theme.set_invalid(widget, True)
        widget.setFocus()
        self.banner.show_message(self.tr("{field}: {reason}").format(field=self.labels[field], reason=reason), "error")

    def _write(self, values: dict[str, str]) -> None:
        settings = self.session.settings
        before = dataclasses.replace(settings)
        settings.api_url = values["api_url"]
        settings.ca_bundle = values["ca_bundle"]
        settings.language = values["language"]
        settings.idle_lock_minutes = int(values["idle_lock_minutes"])
        settings.trust_training_key = values["trust_training_key"] == "1"
        settings.receipt_printer = values[RECEIPT_PRINTER]
        settings.a4_printer = values[A4_PRINTER]
        try:
            self.session.save_settings()
        except OSError as exc:
            for spec in dataclasses.fields(settings):  # what is in force stays what is in the file
                setattr(settings, spec.name, getattr(before, spec.name))
            self.banner.show_message(operator_message(exc), "error")
            self._edited()
            return
        journaling.record_settings_change(self.session, before, settings)
        restart = any(getattr(before, name) != getattr(settings, name) for name in _RESTART_FIELDS)
        if restart:
            text = self.tr(
                "تنظیمات ذخیره شد. نشانی سامانه، گواهی، زبان و کلید آموزشی از راه‌اندازی بعدی برنامه به کار می‌روند."
            )
        else:
            text = self.tr("تنظیمات ذخیره شد.")
        self.banner.show_message(text, "success")
        self._edited()
        self.saved.emit()

    def _choose_ca_bundle(self) -> None:
        start = str(Path(self.ca_bundle.text().strip()).parent) if self.ca_bundle.text().strip() else ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("فایل گواهی‌های مورد اعتماد"), start, self.tr("گواهی PEM (*.pem *.crt *.cer);;همه فایل‌ها (*)")
        )
        if path:
            self.ca_bundle.setText(path)
            self._edited()

    # -- printers -----------------------------------------------------------------------------------------------

    def list_printers(self) -> None:
        """Read the installed printers on a worker thread (the print system may take a while to answer)."""
        if self._listing:
            return
        self._listing = True
        self.refresh_printers.setEnabled(False)
        self.printers_note.setText(self.tr("فهرست چاپگرها خوانده می‌شود…"))
        self.session.tasks.run(available_printers, self._printers_read, self._printers_failed, owner=self)

    def _printers_read(self, names: list[str]) -> None:
        self._listing = False
        self.refresh_printers.setEnabled(True)
        self._printers = sorted(names, key=str.casefold)
        for role, combo in self.printer_combos.items():
            self._fill_printers(role, str(combo.currentData() or ""))
        if self._printers:
            self.printers_note.setText(self.tr("چاپگری که اینجا نیست را ابتدا روی این رایانه نصب کنید."))
        else:
            self.printers_note.setText(self.tr("هیچ چاپگری روی این رایانه نصب نشده است."))
        self._edited()
        self.printers_listed.emit(list(self._printers))

    def _printers_failed(self, exc: BaseException) -> None:
        self._listing = False
        self.refresh_printers.setEnabled(True)
        self.printers_note.setText(operator_message(exc))

    def _fill_printers(self, role: str, chosen: str) -> None:
        combo = self.printer_combos[role]
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(self.tr("انتخاب نشده"), "")
            for name in self._printers:
                combo.addItem(name, name)
            if chosen and chosen not in self._printers:
                combo.addItem(self.tr("{name} (روی این رایانه پیدا نشد)").format(name=chosen), chosen)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        finally:
            combo.blockSignals(False)

    def print_test_page(self, role: str) -> None:
        """Print a test page on the printer chosen for `role` (saved or not), on a worker thread."""
        name = str(self.printer_combos[role].currentData() or "")
        button, status = self.test_buttons[role], self.printer_status[role]
        if not name or button.property("printing"):
            return
        # the service of the session, with this one printer as chosen: the test needs no saving first
        field = _PRINTER_FIELDS[role]
        trial = dataclasses.replace(self.session.settings)
        setattr(trial, field, name)
        service = PrintService(trial, None, archive_dir=self.session.print_service.archive_dir)
        button.setProperty("printing", True)
        self._edited()
        theme.set_tone(status, "muted")
        status.setText(self.tr("صفحه آزمایشی به {name} فرستاده می‌شود…").format(name=name))

        def op() -> tuple[str, PrintResult]:  # plain values only: the page is not touched off the UI thread
            doc = build_test_page(name, role)
            return doc.number, service.print_document(doc)

        self.session.tasks.run(
            op,
            lambda outcome: self._test_page_printed(role, *outcome),
            lambda exc: self._test_page_failed(role, exc),
            owner=self,
        )

    def _test_page_printed(self, role: str, number: str, result: PrintResult) -> None:
        self.last_test_page[role] = number
        self.test_buttons[role].setProperty("printing", False)
        status = self.printer_status[role]
        theme.set_tone(status, "success")
        status.setText(self.tr("صفحه آزمایشی به {name} فرستاده شد؛ برگه را ببینید.").format(name=result.printer))
        self._edited()
        self.test_page_done.emit(role, result)

    def _test_page_failed(self, role: str, exc: BaseException) -> None:
        self.test_buttons[role].setProperty("printing", False)
        status = self.printer_status[role]
        theme.set_tone(status, "error")
        status.setText(operator_message(exc))
        self._edited()
        self.test_page_done.emit(role, exc)


def _section(text: str, name: str) -> QLabel:
    label = _named(QLabel(text), name)
    label.setProperty("heading", "section")
    return label


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget
