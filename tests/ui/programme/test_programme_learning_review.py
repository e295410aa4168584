"""A learning review run through the real widgets: set up by the QA team, written by its
lead, an action moved on from the owner's My work, the report saved as PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from qa_desktop.domain.roles import Role
from qa_desktop.services.my_work import WorkKind
from qa_desktop.store import models as m
from qa_desktop.ui.shell.main_window import NAV_MY_WORK, NAV_PROGRAMME
from tests.reports.pdfread import flowing_text
from tests.store_access import store_of
from tests.ui.conftest import open_window_as


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_a_learning_review_from_the_event_to_its_pdf(application, qtbot, tmp_path: Path) -> None:
    services = application.services
    people = services.directory.people()
    lead = next(p for p in people if p.role is Role.HEAD_OF_SERVICE)
    owner = next(p for p in people if p.role is Role.TEAM_MANAGER)
    with store_of(services).reader() as session:
        case = session.scalar(select(m.Case.reference).order_by(m.Case.reference).limit(1))
    assert case is not None

    # The QA team sets the review up.
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.learning_reviews
    with qtbot.waitSignal(tab.loaded):
        window.programme.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.event_text, "Child missing from home overnight")
    qtbot.keyClicks(tab.case_reference, case)
    tab.lead.setCurrentIndex(tab.lead.findData(lead.id))
    with qtbot.waitSignal(tab.created), qtbot.waitSignal(tab.detail_shown):
        click(qtbot, tab.create_button)
    assert tab.table.rowCount() == 1
    assert tab.table.texts(0)[1:4] == [case, tab.detail.team, lead.name]
    assert tab.table.texts(0)[5] == "In progress"
    window.close()

    # The lead writes the findings and the learning and agrees an action.
    window = open_window_as(application, qtbot, Role.HEAD_OF_SERVICE)
    assert window.actor.id == lead.id
    window.go_to(NAV_MY_WORK)
    work = window.my_work
    table = work.tables[WorkKind.REVIEW]
    assert work.models[WorkKind.REVIEW].rowCount() == 1
    work.tabs.setCurrentWidget(table)
    table.selectRow(0)
    tab = window.programme.learning_reviews
    with qtbot.waitSignal(tab.detail_shown):
        table.activated.emit(table.currentIndex())
    assert window.programme.tabs.currentWidget() is tab
    assert case in tab.summary.text()
    qtbot.keyClicks(tab.finding_edits["Assessment"], "Risk of going missing not assessed")
    qtbot.keyClicks(tab.finding_edits["Review"], "Return interviews not recorded")
    qtbot.keyClicks(tab.learning, "Ask about missing episodes at every visit")
    with qtbot.waitSignal(tab.detail_shown):
        click(qtbot, tab.save_button)
    qtbot.keyClicks(tab.action_text, "Return interview within 72 hours")
    tab.action_owner.setCurrentIndex(tab.action_owner.findData(owner.id))
    with qtbot.waitSignal(tab.detail_shown):
        click(qtbot, tab.add_action_button)
    assert tab.actions_table.texts(0)[0:2] == ["Return interview within 72 hours", owner.name]
    assert tab.actions_table.texts(0)[3] == "Open"
    assert tab.action_text.text() == ""
    with qtbot.waitSignal(tab.detail_shown):
        click(qtbot, tab.complete_button)
    assert "Completed" in tab.summary.text() and not tab.save_button.isEnabled()
    window.close()

    # The owner marks the action done from My work; it leaves the list.
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    assert window.actor.id == owner.id
    window.go_to(NAV_MY_WORK)
    work = window.my_work
    table = work.tables[WorkKind.REVIEW]
    work.tabs.setCurrentWidget(table)
    assert work.programme_done_button.isVisible()
    (item,) = work.models[WorkKind.REVIEW].rows()
    assert (item.kind, item.description) == (
        WorkKind.REVIEW_ACTION,
        "Return interview within 72 hours",
    )
    table.selectRow(0)
    with qtbot.waitSignal(work.loaded):
        click(qtbot, work.programme_done_button)
    assert work.models[WorkKind.REVIEW].rowCount() == 0

    # The report, saved from the review's tab.
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.learning_reviews
    with qtbot.waitSignal(tab.loaded):
        window.programme.tabs.setCurrentWidget(tab)
    assert tab.table.rowCount() == 1  # the owner sees the review they had an action in
    with qtbot.waitSignal(tab.detail_shown):
        tab.table.selectRow(0)
    assert not tab.detail.may_write
    target = tmp_path / "review.pdf"
    tab.export_bar.choose_path = lambda _title, _suggested: target
    with qtbot.waitSignal(tab.export_bar.exported):
        click(qtbot, tab.export_button)
    text = flowing_text(target)
    for words in (
        "Learning review",
        case,
        "Child missing from home overnight",
        "Risk of going missing not assessed",
        "Return interviews not recorded",
        "Ask about missing episodes at every visit",
        "Return interview within 72 hours",
        owner.name,
        lead.name,
        "Done",
    ):
        assert words in text, words
    assert "not been completed" not in text
