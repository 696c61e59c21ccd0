"""The new-inquiry form's parcel: Enter in the parcel field (a scanner's Enter) checks what was typed and finds the
parcel in the background, naming its address and owners, so the notary sees it is the right one. A mixin of
`InquiryFormPage` (desktop/ui/inquiry_form_page.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.formatting import code, isolate
from desktop.forms import ParseError, touch
from desktop.messages import operator_message
from desktop.theme import set_tone
from desktop.ui.inquiry_draft import read_parcel
from desktop.ui.parcel_query import ParcelQuery, SearchResult, find_parcels

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

    from desktop.session import Session


class ParcelLookupMixin:
    if TYPE_CHECKING:  # what the page provides
        session: Session
        parcel: QLineEdit
        parcel_info: QLabel
        type: QComboBox

        def _edited(self, *_args: object) -> None: ...
        def _show_problems(self, *, focus: bool) -> str | None: ...

    _lookup = 0

    def look_up_parcel(self) -> None:
        """Enter in the parcel field (a scanner's): check what was typed, then find the parcel in the background."""
        touch(self.parcel)
        self._edited()
        try:
            key, value = read_parcel(self.parcel.text())
        except ParseError:
            self._show_problems(focus=False)
            return
        self._lookup += 1
        wanted = self._lookup
        self.parcel_info.setText(QCoreApplication.translate("InquiryFormPage", "در حال یافتن ملک…"))
        set_tone(self.parcel_info, "muted")
        client = self.session.client
        self.session.tasks.run(
            lambda: find_parcels(client, ParcelQuery(key, value)),
            lambda result: self._parcel_found(wanted, result),
            lambda exc: self._parcel_failed(wanted, exc),
            owner=self.parcel_info,
        )

    def _parcel_found(self, wanted: int, result: SearchResult) -> None:
        if wanted != self._lookup:
            return
        parcel = result.parcel
        if parcel is not None:
            owners = "، ".join(isolate(owner.name) for owner in parcel.owners) or "—"
            self.parcel_info.setText(
                QCoreApplication.translate("InquiryFormPage", "ملک {code}: {address} — مالک: {owners}").format(
                    code=code(parcel.renovation_code), address=isolate(parcel.address), owners=owners
                )
            )
            set_tone(self.parcel_info, "success")
            self.type.setFocus()
        elif result.matches:
            self.parcel_info.setText(
                QCoreApplication.translate(
                    "InquiryFormPage", "این پلاک {n} ملک دارد؛ کد نوسازی ملک را وارد کنید."
                ).format(n=code(str(result.total)))
            )
            set_tone(self.parcel_info, "warning")
        else:
            self.parcel_info.setText(QCoreApplication.translate("InquiryFormPage", "ملکی با این کد یا پلاک پیدا نشد."))
            set_tone(self.parcel_info, "error")

    def _parcel_failed(self, wanted: int, exc: BaseException) -> None:
        if wanted == self._lookup:
            self.parcel_info.setText(
                QCoreApplication.translate("InquiryFormPage", "ملک بررسی نشد: {reason}").format(
                    reason=operator_message(exc)
                )
            )
            set_tone(self.parcel_info, "warning")
