"""The floors table beside the permit's fee lines: every title whole in English, the longer language, at the width
the building step gives it in the smallest window (desktop/ui/fee_floors_table.py, FloorsTable.fit_to_titles)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from desktop.app import apply_language, create_application
from desktop.ui.fee_floors_table import COLUMNS, USE, FloorsTable

THEME_PADDING = 12  # QHeaderView::section's padding, left and right (resources/theme/pishkhan.qss)


def test_every_number_columns_title_is_whole_at_the_smallest_window(qapp, qtbot):
    create_application("en")
    try:
        table = FloorsTable()
        qtbot.addWidget(table)
        table.fit_to_titles()
        for level in (-1, 0, 1, 2):
            table.add_floor({"level": level, "use": "residential"})
        table.resize(510, 300)  # its share of a 1024×640 window on the building step
        table.show()
        qtbot.waitExposed(table)
        header = table.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column, key in enumerate(COLUMNS):
            if key == USE:
                continue
            title = table.horizontalHeaderItem(column).text()
            assert header.sectionSize(column) >= metrics.horizontalAdvance(title) + THEME_PADDING, title
    finally:
        apply_language(qapp, "fa")
