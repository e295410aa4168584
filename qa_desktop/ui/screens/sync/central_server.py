"""Central server settings: address, user name, password (to the system keyring, never to a
file), and "Test connection"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.errors import UserError
from qa_desktop.i18n import error_text
from qa_desktop.services.credentials import NO_KEYRING_MESSAGE, Kept
from qa_desktop.services.sync import SyncService, SyncSettings
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner


class SyncSettingsDialog(QDialog):
    saved = Signal()

    def __init__(
        self,
        service: SyncService,
        runner: Runner,
        current: SyncSettings | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.setWindowTitle(self.tr("Central server"))
        self.address = QLineEdit(current.address if current else "")
        self.address.setPlaceholderText("postgresql+psycopg://user@server:5432/qa")
        self.address.setObjectName("centralAddress")
        self.user = QLineEdit(current.user if current else "")
        self.user.setObjectName("centralUser")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("centralPassword")
        self.password.setPlaceholderText(self.tr("kept in the system keyring"))
        self.result_label = QLabel()
        self.result_label.setObjectName("connectionResult")
        self.result_label.setWordWrap(True)
        test = QPushButton(self.tr("&Test connection"))
        test.setObjectName("testConnection")
        test.clicked.connect(self.test_connection)
        form = QFormLayout()
        form.addRow(self.tr("Central server &address:"), self.address)
        form.addRow(self.tr("&User name:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", test)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            self.tr(
                "The password goes to the system keyring, never to a file. Your work stays on "
                "this computer and syncs whenever the server can be reached."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def test_connection(self) -> None:
        address, user, password = self.address.text(), self.user.text(), self.password.text()
        self.result_label.setText(self.tr("Connecting…"))
        ops.read(
            self.runner,
            self.service.test_connection,
            address,
            user,
            password or None,
            on_done=lambda name: self.result_label.setText(
                self.tr("Connected: the server knows you as {name}.").format(name=name)
            ),
            on_error=self._show_failure,
        )

    def _show_failure(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.result_label.setText(error_text(exc))
        else:
            self.result_label.setText(self.tr("The connection failed."))

    def save(self) -> None:
        address, user, password = self.address.text(), self.user.text(), self.password.text()
        self.password.clear()
        ops.write(
            self.runner,
            self.service.save_settings,
            address,
            user,
            password or None,
            on_done=self._saved,
            on_error=self._show_failure,
        )

    def _saved(self, kept: Kept | None) -> None:
        if kept is Kept.MEMORY:
            self.result_label.setText(self.tr(NO_KEYRING_MESSAGE))
        self.saved.emit()
        self.accept()
