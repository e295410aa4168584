"""The main window: who you are, the navigation, one screen at a time, and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desktop import APP_NAME
from qa_desktop.services.audits import AuditView
from qa_desktop.services.container import Services
from qa_desktop.services.people import Actor
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.audit_viewer import AuditViewer
from qa_desktop.ui.screens.audits import AuditsScreen
from qa_desktop.ui.screens.dashboard import DashboardScreen
from qa_desktop.ui.screens.my_work import MyWorkScreen
from qa_desktop.ui.screens.planned import PlannedScreen
from qa_desktop.ui.screens.settings_screen import SettingsScreen
from qa_desktop.ui.settings import WINDOW_GEOMETRY, AppSettings

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
        self.nav.setFixedWidth(210)
        self.stack = QStackedWidget()

        self.my_work = MyWorkScreen(services, runner, actor)
        self.audits = AuditsScreen(services, runner, actor, today)
        self.reports = DashboardScreen(services, runner, actor, today)
        self.settings_screen = SettingsScreen(actor, services.store_path, log_path)
        screens: list[tuple[str, QWidget]] = [
            (self.tr("My work"), self.my_work),
            (self.tr("Audits"), self.audits),
            (
                self.tr("Moderation"),
                PlannedScreen(
                    self.tr("Moderation"),
                    self.tr("Moderators check that grading is consistent."),
                    [
                        self.tr("the queue of submitted audits selected for moderation"),
                        self.tr("agreeing or changing each grade with a reason"),
                        self.tr("the moderation panel view"),
                    ],
                ),
            ),
            (
                self.tr("Meetings"),
                PlannedScreen(
                    self.tr("Reflective meetings"),
                    self.tr(
                        "Every Inadequate audit leads to a reflective meeting within 5 working days."
                    ),
                    [
                        self.tr("meetings due and held, with attendees, barriers and actions"),
                        self.tr("re-audits due six weeks after each meeting"),
                    ],
                ),
            ),
            (
                self.tr("Programme"),
                PlannedScreen(
                    self.tr("Audit programme"),
                    self.tr("The QA team plans what gets audited."),
                    [
                        self.tr("the monthly cycle: case list import, sampling and assignment"),
                        self.tr("thematic audits, dip samples and Back to the Floor visits"),
                    ],
                ),
            ),
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
        side.addWidget(who)
        side.addWidget(self.nav, 1)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addWidget(self.stack, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)

        self.busy = QLabel()
        self.statusBar().addWidget(
            QLabel(
                self.tr("Store: {name}").format(
                    name=services.store_path.name if services.store_path else "—"
                )
            )
        )
        self.statusBar().addWidget(self.busy)
        self.statusBar().addPermanentWidget(QLabel(self.tr("Working offline (sync is not set up)")))
        runner.busy_changed.connect(
            lambda busy: self.busy.setText(self.tr("Working…") if busy else "")
        )

        self._build_menu()
        self.my_work.open_requested.connect(self.open_audit)
        self.audits.open_requested.connect(self.open_audit)
        self.reports.open_requested.connect(self.open_audit)
        self.my_work.counted.connect(self._show_my_work_count)
        self.settings_screen.switch_person_requested.connect(self.switch_person_requested)
        geometry = settings.get(WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self.go_to(NAV_MY_WORK)
        self.my_work.load()
        self.audits.load()

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

    def go_to(self, index: int) -> None:
        self.nav.setCurrentRow(index)
        self.stack.widget(index).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_my_work_count(self, count: int) -> None:
        label = self.tr("My work")
        self.nav.item(NAV_MY_WORK).setText(f"{label} ({count})" if count else label)

    def open_audit(self, audit_id: str) -> None:
        actor = self.actor
        self.runner.submit(lambda: self.services.audits.view(audit_id, actor), self._show_audit)

    def _show_audit(self, view: AuditView) -> None:
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = AuditViewer(
            view, self, runner=self.runner, documents=self.services.documents, actor=self.actor
        )
        self.viewer.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        super().closeEvent(event)
