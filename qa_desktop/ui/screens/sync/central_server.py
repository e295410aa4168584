"""Central server settings: server, port, database, login name and TLS mode as fields of
their own (the address is built from them, ``sync/connection.py``), the password (to the
system keyring, never to a file or the address), and "Test connection"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
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
from qa_desktop.services.sync import (
    TLS_MODES,
    AddressField,
    CentralAddress,
    CentralError,
    SyncService,
    SyncSettings,
    address_from_fields,
)
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.fit import FittedDialog


class SyncSettingsDialog(FittedDialog):
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
        shown = _split(current)
        self.server = QLineEdit(shown.host if shown else "")
        self.server.setObjectName("centralServer")
        self.server.setPlaceholderText("qa.council.gov.uk")
        self.port = QLineEdit(str(shown.port) if shown else "5432")
        self.port.setObjectName("centralPort")
        self.database = QLineEdit(shown.database if shown else "")
        self.database.setObjectName("centralDatabase")
        self.user = QLineEdit(current.user if current else "")
        self.user.setObjectName("centralUser")
        self.tls = QComboBox()
        self.tls.setObjectName("centralTls")
        self.tls.addItem(self.tr("Default (verify-full; prefer on this computer)"), "")
        for mode in TLS_MODES:
            self.tls.addItem(mode, mode)
        self.tls.setCurrentIndex(max(0, self.tls.findData((shown.sslmode or "") if shown else "")))
        self.root_certificate = QLineEdit(shown.sslrootcert or "" if shown else "")
        self.root_certificate.setObjectName("centralRootCertificate")
        self.root_certificate.setPlaceholderText(self.tr("the council's root certificate, if any"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("centralPassword")
        self.password.setPlaceholderText(self.tr("kept in the system keyring"))
        self.result_label = QLabel()
        self.result_label.setObjectName("connectionResult")
        self.result_label.setWordWrap(True)
        test = QPushButton(self.tr("Test &connection"))
        test.setObjectName("testConnection")
        test.clicked.connect(self.test_connection)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Server:"), self.server)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&Login name:"), self.user)
        form.addRow(self.tr("&TLS mode:"), self.tls)
        form.addRow(self.tr("&Root certificate file:"), self.root_certificate)
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

    def address(self) -> CentralAddress:
        """The address the fields make; AddressField naming the first wrong one."""
        return address_from_fields(
            self.server.text(),
            self.port.text(),
            self.database.text(),
            self.user.text(),
            str(self.tls.currentData() or ""),
            self.root_certificate.text(),
        )

    def _checked(self) -> CentralAddress | None:
        try:
            return self.address()
        except AddressField as problem:
            self.result_label.setText(error_text(problem))
            field = {
                "server": self.server,
                "port": self.port,
                "database": self.database,
                "login": self.user,
                "tls": self.tls,
            }[problem.field]
            field.setFocus()
            return None

    def test_connection(self) -> None:
        checked = self._checked()
        if checked is None:
            return
        address, user, password = checked.display(), checked.user, self.password.text()
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
        checked = self._checked()
        if checked is None:
            return  # nothing typed is lost: the dialog stays open with the message
        address, user, password = checked.display(), checked.user, self.password.text()
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


def _split(current: SyncSettings | None) -> CentralAddress | None:
    """The kept address split back into the fields (None for none, or one unreadable)."""
    if current is None:
        return None
    try:
        return CentralAddress.parse(current.address)
    except CentralError:
        return None
