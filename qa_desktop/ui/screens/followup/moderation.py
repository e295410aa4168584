"""Moderation: the queue (and adding an audit to it), the moderator's decisions, the panel
layout that takes a meeting through a list of audits in order, and the agreement figures."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.follow_up import Agreement
from qa_desktop.domain.roles import Capability
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.followup.moderation import AgreementReport, ModerationResult, QueueItem
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.followup.moderation_form import ModerationForm
from qa_desktop.ui.widgets.empty import set_empty_text
from qa_desktop.ui.widgets.record_table import (
    RECORD_ROLE,
    Column,
    RecordTableModel,
    day_text,
    record_view,
    selected_record,
)
from qa_desktop.ui.widgets.scrolling_tabs import ScrollingTabs
from qa_desktop.ui.widgets.side_by_side import SideBySide, panel

AUDIT_ID_ROLE = Qt.ItemDataRole.UserRole + 20


class ModerationScreen(QWidget):
    loaded = Signal()

    def __init__(
        self, services: Services, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._actor = actor
        self.moderates = actor.can(Capability.MODERATE)
        self.may_add = actor.can(Capability.ADD_TO_MODERATION)
        title = QLabel(self.tr("Moderation"))
        title.setObjectName("screenTitle")
        self.notice = StatusLabel()
        self.notice.setWordWrap(True)
        self.tabs = ScrollingTabs()  # a tab too tall for a small screen scrolls down
        self.tabs.setDocumentMode(True)
        self.queue_tab = self._queue_tab()
        self.tabs.addTab(self.queue_tab, self.tr("Queue"))
        self.panel = PanelView(services, runner, actor)
        self.panel_index = self.tabs.addTab(self.panel, self.tr("Panel"))
        self.agreement = AgreementView()
        self.agreement_index = self.tabs.addTab(self.agreement, self.tr("Agreement"))
        self.tabs.setTabEnabled(self.panel_index, self.moderates)
        self.tabs.setTabEnabled(self.agreement_index, actor.can(Capability.REPORT))
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        runner.subscribe(self, Change.AUDITS | Change.MODERATION, lambda _what: self.load())

    def _queue_tab(self) -> QWidget:
        self.queue_model: RecordTableModel[QueueItem] = RecordTableModel(
            [
                Column(self.tr("Audit"), lambda i: i.reference),
                Column(self.tr("Case"), lambda i: i.case_reference),
                Column(self.tr("Team"), lambda i: i.team),
                Column(self.tr("Auditor"), lambda i: i.auditor),
                Column(self.tr("Grade"), lambda i: grade_label(i.overall_grade)),
                Column(self.tr("Why"), lambda i: self.tr(i.reason.label)),
                Column(self.tr("Added by"), lambda i: i.added_by),
                Column(self.tr("Submitted"), lambda i: day_text(i.submitted_on)),
                Column(self.tr("Due"), lambda i: day_text(i.due_on)),
                Column(self.tr("Overdue"), lambda i: self.tr("Overdue") if i.overdue else ""),
            ],
            overdue=lambda i: i.overdue,
            parent=self,
        )
        self.queue = record_view(
            self.queue_model,
            self.tr("Audits waiting for moderation"),
            empty=self.tr(
                "No audits are waiting for moderation. Audits are chosen as they are signed off, "
                "or add one by its reference below."
            ),
        )
        self.queue.activated.connect(self._open_index)  # Enter or double-click, once
        self.moderate_button = QPushButton(self.tr("&Moderate the selected audit"))
        self.moderate_button.clicked.connect(self._open_selected)
        self.moderate_button.setVisible(self.moderates)
        self.count = StatusLabel()
        self.count.setWordWrap(True)  # beside the button, it wraps rather than widen the tab
        top = QVBoxLayout()
        header = QHBoxLayout()
        header.addWidget(self.count, 1)
        header.addWidget(self.moderate_button)
        top.addLayout(header)
        top.addWidget(self.queue, 1)
        self.queue.setMinimumHeight(self.fontMetrics().height() * 10)  # a few rows at 200%
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("QA-…")
        self.add_note = QLineEdit()
        self.add_note.setPlaceholderText(self.tr("Why (optional)"))
        self.add_button = QPushButton(self.tr("A&dd to moderation"))
        self.add_button.clicked.connect(self._add)
        adding = QFormLayout()
        adding.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above, if narrow
        adding.addRow(self.tr("Add an audit by &its reference:"), self.reference)
        adding.addRow(self.tr("N&ote:"), self.add_note)
        adding.addRow("", self.add_button)
        add_box = QWidget()
        add_box.setLayout(adding)
        add_box.setVisible(self.may_add)
        top.addWidget(add_box)
        top_widget = QWidget()
        top_widget.setLayout(top)
        self.form = ModerationForm(self._services, self._runner, self._actor)
        self.form.decided.connect(self._decided)
        self.form.setVisible(self.moderates)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top_widget)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 420])
        return splitter

    # -- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        if not (self.moderates or self.may_add):
            self.notice.setText(
                self.tr("Moderation is for moderators and the QA team; your role has no queue.")
            )
            self.tabs.setEnabled(False)
            return
        actor = self._actor
        ops.read(self._runner, self._services.moderation.queue, actor, on_done=self._show_queue)
        if self._actor.can(Capability.REPORT):
            ops.read(
                self._runner,
                self._services.moderation.agreement,
                actor,
                on_done=self.agreement.show_report,
            )

    def _show_queue(self, items: list[QueueItem]) -> None:
        self.queue_model.set_rows(items)
        late = sum(i.overdue for i in items)
        self.count.setText(
            self.tr("{count} audits wait for moderation; {late} are overdue.").format(
                count=len(items), late=late
            )
        )
        self.panel.set_queue(items)
        self.loaded.emit()

    # -- acting --------------------------------------------------------------------------------

    def open_case(self, audit_id: str) -> None:
        """Show one audit's moderation form (from My work, or the queue)."""
        self.tabs.setCurrentWidget(self.queue_tab)
        own: QueueItem | None = None
        for row, item in enumerate(self.queue_model.rows()):
            if item.audit_id == audit_id:
                self.queue.selectRow(row)
                if item.auditor_id == self._actor.id:
                    own = item
        if not self.moderates:
            return
        if own is not None:
            # Refused before the moderator starts, with the reason, not after the work.
            self.form.clear()
            self.notice.setText(
                self.tr(
                    "You audited {reference}, so you cannot moderate it: another moderator "
                    "will. Choose another audit from the queue."
                ).format(reference=own.reference)
            )
            return
        self.notice.clear()  # an earlier refusal no longer applies
        self.form.open(audit_id)

    def _open_index(self, index: QModelIndex) -> None:
        item = index.model().data(index, RECORD_ROLE)
        if isinstance(item, QueueItem):
            self.open_case(item.audit_id)

    def _open_selected(self) -> None:
        item = selected_record(self.queue)
        if isinstance(item, QueueItem):
            self.open_case(item.audit_id)

    def _decided(self, result: ModerationResult) -> None:
        self.notice.setText(_result_text(self, result))

    def _add(self) -> None:
        reference, note, actor = self.reference.text(), self.add_note.text(), self._actor
        ops.write(
            self._runner,
            self._services.moderation.add_by_reference,
            reference,
            actor,
            note,
            on_done=self._added,
        )

    def _added(self, item: QueueItem) -> None:
        self.reference.clear()
        self.add_note.clear()
        self.notice.setText(
            self.tr("{reference} has been added to the moderation queue.").format(
                reference=item.reference
            )
        )


def _result_text(widget: QWidget, result: ModerationResult) -> str:
    text = widget.tr("{reference} moderated: {grade}, {changed} grades changed.").format(
        reference=result.reference, grade=grade_label(result.confirmed), changed=result.changed
    )
    if result.meeting_due_on:
        text += " " + widget.tr("A reflective meeting is due by {day}.").format(
            day=day_text(result.meeting_due_on)
        )
    return text


class PanelView(QWidget):
    """A moderation panel: choose audits in order, then decide them one after another."""

    def __init__(
        self, services: Services, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._actor_id = actor.id
        self.choice = QListWidget()
        self.choice.setAccessibleName(self.tr("Audits for the panel, in order"))
        set_empty_text(
            self.choice,
            self.tr("No audits for the panel: audits waiting for moderation are listed here."),
        )
        self.up = QPushButton(self.tr("Move &up"))
        self.down = QPushButton(self.tr("Move do&wn"))
        self.start = QPushButton(self.tr("&Start the panel"))
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.start.clicked.connect(self.begin)
        self.progress = StatusLabel(self.tr("Tick the audits the panel will discuss, then start."))
        self.progress.setObjectName("sectionTitle")
        self.skip = QPushButton(self.tr("S&kip this audit"))
        self.skip.clicked.connect(lambda: self.next_audit(skipped=True))
        self.skip.setEnabled(False)
        self.log = QListWidget()
        self.log.setAccessibleName(self.tr("Decisions made by the panel"))
        set_empty_text(
            self.log, self.tr("No decisions yet: each one the panel makes is listed here.")
        )
        self.form = ModerationForm(services, runner, actor)
        self.form.decided.connect(self._decided)
        self.agenda: list[str] = []
        self.position = -1
        side = QVBoxLayout()
        self.agenda_box = QWidget()
        agenda = QVBoxLayout(self.agenda_box)
        agenda.setContentsMargins(0, 0, 0, 0)
        agenda.addWidget(QLabel(self.tr("Agenda")))
        agenda.addWidget(self.choice, 1)
        moves = QHBoxLayout()
        moves.addWidget(self.up)
        moves.addWidget(self.down)
        agenda.addLayout(moves)
        agenda.addWidget(self.start)
        side.addWidget(self.agenda_box, 2)
        side.addWidget(QLabel(self.tr("Decisions")))
        side.addWidget(self.log, 1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(260)
        main = QVBoxLayout()
        header = QHBoxLayout()
        header.addWidget(self.progress, 1)
        header.addWidget(self.skip)
        main.addLayout(header)
        main.addWidget(self.form, 1)
        QVBoxLayout(self).addWidget(SideBySide(side_widget, panel(main), (1, 3)))

    def set_queue(self, items: list[QueueItem]) -> None:
        if self.position >= 0:
            return  # a panel under way keeps its agenda
        ticked = {
            self.choice.item(i).data(AUDIT_ID_ROLE)
            for i in range(self.choice.count())
            if self.choice.item(i).checkState() == Qt.CheckState.Checked
        }
        self.choice.clear()
        for item in items:
            entry = QListWidgetItem(
                f"{item.reference} · {grade_label(item.overall_grade)} · {item.auditor}"
            )
            entry.setData(AUDIT_ID_ROLE, item.audit_id)
            if item.auditor_id == self._actor_id:
                # Never on their own agenda: the service refuses a moderator their own audit
                # (ModerationService.decide), so it is refused here before the panel starts.
                entry.setText(
                    self.tr("{audit} (you audited it: another moderator decides)").format(
                        audit=entry.text()
                    )
                )
                entry.setFlags(
                    entry.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsUserCheckable
                )
                self.choice.addItem(entry)
                continue
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = item.audit_id in ticked
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.choice.addItem(entry)

    def _move(self, step: int) -> None:
        row = self.choice.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.choice.count():
            return
        item = self.choice.takeItem(row)
        self.choice.insertItem(target, item)
        self.choice.setCurrentRow(target)

    def begin(self) -> None:
        self.agenda = [
            item.data(AUDIT_ID_ROLE)
            for item in (self.choice.item(i) for i in range(self.choice.count()))
            if item.checkState() == Qt.CheckState.Checked
            and item.flags() & Qt.ItemFlag.ItemIsEnabled  # never the moderator's own audit
        ]
        if not self.agenda:
            self.progress.setText(self.tr("Tick at least one audit for the panel."))
            return
        self.log.clear()
        self.position = -1
        self.agenda_box.setVisible(False)  # the room sees the audit, not the agenda
        self.start.setEnabled(False)
        self.skip.setEnabled(True)
        self.next_audit(skipped=False)

    def next_audit(self, skipped: bool = True) -> None:
        if skipped and 0 <= self.position < len(self.agenda):
            self.log.addItem(self.tr("Skipped"))
        self.position += 1
        if self.position >= len(self.agenda):
            self._finish()
            return
        self.progress.setText(
            self.tr("Audit {number} of {total}").format(
                number=self.position + 1, total=len(self.agenda)
            )
        )
        self.form.open(self.agenda[self.position])

    def _decided(self, result: ModerationResult) -> None:
        self.log.addItem(_result_text(self, result))
        self.next_audit(skipped=False)

    def _finish(self) -> None:
        self.form.clear()
        self.progress.setText(
            self.tr("The panel is finished: {count} audits discussed.").format(
                count=len(self.agenda)
            )
        )
        self.position = -1
        self.agenda_box.setVisible(True)
        self.start.setEnabled(True)
        self.skip.setEnabled(False)


class AgreementView(QWidget):
    """How often moderation agreed with each auditor and team, and which way they lean."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.by_auditor: RecordTableModel[Agreement] = RecordTableModel(
            self._columns(), parent=self
        )
        self.by_team: RecordTableModel[Agreement] = RecordTableModel(self._columns(), parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        for label, model in (
            (self.tr("By auditor"), self.by_auditor),
            (self.tr("By team"), self.by_team),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{label}</b>"))
            empty = self.tr("No moderation decisions in this period yet.")
            column.addWidget(record_view(model, label, empty=empty), 1)
            row.addLayout(column, 1)
        layout.addLayout(row, 1)

    def _columns(self) -> list[Column[Agreement]]:
        tendencies = {
            "higher": self.tr("Grades higher"),
            "lower": self.tr("Grades lower"),
            "even": self.tr("No lean"),
        }
        return [
            Column(self.tr("Name"), lambda a: a.name),
            Column(self.tr("Decisions"), lambda a: str(a.decisions)),
            Column(self.tr("Agreed"), lambda a: f"{a.rate:.0f}%"),
            Column(self.tr("Higher"), lambda a: str(a.auditor_higher)),
            Column(self.tr("Lower"), lambda a: str(a.auditor_lower)),
            Column(self.tr("Tendency"), lambda a: tendencies[a.tendency]),
        ]

    def show_report(self, report: AgreementReport) -> None:
        self.by_auditor.set_rows(report.by_auditor)
        self.by_team.set_rows(report.by_team)
        agreed = sum(a.agreed for a in report.by_team)
        rate = 100.0 * agreed / report.decisions if report.decisions else 0.0
        self.summary.setText(
            self.tr(
                "Moderators agreed with {rate:.0f}% of {count} grades. Lowest agreement first; "
                "'higher' means the auditor graded more generously than the moderator."
            ).format(rate=rate, count=report.decisions)
        )
