"""My work driven through the window, on injected clocks: the re-audit appears in the
auditor's My work due on the right date and turns overdue after it; the navigation counts what
is due; moderation items lead to the moderation form."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from sqlalchemy import select

from qa_desktop.app import Application
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Role
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.container import build_services
from qa_desktop.services.followup.meetings import ActionDraft, MeetingNotes
from qa_desktop.services.followup.moderation import Decision
from qa_desktop.services.my_work import WorkKind
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.main_window import NAV_MODERATION, NAV_MY_WORK
from qa_desktop.ui.widgets.record_table import OVERDUE_TEXT
from tests.followup_helpers import actor_with, cast, in_moderation, meeting_for
from tests.store_access import store_of


def _signed_off_meeting(services, held_on: date):
    """An Inadequate audit, confirmed, whose meeting was held on ``held_on`` and signed off."""
    audit_id = in_moderation(store_of(services), services.clock, Grade.INADEQUATE)
    people = cast(services, audit_id)
    case = services.moderation.case(audit_id, people.moderator)
    services.moderation.moderate(
        audit_id, [Decision(a.section_id, a.auditor_grade) for a in case.areas], people.moderator
    )
    people = cast(services, audit_id)
    meeting = meeting_for(store_of(services), audit_id)
    notes = MeetingNotes(
        held_on=held_on,
        attendees="Head of service, auditor",
        barriers="",
        lived_experience="",
        new_actions=(ActionDraft("Review the plan", people.practitioner.id, date(2026, 12, 11)),),
    )
    services.meetings.save(meeting.id, notes, people.head, sign_off=True)
    return audit_id, people


def _window_on(demo_store, moment: datetime, home: Path, actor, qtbot):
    application = Application(
        build_services(demo_store, fixed_clock(moment)),
        AppSettings(home / f"settings-{moment:%Y%m%d}.ini"),
        immediate=True,
    )
    application.errors.show_box = lambda message: None  # type: ignore[method-assign]
    window = application.show_window(actor)
    qtbot.addWidget(window)
    return application, window


def _texts(model, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_the_reaudit_appears_in_the_auditors_my_work_on_the_right_date(
    application, qtbot, demo_store, isolated_home
) -> None:
    services = application.services  # its clock is fixed at Friday 20 November 2026
    audit_id, people = _signed_off_meeting(services, date(2026, 11, 20))

    # The day of the meeting: the re-audit is due six weeks on, 1 January 2027, a bank
    # holiday: so the next working day, 4 January.
    window = application.show_window(people.auditor)
    qtbot.addWidget(window)
    my_work = window.my_work
    reaudits = my_work.models[WorkKind.REAUDIT]
    assert reaudits.rowCount() == 1
    texts = _texts(reaudits, 0)
    assert texts[0] == "04 Jan 2027" and texts[1] == ""
    assert texts[5] == "Re-audit" and texts[6] == "Planned"
    assert reaudits.data(reaudits.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert my_work.tabs.tabText(my_work.tabs.indexOf(my_work.tables[WorkKind.REAUDIT])) == (
        "Re-audits due (1)"
    )
    reaudit = reaudits.row_at(0)
    linked = services.audits.view(reaudit.id, SYSTEM).record
    assert (
        linked.reaudit_of_reference == services.audits.view(audit_id, SYSTEM).record.row.reference
    )
    assert reaudit.id in {i.id for i in my_work.models[WorkKind.AUDIT].rows()}
    count = my_work.work.count
    assert window.nav.item(NAV_MY_WORK).text() == f"My work ({count})"

    # Still due, not overdue, on the due date itself.
    _app, on_the_day = _window_on(
        demo_store, datetime(2027, 1, 4, 9, tzinfo=UTC), isolated_home, people.auditor, qtbot
    )
    item = on_the_day.my_work.models[WorkKind.REAUDIT].row_at(0)
    assert item.id == reaudit.id and not item.overdue

    # The next working day it is overdue, marked in the list, the tab and the summary.
    _app2, later = _window_on(
        demo_store, datetime(2027, 1, 5, 9, tzinfo=UTC), isolated_home, people.auditor, qtbot
    )
    late_model = later.my_work.models[WorkKind.REAUDIT]
    assert _texts(late_model, 0)[1] == "Overdue"
    brush = late_model.data(late_model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == OVERDUE_TEXT
    late_tab = later.my_work.tabs.indexOf(later.my_work.tables[WorkKind.REAUDIT])
    assert "overdue" in later.my_work.tabs.tabText(late_tab)
    assert later.my_work.work.overdue >= 1
    assert "overdue" in later.my_work.summary.text()


def test_the_summary_says_one_and_many_properly(application, qtbot) -> None:
    directory = application.services.directory
    window = application.show_window(directory.actor(directory.people()[0].id))
    qtbot.addWidget(window)
    summary = window.my_work._summary
    assert summary(0, 0) == "Nothing is due from you."
    assert summary(1, 0) == "One thing is due from you."
    assert summary(1, 1) == "One thing is due from you, and it is overdue."
    assert summary(3, 0) == "3 things are due from you; none of them is overdue."
    assert summary(3, 1) == "3 things are due from you; one of them is overdue."
    assert summary(3, 2) == "3 things are due from you; 2 of them are overdue."
    assert summary(3, 3) == "3 things are due from you; all of them are overdue."


def test_the_practitioner_sees_the_action_they_own_from_the_meeting(application, qtbot) -> None:
    services = application.services
    _audit_id, people = _signed_off_meeting(services, date(2026, 11, 19))
    window = application.show_window(people.practitioner)
    qtbot.addWidget(window)
    my_work = window.my_work
    actions = my_work.models[WorkKind.ACTION].rows()
    row = next(i for i, a in enumerate(actions) if a.description == "Review the plan")
    count = my_work.work.count
    assert window.nav.item(NAV_MY_WORK).text() == f"My work ({count})"
    # The owner marks it done: it leaves the list and the count.
    table = my_work.tables[WorkKind.ACTION]
    # Their only work is the action: My work opens on its tab, with the button to finish it.
    assert my_work.tabs.currentWidget() is table and my_work.done_button.isVisible()
    my_work.tabs.setCurrentWidget(my_work.tables[WorkKind.AUDIT])
    assert not my_work.done_button.isVisible()
    my_work.tabs.setCurrentWidget(table)
    assert my_work.done_button.isVisible()
    table.selectRow(row)
    qtbot.mouseClick(my_work.done_button, Qt.MouseButton.LeftButton)
    remaining = my_work.models[WorkKind.ACTION].rows()
    assert "Review the plan" not in {a.description for a in remaining}
    left = count - 1
    assert window.nav.item(NAV_MY_WORK).text() == (f"My work ({left})" if left else "My work")


def test_a_moderation_item_opens_the_moderation_form(application, qtbot) -> None:
    services = application.services
    audit_id = in_moderation(store_of(services), services.clock, Grade.OUTSTANDING)
    moderator = cast(services, audit_id).moderator
    window = application.show_window(moderator)
    qtbot.addWidget(window)
    my_work = window.my_work
    table = my_work.tables[WorkKind.MODERATION]
    rows = my_work.models[WorkKind.MODERATION].rows()
    row = next(i for i, r in enumerate(rows) if r.audit_id == audit_id)
    assert _texts(my_work.models[WorkKind.MODERATION], row)[5] == "Graded Outstanding"
    waiting = len(my_work.work.moderation)
    assert window.nav.item(NAV_MODERATION).text() == f"Moderation ({waiting})"
    my_work.tabs.setCurrentWidget(table)
    table.setFocus()
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.stack.currentIndex() == NAV_MODERATION
    form = window.moderation.form
    assert form.case is not None and form.case.view.record.row.id == audit_id


def test_my_work_refreshes_after_a_moderation(application, qtbot) -> None:
    services = application.services
    audit_id = in_moderation(store_of(services), services.clock, Grade.GOOD)
    moderator = cast(services, audit_id).moderator
    window = application.show_window(moderator)
    qtbot.addWidget(window)
    before = window.my_work.work.count
    window.moderation.open_case(audit_id)
    with qtbot.waitSignal(window.my_work.loaded, timeout=3000):
        qtbot.mouseClick(window.moderation.form.record, Qt.MouseButton.LeftButton)
    assert window.my_work.work.count == before - 1
    assert window.nav.item(NAV_MY_WORK).text().endswith(f"({before - 1})")


def test_a_practitioner_sees_the_audits_waiting_for_their_reflection_or_sign_off(
    application, qtbot
) -> None:
    """Waiting for you: their audits in progress (reflection welcome) and those the auditor
    has signed off, waiting for theirs; not those they have signed, nor closed ones."""
    services = application.services
    store = store_of(services)
    practitioner = actor_with(services, Role.PRACTITIONER)
    now = services.clock()
    with store.session() as session:
        audits = list(
            session.scalars(
                select(m.Audit)
                .where(m.Audit.state == AuditState.IN_PROGRESS.value)
                .order_by(m.Audit.reference)
                .limit(3)
            )
        )
        in_progress, to_sign, signed = audits
        recorder = Recorder(session, None, now)
        for audit in audits:
            recorder.update(audit, practitioner_id=practitioner.id)
        recorder.update(to_sign, state=AuditState.SUBMITTED.value, auditor_signed_at=now)
        recorder.update(
            signed,
            state=AuditState.SUBMITTED.value,
            auditor_signed_at=now,
            practitioner_signed_at=now,
        )
        ids = {a.id: a.reference for a in audits}
    window = application.show_window(practitioner)
    qtbot.addWidget(window)
    my_work = window.my_work
    table = my_work.tables[WorkKind.WAITING]
    model = my_work.models[WorkKind.WAITING]
    shown = [r.audit_id for r in model.rows()]
    assert to_sign.id in shown and in_progress.id in shown and signed.id not in shown
    # The sign-off comes first, and says what is waiting.
    assert shown.index(to_sign.id) < shown.index(in_progress.id)
    assert _texts(model, shown.index(to_sign.id))[:1] == [ids[to_sign.id]]
    assert _texts(model, shown.index(to_sign.id))[3] == "Your sign-off"
    assert _texts(model, shown.index(in_progress.id))[3].startswith("Your reflection")
    tab = my_work.tabs.indexOf(table)
    assert my_work.tabs.tabText(tab).startswith(f"Waiting for you ({len(shown)})")
    # A sign-off is due from them and counts; a reflection is welcome and does not.
    assert to_sign.id in {i.audit_id for i in my_work.work.signoffs}
    assert in_progress.id not in {i.audit_id for i in my_work.work.signoffs}
    # Enter opens the audit (one window).
    my_work.tabs.setCurrentWidget(table)
    table.setFocus()
    table.selectRow(shown.index(to_sign.id))
    with qtbot.waitSignal(my_work.open_requested, timeout=3000) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [to_sign.id]
