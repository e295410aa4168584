"""Saving as you go, undo and redo across the audit, field history, presentation layout, who
gets the workspace, and starting an audit from the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from qa_desktop.domain.roles import Role
from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.changes import Change
from qa_desktop.store import models as m
from qa_desktop.ui.settings import PRESENTATION_MODE
from tests.services.audit.workspace_helpers import an_assignment
from tests.store_access import store_of
from tests.ui.conftest import open_window_as
from tests.ui.workspace.workspace_fixtures import open_workspace

CTRL = Qt.KeyboardModifier.ControlModifier


def _answer(store, audit_id: str, question_id: str) -> m.Answer | None:
    with store.reader() as session:
        return session.scalars(
            select(m.Answer).where(
                m.Answer.audit_id == audit_id, m.Answer.question_id == question_id
            )
        ).one_or_none()


def _history(store, row_id: str, field: str) -> list[tuple[str | None, str | None]]:
    with store.reader() as session:
        return [
            (h.old_value, h.new_value)
            for h in session.scalars(
                select(m.History)
                .where(m.History.row_id == row_id, m.History.field == field)
                .order_by(m.History.id)
            )
        ]


def test_typing_saves_after_a_pause_and_at_once_on_leaving_the_field(application, qtbot) -> None:
    _window, ws, a = open_workspace(application, qtbot)
    store = store_of(application.services)
    evidence = ws.areas[0].rows[0].evidence
    evidence.setFocus()
    qtbot.keyClicks(evidence, "Home visit")
    assert ws.buffer.pending and _answer(store, a.audit_id, "A1") is None  # not yet: still typing
    with qtbot.waitSignal(ws.saved, timeout=3000):
        pass  # the pause
    assert _answer(store, a.audit_id, "A1").evidence == "Home visit"
    qtbot.keyClicks(evidence, " on 2 Nov")
    qtbot.keyClick(evidence, Qt.Key.Key_Tab)  # leaving the field saves it now
    assert not ws.buffer.pending
    assert _answer(store, a.audit_id, "A1").evidence == "Home visit on 2 Nov"


def test_closing_the_window_saves_what_is_being_typed(application, qtbot) -> None:
    window, ws, a = open_workspace(application, qtbot)
    box = ws.areas[0].text_fields["worried"]
    box.setFocus()
    qtbot.keyClicks(box, "Drift in planning")
    ws.close()
    assert a.audit_id not in window.opener.workspaces
    reopened = application.services.workspace.load(a.audit_id, a.auditor)
    assert reopened.areas["A"].worried == "Drift in planning"


def test_undo_and_redo_across_the_audit_write_history(application, qtbot) -> None:
    _window, ws, a = open_workspace(application, qtbot)
    store = store_of(application.services)
    row = ws.areas[0].rows[0]
    row.focus_answer()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)  # No
    ws.areas[0].text_fields["working_well"].setFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "Thorough")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert ws.undo_stack.count() == 2
    # Undo in a text field undoes the audit's last change (not only letters).
    ws.areas[0].rationale.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert ws.areas[0].text_fields["working_well"].toPlainText() == ""
    assert QApplication.focusWidget() is ws.areas[0].text_fields["working_well"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert row.choice.value() is None
    answer = _answer(store, a.audit_id, "A1")
    assert answer.value is None
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, CTRL)
    assert row.choice.value() == "no" and _answer(store, a.audit_id, "A1").value == "no"
    # Every step is in the field's history, undo and redo included.
    assert _history(store, answer.id, "value") == [('"no"', None), (None, '"no"')]
    reviews = application.services.workspace.load(a.audit_id, a.auditor).areas
    assert reviews["A"].working_well == ""


def test_field_history_opens_from_the_field(application, qtbot) -> None:
    _window, ws, a = open_workspace(application, qtbot)
    reflection = ws.areas[0].reflection
    reflection.setFocus()
    qtbot.keyClicks(reflection, "First thoughts")
    qtbot.keyClick(reflection, Qt.Key.Key_Tab)
    reflection.setFocus()
    qtbot.keyClicks(reflection, ", revised")
    qtbot.keyClick(reflection, Qt.Key.Key_H, CTRL)
    dialog = ws.history_dialog
    assert dialog.isVisible()
    table = dialog.table
    cells = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    name = a.auditor.person.name
    assert [c[1:] for c in cells] == [
        [name, "—", "First thoughts"],
        [name, "First thoughts", "First thoughts, revised"],
    ]
    assert not table.tabKeyNavigation()
    assert "reflection" in dialog.windowTitle()


def test_reflection_is_shown_as_the_practitioners(application, qtbot) -> None:
    _window, ws, a = open_workspace(application, qtbot)
    label = ws.areas[2].reflection_label.text().replace("&", "")
    assert label == f"Practitioner's reflection — {a.practitioner.person.name}"
    assert ws.areas[2].reflection.accessibleName().endswith(a.practitioner.person.name)


def test_presentation_layout_is_remembered(application, qtbot) -> None:
    window, ws, a = open_workspace(application, qtbot)
    assert not ws.presentation_action.isChecked() and ws.nav.isVisible()
    normal = ws.areas[0].rows[0].text.font().pointSizeF()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F5)
    assert ws.presentation_action.isChecked() and not ws.nav.isVisible()
    assert ws.areas[0].rows[0].text.font().pointSizeF() > normal
    left, right = ws.areas[0].halves.sizes()
    assert right > 0 and abs(left - right) <= 2  # both halves, side by side
    assert application.settings.get(PRESENTATION_MODE) is True
    ws.close()
    window.open_audit(a.audit_id)
    again = window.opener.workspaces[a.audit_id]
    qtbot.addWidget(again)
    assert again.presentation_action.isChecked() and not again.statusBar().isVisible()


def test_practitioner_gets_the_workspace_for_reflections_only(application, qtbot) -> None:
    a = an_assignment(store_of(application.services))
    application.services.workspace.start_assignment(a.audit_id, a.auditor)
    window = application.show_window(a.practitioner)
    qtbot.addWidget(window)
    window.open_audit(a.audit_id)
    ws = window.opener.workspaces[a.audit_id]
    qtbot.addWidget(ws)
    assert not ws.areas[0].rows[0].choice.buttons["yes"].isEnabled()
    assert ws.areas[0].rationale.isReadOnly()
    assert not ws.areas[0].reflection.isReadOnly()
    ws.areas[0].reflection.setFocus()
    qtbot.keyClicks(ws.areas[0].reflection, "In my words")
    ws.flush()
    loaded = application.services.workspace.load(a.audit_id, a.practitioner)
    assert loaded.areas["A"].practitioner_reflection == "In my words"
    assert loaded.areas["A"].reflection_author == a.practitioner.person.name


def test_others_keep_the_read_only_viewer(application, qtbot) -> None:
    a = an_assignment(store_of(application.services))
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.open_audit(a.audit_id)
    assert window.opener.workspaces == {} and window.viewer is not None


def test_new_audit_from_the_menu(application, qtbot) -> None:
    a = an_assignment(store_of(application.services))
    window = application.show_window(a.auditor)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    dialog = window.opener.new_audit_dialog
    assert dialog is not None and dialog.assignments.count() >= 1
    case = application.services.workspace.search_cases("")[0]
    qtbot.keyClicks(dialog.search, case.reference)
    assert dialog.results.count() == 1
    dialog.create_button.click()
    opened = [w for w in window.opener.workspaces.values() if w.ws.case_reference == case.reference]
    assert len(opened) == 1
    qtbot.addWidget(opened[0])
    assert opened[0].ws.state.value == "in_progress"


def test_start_an_assignment_from_the_menu(application, qtbot) -> None:
    a = an_assignment(store_of(application.services))
    window = application.show_window(a.auditor)
    qtbot.addWidget(window)
    window.opener.new_audit()
    dialog = window.opener.new_audit_dialog
    row = next(
        i
        for i in range(dialog.assignments.count())
        if dialog.assignments.item(i).data(Qt.ItemDataRole.UserRole + 1) == a.audit_id
    )
    dialog.assignments.setCurrentRow(row)
    dialog.start_button.click()
    ws = window.opener.workspaces[a.audit_id]
    qtbot.addWidget(ws)
    assert ws.ws.state.value == "in_progress"
    assert ws.ws.value(FieldRef.answer("A1")) is None


def test_only_auditors_get_the_new_audit_menu(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.PRACTITIONER)
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&Audit" not in menus
    a = an_assignment(store_of(application.services))
    auditor = application.show_window(a.auditor)
    qtbot.addWidget(auditor)
    assert "&Audit" in [x.text() for x in auditor.menuBar().actions()]
    assert auditor.new_audit_action.shortcut().toString() == "Ctrl+N"


def test_lists_reload_on_a_change_of_state_not_on_every_field(application, qtbot) -> None:
    _window, ws, _a = open_workspace(application, qtbot)
    with qtbot.waitSignal(application.runner.changed) as announced:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)  # starts the assignment
    assert announced.args == [Change.AUDITS]
    evidence = ws.areas[0].rows[0].evidence
    evidence.setFocus()
    with qtbot.assertNotEmitted(application.runner.changed):
        qtbot.keyClicks(evidence, "Seen")
        ws.flush()


def test_actions_are_added_and_removed_with_undo(application, qtbot) -> None:
    _window, ws, a = open_workspace(application, qtbot)
    store = store_of(application.services)
    ws.nav.setCurrentRow(len(ws.areas))
    closing = ws.closing
    closing.description.setFocus()
    qtbot.keyClicks(closing.description, "Book a supervision session")
    qtbot.keyClick(closing.description, Qt.Key.Key_Return)
    assert closing.table.rowCount() == 1 and closing.description.text() == ""
    closing.table.setFocus()
    closing.table.selectRow(0)
    closing.remove_button.click()
    assert closing.table.rowCount() == 0
    qtbot.keyClick(closing.table, Qt.Key.Key_Z, CTRL)  # the removal is undone
    assert closing.table.rowCount() == 1
    qtbot.keyClick(closing.table, Qt.Key.Key_Z, CTRL)  # and then the adding
    assert closing.table.rowCount() == 0
    with store.reader() as session:
        rows = session.scalars(select(m.Action).where(m.Action.audit_id == a.audit_id)).all()
        assert len(rows) == 1 and rows[0].deleted_at is not None
    qtbot.keyClick(closing.table, Qt.Key.Key_Y, CTRL)
    assert closing.table.item(0, 0).text() == "Book a supervision session"
    assert [
        x.description for x in application.services.workspace.load(a.audit_id, a.auditor).actions
    ] == ["Book a supervision session"]
