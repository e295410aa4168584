"""The Settings screen: who you are and where your files are, your own settings on this
laptop, and the settings the QA team publishes. It scrolls, so it fits a 1366x768 laptop at
200%."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qa_desktop import __version__
from qa_desktop.services.container import Services
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.settings.personal import PersonalSettingsBox
from qa_desktop.ui.screens.settings.published import PublishedSettingsBox
from qa_desktop.ui.settings import AppSettings


class SettingsScreen(QWidget):
    switch_person_requested = Signal()
    personal_changed = Signal(object)  # PersonalSettings

    def __init__(
        self,
        services: Services,
        runner: Runner,
        actor: Actor,
        settings: AppSettings,
        log_path: Path,
        *,
        may_switch_person: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Settings"))
        title.setObjectName("screenTitle")
        self.personal = PersonalSettingsBox(settings)
        self.personal.changed.connect(self.personal_changed)
        self.published = PublishedSettingsBox(services, runner, actor)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self._you_box(actor, services.store_path, log_path, may_switch_person))
        column.addWidget(self.personal)
        column.addWidget(self.published)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # At 200% the longest published setting's name is wider than a laptop's room: the
        # page then scrolls sideways too, rather than hiding what is under the scroll bar.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(scroll, 1)
        self.published.load()

    def _you_box(
        self, actor: Actor, store_path: Path | None, log_path: Path, may_switch: bool
    ) -> QGroupBox:
        box = QGroupBox(self.tr("You and your files"))
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.person = QLabel(f"{actor.person.name} — {actor.headline}")
        self.person.setWordWrap(True)
        form.addRow(self.tr("You are:"), self.person)
        self.switch = QPushButton(self.tr("S&witch person…"))
        self.switch.clicked.connect(self.switch_person_requested)
        if may_switch:  # the demo county only, as File > Switch person
            form.addRow("", self.switch)
        else:
            self.switch.hide()
        for label, value in (
            (self.tr("Store:"), str(store_path) if store_path else self.tr("(in memory)")),
            (self.tr("Log file:"), str(log_path)),
            (self.tr("Version:"), __version__),
        ):
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, text)
        central = QLabel(
            self.tr(
                "The central server, its password and the connection test are under "
                "Sync > Central server…"
            )
        )
        central.setWordWrap(True)
        form.addRow(central)
        return box
