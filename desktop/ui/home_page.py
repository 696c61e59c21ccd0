"""Today's desk: what waits for the municipality, what has no answer yet, what was refused, what is drafted, and
the operator's main tasks one click away; then who is signed in, at which office."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from civic.jalali import format_jalali_date, format_jalali_datetime
from desktop.messages import current_language, isolate, localized_digits, operator_message
from desktop.outbox import DONE_TODAY_TAB, IN_DOUBT_TAB, QUEUED_TAB, REJECTED_TAB, OutboxSnapshot
from desktop.pages import Page, pages_for
from desktop.session import Session
from desktop.theme import align_to_reading_side, icon, set_tone
from desktop.widgets.banner import MessageBanner
from desktop.widgets.selectable_label import SelectableLabel

RLM = "\u200f"


class HomePage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.greeting = QLabel(objectName="pageTitle")
        self.greeting.setWordWrap(True)
        self.today = QLabel(objectName="today")
        set_tone(self.today, "muted")
        self.keyring_banner = MessageBanner()
        self.keyring_banner.setObjectName("keyringBanner")
        # the local database was damaged or missing at sign-in: what happened, what to do, and the backup offered
        self.damage_banner = MessageBanner()
        self.damage_banner.setObjectName("damageBanner")
        self.restore_button = QPushButton(icon("retry"), self.tr("بازگرداندن نسخه پشتیبان"), objectName="restoreBackup")
        self.keep_button = QPushButton(
            icon("check"), self.tr("ادامه با داده‌های بازیابی‌شده"), objectName="keepRecovered"
        )
        self.restore_button.clicked.connect(self._restore_backup)
        self.keep_button.clicked.connect(self._keep_recovered)
        damage_choice = QHBoxLayout()
        damage_choice.addWidget(self.restore_button)
        damage_choice.addWidget(self.keep_button)
        damage_choice.addStretch(1)

        # today's work: each count opens the outbox on its tab
        self.counts: dict[str, QPushButton] = {}
        today_title = QLabel(self.tr("کارهای امروز"))
        today_title.setProperty("heading", "section")
        counts_row = QHBoxLayout()
        for tab, tone in (
            (QUEUED_TAB, "info"),
            (IN_DOUBT_TAB, "warning"),
            (REJECTED_TAB, "error"),
            (DONE_TODAY_TAB, "success"),
        ):
            button = QPushButton(objectName=f"deskCount-{tab}")
            button.setProperty("deskCount", True)
            set_tone(button, tone)
            button.clicked.connect(lambda _=False, tab=tab: self.show_page_requested.emit("outbox", {"tab": tab}))
            self.counts[tab] = button
            counts_row.addWidget(button)

        actions_title = QLabel(self.tr("کارهای اصلی"))
        actions_title.setProperty("heading", "section")
        self.action_buttons: dict[str, QPushButton] = {}
        actions = QGridLayout()
        for index, spec in enumerate(spec for spec in pages_for(session) if spec.id != "home"):
            button = QPushButton(icon(spec.icon), spec.title(), objectName=f"deskAction-{spec.id}")
            button.setProperty("deskAction", True)
            if spec.shortcut:
                button.setToolTip(spec.shortcut)
            button.clicked.connect(lambda _=False, page_id=spec.id: self.show_page_requested.emit(page_id, {}))
            self.action_buttons[spec.id] = button
            actions.addWidget(button, index // 3, index % 3)

        self.office_name = self._data_label("officeName")
        self.office_code = self._data_label("officeCode")
        self.office_kind = QLabel(objectName="officeKind")
        self.roles = QLabel(objectName="roles")
        self.terminal = self._data_label("terminalId")
        self.signed_in_at = self._data_label("signedInAt")
        self.environment = QLabel(objectName="environment")
        session_title = QLabel(self.tr("نشست کاری"))
        session_title.setProperty("heading", "section")
        card = QFrame(objectName="homeCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(card)
        form.addRow(self.tr("دفتر"), self.office_name)
        form.addRow(self.tr("کد دفتر"), self.office_code)
        form.addRow(self.tr("نوع دفتر"), self.office_kind)
        form.addRow(self.tr("نقش‌ها"), self.roles)
        form.addRow(self.tr("شماره این رایانه"), self.terminal)
        form.addRow(self.tr("زمان ورود"), self.signed_in_at)
        form.addRow(self.tr("محیط سامانه"), self.environment)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.greeting)
        layout.addWidget(self.today)
        layout.addWidget(self.keyring_banner)
        layout.addWidget(self.damage_banner)
        layout.addLayout(damage_choice)
        layout.addWidget(today_title)
        layout.addLayout(counts_row)
        layout.addWidget(actions_title)
        layout.addLayout(actions)
        layout.addWidget(session_title)
        layout.addWidget(card)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own; it follows the focused control
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._show_session()
        session.outbox.snapshot_ready.connect(self.show_counts)
        self.show_counts(session.outbox.last)
        session.outbox.damage_found.connect(self.show_damage)
        self.show_damage(session.outbox.damage_text)

    @staticmethod
    def _data_label(name: str) -> QLabel:
        label = SelectableLabel(objectName=name)
        label.setProperty("pishkhanData", True)  # server data, shown as given
        align_to_reading_side(label)
        return label

    def role_name(self, role: str) -> str:
        names = {
            "counter": self.tr("اپراتور پیشخوان"),
            "cashier": self.tr("صندوق‌دار"),
            "notary": self.tr("کارمند دفتر اسناد رسمی"),
        }
        return names.get(role, role)

    def office_kind_name(self, kind: str) -> str:
        names = {"counter": self.tr("دفتر پیشخوان دولت"), "notary": self.tr("دفتر اسناد رسمی")}
        return names.get(kind, kind)

    def _show_session(self) -> None:
        session = self.session
        operator = session.operator
        persian = current_language() == "fa"
        self.greeting.setText(self.tr("خوش آمدید، {name}").format(name=isolate(operator.display_name)))
        self.today.setText(
            self.tr("امروز {date}").format(date=format_jalali_date(dt.datetime.now(dt.UTC), persian_digits=persian))
        )
        self.office_name.setText(operator.office.name)
        self.office_code.setText(operator.office.code)
        self.office_kind.setText(self.office_kind_name(operator.office.kind))
        separator = "، " if persian else ", "
        self.roles.setText(separator.join(self.role_name(role) for role in operator.roles))
        self.terminal.setText(operator.terminal_id)
        stamp = format_jalali_datetime(session.signed_in_at, persian_digits=persian)
        self.signed_in_at.setText(RLM + stamp if persian else stamp)  # date, then time, read right to left
        self.environment.setText(
            self.tr("آموزشی (داده‌های نمونه)") if session.health.is_training else self.tr("عملیاتی")
        )
        if session.keyring_warning:
            self.keyring_banner.show_message(
                self.tr(
                    "ورود شما فقط تا بستن برنامه به خاطر سپرده می‌شود؛ پس از بستن برنامه دوباره وارد شوید. "
                    "کارهای ثبت‌شده در صف ارسال از بین نمی‌روند."
                ),
                "warning",
            )
        else:
            self.keyring_banner.clear()

    def show_damage(self, text: str | None) -> None:
        """The local database's sentence (desktop/local_data.py), with the choice of the backup when one is offered."""
        if text:
            self.damage_banner.show_message(
                text, "error" if self.session.outbox.backup_offer is not None else "warning"
            )
        else:
            self.damage_banner.clear()
        offered = bool(text) and self.session.outbox.backup_offer is not None
        self.restore_button.setVisible(offered)
        self.keep_button.setVisible(offered)
        self.restore_button.setEnabled(True)

    def _restore_backup(self) -> None:
        self.restore_button.setEnabled(False)
        self.keep_button.setVisible(False)

        def failed(exc: BaseException) -> None:
            self.restore_button.setEnabled(True)
            self.damage_banner.show_message(operator_message(exc), "error")

        self.session.outbox.restore_backup(failed)

    def _keep_recovered(self) -> None:
        self.session.outbox.keep_recovered()
        self.show_damage(None)

    def show_counts(self, snapshot: OutboxSnapshot | None) -> None:
        counts = snapshot.counts if snapshot is not None else None
        values = {
            QUEUED_TAB: (self.tr("در صف"), counts.queued + counts.sending if counts else None),
            IN_DOUBT_TAB: (self.tr("در انتظار پاسخ شهرداری"), counts.in_doubt if counts else None),
            REJECTED_TAB: (self.tr("ردشده"), counts.rejected if counts else None),
            DONE_TODAY_TAB: (self.tr("انجام‌شده امروز"), snapshot.done_today if snapshot else None),
        }
        for tab, (title, value) in values.items():
            shown = localized_digits(str(value)) if value is not None else "…"
            self.counts[tab].setText(f"{title}: {shown}")
