"""The main window: who you are, the navigation, one screen at a time, and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desktop import APP_NAME
from qa_desktop.domain.roles import Capability
from qa_desktop.services.audits import AuditView
from qa_desktop.services.container import Services
from qa_desktop.services.people import Actor
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.audit_viewer import AuditViewer
from qa_desktop.ui.screens.audits import AuditsScreen
from qa_desktop.ui.screens.conflicts import ConflictsDialog
from qa_desktop.ui.screens.dashboard import DashboardScreen
from qa_desktop.ui.screens.meetings import MeetingsScreen
from qa_desktop.ui.screens.moderation import ModerationScreen
from qa_desktop.ui.screens.my_work import MyWorkScreen
from qa_desktop.ui.screens.programme import ProgrammeScreen
from qa_desktop.ui.screens.settings_screen import SettingsScreen
from qa_desktop.ui.screens.sync_settings import SyncSettingsDialog
from qa_desktop.ui.screens.workspace import WorkspaceOpener
from qa_desktop.ui.settings import MAIN_SPLITTER, WINDOW_GEOMETRY, AppSettings
from qa_desktop.ui.widgets.sync_status import SyncController, SyncStatusWidget

NAV_MY_WORK, NAV_AUDITS, NAV_MODERATION, NAV_MEETINGS, NAV_PROGRAMME, NAV_REPORTS, NAV_SETTINGS = (
    range(7)
)


class MainWindow(QMainWindow):
    switch_person_requested = Signal()

    def __init__(
        self,
        services: Services,
        runner: Runner,
        actor: Actor,
        settings: AppSettings,
        today: Callable[[], date],
        log_path: Path,
    ) -> None:
        super().__init__()
        self.services = services
        self.runner = runner
        self.actor = actor
        self.settings = settings
        self.viewer: AuditViewer | None = None
        # Audits the person works on open in the workspace; others in the read-only viewer.
        self.opener = WorkspaceOpener(services, runner, actor, settings, today, self._view, self)
        self.log_path = log_path
        self.about: QWidget | None = None
        self.setWindowTitle(
            self.tr("{app} — {person}").format(app=APP_NAME, person=actor.person.name)
        )
        self.setMinimumSize(QSize(1000, 640))

        who = QLabel(
            self.tr("<b>{name}</b><br/>{role}").format(name=actor.person.name, role=actor.headline)
        )
        who.setObjectName("whoLabel")
        who.setAccessibleName(
            self.tr("Signed in as {name}, {role}").format(
                name=actor.person.name, role=actor.headline
            )
        )
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setMinimumWidth(160)
        # The navigation and the screens share a splitter whose sizes are remembered. It goes
        # into the window before the screens go into it: with a stylesheet, each move of a
        # built tree of widgets to a new parent styles the whole tree again (slow to start).
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.setCentralWidget(self.splitter)
        side_panel = QWidget()
        self.splitter.addWidget(side_panel)
        self.stack = QStackedWidget()
        self.splitter.addWidget(self.stack)

        self.my_work = MyWorkScreen(services, runner, actor)
        self.audits = AuditsScreen(services, runner, actor, today)
        self.reports = DashboardScreen(services, runner, actor, today)
        self.programme = ProgrammeScreen(services, runner, actor, today)
        self.settings_screen = SettingsScreen(actor, services.store_path, log_path)
        self.moderation = ModerationScreen(services, runner, actor)
        self.meetings = MeetingsScreen(services, runner, actor, today)
        screens: list[tuple[str, QWidget]] = [
            (self.tr("My work"), self.my_work),
            (self.tr("Audits"), self.audits),
            (self.tr("Moderation"), self.moderation),
            (self.tr("Meetings"), self.meetings),
            (self.tr("Programme"), self.programme),
            (self.tr("Reports"), self.reports),
            (self.tr("Settings"), self.settings_screen),
        ]
        for index, (label, screen) in enumerate(screens):
            item = QListWidgetItem(label)
            item.setSizeHint(QSize(200, 40))
            self.nav.addItem(item)
            self.stack.addWidget(screen)
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.go_to(i))
            self.addAction(action)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(who)
        side.addWidget(self.nav, 1)
        side_panel.setLayout(side)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(1, 1)

        self.busy = QLabel()
        self.statusBar().addWidget(
            QLabel(
                self.tr("Store: {name}").format(
                    name=services.store_path.name if services.store_path else "—"
                )
            )
        )
        self.statusBar().addWidget(self.busy)
        # issue 5: sync status, timer and "Sync now"
        self.sync = SyncController(services.sync, runner, parent=self)
        self.sync_status = SyncStatusWidget(self.sync)
        self.sync_status.conflicts_requested.connect(self.show_conflicts)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync.start()
        runner.busy_changed.connect(
            lambda busy: self.busy.setText(self.tr("Working…") if busy else "")
        )

        self._build_menu()
        self.my_work.open_requested.connect(self.open_audit)
        self.audits.open_requested.connect(self.open_audit)
        self.reports.open_requested.connect(self.open_audit)
        self.my_work.counted.connect(self._show_my_work_count)
        self.my_work.moderate_requested.connect(self._moderate)
        self.my_work.meeting_requested.connect(self._hold_meeting)
        self.settings_screen.switch_person_requested.connect(self.switch_person_requested)
        geometry = settings.get(WINDOW_GEOMETRY)
        if not (geometry and self.restoreGeometry(geometry)):
            self.resize(1280, 800)  # the first time, or the saved geometry was unreadable
        splitter_state = settings.get(MAIN_SPLITTER)
        if not (splitter_state and self.splitter.restoreState(splitter_state)):
            self.splitter.setSizes([210, max(self.width() - 210, 400)])
        self.go_to(NAV_MY_WORK)
        self.my_work.load()
        self.audits.load()
        self.moderation.load()
        self.meetings.load()

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        switch = file_menu.addAction(self.tr("S&witch person…"))
        switch.triggered.connect(self.switch_person_requested)
        if self.reports.may_import():
            historic = file_menu.addAction(self.tr("&Import historic audits…"))
            historic.triggered.connect(self.reports.import_historic)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        if self.actor.can(Capability.AUDIT):
            audit_menu = self.menuBar().addMenu(self.tr("&Audit"))
            self.new_audit_action = audit_menu.addAction(self.tr("&New audit…"))
            self.new_audit_action.setShortcut(QKeySequence.StandardKey.New)
            self.new_audit_action.triggered.connect(self.opener.new_audit)
        sync_menu = self.menuBar().addMenu(self.tr("S&ync"))
        sync_now = sync_menu.addAction(self.tr("Sync &now"))
        sync_now.setShortcut(QKeySequence(Qt.Key.Key_F5))
        sync_now.triggered.connect(self.sync.sync_now)
        sync_menu.addAction(self.tr("&Conflicts…")).triggered.connect(self.show_conflicts)
        sync_menu.addAction(self.tr("Central &server…")).triggered.connect(self.show_sync_settings)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = help_menu.addAction(self.tr("&About QA Desktop"))
        self.about_action.triggered.connect(self.show_about)

    def show_conflicts(self) -> None:  # issue 5
        dialog = ConflictsDialog(self.services.sync, self.runner, self.actor.person.id, self)
        dialog.settled.connect(self.sync.refresh)
        dialog.open()

    def show_sync_settings(self) -> None:  # issue 5
        self.runner.submit(self.services.sync.settings, self._open_sync_settings)

    def _open_sync_settings(self, current: object) -> None:
        dialog = SyncSettingsDialog(self.services.sync, self.runner, current, self)  # type: ignore[arg-type]
        dialog.saved.connect(self.sync.refresh)
        dialog.open()

    def go_to(self, index: int) -> None:
        self.nav.setCurrentRow(index)
        self.stack.widget(index).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_my_work_count(self, count: int) -> None:
        work = self.my_work.work
        counts = [(NAV_MY_WORK, self.tr("My work"), count)]
        if work is not None:
            counts += [
                (NAV_MODERATION, self.tr("Moderation"), len(work.moderation)),
                (NAV_MEETINGS, self.tr("Meetings"), len(work.meetings)),
            ]
        for index, label, number in counts:
            self.nav.item(index).setText(f"{label} ({number})" if number else label)

    def _moderate(self, audit_id: str) -> None:
        self.go_to(NAV_MODERATION)
        self.moderation.open_case(audit_id)

    def _hold_meeting(self, meeting_id: str) -> None:
        self.go_to(NAV_MEETINGS)
        self.meetings.select_meeting(meeting_id)

    def open_audit(self, audit_id: str) -> None:
        self.opener.open(audit_id)

    def _view(self, audit_id: str) -> None:
        actor = self.actor
        self.runner.submit(lambda: self.services.audits.view(audit_id, actor), self._show_audit)

    def _show_audit(self, view: AuditView) -> None:
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = AuditViewer(
            view, self, runner=self.runner, documents=self.services.documents, actor=self.actor
        )
        self.viewer.show()

    def show_about(self) -> None:
        from qa_desktop.services.about import StoreFacts, store_facts
        from qa_desktop.ui.about import AboutDialog, support_details

        store = self.services.store

        def shown(facts: StoreFacts) -> None:
            if self.about is not None:
                self.about.close()
            self.about = AboutDialog(
                support_details(facts, self.services.store_path, self.log_path), self
            )
            self.about.show()

        self.runner.submit(lambda: store_facts(store), shown)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.opener.close_all()
        self.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(MAIN_SPLITTER, bytes(self.splitter.saveState().data()))
        super().closeEvent(event)
