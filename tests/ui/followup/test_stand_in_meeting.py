"""A vacant head of service post, through the widgets: the assistant director standing in
finds the meeting in My work, opens it, records it and signs it off; the QA team sees it in
its own My work, marked as held by a stand-in, until then."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.roles import Role
from qa_desktop.services.followup.moderation import Decision
from qa_desktop.services.my_work import WorkKind
from qa_desktop.ui.shell.main_window import NAV_MEETINGS
from tests.followup_helpers import (
    actor_with,
    cast,
    in_moderation,
    make_director_of,
    meeting_for,
    service_of,
    vacate,
)
from tests.store_access import store_of


def _texts(model, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_the_stand_in_holds_the_meeting_and_the_qa_team_watches_it(application, qtbot) -> None:
    services = application.services
    audit_id = in_moderation(store_of(services), services.clock, Grade.INADEQUATE)
    service_id = service_of(store_of(services), audit_id)
    vacate(store_of(services), services.clock, service_id, Role.HEAD_OF_SERVICE)
    director_id = make_director_of(store_of(services), services.clock, service_id)
    moderator = cast(services, audit_id).moderator
    case = services.moderation.case(audit_id, moderator)
    services.moderation.moderate(
        audit_id, [Decision(a.section_id, a.auditor_grade) for a in case.areas], moderator
    )
    meeting = meeting_for(store_of(services), audit_id)
    assert meeting is not None and meeting.head_of_service_id == director_id
    director = services.directory.actor(director_id)

    qa = actor_with(services, Role.QA_OFFICER, moderator=False)
    qa_window = application.show_window(qa)  # replaced (and deleted) by the next window
    model = qa_window.my_work.models[WorkKind.MEETING]
    row = next(i for i, item in enumerate(model.rows()) if item.id == meeting.id)
    assert _texts(model, row)[-1] == (f"{director.person.name} (standing in: no head of service)")
    qa_window.close()

    window = application.show_window(director)
    qtbot.addWidget(window)
    my_work = window.my_work
    table = my_work.tables[WorkKind.MEETING]
    rows = my_work.models[WorkKind.MEETING].rows()
    my_work.tabs.setCurrentWidget(table)
    table.setFocus()
    table.selectRow(next(i for i, r in enumerate(rows) if r.id == meeting.id))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.stack.currentIndex() == NAV_MEETINGS
    screen = window.meetings
    assert screen.detail is not None and screen.detail.row.id == meeting.id
    assert screen.sign_off.isEnabled() and not screen.attendees.isReadOnly()
    screen.held_on.setDate(QDate(2026, 11, 19))
    qtbot.keyClicks(screen.attendees, "Assistant director, auditor, practitioner")
    qtbot.mouseClick(screen.add_action, Qt.MouseButton.LeftButton)
    action = screen.action_rows[-1]
    qtbot.keyClicks(action.description, "Agree a new plan with the family")
    action.owner.setCurrentIndex(action.owner.findData(director_id))
    action.due.setDate(QDate(2026, 12, 4))
    qtbot.waitUntil(lambda: not screen.timer.isActive(), timeout=3000)  # the pause saves
    assert screen.save_mark.text() == "All changes saved"
    assert screen.signed.text() == (
        "Held. The re-audit is planned for 31 Dec 2026; sign the meeting off."
    )
    screen.confirm = lambda box: True  # the box itself: test_meetings_screen.py
    qtbot.mouseClick(screen.sign_off, Qt.MouseButton.LeftButton)
    assert screen.detail.row.signed_off
    assert "31 Dec 2026" in screen.signed.text()
    assert meeting.id not in {i.id for i in services.my_work.for_person(qa).meetings}
    assert services.meetings.detail(meeting.id).row.reaudit_due_on == date(2026, 12, 31)
