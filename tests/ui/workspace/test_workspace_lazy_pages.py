"""Opening an audit builds only its first area; the others are built when first shown, asked
for or in idle time, and each shows the audit as it stands when it is built (issue 20)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QRadioButton
from sqlalchemy import select

from qa_desktop.domain.checklist import Gap
from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.store import models as m
from qa_desktop.ui.screens.workspace import window as window_module
from qa_desktop.ui.screens.workspace.area_page import AreaPage
from qa_desktop.ui.screens.workspace.signoff_page import MISSING_ROLE
from tests.services.audit.workspace_helpers import an_assignment
from tests.store_access import store_of
from tests.ui.workspace.test_workspace_conflicts import _conflict
from tests.ui.workspace.workspace_fixtures import open_workspace

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def no_idle_building(monkeypatch):
    """The idle building put off, so that each test meets pages not built yet."""
    monkeypatch.setattr(window_module, "BUILD_AFTER_MS", 600_000)


def _built(workspace) -> list[str]:
    return [page.section.id for page in workspace.built_areas()]


def _stored_before_opening(application, answers: dict[int, str]):
    """The first question of each given area answered in the store, before the audit opens."""
    a = an_assignment(store_of(application.services))
    service = application.services.workspace
    form = service.load(a.audit_id, a.auditor).form
    for index, value in answers.items():
        ref = FieldRef.answer(form.sections[index].questions[0].id)
        service.save(a.audit_id, a.auditor, ref, value)
    return a


def test_opens_with_the_first_area_built_and_the_rest_come_in_idle_time(application, qtbot) -> None:
    _window, workspace, _a = open_workspace(application, qtbot)
    sections = workspace.ws.form.sections
    # The navigation lists every area (with its progress) from the start.
    assert workspace.nav.count() == len(sections) + 2
    for index, section in enumerate(sections):
        assert workspace.nav.item(index).text().startswith(section.title + "\n0/")
    qtbot.waitUntil(lambda: len(workspace.built_areas()) == len(sections), timeout=5000)
    assert _built(workspace) == [s.id for s in sections]
    # Every field of the audit is known before its page is built, and only those.
    assert set(workspace.bindings) == set(workspace._bound)


def test_ctrl_pgdown_at_once_shows_the_next_area_with_its_stored_answer(
    application, qtbot, no_idle_building
) -> None:
    a = _stored_before_opening(application, {1: "partly"})
    _window, workspace, _a = open_workspace(application, qtbot, a)
    assert _built(workspace) == [workspace.ws.form.sections[0].id]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    page = workspace.pages.currentWidget()
    assert isinstance(page, AreaPage) and page.section is workspace.ws.form.sections[1]
    assert page.rows[0].choice is not None
    assert page.rows[0].choice.buttons["partly"].isChecked()
    assert QApplication.focusWidget() in page.rows[0].choice.widgets()  # ready to answer


def test_clicking_the_third_area_builds_it_with_the_stored_values(
    application, qtbot, no_idle_building
) -> None:
    a = _stored_before_opening(application, {2: "no"})
    _window, workspace, _a = open_workspace(application, qtbot, a)
    nav = workspace.nav
    qtbot.mouseClick(
        nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(2)).center()
    )
    page = workspace.pages.currentWidget()
    assert isinstance(page, AreaPage) and page.section is workspace.ws.form.sections[2]
    assert page.position.text() == f"area 3 of {len(workspace.ws.form.sections)}"
    assert page.rows[0].choice is not None and page.rows[0].choice.buttons["no"].isChecked()
    assert page.progress.text().startswith("1 of ")
    assert _built(workspace) == [s.id for s in workspace.ws.form.sections[:3:2]]


def test_a_gap_of_the_last_area_jumps_to_its_question(application, qtbot, no_idle_building) -> None:
    _window, workspace, _a = open_workspace(application, qtbot)
    last = workspace.ws.form.sections[-1]
    workspace.reveal_page(workspace.nav.count() - 1)  # Sign-off, which lists the gaps
    qtbot.waitUntil(lambda: workspace.signoff.missing.count() > 0, timeout=5000)
    assert last.id not in _built(workspace)
    missing = workspace.signoff.missing
    item = next(
        missing.item(i)
        for i in range(missing.count())
        if (gap := missing.item(i).data(MISSING_ROLE)) is not None
        and gap.gap is Gap.UNANSWERED
        and gap.question_id == last.questions[0].id
    )
    missing.itemActivated.emit(item)
    page = workspace.pages.currentWidget()
    assert isinstance(page, AreaPage) and page.section is last
    focused = QApplication.focusWidget()
    assert isinstance(focused, QRadioButton) and page.rows[0].isAncestorOf(focused)


def test_undo_on_another_area_goes_back_to_it(application, qtbot, no_idle_building) -> None:
    _window, workspace, a = open_workspace(application, qtbot)
    service = application.services.workspace
    workspace.step_page(1)
    row = workspace.areas[1].rows[0]
    assert row.choice is not None
    row.choice.choose("no")
    qtbot.waitUntil(lambda: service.load(a.audit_id, a.auditor).value(row.choice.ref) == "no")
    workspace.step_page(-1)
    assert workspace.pages.currentWidget() is workspace.areas[0]
    workspace.undo_action.trigger()
    assert workspace.pages.currentWidget() is workspace.areas[1]
    assert row.choice.value() is None
    qtbot.waitUntil(lambda: service.load(a.audit_id, a.auditor).value(row.choice.ref) is None)
    workspace.redo_action.trigger()
    assert row.choice.buttons["no"].isChecked()


def test_a_reload_for_an_area_not_built_shows_when_it_is_built(
    application, qtbot, no_idle_building
) -> None:
    """A sync (or another laptop, through a live update) changes a field of an area nobody
    has opened here yet: the page built later shows the new value, and no stale mark."""
    _window, workspace, a = open_workspace(application, qtbot)
    last = workspace.ws.form.sections[-1]
    evidence = FieldRef.answer(last.questions[0].id, "evidence")
    application.services.workspace.save(a.audit_id, a.auditor, evidence, "Seen at home")
    workspace.reload()  # as after a sync
    qtbot.waitUntil(lambda: workspace.buffer.saved(evidence) == "Seen at home", timeout=5000)
    assert last.id not in _built(workspace)
    workspace.reveal_page(len(workspace.ws.form.sections) - 1)
    page = workspace.pages.currentWidget()
    assert isinstance(page, AreaPage) and page.section is last
    assert page.rows[0].evidence.text() == "Seen at home"
    assert evidence not in workspace.changed_badges  # it came while the area was not shown


def test_every_fields_menu_offers_its_history(application, qtbot, no_idle_building) -> None:
    """One slot serves the menus of all fields: each still names its own field's history."""
    _window, workspace, _a = open_workspace(application, qtbot)
    row = workspace.areas[2].rows[0]
    assert row.choice is not None
    for widget in (row.evidence, row.choice.buttons["yes"]):
        seen: list[list[str]] = []

        def read_menu(seen=seen) -> None:
            menu = QApplication.activePopupWidget()
            assert isinstance(menu, QMenu)
            seen.append([action.text() for action in menu.actions()])
            menu.close()

        QTimer.singleShot(100, read_menu)
        at = QPoint(4, 4)
        QApplication.sendEvent(
            widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, widget.mapToGlobal(at))
        )
        assert seen and "History of this field…" in seen[0]


def test_an_area_built_in_the_presentation_layout_is_laid_out_for_it(
    application, qtbot, no_idle_building
) -> None:
    _window, workspace, _a = open_workspace(application, qtbot)
    workspace.presentation_action.trigger()  # F5: half and half, for a shared screen
    workspace.step_page(1)
    page = workspace.areas[1]
    qtbot.waitUntil(lambda: page.halves.width() > 400)
    left, right = page.halves.sizes()
    assert abs(left - right) <= 10, (left, right)
    workspace.presentation_action.trigger()
    workspace.step_page(1)
    left, right = workspace.areas[2].halves.sizes()
    assert left > right * 1.3, (left, right)  # three fifths to two


def test_a_conflict_in_an_area_not_built_is_marked_when_it_is_built(
    application, qtbot, no_idle_building
) -> None:
    a = _stored_before_opening(application, {3: "yes"})
    _window, workspace, _a = open_workspace(application, qtbot, a)
    question = workspace.ws.form.sections[3].questions[0]
    store = store_of(application.services)
    with store.reader() as session:
        answer_id = session.scalar(
            select(m.Answer.id).where(
                m.Answer.audit_id == a.audit_id, m.Answer.question_id == question.id
            )
        )
    _conflict(store, "answers", answer_id, "value", "yes", "no", a.practitioner.id)
    with qtbot.waitSignal(workspace.reloaded, timeout=3000):
        workspace.reload()  # as after the sync that brought the conflict
    ref = FieldRef.answer(question.id)
    assert ref in workspace.ws.conflicts and ref not in workspace.conflict_badges
    workspace.reveal_page(3)
    badge = workspace.conflict_badges[ref]
    assert badge.isVisibleTo(workspace) and "“No”" in badge.toolTip()
    assert workspace.areas[3].rows[0].choice.buttons["no"].toolTip() == badge.toolTip()
