"""The Meetings screen driven through its widgets: a head of service records a reflective
meeting and its SMART actions and signs it off; bad input (no attendees, an action due in the
past) gets a clear message and loses nothing already typed."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.roles import Role
from qa_desktop.services.changes import Change
from qa_desktop.services.followup.moderation import Decision
from qa_desktop.services.my_work import WorkKind
from qa_desktop.store import models as m
from qa_desktop.ui.shell.main_window import NAV_MEETINGS, NAV_MY_WORK
from tests.followup_helpers import actor_with, cast, in_moderation, meeting_for
from tests.store_access import store_of


def _confirmed_inadequate(services):
    audit_id = in_moderation(store_of(services), services.clock, Grade.INADEQUATE)
    people = cast(services, audit_id)
    case = services.moderation.case(audit_id, people.moderator)
    services.moderation.moderate(
        audit_id, [Decision(a.section_id, a.auditor_grade) for a in case.areas], people.moderator
    )
    return audit_id, cast(services, audit_id), meeting_for(store_of(services), audit_id)


def _open_from_my_work(application, qtbot, head, meeting_id: str):
    window = application.show_window(head)
    qtbot.addWidget(window)
    my_work = window.my_work
    table = my_work.tables[WorkKind.MEETING]
    rows = my_work.models[WorkKind.MEETING].rows()
    my_work.tabs.setCurrentWidget(table)
    table.setFocus()
    table.selectRow(next(i for i, r in enumerate(rows) if r.id == meeting_id))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    due = len(my_work.work.meetings)
    assert due >= 1 and window.nav.item(NAV_MEETINGS).text() == f"Meetings ({due})"
    assert window.stack.currentIndex() == NAV_MEETINGS
    screen = window.meetings
    assert screen.detail is not None and screen.detail.row.id == meeting_id
    return window, screen


def _type_notes(qtbot, screen) -> None:
    qtbot.keyClicks(screen.attendees, "Head of service, auditor, practitioner")
    qtbot.keyClicks(screen.barriers, "Three changes of worker in a year.")
    qtbot.keyClicks(screen.lived_experience, "The child does not know who their worker is.")


def _pause(qtbot, screen) -> None:
    """A pause in typing: what is typed is saved (there is no Save button)."""
    qtbot.waitUntil(lambda: not screen.timer.isActive(), timeout=3000)


def _signing(screen, answer: bool = True) -> list[str]:
    """Answer the sign-off box as the person would; returns what each box said."""
    said: list[str] = []

    def reply(box) -> bool:
        said.append(box.plain_text())
        (box.sign_button if answer else box.cancel_button).click()
        return box.clickedButton() is box.sign_button

    screen.confirm = reply
    return said


def _add_action(qtbot, screen, text: str, owner_id: str, due: date):
    qtbot.mouseClick(screen.add_action, Qt.MouseButton.LeftButton)
    row = screen.action_rows[-1]
    qtbot.keyClicks(row.description, text)
    row.owner.setCurrentIndex(row.owner.findData(owner_id))
    row.due.setDate(QDate(due.year, due.month, due.day))
    return row


def test_a_head_of_service_records_the_meeting_and_its_actions(application, qtbot) -> None:
    services = application.services
    audit_id, people, meeting = _confirmed_inadequate(services)
    window, screen = _open_from_my_work(application, qtbot, people.head, meeting.id)
    due = len(window.my_work.work.meetings)
    assert screen.sign_off.isEnabled()
    assert screen.held_on.date() == QDate(2026, 11, 20)
    _type_notes(qtbot, screen)
    _add_action(
        qtbot, screen, "Agree a new plan with the family", people.auditor.id, date(2026, 12, 4)
    )
    _pause(qtbot, screen)
    assert screen.save_mark.text() == "All changes saved"
    assert screen.signed.text() == (
        "Held. The re-audit is planned for 04 Jan 2027; sign the meeting off."
    )
    assert screen.action_rows == []
    assert [a.description for a in screen.detail.actions] == ["Agree a new plan with the family"]
    _add_action(qtbot, screen, "Supervision to review the plan", people.head.id, date(2026, 12, 18))
    said = _signing(screen, answer=False)
    qtbot.mouseClick(screen.sign_off, Qt.MouseButton.LeftButton)  # "Not yet": nothing signed
    assert not services.meetings.detail(meeting.id).row.signed_off
    (box,) = said
    assert "Sign off the reflective meeting on" in box and "Held on 20 Nov 2026" in box
    assert "Attendees: Head of service, auditor, practitioner" in box
    assert "Barriers and challenges: written" in box
    assert "Action: Agree a new plan with the family" in box
    assert "Action: Supervision to review the plan" in box
    assert f"Signed by {people.head.person.name}" in box and "cannot be undone" in box
    _signing(screen)
    qtbot.mouseClick(screen.sign_off, Qt.MouseButton.LeftButton)

    with store_of(services).reader() as session:
        stored = session.get(m.Meeting, meeting.id)
        assert stored.held_on == date(2026, 11, 20)
        assert stored.attendees == "Head of service, auditor, practitioner"
        assert stored.barriers == "Three changes of worker in a year."
        assert stored.lived_experience == "The child does not know who their worker is."
        assert stored.signed_off_at is not None
        assert stored.reaudit_due_on == date(2027, 1, 4)  # New Year's Day moved on
        actions = session.scalars(select(m.Action).where(m.Action.meeting_id == meeting.id)).all()
        assert sorted((a.description, a.owner_id, a.due_on) for a in actions) == [
            ("Agree a new plan with the family", people.auditor.id, date(2026, 12, 4)),
            ("Supervision to review the plan", people.head.id, date(2026, 12, 18)),
        ]
        reaudit = session.scalar(select(m.Audit).where(m.Audit.reaudit_of_id == audit_id))
        assert reaudit.audit_type == AuditType.REAUDIT.value and reaudit.due_on == date(2027, 1, 4)
    # The auditor's My work (read again after the sign-off) and the meeting list show it.
    assert reaudit.id in {i.id for i in services.my_work.for_person(people.auditor).reaudits}
    assert "04 Jan 2027" in screen.signed.text()
    # Signed off: no longer a meeting to hold.
    assert window.nav.item(NAV_MEETINGS).text() == (
        f"Meetings ({due - 1})" if due > 1 else "Meetings"
    )
    assert not screen.sign_off.isEnabled() and screen.attendees.isReadOnly()
    assert "signed off" in screen.attendees.accessibleDescription()  # read-only says why
    screen.show_which.setCurrentIndex(1)  # held
    row = next(r for r in screen.model.rows() if r.id == meeting.id)
    assert screen.model.data(screen.model.index(screen.model.rows().index(row), 8)).endswith(
        "not done yet"
    )


def test_a_meeting_without_attendees_is_refused_and_nothing_typed_is_lost(
    application, qtbot
) -> None:
    services = application.services
    _audit_id, people, meeting = _confirmed_inadequate(services)
    window, screen = _open_from_my_work(application, qtbot, people.head, meeting.id)
    qtbot.keyClicks(screen.barriers, "Drift in the plan.")
    row = _add_action(qtbot, screen, "Visit the child", people.practitioner.id, date(2026, 12, 1))
    _pause(qtbot, screen)  # the pause tries to save: refused, said beside the notes, no box
    assert screen.save_mark.text() == "Not saved yet: List who attended the meeting."
    assert application.errors.last_message is None
    _signing(screen)
    qtbot.mouseClick(screen.sign_off, Qt.MouseButton.LeftButton)
    assert application.errors.last_message == "List who attended the meeting."
    assert screen.barriers.toPlainText() == "Drift in the plan."
    assert screen.action_rows == [row] and row.description.text() == "Visit the child"
    assert row.owner.currentData() == people.practitioner.id
    # Closing the window (Ctrl+Q) with notes the store refused asks first.
    asked: list[str] = []
    window.close_anyway = lambda reason: bool(asked.append(reason))  # "Keep editing"
    window.go_to(NAV_MY_WORK)
    window.quit_action.trigger()
    assert asked == ["List who attended the meeting."]
    assert window.isVisible() and window.stack.currentIndex() == NAV_MEETINGS
    assert screen.barriers.toPlainText() == "Drift in the plan."
    with store_of(services).reader() as session:
        stored = session.get(m.Meeting, meeting.id)
        assert stored.barriers == "" and stored.signed_off_at is None


def test_an_action_due_in_the_past_is_refused_and_nothing_typed_is_lost(application, qtbot) -> None:
    services = application.services
    _audit_id, people, meeting = _confirmed_inadequate(services)
    _window, screen = _open_from_my_work(application, qtbot, people.head, meeting.id)
    _type_notes(qtbot, screen)
    row = _add_action(qtbot, screen, "Visit the child", people.practitioner.id, date(2026, 11, 2))
    _pause(qtbot, screen)
    message = screen.save_mark.text()
    assert "Action 1 is due on 02 Nov 2026, which is in the past" in message
    assert screen.attendees.toPlainText() == "Head of service, auditor, practitioner"
    assert row.description.text() == "Visit the child"
    assert row.due.date() == QDate(2026, 11, 2)
    assert services.meetings.detail(meeting.id).actions == ()
    # Correcting the date saves everything that was typed.
    row.due.setDate(QDate(2026, 12, 2))
    _pause(qtbot, screen)
    assert screen.save_mark.text() == "All changes saved"
    detail = services.meetings.detail(meeting.id)
    assert [a.due_on for a in detail.actions] == [date(2026, 12, 2)]
    assert detail.attendees == "Head of service, auditor, practitioner"


def test_notes_typed_are_saved_when_the_window_closes_mid_typing(application, qtbot) -> None:
    """Ctrl+Q while typing: what was typed is in the store, with no Save button pressed."""
    services = application.services
    _audit_id, people, meeting = _confirmed_inadequate(services)
    window, screen = _open_from_my_work(application, qtbot, people.head, meeting.id)
    _type_notes(qtbot, screen)
    assert screen.timer.isActive()  # still typing: not saved yet
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    detail = services.meetings.detail(meeting.id)
    assert detail.barriers == "Three changes of worker in a year."
    assert detail.lived_experience == "The child does not know who their worker is."


def test_someone_else_sees_the_meeting_read_only(application, qtbot) -> None:
    services = application.services
    _audit_id, people, meeting = _confirmed_inadequate(services)
    window = application.show_window(people.moderator)
    qtbot.addWidget(window)
    window.go_to(NAV_MEETINGS)
    window.meetings.select_meeting(meeting.id)
    assert window.meetings.detail.row.id == meeting.id
    assert not window.meetings.sign_off.isEnabled()
    assert window.meetings.attendees.isReadOnly()


def test_the_notes_of_a_held_meeting_export_to_pdf(application, qtbot, tmp_path) -> None:
    services = application.services
    qa = actor_with(services, Role.QA_OFFICER)
    held = next(r for r in services.meetings.meetings(qa) if r.signed_off)
    window = application.show_window(qa)
    qtbot.addWidget(window)
    window.go_to(NAV_MEETINGS)
    screen = window.meetings
    screen.select_meeting(held.id)
    assert screen.export.isEnabled()
    target = tmp_path / "notes"
    screen.choose_pdf_path = lambda suggested: str(target)  # type: ignore[method-assign]
    qtbot.mouseClick(screen.export, Qt.MouseButton.LeftButton)
    written = tmp_path / "notes.pdf"
    assert str(written) in screen.signed.text()
    text = PdfReader(written).pages[0].extract_text()
    assert "OFFICIAL-SENSITIVE" in text and held.audit_reference in text
    assert services.meetings.detail(held.id).attendees.split(",")[0] in text


def test_saving_the_notes_tells_the_screens_that_meetings_changed(application, qtbot) -> None:
    services = application.services
    _audit_id, people, meeting = _confirmed_inadequate(services)
    _window, screen = _open_from_my_work(application, qtbot, people.head, meeting.id)
    announced: list[object] = []
    application.runner.changed.connect(announced.append)
    _type_notes(qtbot, screen)
    _pause(qtbot, screen)
    qtbot.waitUntil(lambda: screen.save_mark.text() == "All changes saved", timeout=3000)
    # Flags the Meetings screen listens for (a save once announced the string "meetings").
    assert announced and all(isinstance(what, Change) for what in announced)
    assert all(Change.MEETINGS in what for what in announced)
