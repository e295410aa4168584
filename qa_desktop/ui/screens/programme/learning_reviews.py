"""Learning reviews after significant events: the QA team sets one up (the event, its date,
the child's case, the review lead); the chosen review below, with the findings in each
practice area, the learning, the actions (owner, due date, status) and its PDF report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.learning_reviews import ActionStatus
from qa_desktop.domain.roles import Capability
from qa_desktop.services.audit.documents import ExportedDocument
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.programme.learning_reviews import (
    PRACTICE_AREAS,
    ReviewDetail,
    ReviewEntry,
    ReviewRow,
)
from qa_desktop.services.setup.people import Actor, PersonInfo
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.programme.tables import RowsTable
from qa_desktop.ui.widgets.dates import pydate, qdate
from qa_desktop.ui.widgets.empty import set_empty_text
from qa_desktop.ui.widgets.pdf_export import PdfExportBar
from qa_desktop.ui.widgets.side_by_side import SideBySide, panel


def _dated(day: date) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(qdate(day))
    return edit


def _box(height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class LearningReviewsTab(QWidget):
    loaded = Signal()
    created = Signal(str)
    detail_shown = Signal()

    def __init__(
        self,
        services: Services,
        runner: Runner,
        actor: Actor,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._actor = actor
        self.rows: tuple[ReviewRow, ...] = ()
        self.detail: ReviewDetail | None = None
        may_manage = actor.can(Capability.MANAGE_PROGRAMME)

        # Setting a review up (the QA team).
        self.event_text = _box(70)
        self.event_text.setAccessibleName(self.tr("The significant event"))
        self.event_on = _dated(today())
        self.case_reference = QLineEdit()
        self.case_reference.setAccessibleName(self.tr("Child's case reference"))
        self.lead = QComboBox()
        self.lead.setAccessibleName(self.tr("Review lead"))
        self.create_button = QPushButton(self.tr("&Set up learning review"))
        self.create_button.clicked.connect(self.set_up)
        new_box = QGroupBox(self.tr("A new learning review"))
        new_form = QFormLayout(new_box)
        new_form.addRow(self.tr("Significant &event:"), self.event_text)
        new_form.addRow(self.tr("Date of the event:"), self.event_on)
        new_form.addRow(self.tr("Child's &case:"), self.case_reference)
        new_form.addRow(self.tr("Review &lead:"), self.lead)
        new_form.addRow(self.create_button)

        self.table = RowsTable(
            [
                self.tr("Event"),
                self.tr("Case"),
                self.tr("Team"),
                self.tr("Lead"),
                self.tr("Open actions"),
                self.tr("Status"),
            ],
            self.tr("Learning reviews"),
        )
        set_empty_text(
            self.table,
            self.tr(
                "No learning reviews yet. Set one up after a significant event with Set up learning review."
            ),
        )
        self.table.itemSelectionChanged.connect(self._chosen)
        self.table.setMaximumHeight(170)

        # The chosen review.
        self.summary = QLabel(self.tr("Choose a learning review."))
        self.summary.setWordWrap(True)
        self.finding_edits: dict[str, QPlainTextEdit] = {}
        findings_box = QGroupBox(self.tr("Findings by practice area"))
        findings_form = QFormLayout(findings_box)
        for area in PRACTICE_AREAS:
            edit = _box(48)
            edit.setAccessibleName(self.tr("Findings: {area}").format(area=self.tr(area)))
            self.finding_edits[area] = edit
            findings_form.addRow(self.tr(area), edit)
        self.learning = _box(60)
        self.learning.setAccessibleName(self.tr("The learning"))
        findings_form.addRow(self.tr("The lear&ning:"), self.learning)
        self.save_button = QPushButton(self.tr("Sa&ve findings"))
        self.save_button.clicked.connect(self.save_findings)
        self.complete_button = QPushButton(self.tr("C&omplete the review"))
        self.complete_button.clicked.connect(self.complete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.complete_button)
        buttons.addStretch(1)
        findings_form.addRow(buttons)

        self.actions_table = RowsTable(
            [self.tr("What"), self.tr("Owner"), self.tr("By when"), self.tr("Status")],
            self.tr("The review's actions"),
        )
        set_empty_text(
            self.actions_table, self.tr("No actions for this review yet. Add one below.")
        )
        self.actions_table.setMinimumHeight(100)
        self.action_text = QLineEdit()
        self.action_text.setAccessibleName(self.tr("The action"))
        self.action_owner = QComboBox()
        self.action_owner.setAccessibleName(self.tr("Who owns the action"))
        self.action_due = _dated(today())
        self.action_due.setAccessibleName(self.tr("By when"))
        self.add_action_button = QPushButton(self.tr("Add act&ion"))
        self.add_action_button.clicked.connect(self.add_action)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status of the chosen action"))
        for status in ActionStatus:
            self.status.addItem(self.tr(status.label), status)
        self.status_button = QPushButton(self.tr("Set the chosen action's s&tatus"))
        self.status_button.clicked.connect(self.set_status)
        actions_box = QGroupBox(self.tr("Actions"))
        actions_layout = QVBoxLayout(actions_box)
        actions_layout.addWidget(self.actions_table)
        add_row = QHBoxLayout()
        add_row.addWidget(self.action_text, 2)
        add_row.addWidget(self.action_owner, 1)
        add_row.addWidget(self.action_due)
        add_row.addWidget(self.add_action_button)
        actions_layout.addLayout(add_row)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addWidget(self.status_button)
        status_row.addStretch(1)
        actions_layout.addLayout(status_row)

        self.export_button = QPushButton(self.tr("Save &PDF report…"))
        self.export_button.clicked.connect(self.export)
        self.export_bar = PdfExportBar(runner)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(self.export_bar, 1)

        self.detail_panel = QWidget()
        detail_layout = QVBoxLayout(self.detail_panel)
        detail_layout.addWidget(self.summary)
        detail_layout.addWidget(findings_box)
        detail_layout.addWidget(actions_box)
        detail_layout.addLayout(export_row)
        self.detail_panel.setEnabled(False)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail_panel)

        right = QVBoxLayout()
        right.addWidget(self.table)
        right.addWidget(scroll, 1)
        QVBoxLayout(self).addWidget(SideBySide(new_box, panel(right), (2, 5)))
        new_box.setVisible(may_manage)
        # Reviews set up here or brought by a sync.
        runner.subscribe(self, Change.PROGRAMME, lambda _what: self.load())

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        services, actor = self._services, self._actor

        def work() -> tuple[tuple[ReviewRow, ...], list[PersonInfo]]:
            return services.learning_reviews.list(actor), services.directory.people()

        ops.read(self._runner, work, on_done=self._show)

    def _show(self, loaded: tuple[tuple[ReviewRow, ...], list[PersonInfo]]) -> None:
        rows, people = loaded
        if self.lead.count() == 0:
            for person in people:
                label = f"{person.name} — {self.tr(person.role.label)}"
                self.lead.addItem(label, person.id)
                self.action_owner.addItem(label, person.id)
        self.rows = rows
        chosen = self.detail.id if self.detail else None
        self.table.blockSignals(True)
        self.table.set_rows(
            [
                (
                    r.event_on.strftime("%d %b %Y"),
                    r.case_reference,
                    r.team,
                    r.lead,
                    self._open_actions(r),
                    self._status_text(r.completed_on),
                )
                for r in rows
            ]
        )
        for index, row in enumerate(rows):
            if row.id == chosen:
                self.table.selectRow(index)
        self.table.blockSignals(False)
        self.loaded.emit()

    def _open_actions(self, row: ReviewRow) -> str:
        if row.overdue_actions:
            return self.tr("{open} ({late} overdue)").format(
                open=row.open_actions, late=row.overdue_actions
            )
        return str(row.open_actions)

    def _status_text(self, completed_on: date | None) -> str:
        if completed_on is None:
            return self.tr("In progress")
        return self.tr("Completed {day}").format(day=completed_on.strftime("%d %b %Y"))

    def _chosen(self) -> None:
        index = self.table.currentRow()
        if 0 <= index < len(self.rows):
            self.show_detail(self.rows[index].id)

    def show_detail(self, review_id: str) -> None:
        actor = self._actor
        ops.read(
            self._runner,
            self._services.learning_reviews.detail,
            review_id,
            actor,
            on_done=self._show_detail,
        )

    def _show_detail(self, detail: ReviewDetail) -> None:
        self.detail = detail
        self.summary.setText(
            self.tr(
                "<b>{case} ({initials})</b>, {team}: significant event of {day}, review led by "
                "{lead}. {status}."
            ).format(
                case=detail.case_reference,
                initials=detail.case_initials,
                team=detail.team,
                day=detail.event_on.strftime("%d %b %Y"),
                lead=detail.lead,
                status=self._status_text(detail.completed_on),
            )
        )
        self.summary.setToolTip(detail.event)
        for area, edit in self.finding_edits.items():
            edit.setPlainText(detail.findings.get(area, ""))
            edit.setReadOnly(not detail.may_write)
        self.learning.setPlainText(detail.learning)
        self.learning.setReadOnly(not detail.may_write)
        for widget in (
            self.save_button,
            self.complete_button,
            self.action_text,
            self.action_owner,
            self.action_due,
            self.add_action_button,
        ):
            widget.setEnabled(detail.may_write)
        self.actions_table.set_rows(
            [
                (
                    a.description,
                    a.owner,
                    a.due_on.strftime("%d %b %Y"),
                    self.tr("{status} (overdue)").format(status=self.tr(a.status.label))
                    if a.overdue
                    else self.tr(a.status.label),
                )
                for a in detail.actions
            ]
        )
        self.detail_panel.setEnabled(True)
        self.detail_shown.emit()

    # -- doing -----------------------------------------------------------------------------

    def entry(self) -> ReviewEntry:
        return ReviewEntry(
            event=self.event_text.toPlainText(),
            event_on=pydate(self.event_on.date()),
            case_reference=self.case_reference.text(),
            lead_id=str(self.lead.currentData()),
        )

    def set_up(self) -> None:  # not create(): QWidget has one
        entry, actor = self.entry(), self._actor
        ops.write(
            self._runner,
            self._services.learning_reviews.create,
            entry,
            actor,
            on_done=self._created,
        )

    def _created(self, review_id: str) -> None:
        self.event_text.clear()
        self.case_reference.clear()
        self.created.emit(review_id)
        self.detail = None
        self.show_detail(review_id)
        self.load()

    def save_findings(self) -> None:
        if self.detail is None:
            return
        review_id, actor = self.detail.id, self._actor
        findings = {area: edit.toPlainText() for area, edit in self.finding_edits.items()}
        learning = self.learning.toPlainText()
        ops.write(
            self._runner,
            self._services.learning_reviews.save_findings,
            review_id,
            findings,
            learning,
            actor,
            on_done=lambda _none: self._refresh(),
        )

    def complete(self) -> None:
        if self.detail is None:
            return
        review_id, actor = self.detail.id, self._actor
        ops.write(
            self._runner,
            self._services.learning_reviews.complete,
            review_id,
            actor,
            on_done=lambda _none: self._refresh(),
        )

    def add_action(self) -> None:
        if self.detail is None:
            return
        review_id, actor = self.detail.id, self._actor
        text, owner = self.action_text.text(), str(self.action_owner.currentData())
        due = pydate(self.action_due.date())
        ops.write(
            self._runner,
            self._services.learning_reviews.add_action,
            review_id,
            text,
            owner,
            due,
            actor,
            on_done=lambda _id: self._action_added(),
        )

    def set_status(self) -> None:
        if self.detail is None:
            return
        index = self.actions_table.currentRow()
        if not 0 <= index < len(self.detail.actions):
            return
        action_id, actor = self.detail.actions[index].id, self._actor
        status = ActionStatus(self.status.currentData())
        ops.write(
            self._runner,
            self._services.learning_reviews.set_action_status,
            action_id,
            status,
            actor,
            on_done=lambda _none: self._refresh(),
        )

    def export(self) -> None:
        if self.detail is None:
            return
        review_id, actor = self.detail.id, self._actor
        reviews = self._services.learning_reviews

        def work(path: Path) -> ExportedDocument:
            return reviews.export_report(review_id, path, actor)

        name = f"Learning review {self.detail.case_reference} {self.detail.event_on}.pdf"
        self.export_bar.export(self.tr("Save the learning review"), name, work)

    def _refresh(self) -> None:
        if self.detail is not None:
            self.show_detail(self.detail.id)
        self.load()

    def _action_added(self) -> None:
        self.action_text.clear()
        self._refresh()
