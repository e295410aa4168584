"""My work: what is due from the person and what is overdue: audits of their practice waiting
for their reflection or sign-off, audits to do, audits to
moderate, reflective meetings to hold, re-audits due and the actions they own; for team
managers and heads of service, first of all, the live safeguarding escalations. Last, the
programme's: learning reviews the person leads, and the learning review and thematic actions
they own (moved on here, or opened on their Programme tab).

At start the screen is filled before the services are built (``show_work`` with the quick
start's rows, ``services`` None) and is given them later (``set_services``), which reads it
again; until then the buttons that mark an action done are disabled, saying the store is
opening. Nothing on this path imports SQLAlchemy or the services' modules."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.learning_reviews import ActionStatus
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.moderation import SelectionReason
from qa_desktop.domain.my_work import MyWork, WorkItem, WorkKind, receives_escalations
from qa_desktop.domain.people import Actor
from qa_desktop.services.changes import Change
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.labels import state_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.record_table import (
    RECORD_ROLE,
    Column,
    RecordTableModel,
    day_text,
    record_view,
    selected_record,
)

if TYPE_CHECKING:
    from qa_desktop.services.container import Services

# Data changes after which My work is read again ("escalations": the workspace's tick, which
# is saved at once; "sync": escalations raised on another laptop arrive with a pull).
WATCHED = (
    Change.AUDITS
    | Change.MODERATION
    | Change.MEETINGS
    | Change.ACTIONS
    | Change.ESCALATIONS
    | Change.PROGRAMME
)
PROGRAMME_ACTIONS = (WorkKind.REVIEW_ACTION, WorkKind.THEMATIC_ACTION)


class MyWorkScreen(QWidget):
    open_requested = Signal(str)  # audit id
    moderate_requested = Signal(str)  # audit id
    meeting_requested = Signal(str)  # meeting id
    programme_requested = Signal(str, str)  # "review" or "thematic", and its id
    counted = Signal(int)
    loaded = Signal()

    def __init__(
        self,
        services: Services | None,
        runner: Runner,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._actor = actor
        self.work: MyWork | None = None
        title = QLabel(self.tr("My work"))
        title.setObjectName("screenTitle")
        self.summary = StatusLabel()
        self.summary.setObjectName("myWorkSummary")
        self.summary.setWordWrap(True)
        self.escalation_banner = QLabel()
        self.escalation_banner.setObjectName("escalationBanner")
        self.escalation_banner.setWordWrap(True)
        self.escalation_banner.setTextFormat(Qt.TextFormat.RichText)
        self.escalation_banner.linkActivated.connect(self._show_escalations)
        self.escalation_banner.setVisible(False)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._kinds = [
            *(
                [(WorkKind.ESCALATION, self.tr("Safeguarding escalations"))]
                if receives_escalations(actor.person.role)
                else []
            ),
            (WorkKind.WAITING, self.tr("Waiting for you")),
            (WorkKind.AUDIT, self.tr("Audits to do")),
            (WorkKind.MODERATION, self.tr("To moderate")),
            (WorkKind.MEETING, self.tr("Meetings to hold")),
            (WorkKind.REAUDIT, self.tr("Re-audits due")),
            (WorkKind.ACTION, self.tr("Actions I own")),
            (WorkKind.REVIEW, self.tr("Reviews and programme actions")),
        ]
        self.models: dict[WorkKind, RecordTableModel[WorkItem]] = {}
        self.tables: dict[WorkKind, QTableView] = {}
        for kind, label in self._kinds:
            model: RecordTableModel[WorkItem] = RecordTableModel(
                self._columns(kind), overdue=lambda item: item.overdue, parent=self
            )
            table = record_view(model, label, empty=self._empty_text(kind))
            table.activated.connect(self._activate)  # Enter or double-click, once
            self.models[kind] = model
            self.tables[kind] = table
            self.tabs.addTab(table, label)
        self.done_button = QPushButton(self.tr("Mark the selected action &done"))
        self.done_button.clicked.connect(self._complete_selected)
        self.done_button.setVisible(False)
        self.programme_done_button = QPushButton(self.tr("Mark the selected action d&one"))
        self.programme_done_button.clicked.connect(self._complete_programme_action)
        self.programme_done_button.setVisible(False)
        self.tabs.currentChanged.connect(self._tab_changed)
        hint = QLabel(
            self.tr("Overdue items are shown in bold red. Press Enter or double-click to open one.")
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.escalation_banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.done_button)
        bottom.addWidget(self.programme_done_button)
        layout.addLayout(bottom)
        self._set_buttons_enabled(services is not None)
        runner.subscribe(self, WATCHED, lambda _what: self.load())

    def _empty_text(self, kind: WorkKind) -> str:
        """What an empty tab would hold, and how something comes into it."""
        texts = {
            WorkKind.ESCALATION: self.tr("No safeguarding escalations are waiting for you."),
            WorkKind.WAITING: self.tr(
                "No audits of your practice are waiting for you: an audit in progress, open for "
                "your reflection, or signed off by the auditor and waiting for your sign-off, "
                "shows here."
            ),
            WorkKind.AUDIT: self.tr(
                "No audits to do. Audits planned for you, or started with Audit > New audit, "
                "show here."
            ),
            WorkKind.MODERATION: self.tr(
                "Nothing to moderate: audits chosen for moderation show here."
            ),
            WorkKind.MEETING: self.tr(
                "No reflective meetings to hold: a confirmed Inadequate grade brings one here."
            ),
            WorkKind.REAUDIT: self.tr(
                "No re-audits due: they are planned after a reflective meeting."
            ),
            WorkKind.ACTION: self.tr(
                "No actions are yours: actions agreed at an audit or a meeting show here."
            ),
            WorkKind.REVIEW: self.tr(
                "No learning reviews or programme actions are yours: those you lead or own show here."
            ),
        }
        return texts.get(kind, "")

    def _columns(self, kind: WorkKind) -> list[Column[WorkItem]]:
        due: Column[WorkItem] = Column(self.tr("Due"), lambda i: day_text(i.due_on))
        late: Column[WorkItem] = Column(
            self.tr("Overdue"), lambda i: self.tr("Overdue") if i.overdue else ""
        )
        reference: Column[WorkItem] = Column(self.tr("Audit"), lambda i: i.reference)
        case: Column[WorkItem] = Column(self.tr("Case"), lambda i: i.case_reference)
        team: Column[WorkItem] = Column(self.tr("Team"), lambda i: i.team)
        if kind in (WorkKind.AUDIT, WorkKind.REAUDIT):
            what: Column[WorkItem] = Column(self.tr("What"), self._audit_text)
            state: Column[WorkItem] = Column(
                self.tr("State"), lambda i: state_label(i.state) if i.state else ""
            )
            return [due, late, reference, case, team, what, state]
        if kind is WorkKind.WAITING:
            return [
                reference,
                case,
                team,
                Column(self.tr("Waiting for"), self._waiting_text),
                Column(self.tr("State"), lambda i: state_label(i.state) if i.state else ""),
            ]
        if kind is WorkKind.MODERATION:
            reason: Column[WorkItem] = Column(
                self.tr("Why"), lambda i: self.tr(SelectionReason(i.description).label)
            )
            return [due, late, reference, case, team, reason]
        if kind is WorkKind.MEETING:
            return [due, late, reference, case, team, Column(self.tr("Held by"), self._held_by)]
        if kind is WorkKind.ESCALATION:
            return [
                Column(self.tr("Raised"), self._raised_text),
                Column(self.tr("Raised by"), lambda i: i.raised_by),
                case,
                reference,
                team,
                Column(self.tr("State"), lambda i: state_label(i.state) if i.state else ""),
                Column(self.tr("Details"), lambda i: i.description, lambda i: i.description),
            ]
        if kind is WorkKind.REVIEW:
            return [
                due,
                late,
                Column(self.tr("What"), self._programme_text),
                Column(self.tr("Details"), lambda i: i.description, lambda i: i.description),
                Column(self.tr("Case or theme"), lambda i: i.case_reference or i.reference),
                team,
            ]
        return [due, late, Column(self.tr("Action"), lambda i: i.description), reference, team]

    def _programme_text(self, item: WorkItem) -> str:
        if item.kind is WorkKind.REVIEW:
            return self.tr("Learning review to lead")
        kind = (
            self.tr("Learning review action")
            if item.kind is WorkKind.REVIEW_ACTION
            else self.tr("Thematic action")
        )
        if item.status == "in_progress":
            return self.tr("{kind} (in progress)").format(kind=kind)
        return kind

    def _waiting_text(self, item: WorkItem) -> str:
        if item.state is AuditState.SUBMITTED:
            return self.tr("Your sign-off")
        return self.tr("Your reflection (welcome while the audit is in progress)")

    def _audit_text(self, item: WorkItem) -> str:
        if item.kind is WorkKind.REAUDIT:
            return self.tr("Re-audit")
        return self.tr("Audit")

    def _held_by(self, item: WorkItem) -> str:
        if item.stands_in:
            return self.tr("{name} (standing in: no head of service)").format(name=item.held_by)
        return item.held_by

    def _raised_text(self, item: WorkItem) -> str:
        if item.raised_at is None:
            return self.tr("Not recorded")
        return item.raised_at.strftime("%d %b %Y %H:%M")

    def set_services(self, services: Services) -> None:
        """The services are built (after a quick start): read My work again from them."""
        self._services = services
        self._set_buttons_enabled(True)
        self.load()

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for button in (self.done_button, self.programme_done_button):
            button.setEnabled(enabled)
            button.setToolTip("" if enabled else self.tr("Opening your store…"))

    def load(self) -> None:
        if self._services is None:
            return  # filled by the quick start; read again once the services are built
        actor = self._actor
        ops.read(self._runner, self._services.my_work.for_person, actor, on_done=self.show_work)

    def show_work(self, work: MyWork) -> None:
        first_load = self.work is None
        self.work = work
        lists = {
            WorkKind.AUDIT: work.audits,
            WorkKind.MODERATION: work.moderation,
            WorkKind.MEETING: work.meetings,
            WorkKind.REAUDIT: work.reaudits,
            WorkKind.ACTION: work.actions,
            WorkKind.ESCALATION: work.escalations,
            WorkKind.REVIEW: work.programme,
            WorkKind.WAITING: work.waiting,
        }
        for index, (kind, label) in enumerate(self._kinds):
            items = lists[kind]
            # Read again after every sync: the selection stays on the same item.
            chosen = selected_record(self.tables[kind])
            self.models[kind].set_rows(items)
            if isinstance(chosen, WorkItem):
                self._reselect(kind, chosen.id)
            late = sum(i.overdue for i in items)
            text = f"{label} ({len(items)})"
            if late:
                text += " " + self.tr("· {late} overdue").format(late=late)
            self.tabs.setTabText(index, text)
        if first_load:
            self._open_first_tab_with_work(lists)
        self.summary.setText(self._summary(work.count, work.overdue))
        self._show_banner(len(work.escalations))
        self.counted.emit(work.count)
        self.loaded.emit()

    def _open_first_tab_with_work(self, lists: dict[WorkKind, tuple[WorkItem, ...]]) -> None:
        """Open on the first tab that has something in it, not on an empty list."""
        for kind, _label in self._kinds:
            if lists[kind]:
                self.tabs.setCurrentWidget(self.tables[kind])
                return

    def _summary(self, count: int, late: int) -> str:
        """One sentence, with singular and plural said properly (no translator is loaded
        for English, so Qt's %n plurals would show their raw form)."""
        if not count:
            return self.tr("Nothing is due from you.")
        if count == 1:
            return (
                self.tr("One thing is due from you, and it is overdue.")
                if late
                else (self.tr("One thing is due from you."))
            )
        due = self.tr("{count} things are due from you").format(count=count)
        if not late:
            return self.tr("{due}; none of them is overdue.").format(due=due)
        if late == 1:
            return self.tr("{due}; one of them is overdue.").format(due=due)
        if late == count:
            return self.tr("{due}; all of them are overdue.").format(due=due)
        return self.tr("{due}; {late} of them are overdue.").format(due=due, late=late)

    def _show_banner(self, count: int) -> None:
        if count == 1:
            text = self.tr("A live safeguarding escalation needs your attention.")
        else:
            text = self.tr("{count} live safeguarding escalations need your attention.").format(
                count=count
            )
        link = self.tr("Show the escalations")
        self.escalation_banner.setText(f"{escape(text)} <a href='#escalations'>{escape(link)}</a>")
        self.escalation_banner.setAccessibleName(text)
        self.escalation_banner.setVisible(count > 0)

    def _show_escalations(self, _link: str = "") -> None:
        table = self.tables.get(WorkKind.ESCALATION)
        if table is not None:
            self.tabs.setCurrentWidget(table)
            table.setFocus(Qt.FocusReason.OtherFocusReason)
            if table.model().rowCount() and not table.currentIndex().isValid():
                table.selectRow(0)

    def _reselect(self, kind: WorkKind, item_id: str) -> None:
        model = self.models[kind]
        for row, item in enumerate(model.rows()):
            if item.id == item_id:
                self.tables[kind].selectRow(row)
                return

    def _tab_changed(self, index: int) -> None:
        self.done_button.setVisible(self._kinds[index][0] is WorkKind.ACTION)
        self.programme_done_button.setVisible(self._kinds[index][0] is WorkKind.REVIEW)

    def _complete_selected(self) -> None:
        item = selected_record(self.tables[WorkKind.ACTION])
        if not isinstance(item, WorkItem) or self._services is None:
            return
        actor = self._actor
        ops.write(self._runner, self._services.my_work.complete_action, item.id, actor)

    def _complete_programme_action(self) -> None:
        item = selected_record(self.tables[WorkKind.REVIEW])
        if not isinstance(item, WorkItem) or item.kind not in PROGRAMME_ACTIONS:
            return
        if self._services is None:  # before the services: the button is disabled
            return
        actor, done = self._actor, ActionStatus.DONE
        if item.kind is WorkKind.REVIEW_ACTION:
            method = self._services.learning_reviews.set_action_status
        else:
            method = self._services.thematic.set_action_status
        ops.write(self._runner, method, item.id, done, actor)

    def _activate(self, index: QModelIndex) -> None:
        item = index.model().data(index, RECORD_ROLE)
        if not isinstance(item, WorkItem):
            return
        if item.kind is WorkKind.MODERATION:
            self.moderate_requested.emit(item.id)
        elif item.kind is WorkKind.MEETING:
            self.meeting_requested.emit(item.id)
        elif item.kind in (WorkKind.REVIEW, WorkKind.REVIEW_ACTION):
            self.programme_requested.emit("review", item.parent_id)
        elif item.kind is WorkKind.THEMATIC_ACTION:
            self.programme_requested.emit("thematic", item.parent_id)
        elif item.audit_id:
            self.open_requested.emit(item.audit_id)
