"""Step 4 of the permit wizard: the files the citizen hands over — deed, ID card, plans, and the power of attorney
when the applicant is not an owner. Each is added by a file dialog (or `add_attachment(kind, path)`), checked by its
content off the UI thread (`desktop.attachments`) and copied into the draft's folder; a refused file is named with
the reason, and nothing else on the page changes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.attachments import AttachmentError
from desktop.formatting import AMOUNT_ALIGNMENT, format_number, isolate, ltr
from desktop.messages import operator_message
from desktop.session import Session
from desktop.theme import icon, set_tone
from desktop.ui.permit_draft import (
    ATTACHMENT_KINDS,
    DEED,
    ID_CARD,
    PLAN,
    POWER_OF_ATTORNEY,
    REQUIRED_KINDS,
    DraftAttachment,
    attachment_exists,
    remove_attachment,
    remove_files,
    store_attachment,
)
from desktop.ui.permit_review_step import join_names

log = logging.getLogger(__name__)
KIND, NAME, TYPE, SIZE = range(4)
_TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def size_text(size: int) -> str:
    """«۲٫۴ مگابایت», «۳۱۲ کیلوبایت»: a file's size for reading."""
    if size >= 1 << 20:
        value = (Decimal(size) / (1 << 20)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return QCoreApplication.translate("PermitAttachmentsStep", "{n} مگابایت").format(n=format_number(value))
    value = max((Decimal(size) / 1024).quantize(Decimal(1), rounding=ROUND_HALF_UP), Decimal(1))
    return QCoreApplication.translate("PermitAttachmentsStep", "{n} کیلوبایت").format(n=format_number(value))


class AttachmentsStep(QWidget):
    edited = Signal()
    attachment_added = Signal(object)  # the DraftAttachment
    attachment_refused = Signal(str)  # the operator's sentence

    def __init__(self, session: Session, request_id: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._request_id = request_id
        self._adding = 0
        self.attachments: list[DraftAttachment] = []
        self.attorney_needed = False
        heading = QLabel(self.tr("پیوست‌ها"), objectName="permitAttachmentsHeading")
        heading.setProperty("heading", "section")
        hint = QLabel(
            self.tr("سند مالکیت، کارت ملی و نقشه‌ها را پیوست کنید: {types}، هر کدام تا ۱۰ مگابایت.").format(
                types=join_names(ltr(name) for name in ("PDF", "JPEG", "PNG"))
            ),
            objectName="permitAttachmentsHint",
        )
        hint.setWordWrap(True)
        self.add_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for kind in ATTACHMENT_KINDS:
            button = QPushButton(icon("attach"), self.kind_name(kind) + "…", self, objectName=f"permitAttach_{kind}")
            button.clicked.connect(lambda _checked=False, kind=kind: self.choose_file(kind))
            self.add_buttons[kind] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        # made in place (the buttons before it, for the Tab order): a list styles itself when made, and moved to
        # another parent it is styled again
        self.list = QTreeWidget(self, objectName="permitAttachments")
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(4)
        self.list.setHeaderLabels([self.tr("نوع پیوست"), self.tr("نام فایل"), self.tr("قالب"), self.tr("اندازه")])
        self.list.headerItem().setTextAlignment(SIZE, AMOUNT_ALIGNMENT)
        self.list.setTabKeyNavigation(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TYPE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SIZE, QHeaderView.ResizeMode.ResizeToContents)
        self.list.setProperty("pishkhanData", True)  # file names as the citizen's files have them
        self.remove_button = QPushButton(icon("remove"), self.tr("حذف پیوست"), objectName="permitRemoveAttachment")
        self.remove_button.clicked.connect(self.remove_selected)
        self.status = QLabel(objectName="permitAttachmentStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        self.missing = QLabel(objectName="permitAttachmentsMissing")
        self.missing.setWordWrap(True)
        set_tone(self.missing, "muted")
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.missing, 1)
        remove_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addLayout(remove_row)
        self._refresh()

    @staticmethod
    def kind_name(kind: str) -> str:
        names = {
            DEED: QCoreApplication.translate("PermitAttachmentsStep", "سند مالکیت"),
            ID_CARD: QCoreApplication.translate("PermitAttachmentsStep", "کارت ملی"),
            PLAN: QCoreApplication.translate("PermitAttachmentsStep", "نقشه‌ها"),
            POWER_OF_ATTORNEY: QCoreApplication.translate("PermitAttachmentsStep", "وکالت‌نامه"),
        }
        return names.get(kind, kind)

    # -- adding ---------------------------------------------------------------------------------------

    def choose_file(self, kind: str) -> None:
        """Ask for a file in Qt's own dialog (the same on every system, and it works offscreen)."""
        dialog = QFileDialog(self, self.tr("پیوست {kind}").format(kind=self.kind_name(kind)))
        dialog.setObjectName("permitFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [self.tr("سند یا تصویر (*.pdf *.jpg *.jpeg *.png *.PDF *.JPG *.JPEG *.PNG)"), self.tr("همه فایل‌ها (*)")]
        )
        if dialog.exec() and dialog.selectedFiles():
            self.add_attachment(kind, Path(dialog.selectedFiles()[0]))

    def add_attachment(self, kind: str, path: Path | str) -> None:
        """Check the file off the UI thread and copy it into the draft; the outcome is shown here when it comes."""
        if kind not in ATTACHMENT_KINDS:
            raise ValueError(f"unknown attachment kind {kind!r}")
        config_dir, request_id, source = self._session.config_dir, self._request_id(), Path(path)
        self._adding += 1
        self._show_status(self.tr("در حال بررسی فایل {name}…").format(name=isolate(source.name)), "muted")
        self._session.tasks.run(
            lambda: store_attachment(config_dir, request_id, kind, source),
            self._stored,
            self._refused,
            owner=self,
        )

    @property
    def busy(self) -> bool:
        return self._adding > 0

    def _stored(self, attachment: DraftAttachment) -> None:
        self._adding -= 1
        self.attachments.append(attachment)
        self._show_status(
            self.tr("فایل {name} پیوست شد.").format(name=isolate(attachment.filename)),
            "success",
        )
        self._refresh()
        last = self.list.topLevelItem(self.list.topLevelItemCount() - 1)
        if last is not None:
            self.list.setCurrentItem(last)
        self.edited.emit()
        self.attachment_added.emit(attachment)

    def _refused(self, exc: BaseException) -> None:
        self._adding -= 1
        message = exc.message() if isinstance(exc, AttachmentError) else operator_message(exc)
        self._show_status(message, "error")
        self.attachment_refused.emit(message)

    def _show_status(self, text: str, tone: str) -> None:
        self.status.setText(text)
        set_tone(self.status, tone)
        self.status.show()

    # -- the list -------------------------------------------------------------------------------------

    def set_attachments(self, attachments: list[DraftAttachment]) -> None:
        """The attachments of a restored draft."""
        self.attachments = list(attachments)
        self.status.hide()
        self._refresh()

    def set_attorney_needed(self, needed: bool) -> None:
        self.attorney_needed = needed
        self._refresh()

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        index = self.list.indexOfTopLevelItem(item)
        attachment = self.attachments.pop(index)
        config_dir = self._session.config_dir
        self._session.tasks.run(lambda: remove_attachment(config_dir, attachment), lambda _: None, log.warning)
        self._show_status(self.tr("پیوست {name} حذف شد.").format(name=isolate(attachment.filename)), "muted")
        self._refresh()
        self.edited.emit()

    def remove_files(self, attachments: list[DraftAttachment]) -> None:
        """Delete the draft's copies (sent, or a draft abandoned) in the background."""
        if attachments:
            config_dir = self._session.config_dir
            self._session.tasks.run(lambda: remove_files(config_dir, attachments), lambda _: None, log.warning)

    def drop_missing_copies(self) -> None:
        """A restored draft's files: any copy gone from this computer is taken off the list, and the operator told."""
        config_dir, attachments = self._session.config_dir, list(self.attachments)

        def missing() -> list[DraftAttachment]:
            return [a for a in attachments if not attachment_exists(config_dir, a)]

        self._session.tasks.run(missing, self._copies_missing, log.warning, owner=self)

    def _copies_missing(self, gone: list[DraftAttachment]) -> None:
        if not gone:
            return
        ids = {a.id for a in gone}
        self.set_attachments([a for a in self.attachments if a.id not in ids])
        self._show_status(
            self.tr("این پیوست‌ها دیگر روی این رایانه نیست و باید دوباره پیوست شود: {names}").format(
                names=join_names(isolate(a.filename) for a in gone)
            ),
            "warning",
        )
        self.edited.emit()

    def required_kinds(self) -> tuple[str, ...]:
        return REQUIRED_KINDS + ((POWER_OF_ATTORNEY,) if self.attorney_needed else ())

    def missing_kinds(self) -> list[str]:
        present = {a.kind for a in self.attachments}
        return [kind for kind in self.required_kinds() if kind not in present]

    def _refresh(self) -> None:
        self.list.clear()
        for attachment in self.attachments:
            item = QTreeWidgetItem(
                [
                    self.kind_name(attachment.kind),
                    attachment.filename,
                    _TYPE_NAMES.get(attachment.media_type, attachment.media_type),
                    size_text(attachment.size),
                ]
            )
            item.setTextAlignment(SIZE, AMOUNT_ALIGNMENT)
            item.setToolTip(NAME, attachment.filename)
            self.list.addTopLevelItem(item)
        self.remove_button.setEnabled(bool(self.attachments))
        self.add_buttons[POWER_OF_ATTORNEY].setVisible(
            self.attorney_needed or any(a.kind == POWER_OF_ATTORNEY for a in self.attachments)
        )
        missing = self.missing_kinds()
        if missing:
            names = join_names(self.kind_name(kind) for kind in missing)
            self.missing.setText(self.tr("هنوز پیوست نشده: {names}").format(names=names))
            set_tone(self.missing, "muted")
        else:
            self.missing.setText(self.tr("همه پیوست‌های لازم آماده است."))
            set_tone(self.missing, "success")
