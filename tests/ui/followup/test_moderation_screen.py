"""The Moderation screen driven through its widgets: a moderator agrees or changes grades with
a reason; a change without a reason is refused with a clear message and nothing on screen is
lost; the QA team adds an audit; a panel works through its agenda; the agreement figures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.moderation import SelectionReason
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.ui.shell.main_window import NAV_MODERATION
from tests.followup_helpers import actor_with, cast, in_moderation, route, submitted_audit
from tests.store_access import store_of


def _window_as(application, qtbot, actor):
    window = application.show_window(actor)
    qtbot.addWidget(window)
    window.go_to(NAV_MODERATION)
    return window


def _select_in_queue(screen, audit_id: str) -> None:
    rows = screen.queue_model.rows()
    screen.queue.setFocus()
    screen.queue.selectRow(next(i for i, r in enumerate(rows) if r.audit_id == audit_id))


def _moderations(store, audit_id: str) -> dict[str, m.Moderation]:
    with store.reader() as session:
        return {
            d.section_id: d
            for d in session.scalars(select(m.Moderation).where(m.Moderation.audit_id == audit_id))
        }


def test_a_moderator_changes_a_grade_with_a_reason(application, qtbot) -> None:
    services = application.services
    audit_id = in_moderation(store_of(services), services.clock, Grade.GOOD)
    moderator = cast(services, audit_id).moderator
    window = _window_as(application, qtbot, moderator)
    screen = window.moderation
    _select_in_queue(screen, audit_id)
    qtbot.mouseClick(screen.moderate_button, Qt.MouseButton.LeftButton)
    form = screen.form
    assert form.case is not None and form.case.view.record.row.id == audit_id
    assert "Learning audit" in form.browser.toPlainText()  # the auditor's record is shown
    first, overall = form.rows[0], form.row_for(m.OVERALL)
    assert first.chosen is Grade.GOOD
    assert first.grade.currentText() == "Good (agree)"
    first.grade.setFocus()
    qtbot.keyClick(first.grade, Qt.Key.Key_Down)  # one grade lower
    assert first.chosen is Grade.REQUIRES_IMPROVEMENT
    qtbot.keyClicks(first.reason, "No plan for the child's education.")
    qtbot.mouseClick(form.record, Qt.MouseButton.LeftButton)

    kept = _moderations(store_of(services), audit_id)
    section = first.area.section_id
    assert (kept[section].auditor_grade, kept[section].moderated_grade) == (
        "good",
        "requires_improvement",
    )
    assert kept[section].reason == "No plan for the child's education."
    assert kept[m.OVERALL].moderated_grade == "good" and overall.area.section_id == m.OVERALL
    assert kept[section].moderator_id == moderator.id
    assert "1 grades changed" in screen.notice.text()
    assert audit_id not in {r.audit_id for r in screen.queue_model.rows()}
    assert form.case is None and not form.record.isEnabled()


def test_a_changed_grade_without_a_reason_says_so_and_keeps_what_was_entered(
    application, qtbot
) -> None:
    services = application.services
    audit_id = in_moderation(store_of(services), services.clock, Grade.GOOD)
    moderator = cast(services, audit_id).moderator
    window = _window_as(application, qtbot, moderator)
    screen = window.moderation
    _select_in_queue(screen, audit_id)
    qtbot.keyClick(screen.queue, Qt.Key.Key_Return)
    form = screen.form
    second, overall = form.rows[1], form.row_for(m.OVERALL)
    second.grade.setFocus()
    qtbot.keyClick(second.grade, Qt.Key.Key_Down)
    qtbot.keyClicks(overall.reason, "Agreed: the overall grade stands.")
    qtbot.mouseClick(form.record, Qt.MouseButton.LeftButton)

    message = application.errors.last_message
    assert message is not None
    assert f"Give a reason for changing the {second.area.title} grade" in message
    assert "Traceback" not in message
    # Nothing written, nothing lost from the screen.
    assert _moderations(store_of(services), audit_id) == {}
    with store_of(services).reader() as session:
        assert session.get(m.Audit, audit_id).state == AuditState.IN_MODERATION.value
    assert form.case is not None
    assert second.chosen is Grade.REQUIRES_IMPROVEMENT
    assert overall.reason.text() == "Agreed: the overall grade stands."
    # Giving the reason then records it.
    qtbot.keyClicks(second.reason, "Reviews were late.")
    qtbot.mouseClick(form.record, Qt.MouseButton.LeftButton)
    assert _moderations(store_of(services), audit_id)[second.area.section_id].reason == (
        "Reviews were late."
    )


def test_a_qa_officer_adds_an_audit_by_its_reference(application, qtbot) -> None:
    services = application.services
    audit_id = submitted_audit(store_of(services), services.clock, Grade.GOOD)
    route(store_of(services), services.clock, audit_id, share_percent=0.0)
    with store_of(services).reader() as session:
        reference = session.get(m.Audit, audit_id).reference
    qa = actor_with(services, Role.QA_OFFICER, moderator=False)
    window = _window_as(application, qtbot, qa)
    screen = window.moderation
    assert not screen.form.isVisible()  # a QA officer who is not a moderator does not decide
    qtbot.keyClicks(screen.reference, "qa-nothing")
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    assert "No audit in this store has the reference QA-NOTHING" in (
        application.errors.last_message or ""
    )
    assert screen.reference.text() == "qa-nothing"
    screen.reference.clear()
    qtbot.keyClicks(screen.reference, reference.lower())
    qtbot.keyClicks(screen.add_note, "Sample for the neglect theme")
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    added = next(r for r in screen.queue_model.rows() if r.audit_id == audit_id)
    assert added.reason is SelectionReason.ADDED_BY_QA and added.added_by == qa.person.name
    assert reference in screen.notice.text() and screen.reference.text() == ""


def test_a_panel_takes_its_agenda_in_order_and_records_each_decision(application, qtbot) -> None:
    services = application.services
    qa = actor_with(services, Role.QA_OFFICER)
    with store_of(services).reader() as session:
        closed = session.scalars(
            select(m.Audit.id)
            .where(m.Audit.state == AuditState.CLOSED.value)
            .order_by(m.Audit.reference)
            .limit(3)
        ).all()
    for audit_id in closed:  # the QA team adds a few, so that the panel has a choice
        services.moderation.add(audit_id, qa)
    moderator = actor_with(services, Role.ASSISTANT_DIRECTOR, moderator=True)
    window = _window_as(application, qtbot, moderator)
    screen = window.moderation
    screen.tabs.setCurrentIndex(screen.panel_index)
    panel = screen.panel
    queued = [r for r in screen.queue_model.rows() if r.auditor_id != moderator.id]
    assert len(queued) >= 2
    wanted = [queued[1].audit_id, queued[0].audit_id]
    ids = [
        panel.choice.item(i).data(Qt.ItemDataRole.UserRole + 20)
        for i in range(panel.choice.count())
    ]
    # Tick two, and move the second above the first: the panel takes them in that order.
    for audit_id in wanted:
        panel.choice.item(ids.index(audit_id)).setCheckState(Qt.CheckState.Checked)
    panel.choice.setCurrentRow(ids.index(wanted[0]))
    qtbot.mouseClick(panel.up, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.start, Qt.MouseButton.LeftButton)
    assert panel.progress.text() == "Audit 1 of 2"
    assert panel.form.case.view.record.row.id == wanted[0]
    qtbot.mouseClick(panel.form.record, Qt.MouseButton.LeftButton)  # agree with every grade
    assert panel.progress.text() == "Audit 2 of 2"
    assert panel.form.case.view.record.row.id == wanted[1]
    qtbot.mouseClick(panel.skip, Qt.MouseButton.LeftButton)
    log = [panel.log.item(i).text() for i in range(panel.log.count())]
    assert log[0].startswith(f"{queued[1].reference} moderated") and log[1] == "Skipped"
    assert panel.progress.text().startswith("The panel is finished")
    with store_of(services).reader() as session:
        assert session.get(m.Audit, wanted[0]).state == AuditState.CLOSED.value
        assert session.get(m.Audit, wanted[1]).state == AuditState.IN_MODERATION.value


def test_the_agreement_tab_shows_each_auditor_and_team(application, qtbot) -> None:
    services = application.services
    window = _window_as(application, qtbot, actor_with(services, Role.QA_OFFICER))
    view = window.moderation.agreement
    report = services.moderation.agreement(actor_with(services, Role.QA_OFFICER))
    assert view.by_auditor.rowCount() == len(report.by_auditor) > 0
    assert view.by_team.rowCount() == len(report.by_team) > 0
    first = report.by_auditor[0]
    model = view.by_auditor
    texts = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert texts[0] == first.name and texts[2] == f"{first.rate:.0f}%"
    assert "Moderators agreed with" in view.summary.text()


def test_people_without_a_queue_are_told_so(application, qtbot) -> None:
    window = _window_as(application, qtbot, actor_with(application.services, Role.PRACTITIONER))
    assert "your role has no queue" in window.moderation.notice.text()
    assert not window.moderation.tabs.isEnabled()


def test_a_moderator_is_refused_their_own_audit_before_they_start(application, qtbot) -> None:
    """The queue says why and opens no form; the service refuses it too."""
    services = application.services
    store = store_of(services)
    audit_id = in_moderation(store, services.clock, Grade.GOOD)
    people = cast(services, audit_id)
    moderator = people.moderator
    with store.session() as session:
        audit = session.get(m.Audit, audit_id)
        Recorder(session, None, services.clock()).update(audit, auditor_id=moderator.id)
        reference = audit.reference
    window = _window_as(application, qtbot, moderator)
    screen = window.moderation
    _select_in_queue(screen, audit_id)
    qtbot.keyClick(screen.queue, Qt.Key.Key_Return)
    assert screen.form.case is None and not screen.form.record.isEnabled()
    assert screen.form.rows == []
    assert f"You audited {reference}, so you cannot moderate it" in screen.notice.text()
    assert application.errors.last_message is None  # said on screen, not in an error box
    qtbot.mouseClick(screen.moderate_button, Qt.MouseButton.LeftButton)
    assert screen.form.case is None
    with pytest.raises(PermissionRefused, match=f"You audited {reference}"):
        services.moderation.case(audit_id, moderator)
    # Another audit in the queue still opens, and the refusal is gone.
    other_id = in_moderation(store, services.clock, Grade.GOOD)
    with store.session() as session:
        other = session.get(m.Audit, other_id)
        Recorder(session, None, services.clock()).update(other, auditor_id=people.auditor.id)
    screen.load()
    _select_in_queue(screen, other_id)
    qtbot.keyClick(screen.queue, Qt.Key.Key_Return)
    assert screen.form.case is not None and screen.form.case.view.record.row.id == other_id
    assert screen.notice.text() == ""


def test_a_moderators_own_audit_cannot_go_on_the_panels_agenda(application, qtbot) -> None:
    services = application.services
    store = store_of(services)
    audit_id = in_moderation(store, services.clock, Grade.GOOD)
    moderator = cast(services, audit_id).moderator
    with store.session() as session:
        audit = session.get(m.Audit, audit_id)
        Recorder(session, None, services.clock()).update(audit, auditor_id=moderator.id)
    window = _window_as(application, qtbot, moderator)
    screen = window.moderation
    screen.tabs.setCurrentIndex(screen.panel_index)
    panel = screen.panel
    items = [panel.choice.item(i) for i in range(panel.choice.count())]
    own = next(i for i in items if i.data(Qt.ItemDataRole.UserRole + 20) == audit_id)
    assert "you audited it: another moderator decides" in own.text()
    assert not own.flags() & Qt.ItemFlag.ItemIsEnabled
    assert not own.flags() & Qt.ItemFlag.ItemIsUserCheckable
    others = [i for i in items if i is not own]
    assert others and all(i.flags() & Qt.ItemFlag.ItemIsUserCheckable for i in others)
    # Even ticked by hand, it stays off the agenda the panel takes.
    own.setCheckState(Qt.CheckState.Checked)
    others[0].setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(panel.start, Qt.MouseButton.LeftButton)
    assert audit_id not in panel.agenda
