"""Export PDF from the read-only audit viewer: on the runner, then open the file or folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from sqlalchemy import select

from qa_desktop.domain.roles import Role
from qa_desktop.store import models as m
from qa_desktop.ui.screens.audit_viewer import AuditViewer
from tests.reports.pdfread import KICKER, flowing_text
from tests.store_access import store_of
from tests.ui.conftest import open_window_as


def _audit_ids(application) -> tuple[str, str]:
    """An audit with a reflective meeting, and one without."""
    with store_of(application.services).reader() as session:
        with_meeting = session.scalar(
            select(m.Meeting.audit_id).where(m.Meeting.held_on.is_not(None)).limit(1)
        )
        without = session.scalar(
            select(m.Audit.id)
            .where(m.Audit.state == "closed", m.Audit.id.not_in(select(m.Meeting.audit_id)))
            .limit(1)
        )
    assert with_meeting and without
    return with_meeting, without


def _viewer(application, qtbot, audit_id: str) -> AuditViewer:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.open_audit(audit_id)
    viewer = window.viewer
    assert viewer is not None and viewer.export_bar is not None
    return viewer


def test_export_pdf_writes_the_record_and_offers_to_open_it(
    application, qtbot, tmp_path: Path
) -> None:
    _, audit_id = _audit_ids(application)
    viewer = _viewer(application, qtbot, audit_id)
    bar = viewer.export_bar
    assert bar is not None and viewer.export_audit is not None
    asked: list[tuple[str, Path]] = []
    opened: list[QUrl] = []

    def choose(title: str, suggested: Path) -> Path:
        asked.append((title, suggested))
        return tmp_path / "record"  # no suffix: the bar adds .pdf

    bar.choose_path = choose
    bar.open_url = opened.append
    assert not bar.open_file.isVisible()

    with qtbot.waitSignal(bar.exported, timeout=10000) as signal:
        qtbot.mouseClick(viewer.export_audit, Qt.MouseButton.LeftButton)
    target = tmp_path / "record.pdf"
    assert signal.args == [target]
    reference = viewer.view.record.row.reference
    assert asked[0][0] == "Export the audit record"
    assert asked[0][1].name == f"{reference} audit record.pdf"
    assert f"Audit {reference}" in flowing_text(target)
    assert not bar.progress.isVisible()
    assert bar.status.text() == "Saved record.pdf"
    assert bar.open_file.isVisible() and bar.open_folder.isVisible()

    qtbot.mouseClick(bar.open_file, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.open_folder, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(target), str(tmp_path)]


def test_the_meeting_notes_button_shows_only_when_there_is_a_meeting(
    application, qtbot, tmp_path: Path
) -> None:
    with_meeting, without = _audit_ids(application)
    viewer = _viewer(application, qtbot, without)
    assert viewer.export_meeting is not None and viewer.export_meeting.isHidden()

    viewer = _viewer(application, qtbot, with_meeting)
    assert viewer.export_meeting is not None and not viewer.export_meeting.isHidden()
    bar = viewer.export_bar
    assert bar is not None
    bar.choose_path = lambda title, suggested: tmp_path / suggested.name
    with qtbot.waitSignal(bar.exported, timeout=10000):
        qtbot.mouseClick(viewer.export_meeting, Qt.MouseButton.LeftButton)
    reference = viewer.view.record.row.reference
    written = tmp_path / f"{reference} meeting notes.pdf"
    assert flowing_text(written).startswith(
        f"{KICKER} Reflective meeting notes After audit {reference}"
    )


def test_cancelling_the_file_dialog_writes_nothing(application, qtbot, tmp_path: Path) -> None:
    _, audit_id = _audit_ids(application)
    viewer = _viewer(application, qtbot, audit_id)
    bar = viewer.export_bar
    assert bar is not None and viewer.export_audit is not None
    out = tmp_path / "out"
    out.mkdir()
    chosen: list[Path] = []
    bar.choose_path = lambda title, suggested: chosen.append(suggested)  # returns None
    qtbot.mouseClick(viewer.export_audit, Qt.MouseButton.LeftButton)
    assert len(chosen) == 1
    assert bar.status.text() == "" and bar.last_path is None
    assert list(out.iterdir()) == []


def test_a_failed_export_reaches_the_error_path_and_resets_the_bar(
    application, qtbot, tmp_path: Path
) -> None:
    _, audit_id = _audit_ids(application)
    viewer = _viewer(application, qtbot, audit_id)
    bar = viewer.export_bar
    assert bar is not None and viewer.export_audit is not None
    bar.choose_path = lambda title, suggested: tmp_path / "no such folder" / "x.pdf"
    qtbot.mouseClick(viewer.export_audit, Qt.MouseButton.LeftButton)
    assert application.errors.last_message is not None
    assert "does not exist" in application.errors.last_message
    assert "Traceback" not in application.errors.last_message
    assert not bar.progress.isVisible()
    assert not bar.open_file.isVisible()
    assert bar.status.text() == "The PDF was not saved."
