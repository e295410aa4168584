"""Recording an observation of practice through the real dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from qa_desktop.domain.roles import Role
from qa_desktop.ui.shell.main_window import NAV_PROGRAMME
from tests.ui.conftest import open_window_as


def test_record_an_observation(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.observations
    window.programme.tabs.setCurrentWidget(tab)
    with qtbot.waitSignal(tab.dialog_opened) as opened:
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    practitioner = dialog.practitioner.currentText().split(" — ")[0]
    dialog.setting.setCurrentIndex(dialog.setting.findData("meeting"))
    qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)
    dialog.choices["OB1"].setCurrentIndex(dialog.choices["OB1"].findData("yes"))
    dialog.scales["OB6"].setValue(8)
    qtbot.keyClicks(dialog.texts["OB7"], "Calm, clear explanation of the plan")
    dialog.grade.setCurrentIndex(dialog.grade.findText("Good"))
    with qtbot.waitSignal(dialog.saved), qtbot.waitSignal(tab.loaded):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    row = tab.table.texts(0)
    assert row[1] == window.actor.person.name and row[2] == practitioner
    assert row[4] == "Meeting" and row[5] == "Good"


def test_practitioners_cannot_record_observations(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.PRACTITIONER)
    assert not window.programme.observations.record_button.isEnabled()
