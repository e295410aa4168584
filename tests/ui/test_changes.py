"""Typed change notification: what the screens listen for is what the services' writes declare.

A service write says what it changes with ``@writes(...)``; ``qa_desktop.ui.ops`` announces it
after the write; each screen subscribes to the flags it shows. These tests hold the two ends
together on the real main window with every screen shown, and the real services.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import fields
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import QTabWidget

from qa_desktop.app import Application
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.roles import Role
from qa_desktop.services.changes import Change, changes_of, writes
from qa_desktop.services.container import Services
from qa_desktop.services.followup.moderation import Decision
from qa_desktop.services.programme.bttf import VisitPlan
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.programme.observations import ObservationsTab
from qa_desktop.ui.shell.main_window import NAV_MEETINGS, NAV_PROGRAMME, MainWindow
from tests.followup_helpers import cast, in_moderation, meeting_for
from tests.store_access import store_of
from tests.ui.conftest import open_window_as
from tests.ui.workspace.workspace_fixtures import open_workspace

# Sync conflicts are made only by a sync and settled only from the conflicts list: both may
# touch any part of the store, so both declare everything, and nothing else writes conflicts.
BROUGHT_ONLY_BY_A_SYNC = Change.CONFLICTS


def declared_writes(services: Services) -> dict[str, Change]:
    """Every ``@writes`` on a method of a service in ``Services``, by its qualified name."""
    found: dict[str, Change] = {}
    for field in fields(services):
        service = getattr(services, field.name)
        for name, method in inspect.getmembers(type(service), inspect.isfunction):
            changes = changes_of(method)
            if changes:
                found[f"{field.name}.{name}"] = changes
    return found


def show_every_screen(window: MainWindow) -> None:
    """Every navigation entry and every tab inside one, each built and shown."""
    for index in range(window.nav.count()):
        window.go_to(index)
        for tabs in window.nav_screen(index).findChildren(QTabWidget):
            for tab in range(tabs.count()):
                tabs.setCurrentIndex(tab)


def test_every_flag_a_screen_listens_for_is_declared_by_a_write(
    application: Application, qtbot
) -> None:
    # An auditor's window (the audit workspace open: it listens too), every screen shown.
    window, _workspace, _assignment = open_workspace(application, qtbot)
    show_every_screen(window)
    subscribed = application.runner.subscribed

    writes_found = declared_writes(application.services)
    everything = Change.everything()
    declared = Change.NONE
    for changes in writes_found.values():
        if changes != everything:  # the sync's "everything" would make this test say nothing
            declared |= changes
    assert writes_found["sync.sync_now"] == everything

    # Each screen of the window subscribed to something: a screen that forgot is caught here.
    for part in (Change.AUDITS, Change.MODERATION, Change.MEETINGS, Change.ACTIONS):
        assert part & subscribed
    never_written = [
        flag.name
        for flag in Change
        if flag & subscribed and not flag & declared and not flag & BROUGHT_ONLY_BY_A_SYNC
    ]
    assert never_written == [], f"screens listen for what no write declares: {never_written}"


def test_a_subscription_ends_when_its_screen_is_destroyed(application: Application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    runner = application.runner
    observations = ObservationsTab(application.services, runner, window.actor, date.today)
    loads: list[int] = []
    observations.load = lambda: loads.append(1)  # type: ignore[method-assign]
    runner.announce(Change.OBSERVATIONS)
    runner.announce(Change.FORMS)  # not what it shows: no redraw
    assert loads == [1]

    gone: list[bool] = []
    observations.destroyed.connect(lambda: gone.append(True))
    observations.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    assert gone == [True]
    runner.announce(Change.OBSERVATIONS)
    assert loads == [1]


def test_a_plain_owner_ends_its_subscription_too(application: Application, qtbot) -> None:
    runner = application.runner
    owner = QObject()
    heard: list[Change] = []
    runner.subscribe(owner, Change.AUDITS | Change.ACTIONS, heard.append)
    runner.announce(Change.ACTIONS | Change.MEETINGS)
    assert heard == [Change.ACTIONS | Change.MEETINGS]
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    runner.announce(Change.AUDITS)
    assert heard == [Change.ACTIONS | Change.MEETINGS]


def test_a_sync_announces_everything_so_every_list_redraws(
    application: Application, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = application.runner
    heard: list[tuple[str, Change]] = []
    subscribe = Runner.subscribe

    def listening(
        self: Runner, owner: QObject, flags: Change, slot: Callable[[Change], None]
    ) -> None:
        name = type(owner).__name__

        def counted(what: Change) -> None:
            heard.append((name, what))
            slot(what)

        subscribe(self, owner, flags, counted)

    monkeypatch.setattr(Runner, "subscribe", listening)
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    show_every_screen(window)
    listeners = {
        type(o).__name__
        for o in window.findChildren(QObject)
        if type(o).__name__.endswith(("Screen", "Tab", "Box"))
    }
    heard.clear()

    # What a sync announces, through the same helper the sync's status bar uses, without a
    # central database: the service call itself is swapped for one that brings nothing.
    sync_now = application.services.sync.sync_now
    assert changes_of(sync_now) == Change.everything()

    @writes(changes_of(sync_now))
    def brought_nothing() -> None:
        return None

    ops.write(runner, brought_nothing)
    redrawn = {name for name, what in heard if what == Change.everything()}
    subscribed_screens = {name for name in listeners if name in {n for n, _ in heard}}
    assert {"MyWorkScreen", "AuditsScreen", "ModerationScreen", "MeetingsScreen"} <= redrawn
    assert subscribed_screens == redrawn
    assert {"MonthlyCycleTab", "FormsTab", "ObservationsTab", "FamilyFeedbackTab"} <= redrawn
    assert "PublishedSettingsBox" in redrawn  # a sync may bring the QA team's settings


def test_write_announces_what_the_method_declares_and_read_announces_nothing(
    application: Application, qtbot
) -> None:
    runner = application.runner
    heard: list[object] = []
    runner.changed.connect(heard.append)

    class Service:
        @writes(Change.FEEDBACK | Change.AUDITS)
        def record(self, value: int, *, twice: bool = False) -> int:
            return value * (2 if twice else 1)

        def count(self, value: int) -> int:
            return value + 1

    service, results = Service(), []
    ops.write(runner, service.record, 4, twice=True, on_done=results.append)
    ops.read(runner, service.count, 4, on_done=results.append)
    assert results == [8, 5]
    assert heard == [Change.FEEDBACK | Change.AUDITS]

    with pytest.raises(TypeError, match="declares no change"):
        ops.write(runner, service.count, 1)
    with pytest.raises(TypeError, match="is a write"):
        ops.read(runner, service.record, 1)
    with pytest.raises(ValueError):
        writes(Change.NONE)

    failures: list[BaseException] = []

    @writes(Change.ACTIONS)
    def refused() -> None:
        raise RuntimeError("refused")

    heard.clear()
    ops.write(runner, refused, on_error=failures.append)
    assert [str(f) for f in failures] == ["refused"]
    assert heard == []  # a failed write announces nothing


def test_meeting_notes_saved_without_sign_off_redraw_the_owners_my_work(
    application: Application, qtbot
) -> None:
    """A meeting saved without signing off used to announce a stray string, so the action it
    agreed did not appear in its owner's My work until something else redrew it."""
    services = application.services
    audit_id = in_moderation(store_of(services), services.clock, Grade.INADEQUATE)
    moderator = cast(services, audit_id).moderator
    case = services.moderation.case(audit_id, moderator)
    services.moderation.moderate(
        audit_id, [Decision(a.section_id, a.auditor_grade) for a in case.areas], moderator
    )
    meeting = meeting_for(store_of(services), audit_id)
    people = cast(services, audit_id)  # the head of service holding the meeting, now due
    assert meeting is not None and people.head is not None
    window = application.show_window(people.head)
    qtbot.addWidget(window)
    my_work = window.my_work
    assert my_work.work is not None
    before = {a.id for a in my_work.work.actions}

    window.go_to(NAV_MEETINGS)
    screen = window.meetings
    screen.select_meeting(meeting.id)
    assert screen.detail is not None and screen.detail.row.id == meeting.id
    qtbot.keyClicks(screen.attendees, "Head of service, auditor")
    qtbot.mouseClick(screen.add_action, Qt.MouseButton.LeftButton)
    row = screen.action_rows[-1]
    qtbot.keyClicks(row.description, "Review the plan with the family")
    row.owner.setCurrentIndex(row.owner.findData(people.head.id))
    row.due.setDate(QDate(2026, 12, 4))
    qtbot.waitUntil(lambda: not screen.timer.isActive(), timeout=3000)  # the pause saves
    assert screen.save_mark.text() == "All changes saved"

    added = [a for a in my_work.work.actions if a.id not in before]
    assert [a.description for a in added] == ["Review the plan with the family"]


def test_back_to_the_floor_redraws_for_a_visit_scheduled_elsewhere(
    application: Application, qtbot
) -> None:
    """The Back to the Floor tab listened for nothing, so a visit brought by a sync (or planned
    in another window) did not appear until the tab was opened again."""
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.bttf
    window.programme.tabs.setCurrentWidget(tab)
    teams = application.services.directory.filter_options().teams
    assert tab.unscheduled.count() == len(teams)
    lead = next(p for p in application.services.directory.people() if p.role is Role.QA_OFFICER)

    plan = VisitPlan(teams[0].id, tab.year.value(), date(2026, 12, 3), lead.id)
    ops.write(application.runner, application.services.bttf.schedule_visit, plan, window.actor)
    assert tab.unscheduled.count() == len(teams) - 1
    assert tab.visits.texts(0)[0] == teams[0].name
