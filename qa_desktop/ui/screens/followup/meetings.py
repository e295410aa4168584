"""Reflective meetings: those due and those held; the notes (date, attendees, barriers and
challenges, the child's lived experience), SMART actions, and the head of service's sign-off
that plans the re-audit. Re-audits show their grade movement once done.

The notes save like the workspace: there is no Save button; typing saves after a short pause,
on leaving the field, on choosing another meeting and when the window closes (Ctrl+Q too). A
new action is saved once it says what and who. Notes the store refuses (no attendees yet) are
kept on screen with the reason beside the save mark, and closing the window asks first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.roles import Capability
from qa_desktop.errors import UserError
from qa_desktop.i18n import error_text
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.followup.meetings import (
    ActionDraft,
    MeetingAction,
    MeetingDetail,
    MeetingNotes,
    MeetingRow,
)
from qa_desktop.services.setup.people import Actor, PersonInfo
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.record_table import (
    RECORD_ROLE,
    Column,
    RecordTableModel,
    day_text,
    record_view,
)
from qa_desktop.ui.widgets.sign_off_box import SignOffBox, confirm

SHOW_DUE, SHOW_HELD, SHOW_ALL = range(3)
SAVE_DELAY_MS = 400  # as the workspace: a short pause in typing saves


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


@dataclass
class ActionRow:
    """The widgets of one new action: what, who, by when."""

    box: QWidget
    description: QLineEdit
    owner: QComboBox
    due: QDateEdit

    @property
    def complete(self) -> bool:
        """Says what and who: ready to be saved."""
        return bool(self.description.text().strip()) and self.owner.currentData() is not None

    def draft(self) -> ActionDraft:
        return ActionDraft(
            self.description.text(), self.owner.currentData(), _date(self.due.date())
        )


class MeetingsScreen(QWidget):
    loaded = Signal()
    saved = Signal(object)  # MeetingDetail

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
        self._today = today
        self._people: list[PersonInfo] = []
        self._rows: list[MeetingRow] = []
        self.detail: MeetingDetail | None = None
        self.action_rows: list[ActionRow] = []
        self.dirty = False  # typed and not yet in the store
        self.problem = ""  # why the store refused what is typed ("" if it did not)
        self._quiet = False  # filling the form from the store is not typing
        self._editable = False
        # Asks before the sign-off (replaceable in tests, which read the real box).
        self.confirm: Callable[[SignOffBox], bool] = confirm
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)

        title = QLabel(self.tr("Reflective meetings"))
        title.setObjectName("screenTitle")
        self.notice = StatusLabel()
        self.notice.setWordWrap(True)
        self.show_which = QComboBox()
        self.show_which.addItems([self.tr("Due"), self.tr("Held"), self.tr("All")])
        self.show_which.currentIndexChanged.connect(lambda _i: self._filter())
        self.model: RecordTableModel[MeetingRow] = RecordTableModel(
            [
                Column(self.tr("Due"), lambda r: day_text(r.due_on)),
                Column(self.tr("Status"), self._status),
                Column(self.tr("Audit"), lambda r: r.audit_reference),
                Column(self.tr("Case"), lambda r: r.case_reference),
                Column(self.tr("Team"), lambda r: r.team),
                Column(self.tr("Held by"), self._held_by),
                Column(self.tr("Held"), lambda r: day_text(r.held_on)),
                Column(self.tr("Re-audit due"), lambda r: day_text(r.reaudit_due_on)),
                Column(self.tr("Re-audit"), self._movement),
            ],
            overdue=lambda r: r.overdue,
            parent=self,
        )
        self.table = record_view(
            self.model,
            self.tr("Reflective meetings"),
            empty=self.tr(
                "No reflective meetings to show. A meeting falls due when a moderator confirms "
                "an Inadequate grade."
            ),
        )
        self.table.activated.connect(self._open_index)  # Enter or double-click, once
        self.table.clicked.connect(self._open_index)
        top = QVBoxLayout()
        filters = QHBoxLayout()
        show_label = QLabel(self.tr("Sho&w:"))
        show_label.setBuddy(self.show_which)
        filters.addWidget(show_label)
        filters.addWidget(self.show_which)
        filters.addStretch(1)
        top.addLayout(filters)
        top.addWidget(self.table, 1)
        top_widget = QWidget()
        top_widget.setLayout(top)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top_widget)
        splitter.addWidget(self._form())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([220, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        self._set_editable(False)
        runner.subscribe(self, Change.AUDITS | Change.MEETINGS, lambda _what: self.load())

    # -- building ------------------------------------------------------------------------------

    def _form(self) -> QWidget:
        self.heading = QLabel(self.tr("Choose a meeting to record it."))
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.held_on = QDateEdit(_qdate(self._today()))
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("dd MMM yyyy")
        self.attendees = QPlainTextEdit()
        self.attendees.setPlaceholderText(self.tr("Who attended, one per line or comma-separated"))
        self.barriers = QPlainTextEdit()
        self.lived_experience = QPlainTextEdit()
        for box in (self.attendees, self.barriers, self.lived_experience):
            box.setTabChangesFocus(True)
            box.setMaximumHeight(72)
            box.textChanged.connect(self._typed)
            box.installEventFilter(self)
        self.held_on.dateChanged.connect(self._typed)
        notes = QFormLayout()
        notes.addRow(self.tr("Held &on:"), self.held_on)
        notes.addRow(self.tr("A&ttendees:"), self.attendees)
        notes.addRow(self.tr("&Barriers and challenges:"), self.barriers)
        notes.addRow(self.tr("The child's &lived experience:"), self.lived_experience)
        self.actions_model: RecordTableModel[MeetingAction] = RecordTableModel(
            [
                Column(self.tr("Action"), lambda a: a.description),
                Column(self.tr("Owner"), lambda a: a.owner),
                Column(self.tr("Due"), lambda a: day_text(a.due_on)),
                Column(self.tr("Status"), self._action_status),
            ],
            parent=self,
        )
        self.actions_table = record_view(
            self.actions_model,
            self.tr("Agreed actions"),
            empty=self.tr("No actions agreed yet: add one below with what is to be done and who."),
        )
        self.actions_table.setMaximumHeight(110)
        self.new_actions = QVBoxLayout()
        self.add_action = QPushButton(self.tr("Add a SMART a&ction"))
        self.add_action.clicked.connect(lambda: self.add_action_row())
        actions_box = QGroupBox(self.tr("SMART actions: what, who, by when"))
        actions_layout = QVBoxLayout(actions_box)
        actions_layout.addWidget(self.actions_table)
        actions_layout.addLayout(self.new_actions)
        actions_layout.addWidget(self.add_action)
        self.save_mark = StatusLabel()
        self.save_mark.setObjectName("saveMark")
        self.save_mark.setWordWrap(True)
        self.sign_off = QPushButton(self.tr("Si&gn off the meeting…"))
        self.sign_off.clicked.connect(lambda: self.submit(sign_off=True))
        self.export = QPushButton(self.tr("E&xport notes to PDF…"))
        self.export.clicked.connect(self.export_notes)
        self.export.setEnabled(False)
        buttons = QHBoxLayout()
        self.signed = QLabel()
        self.signed.setWordWrap(True)
        buttons.addWidget(self.signed, 1)
        buttons.addWidget(self.export)
        buttons.addWidget(self.sign_off)
        inner = QWidget()
        body = QVBoxLayout(inner)
        body.addWidget(self.heading)
        body.addLayout(notes)
        body.addWidget(self.save_mark)
        body.addWidget(actions_box)
        body.addLayout(buttons)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        return scroll

    def add_action_row(self) -> ActionRow:
        box = QWidget()
        row_layout = QHBoxLayout(box)
        row_layout.setContentsMargins(0, 0, 0, 0)
        description = QLineEdit()
        description.setPlaceholderText(self.tr("What is to be done"))
        description.setAccessibleName(self.tr("Action"))
        owner = QComboBox()
        owner.setAccessibleName(self.tr("Owner"))
        owner.addItem(self.tr("Choose the owner…"), None)
        for person in self._people:
            owner.addItem(f"{person.name} ({person.team_name or person.service_name})", person.id)
        due = QDateEdit(_qdate(self._today() + timedelta(days=28)))
        due.setCalendarPopup(True)
        due.setDisplayFormat("dd MMM yyyy")
        due.setAccessibleName(self.tr("Due on"))
        remove = QPushButton(self.tr("Remove"))
        remove.setAccessibleName(self.tr("Remove this action"))
        description.textEdited.connect(self._typed)
        description.installEventFilter(self)
        owner.currentIndexChanged.connect(self._typed)
        due.dateChanged.connect(self._typed)
        row_layout.addWidget(description, 3)
        row_layout.addWidget(owner, 2)
        row_layout.addWidget(due)
        row_layout.addWidget(remove)
        row = ActionRow(box, description, owner, due)
        remove.clicked.connect(lambda: self._remove_action_row(row))
        self.new_actions.addWidget(box)
        self.action_rows.append(row)
        description.setFocus()
        return row

    def _remove_action_row(self, row: ActionRow) -> None:
        self.action_rows.remove(row)
        row.box.deleteLater()

    def _clear_action_rows(self) -> None:
        for row in list(self.action_rows):
            self._remove_action_row(row)

    # -- text ----------------------------------------------------------------------------------

    def _action_status(self, action: MeetingAction) -> str:
        return {"open": self.tr("Open"), "done": self.tr("Done")}.get(action.status, action.status)

    def _status(self, row: MeetingRow) -> str:
        if row.signed_off:
            return self.tr("Held, signed off")
        if row.overdue:
            return self.tr("Overdue")
        if row.held_on:
            return self.tr("Held, not signed off")
        return self.tr("Due")

    def _held_by(self, row: MeetingRow) -> str:
        if row.stands_in:
            return self.tr("{name} (standing in: no head of service)").format(
                name=row.head_of_service
            )
        return row.head_of_service

    def _movement(self, row: MeetingRow) -> str:
        outcome = row.reaudit
        if outcome is None:
            return ""
        if outcome.movement is None:
            return self.tr("{reference}: not done yet").format(reference=outcome.reaudit_reference)
        return self.tr("{reference}: {before} → {after}").format(
            reference=outcome.reaudit_reference,
            before=grade_label(outcome.original_grade),
            after=grade_label(outcome.reaudit_grade),
        )

    # -- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        actor = self._actor
        if not self._people:
            ops.read(self._runner, self._services.directory.people, on_done=self._set_people)
        ops.read(self._runner, self._services.meetings.meetings, actor, on_done=self._show)

    def _set_people(self, people: list[PersonInfo]) -> None:
        self._people = people

    def _show(self, rows: list[MeetingRow]) -> None:
        self._rows = rows
        self._filter()
        due = [r for r in rows if not r.signed_off]
        late = sum(r.overdue for r in due)
        self.notice.setText(
            self.tr("{due} meetings to hold ({late} overdue); {held} held.").format(
                due=len(due), late=late, held=len(rows) - len(due)
            )
        )
        if self.detail is not None:
            self.open_meeting(self.detail.row.id)
        self.loaded.emit()

    def _filter(self) -> None:
        which = self.show_which.currentIndex()
        rows = [
            r
            for r in self._rows
            if which == SHOW_ALL or (r.signed_off if which == SHOW_HELD else not r.signed_off)
        ]
        if which == SHOW_DUE:
            rows.sort(key=lambda r: r.due_on)
        self.model.set_rows(rows)

    def _open_index(self, index: QModelIndex) -> None:
        row = index.model().data(index, RECORD_ROLE)
        if isinstance(row, MeetingRow) and (self.detail is None or self.detail.row.id != row.id):
            self.open_meeting(row.id)

    def open_meeting(self, meeting_id: str) -> None:
        if self.detail is not None and self.detail.row.id != meeting_id:
            self.flush()  # what was typed in the meeting being left is saved first
        ops.read(self._runner, self._services.meetings.detail, meeting_id, on_done=self.show_detail)

    def select_meeting(self, meeting_id: str) -> None:
        """Show a meeting from elsewhere (My work): list it and open it."""
        self.show_which.setCurrentIndex(SHOW_ALL)
        for index, row in enumerate(self.model.rows()):
            if row.id == meeting_id:
                self.table.selectRow(index)
        self.open_meeting(meeting_id)

    def show_detail(self, detail: MeetingDetail) -> None:
        same = self.detail is not None and self.detail.row.id == detail.row.id
        self.detail = detail
        row = detail.row
        self.heading.setText(
            self.tr("{audit} · case {case} · {team} · held by {head} · due {due}").format(
                audit=row.audit_reference,
                case=row.case_reference,
                team=row.team,
                head=row.head_of_service,
                due=day_text(row.due_on),
            )
        )
        if not same or row.signed_off:
            self._quiet = True
            try:
                self.held_on.setDate(_qdate(row.held_on or self._today()))
                self.attendees.setPlainText(detail.attendees)
                self.barriers.setPlainText(detail.barriers)
                self.lived_experience.setPlainText(detail.lived_experience)
            finally:
                self._quiet = False
            self._clear_action_rows()
            self.dirty, self.problem = False, ""
            self._show_save_mark()
        self.actions_model.set_rows(detail.actions)
        self.actions_table.setVisible(bool(detail.actions))
        if row.signed_off:
            self.signed.setText(
                self.tr("Signed off. The re-audit is due on {day}.").format(
                    day=day_text(row.reaudit_due_on)
                )
            )
        elif row.reaudit_due_on is not None:
            self.signed.setText(
                self.tr("Held. The re-audit is planned for {day}; sign the meeting off.").format(
                    day=day_text(row.reaudit_due_on)
                )
            )
        elif not same:
            self.signed.setText("")
        own = row.head_of_service_id == self._actor.id
        may_record = own or self._actor.can(Capability.MANAGE_PROGRAMME)
        self._set_editable(may_record and not row.signed_off, sign_off=own)
        self.export.setEnabled(row.held_on is not None)

    def _set_editable(self, editable: bool, *, sign_off: bool = False) -> None:
        self._editable = editable
        why = "" if editable else self._why_read_only()
        self.held_on.setEnabled(editable)
        for box in (self.attendees, self.barriers, self.lived_experience):
            box.setReadOnly(not editable)
            box.setToolTip(why)  # a read-only field says why
            box.setAccessibleDescription(why)
        self.add_action.setEnabled(editable)
        self.sign_off.setEnabled(editable and sign_off)

    def _why_read_only(self) -> str:
        if self.detail is None:
            return self.tr("Choose a meeting in the list to record it.")
        if self.detail.row.signed_off:
            return self.tr("This meeting has been signed off; its notes can no longer change.")
        return self.tr(
            "Only the head of service who holds the meeting, or the QA team, records it."
        )

    # -- exporting -----------------------------------------------------------------------------

    def choose_pdf_path(self, suggested: str) -> str:
        """Where to save the notes ("" if the person cancels). Replaceable in tests."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export meeting notes"), suggested, self.tr("PDF documents (*.pdf)")
        )
        return path

    def export_notes(self) -> None:
        if self.detail is None:
            return
        row = self.detail.row
        chosen = self.choose_pdf_path(f"meeting-notes-{row.audit_reference}.pdf")
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        meeting_id, actor = row.id, self._actor
        ops.read(
            self._runner,
            self._services.meetings.export_notes,
            meeting_id,
            path,
            actor,
            on_done=self._exported,
        )

    def _exported(self, path: Path) -> None:
        self.signed.setText(self.tr("The notes were saved to {path}.").format(path=str(path)))

    # -- saving --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.dirty:
            self.flush()  # leaving a field saves it at once
        return super().eventFilter(watched, event)

    def _typed(self, *_args: object) -> None:
        if self._quiet or not self._editable or self.detail is None:
            return
        self.dirty = True
        self._show_save_mark()
        self.timer.start()

    def _show_save_mark(self, saving: bool = False) -> None:
        if self.problem:
            text = self.tr("Not saved yet: {reason}").format(reason=self.problem)
        elif saving:
            text = self.tr("Saving…")
        elif self.dirty:
            text = self.tr("Changes not yet saved")
        elif self.detail is not None and self.detail.row.held_on is not None:
            text = self.tr("All changes saved")
        else:
            text = ""
        if text != self.save_mark.text():
            self.save_mark.setText(text)
            self.save_mark.setAccessibleName(text)

    def flush(self) -> None:
        """Save what is typed now (the pause, leaving a field, another meeting, closing)."""
        self.timer.stop()
        if not self.dirty or self.detail is None or not self._editable:
            return
        self.dirty = False
        ready = [row for row in self.action_rows if row.complete]
        notes = self.notes_entered(ready)
        self._show_save_mark(saving=True)
        ops.write(
            self._runner,
            self._services.meetings.save,
            self.detail.row.id,
            notes,
            self._actor,
            on_done=lambda detail: self._autosaved(detail, ready),
            on_error=self._not_saved,
        )

    def _autosaved(self, detail: MeetingDetail, saved_rows: list[ActionRow]) -> None:
        for row in saved_rows:
            if row in self.action_rows:
                self._remove_action_row(row)
        self.problem = ""
        self.show_detail(detail)
        self._show_save_mark()
        self.saved.emit(detail)

    def _not_saved(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            self.dirty = True
            self._show_save_mark()
            self._runner.report(exc)
            return
        self.dirty = True  # kept on screen; the next edit tries again
        self.problem = error_text(exc)
        self._show_save_mark()

    def unsaved_reason(self) -> str:
        """Why typed notes cannot be saved ("" when nothing would be lost): asked on quit."""
        self.flush()
        if self.problem:
            return self.problem
        if any(row.description.text().strip() and not row.complete for row in self.action_rows):
            return self.tr("an action has no owner yet.")
        return ""

    def notes_entered(self, rows: list[ActionRow] | None = None) -> MeetingNotes:
        return MeetingNotes(
            held_on=_date(self.held_on.date()),
            attendees=self.attendees.toPlainText(),
            barriers=self.barriers.toPlainText(),
            lived_experience=self.lived_experience.toPlainText(),
            new_actions=tuple(row.draft() for row in (self.action_rows if rows is None else rows)),
        )

    def sign_off_summary(self, notes: MeetingNotes) -> list[str]:
        assert self.detail is not None
        row = self.detail.row
        lines = [
            self.tr("Held on {day}").format(day=day_text(notes.held_on)),
            self.tr("Attendees: {who}").format(
                who=" ".join(notes.attendees.split()) or self.tr("none listed")
            ),
            self.tr("Barriers and challenges: {state}").format(
                state=self.tr("written") if notes.barriers.strip() else self.tr("not written")
            ),
            self.tr("The child's lived experience: {state}").format(
                state=self.tr("written")
                if notes.lived_experience.strip()
                else self.tr("not written")
            ),
        ]
        actions = [a.description for a in self.detail.actions] + [
            d.description for d in notes.new_actions
        ]
        lines += [self.tr("Action: {what}").format(what=what) for what in actions] or [
            self.tr("No actions agreed.")
        ]
        if row.reaudit_due_on is not None:
            lines.append(
                self.tr("The re-audit is due on {day}.").format(day=day_text(row.reaudit_due_on))
            )
        return lines

    def submit(self, *, sign_off: bool) -> None:
        if self.detail is None:
            return
        self.timer.stop()
        meeting_id, notes, actor = self.detail.row.id, self.notes_entered(), self._actor
        if sign_off:
            box = SignOffBox(
                self,
                self.tr("Sign off the reflective meeting on {audit}?").format(
                    audit=self.detail.row.audit_reference
                ),
                self.sign_off_summary(notes),
                actor.person.name,
                sign_label=self.tr("&Sign off"),
            )
            try:
                if not self.confirm(box):
                    return
            finally:
                box.deleteLater()
        self.dirty = False
        ops.write(
            self._runner,
            self._services.meetings.save,
            meeting_id,
            notes,
            actor,
            sign_off=sign_off,
            on_done=self._saved,
        )

    def _saved(self, detail: MeetingDetail) -> None:
        self._clear_action_rows()
        self.problem = ""
        self.show_detail(detail)
        self._show_save_mark()
        self.saved.emit(detail)
