"""A grade that needs a rationale, through the real window: the box, the save mark and the
navigation say the same thing as the store at every step."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.ui.workspace.workspace_fixtures import open_workspace


def _stored_grade(application, a) -> str | None:  # type: ignore[no-untyped-def]
    area = application.services.workspace.load(a.audit_id, a.auditor).areas.get("A")
    return area.grade.value if area is not None and area.grade is not None else None


def _go_to_signoff_and_back(ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(ws.reloaded):
        ws.nav.setCurrentRow(ws.nav.count() - 1)
    ws.nav.setCurrentRow(0)


def test_a_held_grade_is_not_called_saved_nor_shown_in_the_navigation(application, qtbot) -> None:
    _window, ws, a = open_workspace(application, qtbot)
    page = ws.areas[0]
    page.grade.setFocus()
    page.grade.setCurrentIndex(page.grade.findData("good"))
    assert _stored_grade(application, a) is None  # held: no rationale yet
    assert ws.save_status.text() != "All changes saved"
    assert "rationale" in ws.save_status.text()
    assert "Good" not in ws.nav.item(0).text()
    assert page.notice.isVisible()


def test_the_held_grade_stays_in_its_box_after_visiting_sign_off(application, qtbot) -> None:
    _window, ws, _a = open_workspace(application, qtbot)
    page = ws.areas[0]
    page.grade.setCurrentIndex(page.grade.findData("good"))
    _go_to_signoff_and_back(ws, qtbot)
    assert page.grade.currentData() == "good"  # not "Not graded"
    assert page.notice.isVisible()
    assert ws.save_status.text() != "All changes saved"


def test_writing_the_rationale_saves_the_grade_and_the_box_keeps_it(application, qtbot) -> None:
    _window, ws, a = open_workspace(application, qtbot)
    page = ws.areas[0]
    page.grade.setCurrentIndex(page.grade.findData("good"))
    _go_to_signoff_and_back(ws, qtbot)
    page.rationale.setFocus()
    qtbot.keyClicks(page.rationale, "Clear analysis of risk.")
    qtbot.keyClick(page.rationale, Qt.Key.Key_Tab)  # leaving the field saves it
    assert _stored_grade(application, a) == "good"
    assert page.grade.currentData() == "good" and page.grade.currentText() == "Good"
    assert ws.nav.item(0).text().endswith("Good")
    assert ws.save_status.text() == "All changes saved"
    assert not page.notice.isVisible()
    # Once saved, undo takes back the grade first, then the rationale.
    ws.undo()
    assert _stored_grade(application, a) is None and page.grade.currentData() == ""


def test_the_notice_points_to_the_rationale_box_where_it_is(application, qtbot) -> None:
    _window, ws, _a = open_workspace(application, qtbot)
    page = ws.areas[0]
    page.grade.setCurrentIndex(page.grade.findData("inadequate"))
    text = page.notice.text()
    assert "Inadequate" in text and "Rationale box" in text and "below" not in text
    assert page.rationale.mapTo(page, QPoint(0, 0)).y() < page.notice.mapTo(page, QPoint(0, 0)).y()
    closing = ws.closing
    ws.nav.setCurrentRow(len(ws.areas))
    closing.grade.setCurrentIndex(closing.grade.findData("outstanding"))
    assert "Rationale box" in closing.notice.text() and "below" not in closing.notice.text()
