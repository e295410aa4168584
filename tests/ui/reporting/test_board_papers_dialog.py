"""Reports > Board papers: the dialog makes each paper from the test county (read back from
the PDF and the CSV), says where it saved it, offers to open it, and says plainly why
nothing was saved; only the people who may run reports have the menu."""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QUrl

from qa_desktop.app import Application
from qa_desktop.services.container import build_services
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.ui.screens.reporting.board_papers import BoardPapersDialog
from qa_desktop.ui.screens.reporting.paper_choice import Paper
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.main_window import MainWindow
from tests.services.reporting.reporting_world import World


def text_of(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


@pytest.fixture
def county(store, clock) -> World:  # type: ignore[no-untyped-def]
    """The board papers' test month (November 2026) beside October, and a West manager."""
    world = World(store, clock)
    world.audit(date(2026, 10, 5), {"A1": "yes"}, sections={"A": "good"})
    world.audit(date(2026, 11, 3), {"A1": "yes"}, sections={"A": "good"}, grade="outstanding")
    world.audit(date(2026, 11, 4), {"A1": "no"}, team="east", grade="requires_improvement")
    bad = world.audit(date(2026, 11, 5), {"A1": "no"}, grade="inadequate")
    world.meeting(bad, date(2026, 11, 12), None, None)
    world.action(bad, date(2026, 11, 10))
    with store.session() as session:
        world.people["wes"] = (
            Recorder(session, None, clock())
            .insert(
                m.Person,
                name="Wes Manager",
                role="team_manager",
                team_id=world.teams["west"],
            )
            .id
        )
    return world


@pytest.fixture
def app(store, clock, county, isolated_home: Path) -> Iterator[Application]:  # type: ignore[no-untyped-def]
    application = Application(
        build_services(store, clock), AppSettings(isolated_home / "settings.ini"), immediate=True
    )
    application.errors.show_box = lambda message: None  # type: ignore[method-assign]
    yield application
    if application.window is not None:
        application.window.close()
    application.runner.wait()


def window_of(app: Application, qtbot, county: World, who: str) -> MainWindow:  # type: ignore[no-untyped-def]
    window = app.show_window(app.services.directory.actor(county.people[who]))
    qtbot.addWidget(window)
    return window


def board_papers_action(window: MainWindow):  # type: ignore[no-untyped-def]
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            if action.text() == "&Board papers…":
                return action
    return None


def open_dialog(window: MainWindow, qtbot) -> BoardPapersDialog:  # type: ignore[no-untyped-def]
    action = board_papers_action(window)
    assert action is not None
    action.trigger()
    dialog = window.papers_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def choose(dialog: BoardPapersDialog, paper: Paper, file: Path) -> None:
    dialog.paper.setCurrentIndex(dialog.paper.findData(paper))
    dialog.file.setText(str(file))


def test_the_dialog_makes_each_paper_and_offers_to_open_it(
    app: Application, qtbot, county: World, tmp_path: Path
) -> None:
    window = window_of(app, qtbot, county, "wes")
    dialog = open_dialog(window, qtbot)
    # the last whole month (today is 20 November 2026), the manager's own team first
    assert dialog.month.currentData() == "2026-10"
    assert [dialog.team.itemText(i) for i in range(2)] == ["West Early Help", "East Early Help"]
    assert dialog.file.text().endswith("board-pack-2026-10.pdf")
    dialog.month.setCurrentIndex(dialog.month.findData("2026-11"))
    assert dialog.file.text().endswith("board-pack-2026-11.pdf")  # the name follows the month
    assert not dialog.team.isVisible() and dialog.month.isVisible()

    choose(dialog, Paper.BOARD_PACK, tmp_path / "pack")
    with qtbot.waitSignal(dialog.made):
        dialog.make_button.click()
    assert dialog.written == (tmp_path / "pack.pdf",)
    pack = text_of(tmp_path / "pack.pdf")
    assert "Performance board pack: November 2026" in pack
    assert "Audits completed 3 1 +2" in pack
    assert "Not held and overdue 1 0 +1" in pack
    assert dialog.status.text() == f"Saved pack.pdf in {tmp_path}."
    assert dialog.open_file.isVisible() and dialog.open_folder.isVisible()
    opened: list[QUrl] = []
    dialog.open_url = opened.append  # type: ignore[method-assign, assignment]
    dialog.open_file.click()
    dialog.open_folder.click()
    assert opened == [
        QUrl.fromLocalFile(str(tmp_path / "pack.pdf")),
        QUrl.fromLocalFile(str(tmp_path)),
    ]

    choose(dialog, Paper.SCORECARD, tmp_path / "card.pdf")
    with qtbot.waitSignal(dialog.made):
        dialog.make_button.click()
    assert len(PdfReader(tmp_path / "card.pdf").pages) == 1
    card = text_of(tmp_path / "card.pdf")
    assert "Monthly scorecard: November 2026" in card
    assert "Actions overdue 1 0 +1 0 Not met" in card

    choose(dialog, Paper.REQUIRED_ACTIONS, tmp_path / "weekly.pdf")
    assert dialog.team.isVisible() and not dialog.month.isVisible()
    assert dialog.team.currentText() == "West Early Help"
    dialog.week_of.setDate(QDate(2026, 11, 20))
    dialog.as_csv.setChecked(True)
    with qtbot.waitSignal(dialog.made):
        dialog.make_button.click()
    assert dialog.written == (tmp_path / "weekly.pdf", tmp_path / "weekly.csv")
    weekly = text_of(tmp_path / "weekly.pdf")
    assert "Required actions: West Early Help" in weekly
    assert "Hold the reflective meeting Bob Auditor 12 Nov 2026 Overdue" in weekly
    rows = list(csv.DictReader((tmp_path / "weekly.csv").open(encoding="utf-8-sig")))
    assert [(r["kind"], r["due_on"], r["overdue"]) for r in rows] == [
        ("meeting", "2026-11-12", "yes"),
        ("action", "2026-11-10", "yes"),
    ]

    dialog.as_pdf.setChecked(False)  # the CSV alone
    dialog.file.setText(str(tmp_path / "only.csv"))
    with qtbot.waitSignal(dialog.made):
        dialog.make_button.click()
    assert dialog.written == (tmp_path / "only.csv",)
    assert not (tmp_path / "only.pdf").exists()
    assert app.errors.last_message is None


def test_a_failure_is_said_in_the_dialog_with_the_details_only_in_the_log(
    app: Application,
    qtbot,
    county: World,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = window_of(app, qtbot, county, "ann")
    dialog = open_dialog(window, qtbot)
    # no data: a month with nothing completed or due
    dialog.month.setCurrentIndex(dialog.month.findData("2026-08"))
    choose(dialog, Paper.BOARD_PACK, tmp_path / "august.pdf")
    with qtbot.waitSignal(dialog.failed):
        dialog.make_button.click()
    assert dialog.status.text().startswith(
        "Nothing was saved. No audits were completed or due in August 2026"
    )
    assert not (tmp_path / "august.pdf").exists() and not dialog.open_file.isVisible()
    # not writable: the folder is a file
    (tmp_path / "a-file").write_text("not a folder")
    dialog.month.setCurrentIndex(dialog.month.findData("2026-11"))
    dialog.file.setText(str(tmp_path / "a-file" / "pack.pdf"))
    with qtbot.waitSignal(dialog.failed):
        dialog.make_button.click()
    assert "could not be written" in dialog.status.text()
    assert "Choose another folder or file name" in dialog.status.text()
    # no file at all
    dialog.file.setText("")
    with qtbot.waitSignal(dialog.failed):
        dialog.make_button.click()
    assert dialog.status.text() == "Nothing was saved. Choose a file to save the paper to."
    # the unexpected: a plain message; the details go to the log, never to the screen
    papers = app.services.board_papers

    def broken(*_args: object) -> Path:
        raise RuntimeError("renderer exploded at cell 7")

    monkeypatch.setattr(papers, "board_pack", broken)
    dialog.file.setText(str(tmp_path / "pack.pdf"))
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(dialog.failed):
        dialog.make_button.click()
    shown = dialog.status.text()
    assert "Something went wrong that QA Desktop did not expect" in shown
    assert "renderer exploded" not in shown and "Traceback" not in shown
    assert any("renderer exploded" in str(r.exc_info) for r in caplog.records)
    assert dialog.make_button.isEnabled()
    assert app.errors.last_message is None  # said in the dialog, not in a box over it


def test_only_those_who_may_run_reports_have_the_menu(
    app: Application, qtbot, county: World
) -> None:
    assert board_papers_action(window_of(app, qtbot, county, "pat")) is None  # a practitioner
    assert board_papers_action(window_of(app, qtbot, county, "bob")) is not None  # QA officer
