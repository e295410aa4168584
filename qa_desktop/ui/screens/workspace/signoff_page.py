"""Submitting: what is still missing (activate an item to jump to it), the auditor's sign-off,
the practitioner's sign-off or disagreement, and reopening a closed audit with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.checklist import Missing
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.services.audit.workspace_data import Access, Workspace
from qa_desktop.ui.labels import state_label

MISSING_ROLE = Qt.ItemDataRole.UserRole + 1


class SignOffPage(QWidget):
    jump_requested = Signal(object)  # a Missing
    auditor_sign_off = Signal()
    practitioner_sign_off = Signal(bool, str)  # disagrees, reason
    reopen_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Sign-off"))
        title.setObjectName("screenTitle")
        self.state = QLabel()
        self.state.setObjectName("stateLabel")
        self.state.setWordWrap(True)
        missing_label = QLabel(self.tr("&Missing before the auditor can sign off:"))
        self.missing = QListWidget()
        missing_label.setBuddy(self.missing)
        self.missing.setAccessibleName(self.tr("Missing before sign-off"))
        self.missing.itemActivated.connect(self._jump)

        self.auditor_button = QPushButton(self.tr("&Sign off as auditor"))
        self.auditor_button.clicked.connect(self.auditor_sign_off)

        practitioner = QGroupBox(self.tr("Practitioner"))
        self.agree_button = QPushButton(self.tr("Practitioner si&gns off"))
        self.reason = QLineEdit()
        reason_label = QLabel(self.tr("If the practitioner disagrees, &why:"))
        reason_label.setBuddy(self.reason)
        self.reason.setAccessibleName(self.tr("Why the practitioner disagrees"))
        self.disagree_button = QPushButton(self.tr("Practitioner &disagrees"))
        self.agree_button.clicked.connect(lambda: self.practitioner_sign_off.emit(False, ""))
        self.disagree_button.clicked.connect(
            lambda: self.practitioner_sign_off.emit(True, self.reason.text())
        )
        # The shared laptop: where this store syncs, the practitioner types their own central
        # password, so the central database takes the sign-off as theirs.
        self.password = QLineEdit()
        self.password.setObjectName("practitionerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("The practitioner's central password"))
        self.password_label = QLabel(self.tr("The practitioner types their central &password:"))
        self.password_label.setBuddy(self.password)
        self.password.textChanged.connect(lambda _text: self._enable_buttons())
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_label)
        password_row.addWidget(self.password, 1)
        self.confirmation_needed = False
        self.shared = False
        row = QHBoxLayout()
        row.addWidget(reason_label)
        row.addWidget(self.reason, 1)
        row.addWidget(self.disagree_button)
        inner = QVBoxLayout(practitioner)
        inner.addLayout(password_row)
        inner.addWidget(self.agree_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addLayout(row)

        reopen = QGroupBox(self.tr("Reopen a closed audit"))
        self.reopen_reason = QLineEdit()
        reopen_label = QLabel(self.tr("Reason for reopening (&kept with the audit):"))
        reopen_label.setBuddy(self.reopen_reason)
        self.reopen_reason.setAccessibleName(self.tr("Reason for reopening"))
        self.reopen_button = QPushButton(self.tr("Re&open"))
        self.reopen_button.clicked.connect(
            lambda: self.reopen_requested.emit(self.reopen_reason.text())
        )
        reopen_row = QHBoxLayout(reopen)
        reopen_row.addWidget(reopen_label)
        reopen_row.addWidget(self.reopen_reason, 1)
        reopen_row.addWidget(self.reopen_button)
        self.reopen_box = reopen
        self.practitioner_box = practitioner

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.state)
        layout.addWidget(missing_label)
        layout.addWidget(self.missing, 1)
        layout.addWidget(self.auditor_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(practitioner)
        layout.addWidget(reopen)

    def show_workspace(self, ws: Workspace, templates: dict[Missing, str]) -> None:
        self.missing.clear()
        for gap, text in templates.items():
            item = QListWidgetItem(text)
            item.setData(MISSING_ROLE, gap)
            self.missing.addItem(item)
        if not templates:
            item = QListWidgetItem(self.tr("Nothing is missing."))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.missing.addItem(item)
        self.missing.setCurrentRow(0)
        self.missing.scrollToTop()
        auditor = ws.access is Access.AUDITOR
        self.auditor_button.setEnabled(
            auditor and ws.state is AuditState.IN_PROGRESS and not templates
        )
        # The rulebook's answer, carried by the snapshot: the practitioner signs off for
        # themselves; on the shared laptop the auditor records it with them present.
        own = ws.may_sign_off_as_practitioner
        self.shared = auditor and ws.state is AuditState.SUBMITTED and not own
        self.practitioner_box.setEnabled(own or self.shared)
        self._enable_buttons()
        self.reopen_box.setVisible(ws.state is AuditState.CLOSED)
        self.reopen_box.setEnabled(auditor and ws.state is AuditState.CLOSED)
        lines = [self.tr("This audit is {state}.").format(state=state_label(ws.state).lower())]
        if templates and ws.state.editable:
            lines.append(
                self.tr("{count} thing(s) still missing: press Enter on one to go to it.").format(
                    count=len(templates)
                )
            )
        if ws.auditor_signed_at:
            lines.append(
                self.tr("Signed off by the auditor, {name}, on {day}.").format(
                    name=ws.auditor.name, day=ws.auditor_signed_at.strftime("%d %b %Y %H:%M")
                )
            )
        if ws.practitioner_signed_at and ws.practitioner:
            text = (
                self.tr("The practitioner, {name}, disagrees: {why}").format(
                    name=ws.practitioner.name, why=ws.practitioner_disagreement
                )
                if ws.practitioner_disagrees
                else self.tr("Signed off by the practitioner, {name}.").format(
                    name=ws.practitioner.name
                )
            )
            lines.append(text)
        if not ws.state.editable:
            lines.append(self.tr("A submitted audit is read-only for everyone."))
        self.state.setText(" ".join(lines))

    def set_confirmation_needed(self, needed: bool) -> None:
        """Whether a sign-off made here for the practitioner needs their password (the store
        syncs with a central database, which takes it only with their confirmation)."""
        self.confirmation_needed = needed
        self._enable_buttons()

    def take_password(self) -> str:
        """The practitioner's password as typed (for one check), and the field cleared."""
        typed = self.password.text() if self.shared and self.confirmation_needed else ""
        self.password.clear()
        return typed

    def _enable_buttons(self) -> None:
        asking = self.shared and self.confirmation_needed
        self.password.setVisible(asking)
        self.password_label.setVisible(asking)
        ready = not asking or bool(self.password.text())
        self.agree_button.setEnabled(ready)
        self.disagree_button.setEnabled(ready)

    def _jump(self, item: QListWidgetItem) -> None:
        gap = item.data(MISSING_ROLE)
        if gap is not None:
            self.jump_requested.emit(gap)
