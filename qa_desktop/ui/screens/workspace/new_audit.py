"""Starting an audit: from an assignment (a planned audit), or new: the case (search by
reference or initials), the form (latest published version), the type, the practitioner and
the other participants."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.roles import Role
from qa_desktop.services.audit.workspace_data import CaseChoice, NewAudit, StartOptions
from qa_desktop.ui.labels import audit_type_label, role_label
from qa_desktop.ui.widgets.fit import FittedDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class NewAuditDialog(FittedDialog):
    """Asks for what a new audit needs. ``search`` is asked for cases as the person types;
    the dialog emits ``start_assignment`` or ``create`` and closes."""

    search_requested = Signal(str)
    start_assignment = Signal(str)
    create_requested = Signal(object)  # NewAudit (not create: QWidget has one)

    def __init__(self, options: StartOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New audit"))
        self.options = options
        self.cases: list[CaseChoice] = []

        assigned = QGroupBox(self.tr("Start from an assignment"))
        self.assignments = QListWidget()
        self.assignments.setAccessibleName(self.tr("Your assignments"))
        for a in options.assignments:
            due = a.due_on.strftime("%d %b %Y") if a.due_on else "—"
            item = QListWidgetItem(
                self.tr("{case} ({initials}) · {team} · due {due}").format(
                    case=a.case_reference, initials=a.case_initials, team=a.team, due=due
                )
            )
            item.setData(ID_ROLE, a.audit_id)
            self.assignments.addItem(item)
        if not options.assignments:
            self.assignments.addItem(self.tr("No audits are assigned to you."))
        self.assignments.itemActivated.connect(self._start_assignment)
        self.assignments.setMaximumHeight(150)
        self.start_button = QPushButton(self.tr("S&tart the assignment"))
        self.start_button.setEnabled(bool(options.assignments))
        self.start_button.clicked.connect(
            lambda: self._start_assignment(self.assignments.currentItem())
        )
        box = QVBoxLayout(assigned)
        box.addWidget(self.assignments)
        box.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)

        fresh = QGroupBox(self.tr("Or start a new audit"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Case reference or initials"))
        self.search.setAccessibleName(self.tr("Find the case"))
        self.search.textChanged.connect(self.search_requested)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Matching cases"))
        self.results.currentRowChanged.connect(self._case_chosen)
        self.results.setMinimumHeight(170)
        self.form_combo = QComboBox()
        for f in options.forms:
            self.form_combo.addItem(f"{f.title} (v{f.version})", f.version_id)
        learning = next((i for i, f in enumerate(options.forms) if f.kind == "learning_audit"), 0)
        self.form_combo.setCurrentIndex(learning)
        self.type_combo = QComboBox()
        for kind in AuditType:
            self.type_combo.addItem(audit_type_label(kind.value), kind.value)
        self.practitioner = QComboBox()
        self.practitioner.addItem(self.tr("(none)"), "")
        for p in options.people:
            self.practitioner.addItem(p.name, p.id)
        self.other = QComboBox()
        for p in options.people:
            self.other.addItem(p.name, p.id)
        self.other_role = QComboBox()
        for role in (
            Role.TEAM_MANAGER,
            Role.ADULT_WORKER,
            Role.REVIEWING_OFFICER,
            Role.PRACTITIONER,
            Role.SERVICE_MANAGER,
        ):
            self.other_role.addItem(role_label(role), role.value)
        add = QPushButton(self.tr("A&dd participant"))
        add.clicked.connect(self._add_participant)
        self.participants = QListWidget()
        self.participants.setAccessibleName(self.tr("Other participants (Delete removes one)"))
        self.participants.setMaximumHeight(110)
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.participants)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(lambda: self.participants.takeItem(self.participants.currentRow()))
        form = QFormLayout(fresh)
        form.addRow(self.tr("&Case:"), self.search)
        form.addRow("", self.results)
        form.addRow(self.tr("&Form:"), self.form_combo)
        form.addRow(self.tr("T&ype:"), self.type_combo)
        form.addRow(self.tr("&Practitioner:"), self.practitioner)
        form.addRow(self.tr("&Others taking part:"), self.other)
        form.addRow(self.tr("Their &role:"), self.other_role)
        form.addRow("", add)
        form.addRow("", self.participants)
        self.problem = QLabel()
        self.problem.setObjectName("rationaleNotice")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton(
            self.tr("&Start new audit"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        # The questions scroll and the buttons stay in sight: at 200% a 1366x768 laptop has
        # room for about half of them.
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(assigned)
        inner.addWidget(fresh, 1)
        inner.addWidget(self.problem)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(720, 720)

    def show_cases(self, cases: list[CaseChoice]) -> None:
        self.cases = cases
        self.results.clear()
        for case in cases:
            self.results.addItem(
                f"{case.reference} ({case.initials}) · {case.team} · {case.practitioner or '—'}"
            )
        if cases:
            self.results.setCurrentRow(0)

    def _case_chosen(self, row: int) -> None:
        if 0 <= row < len(self.cases) and self.cases[row].practitioner_id:
            index = self.practitioner.findData(self.cases[row].practitioner_id)
            self.practitioner.setCurrentIndex(max(index, 0))

    def _add_participant(self) -> None:
        person_id, role = self.other.currentData(), self.other_role.currentData()
        item = QListWidgetItem(f"{self.other.currentText()} · {self.other_role.currentText()}")
        item.setData(ID_ROLE, (person_id, role))
        self.participants.addItem(item)

    def _start_assignment(self, item: QListWidgetItem | None) -> None:
        audit_id = item.data(ID_ROLE) if item is not None else None
        if audit_id:
            self.start_assignment.emit(audit_id)
            self.accept()

    def _create(self) -> None:
        row = self.results.currentRow()
        if not (0 <= row < len(self.cases)):
            self.problem.setText(self.tr("Find and choose the child's case first."))
            self.search.setFocus()
            return
        participants = tuple(
            self.participants.item(i).data(ID_ROLE) for i in range(self.participants.count())
        )
        self.create_requested.emit(
            NewAudit(
                case_id=self.cases[row].id,
                form_version_id=str(self.form_combo.currentData()),
                audit_type=str(self.type_combo.currentData()),
                practitioner_id=self.practitioner.currentData() or None,
                participants=participants,
            )
        )
        self.accept()
