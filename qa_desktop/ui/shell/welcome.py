"""The first launch: what QA Desktop does, then try the demo county or set up for real.

Setting up for real is joining: the central database's address, the person's own login and
its password, and where the store lives. The central database's answer says who the person
is (``services/setup/joining.py``): nobody types a name or a role. Without a central
database a standalone store can be made instead (its one person named here; it never syncs).
A real set-up ends by showing the recovery key, once, with a button to copy it.

Shown once. The answer (the store chosen) is kept in the person's settings, so nothing asks
twice. Preparing the store runs on the background runner: joining waits on the network and
building the demo county takes a few seconds, and the window must not freeze meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desktop import APP_NAME
from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import Clock
from qa_desktop.services.setup.first_run import (
    NewPerson,
    PreparedStore,
    set_up_own_store,
)
from qa_desktop.services.setup.joining import JoinRequest
from qa_desktop.ui.labels import role_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.settings import (
    STORE_PATH,
    WELCOME_DONE,
    AppSettings,
)
from qa_desktop.ui.widgets.fit import FittedDialog

PAGE_INTRO, PAGE_SET_UP, PAGE_BUSY, PAGE_JOIN, PAGE_RECOVERY = range(5)
Failed = Callable[[BaseException], None]


class WelcomeDialog(FittedDialog):
    """Asks once how to start; :meth:`prepared` gives the store to open afterwards."""

    def __init__(
        self,
        runner: Runner,
        settings: AppSettings,
        clock: Clock,
        *,
        demo_path: Path,
        own_path: Path,
        on_error: Failed,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to {app}").format(app=APP_NAME))
        self._runner = runner
        self._settings = settings
        self._clock = clock
        self._demo_path = demo_path
        self._on_error = on_error
        self._prepared: PreparedStore | None = None
        self._return_page = PAGE_INTRO
        self.pages = QStackedWidget()
        self.pages.addWidget(self._intro_page())
        self.pages.addWidget(self._set_up_page(own_path))
        self.pages.addWidget(self._busy_page())
        self.pages.addWidget(self._join_page(own_path))
        self.pages.addWidget(self._recovery_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(640, 440)
        self.demo_button.setFocus()

    # --- pages ---

    def _intro_page(self) -> QWidget:
        title = QLabel(self.tr("Welcome to {app}").format(app=APP_NAME))
        title.setObjectName("screenTitle")
        text = QLabel(
            self.tr(
                "<p>{app} helps a children's social care service check the quality of its "
                "case work. Auditors go through a child's case record with the practitioner, "
                "one practice area at a time, grade it and agree actions. Moderators check "
                "the grading, every Inadequate audit leads to a reflective meeting and a "
                "re-audit, and the QA team plans the audits and reports on practice.</p>"
                "<p>Everything works on this computer, without a network; your work is "
                "shared with the central database when you connect to it.</p>"
                "<p>How would you like to start?</p>"
            ).format(app=APP_NAME)
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.demo_button = QPushButton(self.tr("&Try the demo county"))
        self.demo_button.setDefault(True)
        self.demo_button.setToolTip(
            self.tr("A made-up county with teams, cases and audits, where you can be anyone.")
        )
        demo_note = QLabel(
            self.tr(
                "A made-up county with 600 audits and people in every role: look around "
                "safely. Nothing in it is real."
            )
        )
        demo_note.setWordWrap(True)
        self.set_up_button = QPushButton(self.tr("&Set up for real"))
        set_up_note = QLabel(
            self.tr(
                "Your own store, for your own audits: connect with your login on the "
                "central database, which says who you are."
            )
        )
        set_up_note.setWordWrap(True)
        choices = QFormLayout()
        choices.addRow(self.demo_button, demo_note)
        choices.addRow(self.set_up_button, set_up_note)
        self.demo_button.clicked.connect(self._choose_demo)
        self.set_up_button.clicked.connect(lambda: self._show_page(PAGE_JOIN))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(choices)
        layout.addStretch(1)
        return page

    def _set_up_page(self, own_path: Path) -> QWidget:
        title = QLabel(self.tr("Work without a central database"))
        title.setObjectName("screenTitle")
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.name.setPlaceholderText(self.tr("First name and surname"))
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role_label(role), role.value)
        self.is_auditor = QCheckBox(self.tr("I &audit cases"))
        self.is_moderator = QCheckBox(self.tr("I &moderate audits"))
        standalone_note = QLabel(
            self.tr(
                "A store without a central database stays on this computer: it never syncs, "
                "and you are its only person. To work with your council's central database, "
                "go back and join it instead."
            )
        )
        standalone_note.setWordWrap(True)
        self.store_path = QLineEdit(str(own_path))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(lambda: self._choose_store_path(self.store_path))
        store_row = QHBoxLayout()
        store_row.addWidget(self.store_path, 1)
        store_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("Your &name:"), self.name)
        form.addRow(self.tr("Your &role:"), self.role)
        form.addRow("", self.is_auditor)
        form.addRow("", self.is_moderator)
        form.addRow("", standalone_note)
        store_label = QLabel(self.tr("Keep my &store in:"))
        store_label.setBuddy(self.store_path)  # the field sits in a row with its button
        form.addRow(store_label, store_row)
        back = QPushButton(self.tr("&Back"))
        back.clicked.connect(lambda: self._show_page(PAGE_JOIN))
        self.start_button = QPushButton(self.tr("S&tart using {app}").format(app=APP_NAME))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._choose_own)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        self.name.textChanged.connect(self._update_start)
        self.store_path.textChanged.connect(self._update_start)
        self._update_start()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _join_page(self, own_path: Path) -> QWidget:
        title = QLabel(self.tr("Set up {app}").format(app=APP_NAME))
        title.setObjectName("screenTitle")
        intro = QLabel(
            self.tr(
                "Connect with your own login on your council's central database. It says who "
                "you are and what you do, and sends the people, cases and audits you work "
                "with. Your QA team gives you the address and the login."
            )
        )
        intro.setWordWrap(True)
        self.central_address = QLineEdit()
        self.central_address.setPlaceholderText("postgresql+psycopg://host:5432/qa")
        self.login = QLineEdit()
        self.login.setMaxLength(63)  # PostgreSQL's longest name
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.join_store_path = QLineEdit(str(own_path))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(lambda: self._choose_store_path(self.join_store_path))
        store_row = QHBoxLayout()
        store_row.addWidget(self.join_store_path, 1)
        store_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("Central &database:"), self.central_address)
        form.addRow(self.tr("Your &login:"), self.login)
        form.addRow(self.tr("&Password:"), self.password)
        store_label = QLabel(self.tr("Keep my &store in:"))
        store_label.setBuddy(self.join_store_path)
        form.addRow(store_label, store_row)
        self.standalone_button = QPushButton(
            self.tr("No central database yet? &Work on this computer only…")
        )
        self.standalone_button.setFlat(True)
        self.standalone_button.clicked.connect(lambda: self._show_page(PAGE_SET_UP))
        back = QPushButton(self.tr("&Back"))
        back.clicked.connect(lambda: self._show_page(PAGE_INTRO))
        self.join_button = QPushButton(self.tr("&Connect and start"))
        self.join_button.setDefault(True)
        self.join_button.clicked.connect(self._choose_join)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.join_button)
        for field in (self.central_address, self.login, self.join_store_path):
            field.textChanged.connect(self._update_join)
        self._update_join()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.standalone_button)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _recovery_page(self) -> QWidget:
        title = QLabel(self.tr("Your recovery key"))
        title.setObjectName("screenTitle")
        text = QLabel(
            self.tr(
                "<p>Your store is encrypted with a key kept in this computer's keyring. If the "
                "keyring is ever lost (a new profile, a rebuilt laptop), this recovery key is "
                "the only way back to your store.</p>"
                "<p><b>It is shown this once.</b> Copy it now and keep it where your council "
                "keeps such secrets, never beside the laptop.</p>"
            )
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.recovery_key = QLineEdit()
        self.recovery_key.setReadOnly(True)
        self.recovery_key.setAccessibleName(self.tr("Recovery key"))
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.clicked.connect(self._copy_recovery_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.recovery_key, 1)
        key_row.addWidget(self.copy_button)
        self.kept_check = QCheckBox(self.tr("I have &kept the recovery key somewhere safe"))
        self.continue_button = QPushButton(self.tr("C&ontinue"))
        self.continue_button.setEnabled(False)
        self.kept_check.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._recovery_kept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(key_row)
        layout.addWidget(self.kept_check)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _busy_page(self) -> QWidget:
        self.busy_label = QLabel()
        self.busy_label.setWordWrap(True)
        bar = QProgressBar()
        bar.setRange(0, 0)  # busy: the work reports no steps
        bar.setAccessibleName(self.tr("Working"))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.busy_label)
        layout.addWidget(bar)
        layout.addStretch(1)
        return page

    # --- behaviour ---

    def prepared(self) -> PreparedStore | None:
        return self._prepared

    def _show_page(self, index: int) -> None:
        if index == PAGE_BUSY:
            self._return_page = self.pages.currentIndex()  # where a failure goes back to
        self.pages.setCurrentIndex(index)
        if index == PAGE_SET_UP:
            self.name.setFocus()
        elif index == PAGE_JOIN:
            self.central_address.setFocus()
        elif index == PAGE_RECOVERY:
            self.copy_button.setFocus()
        elif index == PAGE_INTRO:
            self.demo_button.setFocus()

    def _update_start(self) -> None:
        self.start_button.setEnabled(
            bool(self.name.text().strip()) and bool(self.store_path.text().strip())
        )

    def _update_join(self) -> None:
        self.join_button.setEnabled(
            all(f.text().strip() for f in (self.central_address, self.login, self.join_store_path))
        )

    def _choose_store_path(self, field: QLineEdit | None = None) -> None:
        target = field or self.store_path
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Where should your store live?"),
            target.text(),
            self.tr("QA Desktop stores (*.qadb)"),
        )
        if chosen:
            target.setText(chosen if chosen.endswith(".qadb") else f"{chosen}.qadb")

    def _choose_demo(self) -> None:
        path = self._demo_path
        clock = self._clock
        self.busy_label.setText(
            self.tr("Opening the demo county…")
            if path.exists()
            else self.tr("Building the demo county. This takes a few seconds…")
        )
        self._show_page(PAGE_BUSY)

        def prepare() -> PreparedStore:
            from qa_desktop.demo import prepare_demo  # the demo builder loads only when chosen

            return prepare_demo(path, clock)

        self._runner.submit(
            prepare,
            self._finish,
            self._failed,
        )

    def _choose_own(self) -> None:
        if not self.start_button.isEnabled():
            return
        path = Path(self.store_path.text().strip()).expanduser()
        person = NewPerson(
            name=self.name.text(),
            role=Role(self.role.currentData()),
            is_auditor=self.is_auditor.isChecked(),
            is_moderator=self.is_moderator.isChecked(),
        )
        clock = self._clock
        self.busy_label.setText(self.tr("Setting up your store…"))
        self._show_page(PAGE_BUSY)
        self._runner.submit(
            lambda: set_up_own_store(path, person, clock),
            self._finish,
            self._failed,
        )

    def _choose_join(self) -> None:
        if not self.join_button.isEnabled():
            return
        path = Path(self.join_store_path.text().strip()).expanduser()
        request = JoinRequest(
            self.central_address.text(), self.login.text(), self.password.text() or None
        )
        clock = self._clock
        self.busy_label.setText(
            self.tr("Connecting to the central database and fetching your work…")
        )
        self._show_page(PAGE_BUSY)

        def join() -> PreparedStore:
            # Loaded when chosen: it brings the PostgreSQL driver with it.
            from qa_desktop.services.credentials import Credentials
            from qa_desktop.services.setup.joining import join_central

            return join_central(path, request, clock, Credentials()).prepared

        self._runner.submit(join, self._finish, self._failed)

    def _finish(self, prepared: PreparedStore) -> None:
        settings = self._settings
        settings.set(STORE_PATH, str(prepared.path))
        settings.set(WELCOME_DONE, True)
        self._prepared = prepared
        self.password.clear()  # not kept in the dialog longer than needed
        if prepared.recovery_key:
            # Shown this once: the page holds it until Continue, and nothing keeps it after.
            self.recovery_key.setText(prepared.recovery_key)
            self._show_page(PAGE_RECOVERY)
            return
        self.accept()

    def _copy_recovery_key(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key.text())

    def _recovery_kept(self) -> None:
        self.recovery_key.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._show_page(self._return_page)
        self._on_error(exc)
