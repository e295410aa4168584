"""Grade descriptors in the workspace: on the learning audit's version 2, the area grade shows
what the chosen grade looks like in that area, and the F1 guidance of every question in the
area says what each grade looks like there; version 1 (no descriptors) shows none."""

from __future__ import annotations

from sqlalchemy import select

from qa_desktop.domain.grades import Grade
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from tests.services.audit.workspace_helpers import an_assignment
from tests.store_access import store_of
from tests.ui.workspace.workspace_fixtures import open_workspace


def _move_to_version_2(store, clock) -> None:
    """The planned audit the workspace opens is planned on the newest learning audit."""
    a = an_assignment(store)
    with store.session() as session:
        version_id = session.scalar(
            select(m.FormVersion.id)
            .join(m.Form, m.Form.id == m.FormVersion.form_id)
            .where(m.Form.key == "learning-audit", m.FormVersion.version == 2)
        )
        assert version_id is not None
        Recorder(session, None, clock()).update(
            session.get(m.Audit, a.audit_id), form_version_id=version_id
        )


def test_the_area_grade_shows_what_the_chosen_grade_looks_like(application, qtbot) -> None:
    services = application.services
    _move_to_version_2(store_of(services), services.clock)
    _window, workspace, _a = open_workspace(application, qtbot)
    page = workspace.areas[0]
    assert [r.question.id for r in page.rows][:3] == ["A1", "A2a", "A2b"]
    assert not page.descriptor.isVisible()
    page.grade.setCurrentIndex(page.grade.findData(Grade.INADEQUATE.value))
    assert page.descriptor.text().startswith("Inadequate looks like: The child is not seen")
    page.grade.setCurrentIndex(page.grade.findData(Grade.GOOD.value))
    assert page.descriptor.text().startswith("Good looks like: The child is seen, heard")
    assert "Requires Improvement: The child is safe" in page.grade.toolTip()

    # F1 on a question: its own guidance, then what the grades look like in Assessment.
    row = page.rows[0]
    row.help_button.setChecked(True)
    assert row.help.isVisible()
    text = row.help.text()
    assert text.startswith("Look for a recorded face-to-face visit")
    assert "What the grades look like in Assessment:" in text
    for grade in ("Outstanding", "Good", "Requires Improvement", "Inadequate"):
        assert f"\n{grade}: " in text


def test_a_version_without_descriptors_shows_none(application, qtbot) -> None:
    _window, workspace, _a = open_workspace(application, qtbot)
    page = workspace.areas[0]
    page.grade.setCurrentIndex(page.grade.findData(Grade.GOOD.value))
    assert not page.descriptor.isVisible() and page.descriptor.text() == ""
    assert "What the grades look like" not in page.rows[0].help.text()
