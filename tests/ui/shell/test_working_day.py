"""A working day replayed through the window: switch person three times, open an audit from
each list by Enter and by double-click (one window each), edit, close; nothing in the log at
ERROR, no screen of an earlier person left alive or listening."""

from __future__ import annotations

import logging

from PySide6.QtCore import SIGNAL, QEvent, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from shiboken6 import isValid

from qa_desktop.app import Application
from qa_desktop.domain.roles import Role
from qa_desktop.services.changes import Change
from qa_desktop.services.my_work import WorkKind
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.audit_viewer import AuditViewer
from qa_desktop.ui.screens.workspace import WorkspaceWindow
from qa_desktop.ui.shell.main_window import NAV_AUDITS, NAV_MY_WORK, MainWindow
from tests.services.audit.workspace_helpers import an_assignment
from tests.store_access import store_of

EVERYTHING = Change.AUDITS | Change.MODERATION | Change.MEETINGS | Change.ACTIONS


def _audit_windows() -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and isinstance(w, WorkspaceWindow | AuditViewer)
    ]


def _listeners(application: Application) -> int:
    return application.runner.receivers(SIGNAL("changed(PyObject)"))


def _gone_deleted() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _double_click(qtbot, table: QTableView, row: int) -> None:
    table.selectRow(row)
    index = table.model().index(row, 0)
    centre = table.visualRect(index).center()
    # As a real double-click arrives: a click, then the double-click event.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def _enter(qtbot, table: QTableView, row: int) -> None:
    table.setFocus()
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_Return)


def _switch_to(application: Application, actor: Actor) -> MainWindow:
    application.choose_person = lambda parent=None, ask=False: actor  # type: ignore[method-assign]
    old = application.window
    assert old is not None
    old.switch_action.trigger()
    window = application.window
    assert window is not None and window is not old and window.actor == actor
    return window


def _open_twice_each_way(qtbot, window: MainWindow) -> None:
    """Each list, by Enter and by double-click: one window for the audit, raised again."""
    tabs = window.my_work.tables
    work = window.my_work.work
    assert work is not None
    for kind, items in ((WorkKind.AUDIT, work.audits), (WorkKind.REAUDIT, work.reaudits)):
        if items:
            table = tabs[kind]
            window.my_work.tabs.setCurrentWidget(table)
            _enter(qtbot, table, 0)
            assert len(_audit_windows()) == 1
            _double_click(qtbot, table, 0)
            _enter(qtbot, table, 0)
            assert len(_audit_windows()) == 1
            break
    window.go_to(NAV_AUDITS)
    audits = window.audits
    before = len(_audit_windows())
    _double_click(qtbot, audits.table, 3)
    assert len(_audit_windows()) in (before, before + 1)  # its own, or the one above raised
    opened = len(_audit_windows())
    _double_click(qtbot, audits.table, 3)
    _enter(qtbot, audits.table, 3)
    assert len(_audit_windows()) == opened


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_a_day_of_switching_person_and_opening_audits(application: Application, qtbot) -> None:
    errors = _Errors()
    logging.getLogger().addHandler(errors)
    try:
        _replay_the_day(application, qtbot)
    finally:
        logging.getLogger().removeHandler(errors)
    assert errors.messages == []
    assert application.errors.last_message is None


def _replay_the_day(application: Application, qtbot) -> None:
    a = an_assignment(store_of(application.services))
    head = next(
        p for p in application.services.directory.people() if p.role is Role.HEAD_OF_SERVICE
    )
    day = [
        a.practitioner,
        application.services.directory.actor(head.id),
        a.auditor,
    ]
    window = application.show_window(a.auditor)
    one_window = _listeners(application)
    earlier: list[MainWindow] = []
    for actor in day:
        earlier.append(window)
        window = _switch_to(application, actor)  # (the fixture closes the last window)
        window.go_to(NAV_MY_WORK)
        _open_twice_each_way(qtbot, window)
        for open_window in _audit_windows():
            open_window.close()
        _gone_deleted()
        assert not any(isValid(w) for w in earlier), "a window of an earlier person is alive"
        window.runner.announce(EVERYTHING)  # every screen of this person reads again

    # The auditor edits their audit, closes it; the lists follow.
    window.go_to(NAV_MY_WORK)
    table = window.my_work.tables[WorkKind.AUDIT]
    row = next(
        r
        for r, item in enumerate(window.my_work.models[WorkKind.AUDIT].rows())
        if item.audit_id == a.audit_id
    )
    _enter(qtbot, table, row)
    workspace = window.opener.workspaces[a.audit_id]
    evidence = workspace.areas[0].rows[0].evidence
    evidence.setFocus()
    qtbot.keyClicks(evidence, "Home visit with the practitioner")
    workspace.close()
    assert a.audit_id not in window.opener.workspaces

    # Every screen built: still only this window's screens listen.
    for index in range(window.nav.count()):
        window.go_to(index)
    window.runner.announce(EVERYTHING)
    assert _listeners(application) >= one_window
    listening = _listeners(application)
    window = _switch_to(application, a.auditor)
    _gone_deleted()
    assert _listeners(application) < listening  # the screens of the window before have gone

    window.close()


def test_enter_and_a_double_click_open_once(application: Application, qtbot) -> None:
    """The screens hear ``activated`` alone: a double-click is one request, not two."""
    a = an_assignment(store_of(application.services))
    window = application.show_window(a.auditor)
    qtbot.addWidget(window)
    window.go_to(NAV_AUDITS)
    asked: list[str] = []
    window.audits.open_requested.connect(asked.append)
    _double_click(qtbot, window.audits.table, 0)
    assert len(asked) == 1
    _enter(qtbot, window.audits.table, 0)
    assert len(asked) == 2 and asked[0] == asked[1]

    window.go_to(NAV_MY_WORK)
    table = window.my_work.tables[WorkKind.AUDIT]
    window.my_work.tabs.setCurrentWidget(table)
    mine: list[str] = []
    window.my_work.open_requested.connect(mine.append)
    _double_click(qtbot, table, 0)
    assert len(mine) == 1


def test_an_audit_still_loading_is_not_asked_for_again(application: Application, qtbot) -> None:
    """The load of an audit is on its way: asking again makes no second window."""
    a = an_assignment(store_of(application.services))
    window = application.show_window(a.auditor)
    qtbot.addWidget(window)
    opener = window.opener
    loads: list[str] = []
    service = application.services.workspace
    real_load = service.load

    def counted(audit_id: str, actor: Actor):  # type: ignore[no-untyped-def]
        loads.append(audit_id)
        return real_load(audit_id, actor)

    opener.loading.add(a.audit_id)  # as while the first load runs in the background
    service.load = counted  # type: ignore[method-assign]
    try:
        opener.open(a.audit_id)
        assert loads == [] and a.audit_id not in opener.workspaces
        opener.loading.clear()
        opener.open(a.audit_id)
        opener.open(a.audit_id)
    finally:
        service.load = real_load  # type: ignore[method-assign]
    assert loads == [a.audit_id]
    assert len([w for w in _audit_windows() if isinstance(w, WorkspaceWindow)]) == 1
    opener.workspaces[a.audit_id].close()


def test_a_result_for_a_screen_that_has_gone_is_dropped(qtbot) -> None:
    """A job finishes after its screen was deleted (the person switched): nothing is called
    on the dead screen, and nothing reaches the error path."""
    shown: list[object] = []
    failures: list[BaseException] = []

    class Screen(QWidget):
        def show_rows(self, rows: object) -> None:
            shown.append(rows)

    runner = Runner(failures.append)  # a real background thread
    screen, alive = Screen(), Screen()
    runner.submit(lambda: [1, 2], screen.show_rows)
    runner.submit(lambda: [3], lambda rows: alive.show_rows(rows))
    screen.deleteLater()
    _gone_deleted()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    assert shown == [[3]] and failures == []
    alive.deleteLater()


def test_closing_the_window_ends_the_program_but_a_switch_does_not(
    application: Application, qtbot
) -> None:
    exits: list[int] = []
    application.quit = exits.append  # type: ignore[method-assign]
    application.quit_on_close = True  # as run_app sets it
    a = an_assignment(store_of(application.services))
    application.show_window(a.auditor)
    _switch_to(application, a.practitioner)  # the earlier window closes: nothing ends
    assert exits == []
    window = application.window
    assert window is not None
    window.close()
    assert exits == [0]


def test_an_unexpected_error_goes_to_the_log_not_the_terminal(
    application: Application, capsys, monkeypatch
) -> None:
    import sys

    logged = _Errors()
    logging.getLogger().addHandler(logged)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    try:
        application.catch_unexpected()
        try:
            raise LookupError("a slot that raised")
        except LookupError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        logging.getLogger().removeHandler(logged)
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "LookupError" not in out.err
    assert logged.messages == ["unexpected error"]
    assert application.errors.last_message is not None
    assert "did not expect" in application.errors.last_message
