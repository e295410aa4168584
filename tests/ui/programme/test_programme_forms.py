"""The Forms and Thematic audits tabs driven through real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from qa_desktop.domain.roles import Role
from qa_desktop.ui.screens.programme.forms_tab import TEXT_COLUMN
from qa_desktop.ui.shell.main_window import NAV_PROGRAMME
from tests.ui.conftest import open_window_as


def test_edit_a_form_and_save_a_new_version(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.forms
    window.programme.tabs.setCurrentWidget(tab)
    with qtbot.waitSignal(tab.form_shown):
        tab.form_choice.setCurrentIndex(tab.form_choice.findData("dip-sample"))
    assert tab.table.rowCount() == 2
    assert tab.table.item(0, 0).text() == "A1"
    tab.table.item(0, TEXT_COLUMN).setText("Was the child seen during the assessment?")
    tab.add_question()
    assert tab.table.rowCount() == 3
    editor = tab.table.viewport().findChild(QLineEdit)  # add_question opened the text's editor
    assert editor is not None
    qtbot.keyClicks(editor, "Is the plan current?")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits the edit on its next turn
    qtbot.waitUntil(lambda: tab.table.item(2, TEXT_COLUMN).text() == "Is the plan current?")
    with qtbot.waitSignal(tab.saved) as saved, qtbot.waitSignal(tab.form_shown):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    version = saved.args[0]
    assert version.version == 2 and len(version.new_ids) == 1
    assert "version 2" in tab.version_label.text()
    assert [tab.table.item(r, 0).text() for r in range(3)] == ["A1", "C1", version.new_ids[0]]
    form = application.services.form_editing.load("dip-sample").form
    assert form.question("A1").text == "Was the child seen during the assessment?"


def test_set_up_a_thematic_audit_with_its_form(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.thematic
    window.programme.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.theme, "Neglect")
    qtbot.keyClicks(tab.scope, "Under-fives on plans")
    qtbot.keyClicks(tab.sample, "20 cases, by team")
    # Two auditors, so that a sampled case of one auditor's own team goes to the other.
    tab.auditors.item(0).setCheckState(Qt.CheckState.Checked)
    tab.auditors.item(1).setCheckState(Qt.CheckState.Checked)
    tab.reports_on.setDate(tab.starts_on.date().addMonths(3))
    with qtbot.waitSignal(tab.created), qtbot.waitSignal(tab.detail_shown):
        qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert "Neglect" in tab.summary.text() and tab.table.rowCount() == 1
    learning = next(
        tab.picker.topLevelItem(i)
        for i in range(tab.picker.topLevelItemCount())
        if "(learning-audit)" in tab.picker.topLevelItem(i).text(0)
    )
    learning.child(2).setCheckState(0, Qt.CheckState.Checked)
    picked_id = learning.child(2).data(0, Qt.ItemDataRole.UserRole)
    qtbot.keyClicks(tab.new_questions, "Is neglect recognised early?")
    qtbot.keyClicks(tab.form_key, "thematic-neglect")
    with qtbot.waitSignal(tab.detail_shown):
        qtbot.mouseClick(tab.make_form_button, Qt.MouseButton.LeftButton)
    assert tab.table.texts(0)[4] == "Thematic audit: Neglect"  # its title, not its key
    assert not tab.make_form_button.isEnabled()
    form = application.services.form_editing.load("thematic-neglect").form
    assert form.questions()[0].id == picked_id
    assert form.questions()[1].text == "Is neglect recognised early?"
    # The lead head of service agrees the terms (on their own laptop) before audits start.
    assert not tab.draw_button.isEnabled()
    assert tab.detail is not None
    lead = application.services.directory.actor(str(tab.lead.currentData()))
    application.services.thematic.agree_terms(tab.detail.id, lead)
    with qtbot.waitSignal(tab.detail_shown):
        tab.show_detail(tab.detail.id)
    tab.sample_size.selectAll()
    qtbot.keyClicks(tab.sample_size, "6")
    with qtbot.waitSignal(tab.detail_shown):
        qtbot.mouseClick(tab.draw_button, Qt.MouseButton.LeftButton)
    assert tab.progress.text() == "6 audits planned, 0 completed"
    assert not tab.draw_button.isEnabled()
    qtbot.keyClicks(tab.findings, "Neglect is recognised late for babies")
    with qtbot.waitSignal(tab.detail_shown):
        qtbot.mouseClick(tab.save_findings_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.action_text, "Neglect training for every team")
    with qtbot.waitSignal(tab.detail_shown):
        qtbot.mouseClick(tab.add_action_button, Qt.MouseButton.LeftButton)
    assert tab.action_plan.texts(0)[0] == "Neglect training for every team"
    assert tab.action_plan.texts(0)[1] == tab.lead.currentText().split(" — ")[0]
