"""The first launch: what QA Desktop does, then try the demo county or set up for real.

Shown once. The answer (the store chosen, demo or own, and who you are in it) is kept in
the person's settings, so nothing asks twice. Preparing the store runs on the background runner: building the demo county
takes a few seconds and the window must not freeze meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
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
from qa_desktop.ui.labels import role_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.settings import (
    STORE_PATH,
    WELCOME_DONE,
    AppSettings,
)

PAGE_INTRO, PAGE_SET_UP, PAGE_BUSY = range(3)
Failed = Callable[[BaseException], None]


class WelcomeDialog(QDialog):
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
            self.tr("Your own store, for your own audits: say who you are and where it lives.")
        )
        set_up_note.setWordWrap(True)
        choices = QFormLayout()
        choices.addRow(self.demo_button, demo_note)
        choices.addRow(self.set_up_button, set_up_note)
        self.demo_button.clicked.connect(self._choose_demo)
        self.set_up_button.clicked.connect(lambda: self._show_page(PAGE_SET_UP))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(choices)
        layout.addStretch(1)
        return page

    def _set_up_page(self, own_path: Path) -> QWidget:
        title = QLabel(self.tr("Set up {app}").format(app=APP_NAME))
        title.setObjectName("screenTitle")
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.name.setPlaceholderText(self.tr("First name and surname"))
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role_label(role), role.value)
        self.is_auditor = QCheckBox(self.tr("I &audit cases"))
        self.is_moderator = QCheckBox(self.tr("I &moderate audits"))
        self.connect_later = QRadioButton(self.tr("&Later, from Settings"))
        self.connect_now = QRadioButton(self.tr("&Now"))
        self.connect_later.setChecked(True)
        # Connecting needs the central server's settings, which come with sync.
        self.connect_now.setEnabled(False)
        connect_group = QButtonGroup(self)
        connect_group.addButton(self.connect_later)
        connect_group.addButton(self.connect_now)
        connect_note = QLabel(
            self.tr(
                "Connecting needs the central server's address from your QA team. Until "
                "then everything you do is kept on this computer and nothing is lost."
            )
        )
        connect_note.setWordWrap(True)
        connect_row = QHBoxLayout()
        connect_row.addWidget(self.connect_later)
        connect_row.addWidget(self.connect_now)
        connect_row.addStretch(1)
        self.store_path = QLineEdit(str(own_path))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._choose_store_path)
        store_row = QHBoxLayout()
        store_row.addWidget(self.store_path, 1)
        store_row.addWidget(choose)
        form = QFormLayout()
        form.addRow(self.tr("Your &name:"), self.name)
        form.addRow(self.tr("Your &role:"), self.role)
        form.addRow("", self.is_auditor)
        form.addRow("", self.is_moderator)
        form.addRow(self.tr("Connect to the central database:"), connect_row)
        form.addRow("", connect_note)
        store_label = QLabel(self.tr("Keep my &store in:"))
        store_label.setBuddy(self.store_path)  # the field sits in a row with its button
        form.addRow(store_label, store_row)
        back = QPushButton(self.tr("&Back"))
        back.clicked.connect(lambda: self._show_page(PAGE_INTRO))
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
        elif index == PAGE_INTRO:
            self.demo_button.setFocus()

    def _update_start(self) -> None:
        self.start_button.setEnabled(
            bool(self.name.text().strip()) and bool(self.store_path.text().strip())
        )

    def _choose_store_path(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Where should your store live?"),
            self.store_path.text(),
            self.tr("QA Desktop stores (*.qadb)"),
        )
        if chosen:
            self.store_path.setText(chosen if chosen.endswith(".qadb") else f"{chosen}.qadb")

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

    def _finish(self, prepared: PreparedStore) -> None:
        settings = self._settings
        settings.set(STORE_PATH, str(prepared.path))
        if prepared.person_id is not None:
            settings.remember_identity(prepared.path, prepared.person_id)
        settings.set(WELCOME_DONE, True)
        self._prepared = prepared
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._show_page(self._return_page)
        self._on_error(exc)
