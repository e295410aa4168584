"""The Moderation screen on a laptop at 200% (683x384 for the window): the auditor's record
stands above the moderator's decision, each readable, and the tab scrolls down to it; the
queue keeps a few rows in sight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from qa_desktop.domain.grades import Grade
from qa_desktop.ui.shell.main_window import NAV_MODERATION
from qa_desktop.ui.widgets.side_by_side import SideBySide
from tests.followup_helpers import cast, in_moderation
from tests.store_access import store_of


def test_the_record_stands_above_the_decision_at_200_percent(application, qtbot) -> None:
    services = application.services
    audit_id = in_moderation(store_of(services), services.clock, Grade.GOOD)
    window = application.show_window(cast(services, audit_id).moderator)
    qtbot.addWidget(window)
    window.show()
    window.resize(683, 384)
    window.go_to(NAV_MODERATION)
    screen = window.moderation
    rows = screen.queue_model.rows()
    screen.queue.selectRow(next(i for i, r in enumerate(rows) if r.audit_id == audit_id))
    qtbot.mouseClick(screen.moderate_button, Qt.MouseButton.LeftButton)
    for _ in range(3):
        QApplication.processEvents()
    form = screen.form
    pair = form.findChild(SideBySide)
    assert pair is not None and pair.orientation() is Qt.Orientation.Vertical
    # The record takes the tab's whole width, lines of sixty characters and more, with the
    # decision below it, not a sliver of it beside the grades.
    assert form.browser.width() >= 60 * form.browser.fontMetrics().averageCharWidth()
    assert form.browser.width() >= 0.9 * form.width()
    assert (
        form.browser.geometry().bottom()
        < form.decisions.mapTo(form, form.decisions.rect().topLeft()).y()
    )
    # Below it, every area's grade in sight at once: the page scrolls, not the decision box.
    box = form.decisions.parentWidget().parentWidget()
    assert isinstance(box, QScrollArea)
    assert box.viewport().height() >= form.decisions.sizeHint().height()
    area = screen.queue_tab.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    assert screen.queue_tab.width() <= area.viewport().width()  # never sideways
    assert screen.queue_tab.height() > area.viewport().height()  # it scrolls down instead
    area.ensureWidgetVisible(form.record)
    QApplication.processEvents()
    assert not form.record.visibleRegion().isEmpty()
    # The queue shows more than its one first row.
    assert screen.queue.height() >= 3 * screen.queue.verticalHeader().defaultSectionSize()
