"""The main window: who you are, the navigation, one screen at a time, and the status bar.

The window is built in steps so that it is on screen, and then usable, at once.
``MainWindow(...)`` builds the frame (navigation, menus, status bar, "Opening your store…")
with nothing but Qt; :meth:`MainWindow.attach_quick` shows the person and My work from the
quick start's rows (no services yet: the navigation works, other screens say "Opening your
store…", and what the person opens waits for the services); :meth:`MainWindow.attach` then
adds the services and the screens, and carries out what was asked for meanwhile.
Each screen is built the first time it is shown (or asked for), so a start pays only for
My work. Screen modules are imported in :meth:`attach` and later, never at the top of this
module: importing them pulls in the services and the store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desktop import APP_NAME
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel, announce
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.settings import (
    MAIN_SPLITTER,
    WINDOW_GEOMETRY,
    AppSettings,
    Setting,
    window_geometry_on,
)
from qa_desktop.ui.widgets.fit import FRAME

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QResizeEvent, QScreen

    from qa_desktop.domain.my_work import MyWork
    from qa_desktop.domain.personal_settings import PersonalSettings
    from qa_desktop.services.audit.listing import AuditView
    from qa_desktop.services.board_papers import TeamChoice
    from qa_desktop.services.container import Services
    from qa_desktop.services.setup.people import Actor
    from qa_desktop.services.sync import SyncSettings
    from qa_desktop.ui.screens.audit_viewer import AuditViewer
    from qa_desktop.ui.screens.audits import AuditsScreen
    from qa_desktop.ui.screens.followup.meetings import MeetingsScreen
    from qa_desktop.ui.screens.followup.moderation import ModerationScreen
    from qa_desktop.ui.screens.my_work import MyWorkScreen
    from qa_desktop.ui.screens.programme import ProgrammeScreen
    from qa_desktop.ui.screens.reporting.board_papers import BoardPapersDialog
    from qa_desktop.ui.screens.reporting.dashboard import DashboardScreen
    from qa_desktop.ui.screens.settings import SettingsScreen
    from qa_desktop.ui.screens.sync.status import SyncController, SyncStatusWidget
    from qa_desktop.ui.screens.workspace import WorkspaceOpener

NAV_MY_WORK, NAV_AUDITS, NAV_MODERATION, NAV_MEETINGS, NAV_PROGRAMME, NAV_REPORTS, NAV_SETTINGS = (
    range(7)
)
LOADED_WHEN_BUILT = frozenset({NAV_MY_WORK, NAV_AUDITS, NAV_MODERATION, NAV_MEETINGS})


class _Loads(Protocol):
    def load(self) -> None: ...


class NavigationList(QListWidget):
    """The navigation on the left. Its entries are as wide as the list (a long entry is
    elided, never a horizontal scroll bar) and as tall as fits them all, between a line of text
    and 40 pixels; only when even that does not fit (200% on a small laptop) does it scroll
    vertically."""

    TALLEST = 40

    def addItem(self, item: QListWidgetItem) -> None:  # type: ignore[override]
        super().addItem(item)
        self._fit_items()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_items()

    def item_height(self) -> int:
        """The height every entry gets at the list's present size."""
        count = self.count()
        least = self.fontMetrics().height() + 8
        if not count:
            return self.TALLEST
        room = self.viewport().height() - 2 * self.spacing() * count
        return max(least, min(self.TALLEST, room // count))

    def _fit_items(self) -> None:
        # Width 1: the list gives each entry its own width, so nothing is wider than it.
        hint = QSize(1, self.item_height())
        for row in range(self.count()):
            entry = self.item(row)
            if entry.sizeHint() != hint:
                entry.setSizeHint(hint)


class MainWindow(QMainWindow):
    switch_person_requested = Signal()
    # The person closed the window (not replaced by Switch person): the program ends.
    closed = Signal()
    # The store is open and the person known: the screens can be shown.
    ready = Signal()
    # My work is filled and the navigation works (before ``ready`` after a quick start).
    usable = Signal()
    _sync_said: str  # the sync status last told to assistive technology

    def __init__(
        self,
        runner: Runner,
        settings: AppSettings,
        today: Callable[[], date],
        log_path: Path,
        store_path: Path | None,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.settings = settings
        self.today = today
        self.log_path = log_path
        self.store_path = store_path
        self.viewer: AuditViewer | None = None
        self.about: QWidget | None = None
        self.help_window: QWidget | None = None
        self.papers_dialog: BoardPapersDialog | None = None
        self._services: Services | None = None
        self._actor: Actor | None = None
        self._screens: dict[int, QWidget] = {}  # by navigation index, once built
        self._opener: WorkspaceOpener | None = None
        self._waiting: list[Callable[[], None]] = []  # asked for before the services came
        # Asks whether to close with meeting notes the store refused (reason) -> close?
        self.close_anyway: Callable[[str], bool] = self._ask_close_anyway
        self.checked_before_close = False  # may_close() said yes (Switch person)
        self.setWindowTitle(APP_NAME)
        # Small enough for a 1366x768 laptop at 200% (683x384 of room); the screens scroll.
        self.setMinimumSize(QSize(560, 360))

        # Two lines, as once the person is known, so that nothing moves when they appear.
        self.who = QLabel(self.tr("<b>{app}</b><br/>Opening your store…").format(app=APP_NAME))
        self.who.setObjectName("whoLabel")
        self.nav = NavigationList()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setMinimumWidth(160)
        self.nav.setEnabled(False)  # until the store is open
        # The navigation and the screens share a splitter whose sizes are remembered. It goes
        # into the window before the screens go into it: with a stylesheet, each move of a
        # built tree of widgets to a new parent styles the whole tree again (slow to start).
        self.splitter = QSplitter()  # horizontal (Qt's enums are left out of the first frame)
        self.splitter.setObjectName("mainSplitter")
        self.setCentralWidget(self.splitter)
        side_panel = QWidget()
        self.splitter.addWidget(side_panel)
        self.stack = QStackedWidget()
        self.splitter.addWidget(self.stack)
        # A stand-in per navigation entry, replaced by its screen when that is built.
        for label in self.screen_labels():
            self.nav.addItem(QListWidgetItem(label))
            stand_in = QLabel(self.tr("Opening your store…"))
            stand_in.setObjectName("openingLabel")
            self.stack.addWidget(stand_in)
        self.opening = self.stack.widget(NAV_MY_WORK)
        self.nav.currentRowChanged.connect(self._show_screen)

        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.who)
        side.addWidget(self.nav, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(1, 1)

        self.busy = StatusLabel()
        self.busy.setAccessibleName(self.tr("Background work"))
        store_name = store_path.name if store_path else "—"
        self.statusBar().addWidget(QLabel(self.tr("Store: {name}").format(name=store_name)))
        self.statusBar().addWidget(self.busy)
        # A method, not a lambda: the connection ends with this window, so a window of an
        # earlier person (Switch person) is never called after it has gone.
        runner.busy_changed.connect(self._show_busy)
        self._build_menu()
        self._restore_geometry()
        splitter_state = settings.get(MAIN_SPLITTER)
        if not (splitter_state and self.splitter.restoreState(splitter_state)):
            self.splitter.setSizes([210, max(self.width() - 210, 400)])
        self.nav.setCurrentRow(NAV_MY_WORK)

    def _display(self) -> QScreen | None:
        """The display the window is on (``screen()`` here is a navigation screen)."""
        return QMainWindow.screen(self)

    def _screen_setting(self) -> Setting[bytes] | None:
        screen = self._display()
        if screen is None:
            return None
        size = screen.size()
        return window_geometry_on(screen.name(), size.width(), size.height())

    def _restore_geometry(self) -> None:
        """As the window was left on this screen; else as it was last left anywhere; the
        first time 1280x800; and always fitted inside the screen's available geometry (the
        task bar left clear), so that the status bar is never off the screen."""
        per_screen = self._screen_setting()
        for setting in (per_screen, WINDOW_GEOMETRY):
            saved = self.settings.get(setting) if setting is not None else b""
            if saved and self.restoreGeometry(saved):
                break
        else:
            self.resize(1280, 800)  # the first time, or the saved geometry was unreadable
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        screen = self._display()
        if screen is None:
            return
        room = screen.availableGeometry()
        # The title bar and borders are not yet known before the first show: leave room.
        frame_w, frame_h = FRAME.width(), FRAME.height()
        width = min(self.width(), room.width() - frame_w)
        height = min(self.height(), room.height() - frame_h)
        self.setMinimumSize(self.minimumSize().boundedTo(QSize(width, height)))
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), room.left()), room.right() - width - frame_w + 1)
        y = min(max(self.y(), room.top()), room.bottom() - height - frame_h + 1)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def _show_busy(self, busy: bool) -> None:
        self.busy.setText(self.tr("Working…") if busy else "")

    def _announce_sync(self, _status: object) -> None:
        """The sync status, told to assistive technology when its words change (after the
        status widget has shown it: it heard the signal first)."""
        text = self.sync_status.label.text()
        if text != self._sync_said:
            self._sync_said = text
            announce(self.sync_status.label, text)

    def screen_labels(self) -> list[str]:
        return [
            self.tr("My work"),
            self.tr("Audits"),
            self.tr("Moderation"),
            self.tr("Meetings"),
            self.tr("Programme"),
            self.tr("Reports"),
            self.tr("Settings"),
        ]

    def _build_menu(self) -> None:
        file_menu = self._file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.switch_action = file_menu.addAction(self.tr("S&witch person…"))
        self.switch_action.triggered.connect(self.switch_person_requested)
        self.switch_action.setEnabled(False)
        self._file_separator = file_menu.addSeparator()
        self.quit_action = file_menu.addAction(self.tr("&Quit"))
        self.quit_action.triggered.connect(self.close)
        self._help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = self._help_menu.addAction(self.tr("&Keyboard shortcuts"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.guide_action = self._help_menu.addAction(self.tr("&Guide for your role"))
        self.guide_action.triggered.connect(self.show_guide)
        self.whats_new_action = self._help_menu.addAction(self.tr("&What's new"))
        self.whats_new_action.triggered.connect(self.show_whats_new)
        self._help_menu.addSeparator()
        self.about_action = self._help_menu.addAction(self.tr("&About QA Desktop"))
        self.about_action.triggered.connect(self.show_about)
        self.about_action.setEnabled(False)

    # --- once the store is open ---

    @property
    def services(self) -> Services:
        assert self._services is not None, "the window has no store yet"
        return self._services

    @property
    def actor(self) -> Actor:
        assert self._actor is not None, "the window has no person yet"
        return self._actor

    @property
    def is_ready(self) -> bool:
        """The services are here: every screen can be shown."""
        return self._services is not None and self._actor is not None

    @property
    def is_usable(self) -> bool:
        """My work is shown and the navigation works (the services may be on their way)."""
        return self._actor is not None

    def attach_quick(self, actor: Actor, work: MyWork) -> None:
        """The quick start read the person and My work: show them and let the navigation
        work; the rest waits for :meth:`attach`."""
        self._actor = actor
        self._show_person(actor)
        self.nav_screen(NAV_MY_WORK)
        self.my_work.show_work(work)
        self.nav.setEnabled(True)
        self.statusBar().showMessage(self.tr("Opening the other screens…"))
        self.usable.emit()

    def _show_person(self, actor: Actor) -> None:
        self.setWindowTitle(
            self.tr("{app} — {person}").format(app=APP_NAME, person=actor.person.name)
        )
        self.who.setText(
            self.tr("<b>{name}</b><br/>{role}").format(name=actor.person.name, role=actor.headline)
        )
        self.who.setAccessibleName(
            self.tr("Signed in as {name}, {role}").format(
                name=actor.person.name, role=actor.headline
            )
        )

    def attach(self, services: Services, actor: Actor) -> None:
        """The store is open and the person chosen: show who they are and their screens."""
        from qa_desktop.domain.roles import Capability
        from qa_desktop.ui.screens.sync.status import SyncController, SyncStatusWidget

        quick = self._screens.get(NAV_MY_WORK)
        if quick is not None and self._actor is not None and self._actor.id != actor.id:
            self._drop_screen(NAV_MY_WORK)  # a quick start for someone else: not theirs
            quick = None
        self._services, self._actor = services, actor
        self._show_person(actor)
        self._add_person_menus(
            actor.can(Capability.AUDIT),
            actor.can(Capability.MANAGE_PROGRAMME),
            actor.can(Capability.REPORT),
        )
        self._add_shortcuts()
        # Sync status, timer and "Sync now"
        self.sync: SyncController = SyncController(
            services.sync,
            self.runner,
            interval_ms=self.settings.personal().sync_interval_ms,
            parent=self,
        )
        self.sync_status: SyncStatusWidget = SyncStatusWidget(self.sync)
        self.sync_status.conflicts_requested.connect(self.show_conflicts)
        self.sync_status.refused_requested.connect(self.show_refused)
        self.statusBar().addPermanentWidget(self.sync_status)
        self._sync_said = ""
        self.sync.status_changed.connect(self._announce_sync)
        self.sync.start()
        self.nav.setEnabled(True)
        may_switch = services.directory.ownership().may_switch_person  # the demo county only
        self.switch_action.setVisible(may_switch)
        self.switch_action.setEnabled(may_switch)
        self.about_action.setEnabled(True)
        if quick is not None:
            self.my_work.set_services(services)  # read again, now from the services
        self.go_to(self.nav.currentRow())
        if quick is None and self.nav.currentRow() != NAV_MY_WORK:
            self.my_work.load()  # its counts go in the navigation
        waiting, self._waiting = self._waiting, []
        for asked in waiting:
            asked()
        self.statusBar().clearMessage()
        self.ready.emit()

    def _drop_screen(self, index: int) -> None:
        built = self._screens.pop(index)
        stand_in = QLabel(self.tr("Opening your store…"))
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, stand_in)
        self.stack.removeWidget(built)
        built.deleteLater()
        self.stack.setCurrentIndex(current)

    def when_ready(self, asked: Callable[[], None]) -> None:
        """Do ``asked`` now if the services are here, else as soon as they are (an audit
        opened from My work in the first moment of a start waits, it is not lost)."""
        if self.is_ready:
            asked()
            return
        self._waiting.append(asked)
        self.statusBar().showMessage(
            self.tr("Opening your store… What you asked for opens as soon as it is open.")
        )

    def _import_historic(self) -> None:
        self.go_to(NAV_PROGRAMME)
        self.programme.import_historic()

    def _add_person_menus(self, may_audit: bool, may_import: bool, may_report: bool) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        if may_import:
            historic = QAction(self.tr("&Import historic audits…"), self)
            historic.triggered.connect(self._import_historic)
            self._file_menu.insertAction(self._file_separator, historic)
        help_menu = self._help_menu.menuAction()
        if may_audit:
            audit_menu = QMenu(self.tr("&Audit"), self)
            self.menuBar().insertMenu(help_menu, audit_menu)
            self.new_audit_action = audit_menu.addAction(self.tr("&New audit…"))
            self.new_audit_action.setShortcut(QKeySequence.StandardKey.New)
            self.new_audit_action.triggered.connect(lambda: self.opener.new_audit())
        if may_report:
            reports_menu = QMenu(self.tr("&Reports"), self)
            self.menuBar().insertMenu(help_menu, reports_menu)
            self.board_papers_action = reports_menu.addAction(self.tr("&Board papers…"))
            self.board_papers_action.triggered.connect(self.show_board_papers)
        sync_menu = QMenu(self.tr("S&ync"), self)
        self.menuBar().insertMenu(help_menu, sync_menu)
        sync_now = sync_menu.addAction(self.tr("Sync &now"))
        sync_now.setShortcut(QKeySequence("F5"))
        sync_now.triggered.connect(lambda: self.sync.sync_now())
        sync_menu.addAction(self.tr("&Conflicts…")).triggered.connect(self.show_conflicts)
        sync_menu.addAction(self.tr("&Refused by the central database…")).triggered.connect(
            self.show_refused
        )
        sync_menu.addAction(self.tr("Central &server…")).triggered.connect(self.show_sync_settings)

    def _add_shortcuts(self) -> None:
        """Ctrl+1… for the screens, and Quit. Added with the screens: setting the first
        shortcut makes PySide6 build its key enums, a cost kept out of the first frame."""
        from PySide6.QtGui import QAction, QKeySequence

        # Ctrl+Q everywhere: some platforms (Windows, a bare X session) bind no Quit key.
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        if QKeySequence("Ctrl+Q") not in quit_keys:
            quit_keys.append(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcuts(quit_keys)
        labels = self.screen_labels()
        for index in range(self.nav.count()):
            # Named, so that Help > Keyboard shortcuts can say what it does.
            action = QAction(self.tr("Go to {screen}").format(screen=labels[index]), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.go_to(i))
            self.addAction(action)

    # --- the screens, each built when first needed ---

    def nav_screen(self, index: int) -> QWidget:
        """The screen behind a navigation entry, built (and its data asked for) on first use."""
        built = self._screens.get(index)
        if built is None:
            built = self._screens[index] = self._build_screen(index)
            stand_in, current = self.stack.widget(index), self.stack.currentIndex()
            self.stack.insertWidget(index, built)
            if stand_in is not None:
                self.stack.removeWidget(stand_in)
                stand_in.deleteLater()
            self.stack.setCurrentIndex(current)
            if index in LOADED_WHEN_BUILT:  # the others load when they are shown
                cast(_Loads, built).load()  # each screen in LOADED_WHEN_BUILT has load()
        return built

    def _build_screen(self, index: int) -> QWidget:
        if index == NAV_MY_WORK:  # the one screen a quick start builds without services
            from qa_desktop.ui.screens.my_work import MyWorkScreen

            my_work = MyWorkScreen(self._services, self.runner, self.actor)
            my_work.open_requested.connect(self.open_audit)
            my_work.counted.connect(self._show_my_work_count)
            my_work.moderate_requested.connect(self._moderate)
            my_work.meeting_requested.connect(self._hold_meeting)
            my_work.programme_requested.connect(self._open_programme_item)
            return my_work
        services, runner, actor, today = self.services, self.runner, self.actor, self.today
        if index == NAV_AUDITS:
            from qa_desktop.ui.screens.audits import AuditsScreen

            audits = AuditsScreen(services, runner, actor, today)
            audits.open_requested.connect(self.open_audit)
            return audits
        if index == NAV_MODERATION:
            from qa_desktop.ui.screens.followup.moderation import ModerationScreen

            moderation = ModerationScreen(services, runner, actor)
            return moderation
        if index == NAV_MEETINGS:
            from qa_desktop.ui.screens.followup.meetings import MeetingsScreen

            meetings = MeetingsScreen(services, runner, actor, today)
            return meetings
        if index == NAV_PROGRAMME:
            from qa_desktop.ui.screens.programme import ProgrammeScreen

            return ProgrammeScreen(services, runner, actor, today)
        if index == NAV_REPORTS:
            from qa_desktop.ui.screens.reporting.dashboard import DashboardScreen

            reports = DashboardScreen(services, runner, actor, today)
            reports.open_requested.connect(self.open_audit)
            return reports
        from qa_desktop.ui.screens.settings import SettingsScreen

        settings_screen = SettingsScreen(
            services,
            runner,
            actor,
            self.settings,
            self.log_path,
            may_switch_person=self.switch_action.isEnabled(),
        )
        settings_screen.switch_person_requested.connect(self.switch_person_requested)
        settings_screen.personal_changed.connect(self.apply_personal)
        return settings_screen

    def apply_personal(self, personal: PersonalSettings) -> None:
        """The person changed their own settings: the timed sync and the text size follow at
        once (the presentation layout is read as each audit opens)."""
        from PySide6.QtWidgets import QApplication

        from qa_desktop.ui.text_size import apply_text_size

        self.sync.set_base_interval(personal.sync_interval_ms)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_text_size(app, personal.text_size)

    # Each screen's module is imported when it is first built (a quicker start), so its type
    # is named here only for the checker: a cast, not an isinstance().
    @property
    def my_work(self) -> MyWorkScreen:
        return cast("MyWorkScreen", self.nav_screen(NAV_MY_WORK))

    @property
    def audits(self) -> AuditsScreen:
        return cast("AuditsScreen", self.nav_screen(NAV_AUDITS))

    @property
    def moderation(self) -> ModerationScreen:
        return cast("ModerationScreen", self.nav_screen(NAV_MODERATION))

    @property
    def meetings(self) -> MeetingsScreen:
        return cast("MeetingsScreen", self.nav_screen(NAV_MEETINGS))

    @property
    def programme(self) -> ProgrammeScreen:
        return cast("ProgrammeScreen", self.nav_screen(NAV_PROGRAMME))

    @property
    def reports(self) -> DashboardScreen:
        return cast("DashboardScreen", self.nav_screen(NAV_REPORTS))

    @property
    def settings_screen(self) -> SettingsScreen:
        return cast("SettingsScreen", self.nav_screen(NAV_SETTINGS))

    def _show_screen(self, index: int) -> None:
        if index < 0:
            return
        if self.is_ready or (index == NAV_MY_WORK and self.is_usable):
            self.nav_screen(index)
        self.stack.setCurrentIndex(index)  # before the services: its "Opening your store…"

    def go_to(self, index: int) -> None:
        if not self.is_usable:
            return
        self.nav.setCurrentRow(index)
        if not self.is_ready:  # the screen's stand-in shows meanwhile
            return
        from PySide6.QtCore import Qt

        self.nav_screen(index).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_my_work_count(self, count: int) -> None:
        work = self.my_work.work
        labels = self.screen_labels()
        counts = [(NAV_MY_WORK, count)]
        if work is not None:
            counts += [(NAV_MODERATION, len(work.moderation)), (NAV_MEETINGS, len(work.meetings))]
        for index, number in counts:
            label = labels[index]
            self.nav.item(index).setText(f"{label} ({number})" if number else label)

    def _moderate(self, audit_id: str) -> None:
        self.go_to(NAV_MODERATION)
        self.when_ready(lambda: self.moderation.open_case(audit_id))

    def _hold_meeting(self, meeting_id: str) -> None:
        self.go_to(NAV_MEETINGS)
        self.when_ready(lambda: self.meetings.select_meeting(meeting_id))

    def _open_programme_item(self, kind: str, item_id: str) -> None:
        """A learning review or a thematic audit from My work, on its Programme tab."""
        self.go_to(NAV_PROGRAMME)
        self.when_ready(lambda: self.programme.show_item(kind, item_id))

    # --- windows and dialogs ---

    def show_conflicts(self) -> None:
        from qa_desktop.ui.screens.sync.conflicts import ConflictsDialog

        dialog = ConflictsDialog(self.services.sync, self.runner, self.actor.person.id, self)
        dialog.settled.connect(self.sync.refresh)
        dialog.open()

    def show_refused(self) -> None:
        from qa_desktop.ui.screens.sync.refused import RefusedDialog

        dialog = RefusedDialog(self.services.sync, self.runner, self)
        dialog.discarded.connect(self.sync.refresh)
        dialog.open()

    def show_board_papers(self) -> None:
        """Reports > Board papers: the teams are read first (the weekly report's choice)."""
        ops.read(self.runner, self.services.board_papers.teams, on_done=self._open_board_papers)

    def _open_board_papers(self, teams: tuple[TeamChoice, ...]) -> None:
        from qa_desktop.ui.screens.reporting.board_papers import BoardPapersDialog

        if self.papers_dialog is not None:
            self.papers_dialog.close()
        self.papers_dialog = BoardPapersDialog(
            self.services.board_papers, self.runner, self.actor, teams, self.today(), self
        )
        self.papers_dialog.open()

    def show_sync_settings(self) -> None:
        ops.read(self.runner, self.services.sync.settings, on_done=self._open_sync_settings)

    def _open_sync_settings(self, current: SyncSettings | None) -> None:
        from qa_desktop.ui.screens.sync.central_server import SyncSettingsDialog

        dialog = SyncSettingsDialog(self.services.sync, self.runner, current, self)
        dialog.saved.connect(self.sync.refresh)
        dialog.open()

    @property
    def opener(self) -> WorkspaceOpener:
        """Audits the person works on open in the workspace; others in the read-only viewer.
        Made when first needed: the workspace's modules are the largest of the screens."""
        if self._opener is None:
            from qa_desktop.ui.screens.workspace import WorkspaceOpener

            self._opener = WorkspaceOpener(
                self.services, self.runner, self.actor, self.settings, self.today, self._view, self
            )
            self._opener.go_live(self.sync)  # live side by side with the other laptops
        return self._opener

    def open_audit(self, audit_id: str) -> None:
        self.when_ready(lambda: self.opener.open(audit_id))

    def _view(self, audit_id: str) -> None:
        actor, audits = self.actor, self.services.audits
        ops.read(self.runner, audits.view, audit_id, actor, on_done=self._show_audit)

    def _show_audit(self, view: AuditView) -> None:
        from qa_desktop.ui.screens.audit_viewer import AuditViewer

        if self.viewer is not None:
            if self.viewer.isVisible() and self.viewer.view.record.row.id == view.record.row.id:
                self.viewer.raise_()  # one window per record: this one is already open
                self.viewer.activateWindow()
                return
            self.viewer.close()
        self.viewer = AuditViewer(
            view, self, runner=self.runner, documents=self.services.documents, actor=self.actor
        )
        self.viewer.show()

    def show_shortcuts(self) -> None:
        from qa_desktop.ui.shell.help import ShortcutsDialog

        self._show_help(ShortcutsDialog(self))

    def show_guide(self) -> None:
        from qa_desktop.ui.shell.help import GuideWindow
        from qa_desktop.ui.shell.help_content import guide_for

        person = self._actor.person if self._actor is not None else None
        role_guide = (
            guide_for(person.role, is_auditor=person.is_auditor, is_moderator=person.is_moderator)
            if person is not None
            else "auditor"
        )
        self._show_help(GuideWindow(role_guide, self))

    def show_whats_new(self) -> None:
        from qa_desktop.ui.shell.help import WhatsNewWindow

        self._show_help(WhatsNewWindow(self))

    def _show_help(self, window: QWidget) -> None:
        """One help window at a time, fitted to the screen, left open beside the work."""
        if self.help_window is not None:
            self.help_window.close()
        self.help_window = window
        window.show()

    def show_about(self) -> None:
        from qa_desktop.services.setup.about import StoreFacts
        from qa_desktop.ui.shell.about import AboutDialog, support_details

        services = self.services

        def shown(facts: StoreFacts) -> None:
            if self.about is not None:
                self.about.close()
            self.about = AboutDialog(
                support_details(facts, self.services.store_path, self.log_path), self
            )
            self.about.show()

        self.runner.submit(services.store_facts, shown)

    def may_close(self) -> bool:
        """Save what is typed everywhere; False when the person chose to keep editing notes
        that cannot be saved yet (nothing is lost on quit without their say)."""
        from qa_desktop.ui.screens.followup.meetings import MeetingsScreen

        meetings = self._screens.get(NAV_MEETINGS)
        if isinstance(meetings, MeetingsScreen):
            reason = meetings.unsaved_reason()
            if reason and not self.close_anyway(reason):
                self.go_to(NAV_MEETINGS)
                return False
        self.checked_before_close = True
        return True

    def _ask_close_anyway(self, reason: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setText(
            self.tr("The meeting notes you typed are not saved: {reason}").format(reason=reason)
        )
        keep = box.addButton(self.tr("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
        lose = box.addButton(self.tr("&Close without them"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is lose

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.checked_before_close and not self.may_close():
            event.ignore()
            return
        if self._opener is not None:
            self._opener.close_all()
        geometry = bytes(self.saveGeometry().data())
        self.settings.set(WINDOW_GEOMETRY, geometry)
        per_screen = self._screen_setting()
        if per_screen is not None:
            self.settings.set(per_screen, geometry)
        self.settings.set(MAIN_SPLITTER, bytes(self.splitter.saveState().data()))
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
