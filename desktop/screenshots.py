"""`pishkhan screenshots`: every page of the application, for each demo operator, in each language and at each
size, rendered with demo data to PNG files; `index.json` lists them.

File names: `OPERATOR-LANG-WxH-NN-PAGE.png` (NN keeps the order an operator meets them). The counter operator's
run ends with the outbox while the server is unreachable (`outbox-offline`), so it comes last.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QWidget

from desktop.app import apply_language, create_application
from desktop.demo import DEMO_PASSWORD, DemoSandbox
from desktop.pages import page_spec
from desktop.session import Session
from desktop.settings import Settings
from desktop.tasks import TaskRunner, UiThreadGarbageCollector
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_page import ServerConfig

SIZES = ((1100, 720), (1024, 640))
LANGUAGES = ("fa", "en")
# the demo operators (README, "Demo accounts"): the notary first, the counter last (its run ends offline)
OPERATORS = (("notary1", "NT-0042"), ("counter1", "PK-1001"))

DEMO_NOTES = {
    "fa": (
        "پرونده پروانه ساختمانی پلاک ۱۲۳۴/۵۶ منتظر نقشه اصلاحی مالک است؛ فردا تماس بگیرید.",
        "صندوق ساعت ۱۴ بسته شد.",
    ),
    "en": (
        "The building permit file for plate 1234/56 waits for the owner's corrected plan; call tomorrow.",
        "The cash desk closed at 14:00.",
    ),
}


@dataclass(frozen=True)
class Shot:
    operator: str
    lang: str
    size: str
    page_id: str
    title: str
    roles: list[str]
    png: str


def _settle(predicate: Callable[[], bool] | None = None, timeout_s: float = 20.0) -> None:
    """Let the event loop run until `predicate()` holds (or just drain it once)."""
    deadline = time.monotonic() + timeout_s
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if predicate is None or predicate():
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the demo sandbox did not answer in time")
        time.sleep(0.01)


class _Camera:
    def __init__(self, out_dir: Path, lang: str) -> None:
        self.out_dir = out_dir
        self.lang = lang
        self.shots: list[Shot] = []
        self._counter: dict[str, int] = {}

    def take(self, window: MainWindow, operator: str, page_id: str, title: str, roles: list[str]) -> None:
        number = self._counter.setdefault(operator, 0) + 1
        self._counter[operator] = number
        for width, height in SIZES:
            window.resize(width, height)
            _settle()
            name = f"{operator}-{self.lang}-{width}x{height}-{number:02d}-{page_id}.png"
            _save(window, self.out_dir / name)
            self.shots.append(Shot(operator, self.lang, f"{width}x{height}", page_id, title, roles, name))


def _save(widget: QWidget, path: Path) -> None:
    _settle()
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")


def render_screenshots(out_dir: Path, language: str | None = None) -> list[Path]:
    """Every page for each demo operator; `language` None: both languages."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots: list[Shot] = []
    for lang in (language,) if language else LANGUAGES:
        shots += _render_language(out_dir, lang)
    (out_dir / "index.json").write_text(
        json.dumps([asdict(shot) for shot in shots], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return [out_dir / shot.png for shot in shots]


def _render_language(out_dir: Path, lang: str) -> list[Shot]:
    app = create_application(lang)
    apply_language(app, lang)
    sandbox = DemoSandbox()
    url = sandbox.start()
    tasks = TaskRunner()
    desk_dir = Path(tempfile.mkdtemp(prefix="pishkhan-screenshots-desk-"))  # never the operator's own data folder
    camera = _Camera(out_dir, lang)
    try:
        for username, office_code in OPERATORS:
            settings = Settings(terminal_id="T-DEMO0001")
            window = MainWindow(
                ServerConfig(url, None, settings.terminal_id),
                tasks,
                training=True,
                local_data_dir=desk_dir,
                settings=settings,
                config_dir=desk_dir / f"config-{username}",
            )
            try:
                _operator_pages(window, sandbox, camera, username, office_code, tasks)
            finally:
                window.close()
                _settle(lambda: not tasks.busy)
                window.deleteLater()
                _settle()
    finally:
        tasks.shutdown()
        sandbox.stop()
        shutil.rmtree(desk_dir, ignore_errors=True)
        UiThreadGarbageCollector.collect_now()
    return camera.shots


def _operator_pages(
    window: MainWindow, sandbox: DemoSandbox, camera: _Camera, username: str, office_code: str, tasks: TaskRunner
) -> None:
    window.show()
    window.sign_in_page.fill(username, DEMO_PASSWORD, office_code)
    camera.take(window, username, "sign-in", window.windowTitle(), [])

    window.sign_in_page.submit_form()
    _settle(lambda: window.stack.currentWidget() is window.workspace or window.sign_in_page.error_label.isVisible())
    if window.stack.currentWidget() is not window.workspace or window.session is None:
        raise TimeoutError(f"demo sign-in failed: {window.sign_in_page.error_label.text()}")
    session = window.session
    roles = sorted(session.roles)
    _settle(lambda: window.outbox.last is not None)
    for page_id in window.visible_page_ids():
        if page_id == "outbox":
            continue  # below, once something has gone through it
        context = _demo_context(page_id, session)
        if page_id == "verify":  # a reply the demo municipality issued, checked against its record
            context = {"text": sandbox.issued_seal() or str(context["text"])}
        page = window.show_page(page_id, **context)
        _settle(lambda: not tasks.busy and not window.outbox.busy)
        if page_id in ("cashier", "inquiry"):  # what the page sent or looked up has come back
            _settle(lambda: not tasks.busy and not window.outbox.busy)
        if page_id == "verify":
            shown_page = page
            _settle(lambda: not getattr(shown_page, "refreshing", False) and not tasks.busy)  # noqa: B023
        ready = getattr(page, "books_ready", None)
        if ready is not None:
            shown = page
            _settle(lambda: bool(getattr(shown, "books_ready", False)) and not tasks.busy)  # noqa: B023
            view = getattr(page, "view", None)
            if view is not None and hasattr(view, "select_line"):
                view.select_line(0)  # one line's formula and inputs, as on demand
        camera.take(window, username, page_id, page_spec(page_id).title(), roles)
        if page_id == "permit":
            _permit_steps(window, camera, username, roles, tasks)
    _lock_page(window, camera, username, roles, tasks)
    _outbox_pages(window, sandbox, camera, username, roles, last=username == OPERATORS[-1][0])
    window.sign_out(ask=False)
    _settle(lambda: window.session is None and not tasks.busy and window.stack.currentWidget() is window.sign_in_page)


def _demo_context(page_id: str, session: Session) -> dict[str, object]:
    if page_id in ("parcel", "permit"):
        from sandbox.city import DEMO_PARCEL

        return {"renovation_code": DEMO_PARCEL}
    if page_id == "fees":
        from desktop.ui.fee_preview_page import DEMO_CASE

        return {"case": DEMO_CASE}
    if page_id == "requests":  # one assessed request of the demo office, its fees beside this desk's preview
        assessed = session.client.permit_requests(status="assessed", page_size=1).items
        return {"request_id": assessed[0].id} if assessed else {}
    if page_id == "verify":
        from desktop.ui.verify_page import demo_seal_text

        return {"text": demo_seal_text()}  # a sample receipt's seal, checked against the lists the server signs
    if page_id == "inquiry":  # a transfer of the demo parcel from its owner to a buyer, filled in
        from sandbox.city import DEMO_OWNER, DEMO_PARCEL

        parties = [
            {"role": "seller", "name": "رضا کریمی", "id": DEMO_OWNER},
            {"role": "buyer", "name": "سارا محمدی", "id": DEMO_BUYER},
        ]
        return {"parcel": DEMO_PARCEL, "type": "transfer", "parties": parties}
    if page_id == "inquiries":  # the newest answered reply of the demo notary office
        return {"status": "answered", "select_first": True}
    if page_id == "cashier":  # a session opened with a float, and the demo owner's bills looked up
        from sandbox.city import DEMO_OWNER

        return {"open_float_rials": 5_000_000, "national_id": DEMO_OWNER}
    if page_id == "day-close":
        return {"refresh": True}
    return {}


DEMO_BUYER = "0067749828"  # a valid national ID for the demo inquiry's buyer


DEMO_APPLICANT = {"fa": "رضا کریمی", "en": "Reza Karimi"}
DEMO_FLOORS = (("-1", "120", "0"), ("0", "180", "1"), ("1", "180", "1"), ("2", "180", "1"))


def _permit_steps(window: MainWindow, camera: _Camera, operator: str, roles: list[str], tasks: TaskRunner) -> None:
    """The wizard once more, on its building step with a demo building (rule checks and the fee preview beside it),
    and on its review step."""
    from desktop.formatting import digits
    from desktop.ui.permit_draft import PermitDraft
    from desktop.ui.permit_wizard_page import PermitWizardPage
    from sandbox.city import DEMO_OWNER, DEMO_PARCEL

    page = window.show_page("permit")
    if not isinstance(page, PermitWizardPage):
        raise TypeError("the permit page is not the wizard")
    rows = [  # as an operator types them: in the interface's digits
        {
            "level": digits(level),
            "area_m2": digits(area),
            "units": digits(units),
            "height_m": digits("3.2"),
            "frontage_m": digits("12"),
            "use": "residential",
        }
        for level, area, units in DEMO_FLOORS
    ]
    draft = PermitDraft(
        renovation_code=DEMO_PARCEL,
        applicant={
            "applicant_name": DEMO_APPLICANT[camera.lang],
            "national_id": DEMO_OWNER,
            "mobile": digits("09121234567"),
            "power_of_attorney": "",
        },
        building={
            "parking_provided": digits("2"),
            "parking_required": digits("3"),
            "balcony_area_m2": digits("6"),
            "floors": rows,
        },
        step=2,
    )
    page.restore(draft)
    _settle(lambda: not tasks.busy)
    camera.take(window, operator, "permit-building", page_spec("permit").title(), roles)
    page.go_to(4)
    _settle(lambda: not tasks.busy)
    camera.take(window, operator, "permit-review", page_spec("permit").title(), roles)


def _lock_page(window: MainWindow, camera: _Camera, operator: str, roles: list[str], tasks: TaskRunner) -> None:
    """The idle lock as it hides the workspace; then the operator's password opens it again."""
    lock = window.screen_lock
    lock.lock()
    camera.take(window, operator, "lock", QCoreApplication.translate("Screenshots", "قفل صفحه"), roles)
    lock.page.password.setText(DEMO_PASSWORD)
    lock.page.unlock()
    _settle(lambda: not lock.locked and not tasks.busy)


def _outbox_pages(
    window: MainWindow, sandbox: DemoSandbox, camera: _Camera, operator: str, roles: list[str], *, last: bool
) -> None:
    """A note being confirmed; the outbox with it done; and on the last run, with the server gone, waiting."""
    notes = window.show_page("notes")
    outbox = window.outbox
    first, second = DEMO_NOTES[camera.lang]
    _settle(lambda: bool(getattr(notes, "ready", False)))
    notes.editor.setPlainText(first)  # type: ignore[union-attr]
    notes.ask_to_confirm()  # type: ignore[union-attr]
    camera.take(window, operator, "notes-confirm", page_spec("notes").title(), roles)
    notes.confirm()  # type: ignore[union-attr]
    _settle(lambda: outbox.last is not None and outbox.last.done_today >= 1)
    _show_outbox_tab(window, "done_today")
    camera.take(window, operator, "outbox", page_spec("outbox").title(), roles)
    if not last:
        return
    sandbox.stop()  # the server goes away: the next note waits, safe on this computer
    window.show_page("notes")
    notes.editor.setPlainText(second)  # type: ignore[union-attr]
    notes.confirm()  # type: ignore[union-attr]
    _settle(lambda: outbox.connection == "offline" and outbox.last is not None and outbox.last.counts.queued >= 1)
    _show_outbox_tab(window, "queued")
    camera.take(window, operator, "outbox-offline", page_spec("outbox").title(), roles)


def _show_outbox_tab(window: MainWindow, tab: str) -> None:
    from desktop.widgets.lists import ListState

    page = window.show_page("outbox", tab=tab)
    _settle(lambda: not window.outbox.busy and getattr(page, "model", None) is not None)
    _settle(lambda: page.model.state is ListState.READY)  # type: ignore[union-attr]
