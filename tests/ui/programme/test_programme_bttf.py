"""A Back to the Floor visit run end to end through the real widgets, to its PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt

from qa_desktop.domain.roles import Role
from qa_desktop.ui.shell.main_window import NAV_PROGRAMME
from tests.reports.pdfread import flowing_text
from tests.ui.conftest import open_window_as


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_run_a_back_to_the_floor_visit_end_to_end_to_its_pdf(
    application, qtbot, tmp_path: Path
) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.bttf
    window.programme.tabs.setCurrentWidget(tab)
    teams = application.services.directory.filter_options().teams
    assert tab.unscheduled.count() == len(teams)
    assert f": {len(teams)}" in tab.unscheduled_label.text()

    # Schedule: team, date, lead, two more inspectors.
    team_name = tab.team.itemText(0)
    tab.visit_date.setDate(QDate(2026, 12, 3))
    tab.lead.setCurrentIndex(1)
    lead = tab.lead.currentText()
    for row in (2, 3):
        tab.members.item(row).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(tab.scheduled), qtbot.waitSignal(tab.panel.shown):
        click(qtbot, tab.schedule_button)
    assert tab.unscheduled.count() == len(teams) - 1
    assert team_name not in [tab.team.itemText(i) for i in range(tab.team.count())]
    assert tab.visits.texts(0)[0] == team_name
    panel = tab.panel

    # The case sample, and a case record for each case.
    panel.sample_size.selectAll()
    qtbot.keyClicks(panel.sample_size, "2")
    with qtbot.waitSignal(panel.shown):
        click(qtbot, panel.draw_button)
    assert panel.cases_table.rowCount() == 2 and not panel.draw_button.isEnabled()
    for row, grade in ((0, "Good"), (1, "Requires Improvement")):
        panel.cases_table.selectRow(row)
        with qtbot.waitSignal(panel.case_dialog_opened) as opened:
            click(qtbot, panel.record_button)
        dialog = opened.args[0]
        qtbot.keyClicks(dialog.texts["BC1"], f"Lived experience {row}")
        dialog.choices["BC2"].setCurrentIndex(dialog.choices["BC2"].findData("yes"))
        qtbot.keyClicks(dialog.texts["BC6"], "Attending school again")
        dialog.grade.setCurrentIndex(dialog.grade.findText(grade))
        with qtbot.waitSignal(dialog.saved), qtbot.waitSignal(panel.shown):
            click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
        assert panel.cases_table.texts(row)[4] == grade
    assert tab.visits.texts(0)[4] == "2 of 2"

    # Team notes.
    panel.setCurrentIndex(1)
    qtbot.keyClicks(panel.note_edits["BT1"], "Reflective supervision")
    qtbot.keyClicks(panel.note_edits["BT5"], "Parents said they felt listened to")
    with qtbot.waitSignal(panel.shown):
        click(qtbot, panel.save_notes_button)

    # Findings by practice area and the team-level judgement.
    panel.setCurrentIndex(2)
    strengths, improvements = panel.finding_edits["Planning"]
    qtbot.keyClicks(strengths, "Plans are SMART")
    qtbot.keyClicks(improvements, "Contingency plans missing")
    panel.judgement.setCurrentIndex(panel.judgement.findText("Good"))
    qtbot.keyClicks(panel.rationale, "Children are seen and plans are clear")
    with qtbot.waitSignal(panel.shown):
        click(qtbot, panel.save_findings_button)
    assert tab.visits.texts(0)[5] == "Good"

    # The action plan.
    panel.setCurrentIndex(3)
    qtbot.keyClicks(panel.action_text, "Add contingency plans to every plan")
    with qtbot.waitSignal(panel.shown):
        click(qtbot, panel.add_action_button)
    assert panel.actions_table.texts(0)[0] == "Add contingency plans to every plan"
    assert panel.action_text.text() == ""

    # The report.
    panel.setCurrentIndex(4)
    target = tmp_path / "bttf.pdf"
    panel.choose_pdf_path = lambda suggested: str(target)
    with qtbot.waitSignal(panel.exported):
        click(qtbot, panel.export_button)
    assert str(target) in panel.export_result.text()
    text = flowing_text(target)
    for words in (
        "Back to the Floor report",
        team_name,
        lead,
        "Plans are SMART",
        "Contingency plans missing",
        "Children are seen and plans are clear",
        "Lived experience 0",
        "Requires Improvement",
        "Reflective supervision",
        "Parents said they felt listened to",
        "Add contingency plans to every plan",
    ):
        assert words in text, words
    assert "DRAFT" not in text
