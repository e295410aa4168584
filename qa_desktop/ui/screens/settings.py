"""Settings: who you are, where your files are. (Central server settings come with sync.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from qa_desktop import __version__
from qa_desktop.services.setup.people import Actor


class SettingsScreen(QWidget):
    switch_person_requested = Signal()

    def __init__(
        self, actor: Actor, store_path: Path | None, log_path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Settings"))
        title.setObjectName("screenTitle")
        form = QFormLayout()
        self.person = QLabel(f"{actor.person.name} — {actor.headline}")
        form.addRow(self.tr("You are:"), self.person)
        switch = QPushButton(self.tr("S&witch person…"))
        switch.clicked.connect(self.switch_person_requested)
        form.addRow("", switch)
        for label, value in (
            (self.tr("Store:"), str(store_path) if store_path else self.tr("(in memory)")),
            (self.tr("Log file:"), str(log_path)),
            (self.tr("Version:"), __version__),
        ):
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(
                text.textInteractionFlags() | text.textInteractionFlags().TextSelectableByMouse
            )
            form.addRow(label, text)
        later = QLabel(
            self.tr(
                "The central server, its password and the connection test are under "
                "Sync > Central server…. The moderation share and the meeting and re-audit "
                "intervals are published by the QA team with the forms; they cannot yet be "
                "changed on this screen."
            )
        )
        later.setObjectName("plannedNotice")
        later.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(later)
        layout.addStretch(1)
