"""The workspace's stack of pages does not ask its hidden pages for their height whenever the shown page lays
itself out again (desktop/pages.py, Page.hasHeightForWidth)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from desktop.pages import Page


class _CountingPage(Page):
    """A page of word-wrapped labels that counts how often it is asked for its height at a width."""

    def __init__(self, words: str) -> None:
        super().__init__(None)  # type: ignore[arg-type]  # no session: only its layout is used here
        self.asked = 0
        layout = QVBoxLayout(self)
        self.labels = []
        for _ in range(8):
            label = QLabel(words)
            label.setWordWrap(True)
            layout.addWidget(label)
            self.labels.append(label)

    def heightForWidth(self, width: int) -> int:
        self.asked += 1
        return super().heightForWidth(width)


def test_a_hidden_page_is_not_asked_for_its_height_while_the_shown_page_changes(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    stack = QStackedWidget()
    QVBoxLayout(window).addWidget(stack)
    shown = _CountingPage("مبلغ این بند از ضرب مساحت در قیمت منطقه‌ای به دست می‌آید. " * 3)
    hidden = _CountingPage("پرونده‌ای که دیروز باز شد و هنوز در این پیشخوان مانده است. " * 3)
    stack.addWidget(shown)
    stack.addWidget(hidden)
    window.resize(700, 600)
    window.show()
    qtbot.waitExposed(window)
    hidden.asked = 0
    for value in range(30):  # as the fee page's labels change while the operator types
        shown.labels[0].setText(f"{value} " + "مبلغ کل به ریال، با همه بندهای این پرونده. " * (1 + value % 3))
        window.layout().activate()
        qtbot.wait(1)
    assert stack.currentWidget() is shown
    assert hidden.asked == 0
    # inside the page, a wrapped label still gets the height its width needs
    assert shown.labels[0].height() >= shown.labels[0].heightForWidth(shown.labels[0].width())
