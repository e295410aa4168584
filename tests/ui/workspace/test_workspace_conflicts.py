"""The workspace marks each field with an open sync conflict (badge, tooltip, accessible
description) and clears the mark once the conflict is settled under Sync > Conflicts.

The conflicts are written as the sync client writes what the central database sends back
(one ``sync_conflicts`` row per field, values as JSON); settling goes through the real
Conflicts dialog and service."""

from __future__ import annotations

import json
from itertools import count

from sqlalchemy import select

from qa_desktop.domain.grades import Grade
from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.store import models as m
from qa_desktop.ui.screens.sync.conflicts import ConflictsDialog
from tests.store_access import store_of
from tests.ui.workspace.workspace_fixtures import open_workspace

_SEQ = count(1)


def _conflict(store, table: str, row_id: str, field: str, current, other, other_actor: str):
    """What the sync client keeps when the central database answers "conflict"."""
    with store.session() as session:
        session.add(
            m.SyncConflict(
                id=f"change-{table}-{field}-{row_id}",
                seq=next(_SEQ),
                table_name=table,
                row_id=row_id,
                field=field,
                current_value=json.dumps(current),
                current_actor_id=None,
                current_at="2026-11-20T09:00:00+00:00",
                other_value=json.dumps(other),
                other_actor_id=other_actor,
                other_at="2026-11-20T09:30:00+00:00",
                settle_pushed=False,
            )
        )


def _row_ids(store, audit_id: str, question_id: str, section_id: str) -> tuple[str, str]:
    with store.reader() as session:
        answer = session.scalar(
            select(m.Answer.id).where(
                m.Answer.audit_id == audit_id, m.Answer.question_id == question_id
            )
        )
        review = session.scalar(
            select(m.SectionReview.id).where(
                m.SectionReview.audit_id == audit_id, m.SectionReview.section_id == section_id
            )
        )
    assert answer is not None and review is not None
    return answer, review


def test_a_field_with_an_open_conflict_is_marked_until_it_is_settled(application, qtbot) -> None:
    services = application.services
    window, workspace, a = open_workspace(application, qtbot)
    question = workspace.ws.form.questions()[0]
    section = workspace.ws.form.graded_sections()[0]
    workspace.areas[0].rows[0].choice.choose("yes")  # the first answer starts the audit
    rationale = FieldRef.area(section.id, "rationale")
    services.workspace.save(a.audit_id, a.auditor, rationale, "Seen on file.")
    answer_id, review_id = _row_ids(store_of(services), a.audit_id, question.id, section.id)
    someone = a.practitioner.id
    _conflict(store_of(services), "audits", a.audit_id, "impact", "", "Safer at home", someone)
    _conflict(store_of(services), "answers", answer_id, "value", "yes", "no", someone)
    _conflict(
        store_of(services), "section_reviews", review_id, "grade", None, "inadequate", someone
    )
    workspace.reload()

    assert set(workspace.conflict_badges) == {
        FieldRef.audit("impact"),
        FieldRef.answer(question.id),
        FieldRef.area(section.id, "grade"),
    }
    name = a.practitioner.person.name
    answer_badge = workspace.conflict_badges[FieldRef.answer(question.id)]
    assert answer_badge.isVisibleTo(workspace) and answer_badge.text() == "Conflict"
    expected = (
        f"Changed on another computer too: “No” ({name}, 2026-11-20 09:30). Yours is kept; "
        "open Sync > Conflicts to settle it."
    )
    assert answer_badge.toolTip() == expected
    assert answer_badge.accessibleDescription() == expected
    no_button = workspace.areas[0].rows[0].choice.buttons["no"]
    assert no_button.accessibleDescription() == expected and no_button.toolTip() == expected
    grade_badge = workspace.conflict_badges[FieldRef.area(section.id, "grade")]
    assert f"“{Grade.INADEQUATE.label}”" in grade_badge.toolTip()
    assert workspace.areas[0].grade.property("conflict") is True
    assert "“Safer at home”" in workspace.conflict_badges[FieldRef.audit("impact")].toolTip()
    # A text box's badge sits inside its bottom corner: its first line and its label stay clear.
    workspace.reveal_page(len(workspace.areas))
    impact_badge, impact = (
        workspace.conflict_badges[FieldRef.audit("impact")],
        workspace.closing.impact,
    )
    assert impact_badge.isVisibleTo(workspace)
    assert impact.geometry().contains(impact_badge.geometry())
    assert impact_badge.geometry().top() > impact.geometry().top() + impact.fontMetrics().height()
    workspace.reveal_page(0)
    # Other fields carry no mark.
    assert workspace.areas[0].rows[0].evidence.accessibleDescription() == ""
    assert workspace.closing.rationale.property("conflict") in (None, False)

    # Settled from Sync > Conflicts (keeping the value shown): the mark goes at once.
    dialog = ConflictsDialog(services.sync, application.runner, a.auditor.id, window)
    qtbot.addWidget(dialog)
    row = next(i for i, c in enumerate(dialog.rows) if c.row_id == answer_id)
    dialog.table.selectRow(row)
    with qtbot.waitSignal(workspace.reloaded, timeout=3000):
        dialog.settle("current")
    assert FieldRef.answer(question.id) not in workspace.ws.conflicts
    assert not answer_badge.isVisibleTo(workspace)
    assert no_button.accessibleDescription() == "" and no_button.toolTip() == ""
    assert workspace.conflict_badges[FieldRef.area(section.id, "grade")].isVisibleTo(workspace)

    # Keeping the other value settles it too, and the field shows that value.
    row = next(i for i, c in enumerate(dialog.rows) if c.field == "impact")
    dialog.table.selectRow(row)
    with qtbot.waitSignal(workspace.reloaded, timeout=3000):
        dialog.settle("other")
    assert not workspace.conflict_badges[FieldRef.audit("impact")].isVisibleTo(workspace)
    assert workspace.closing.impact.toPlainText() == "Safer at home"


def test_the_person_whose_change_lost_is_told_theirs_is_kept(application, qtbot) -> None:
    services = application.services
    _window, workspace, a = open_workspace(application, qtbot)
    _conflict(store_of(services), "audits", a.audit_id, "escalation", False, True, a.auditor.id)
    workspace.reload()
    badge = workspace.conflict_badges[FieldRef.audit("escalation")]
    assert badge.shown and not workspace.closing.escalation.icon().isNull()  # inline
    assert badge.toolTip() == (
        "Changed on another computer too, by someone, and that value is shown. Yours, "
        "“ticked”, is kept; open Sync > Conflicts to settle it."
    )
    assert workspace.closing.escalation.accessibleDescription() == badge.toolTip()
