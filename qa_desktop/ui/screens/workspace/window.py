"""The collaborative audit workspace: auditor and practitioner side by side, one practice area
at a time, then the closing fields and the sign-offs.

Every change saves as it is made: a choice at once, typing after a short pause and whenever
the field loses focus or the window closes. What is saved, held or still being typed is kept
by the plain edit buffer (``edit_buffer.py``, with the rationale gate in ``rationale.py``);
each saved change is a step on one undo stack for the whole audit (``undo.py``); undo and
redo write through the service again, so the history of each field (Ctrl+H) stays true. The
window only shows that state: a field's value, the save mark and the navigation all come
from the buffer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from html import escape
from typing import overload

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.checklist import CLOSING, AnswerState, AreaState, Gap, Missing
from qa_desktop.domain.forms import FormDefinition
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.services.audit.workspace import WorkspaceService
from qa_desktop.services.audit.workspace_data import (
    ANSWER_FIELDS,
    AREA_FIELDS,
    AUDIT_FIELDS,
    Access,
    ActionData,
    FieldRef,
    HistoryEntry,
    Saved,
    Suggestions,
    Target,
    Value,
    Workspace,
)
from qa_desktop.services.audit.workspace_state import suggestions_for
from qa_desktop.services.changes import Change
from qa_desktop.services.setup.people import Actor
from qa_desktop.services.sync import SyncService
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel, announce
from qa_desktop.ui.labels import audit_type_label, grade_label, state_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.workspace.area_page import AreaPage
from qa_desktop.ui.screens.workspace.bindings import Binding
from qa_desktop.ui.screens.workspace.closing_page import ClosingPage
from qa_desktop.ui.screens.workspace.conflict_badge import (
    FieldBadge,
    conflict_message,
    value_text,
)
from qa_desktop.ui.screens.workspace.edit_buffer import EditBuffer, Save, SaveMark
from qa_desktop.ui.screens.workspace.field_names import field_title
from qa_desktop.ui.screens.workspace.history_dialog import HistoryDialog
from qa_desktop.ui.screens.workspace.live_marks import (
    ALSO_CHANGED,
    CHANGED,
    ChoiceBar,
    changed_text,
    choice_text,
)
from qa_desktop.ui.screens.workspace.live_model import ChangedBy
from qa_desktop.ui.screens.workspace.question_row import QuestionRow
from qa_desktop.ui.screens.workspace.rationale import RationaleGate
from qa_desktop.ui.screens.workspace.signoff_page import SignOffPage
from qa_desktop.ui.screens.workspace.styles import PRESENTATION_STYLE, STYLE
from qa_desktop.ui.screens.workspace.undo import ActionChange, FieldChange, Step, UndoStack
from qa_desktop.ui.settings import PRESENTATION_MODE, AppSettings
from qa_desktop.ui.text_size import at_text_size
from qa_desktop.ui.widgets.fit import fit_window
from qa_desktop.ui.widgets.shortcuts import ShortcutsDialog
from qa_desktop.ui.widgets.sign_off_box import SignOffBox, confirm

SAVE_DELAY_MS = 400
BUILD_AFTER_MS = 150  # after the window is shown, the areas not yet built are built in turn
# Saving these announces "escalations": the managers' My work shows them without sign-off.
_ESCALATION_FIELDS = (FieldRef.audit("escalation"), FieldRef.audit("escalation_note"))


def _t(text: str) -> str:
    return QApplication.translate("WorkspaceWindow", text)


def _stored(value: object) -> Value:
    """A workspace value as the buffer keeps it (a grade by its value)."""
    if isinstance(value, Grade):
        return value.value
    return value  # type: ignore[return-value]  # every other field holds a Value already


def _field_pages(form: FormDefinition) -> dict[FieldRef, int]:
    """Every field of the audit by the index of the page that holds it: each question's
    answer, N/A reason and evidence note and each area's own fields on that area's page, the
    audit's own on the closing page after them."""
    pages = {}
    for index, section in enumerate(form.sections):
        for question in section.questions:
            for name in sorted(ANSWER_FIELDS):
                pages[FieldRef.answer(question.id, name)] = index
        for name in sorted(AREA_FIELDS):
            pages[FieldRef.area(section.id, name)] = index
    for name in sorted(AUDIT_FIELDS):
        pages[FieldRef.audit(name)] = len(form.sections)
    return pages


class _Areas(Sequence[AreaPage]):
    """The area pages in their order; one not built yet is built when it is asked for."""

    def __init__(self, window: WorkspaceWindow) -> None:
        self._window = window

    def __len__(self) -> int:
        return len(self._window.ws.form.sections)

    @overload
    def __getitem__(self, index: int) -> AreaPage: ...
    @overload
    def __getitem__(self, index: slice) -> list[AreaPage]: ...
    def __getitem__(self, index: int | slice) -> AreaPage | list[AreaPage]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        page = self._window.ensure_page(range(len(self))[index])
        assert isinstance(page, AreaPage)
        return page


class _Bindings(Mapping[FieldRef, Binding]):
    """Every field of the audit; asking for one's binding builds its page if need be."""

    def __init__(self, window: WorkspaceWindow) -> None:
        self._window = window

    def __getitem__(self, ref: FieldRef) -> Binding:
        window = self._window
        if ref not in window._bound:
            window.ensure_page(window._page_of[ref])  # KeyError: not a field of this audit
        return window._bound[ref]

    def __iter__(self) -> Iterator[FieldRef]:
        return iter(self._window._page_of)

    def __len__(self) -> int:
        return len(self._window._page_of)


class WorkspaceWindow(QMainWindow):
    """One audit being worked on. Emits ``saved`` after each change is on disk."""

    saved = Signal(object)  # Saved
    reloaded = Signal()
    closed = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        service: WorkspaceService,
        runner: Runner,
        actor: Actor,
        settings: AppSettings,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.service = service
        self.runner = runner
        self.actor = actor
        self.settings = settings
        self.today = today
        self.sync: SyncService | None = None  # where the store syncs (use_sync)
        self.widget_refs: dict[QWidget, FieldRef] = {}
        self.buffer = EditBuffer(RationaleGate(ws.suggestions))
        self.action_list: list[ActionData] = list(ws.actions)
        self.current_row: QuestionRow | None = None
        self.conflict_badges: dict[FieldRef, FieldBadge] = {}  # made when first needed
        # Another laptop's changes: who made them, the marks and the choices (live_marks.py).
        self.changed_by = ChangedBy()
        self.changed_badges: dict[FieldRef, FieldBadge] = {}
        self.choice_badges: dict[FieldRef, FieldBadge] = {}
        self.choice_bar = ChoiceBar()
        self.choice_bar.use_theirs.connect(self.use_theirs)
        self.choice_bar.keep_mine.connect(self.keep_mine)
        self.undo_stack = UndoStack()
        # Asks before a sign-off (replaceable in tests, which read the real box).
        self.confirm: Callable[[SignOffBox], bool] = confirm
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self.setWindowTitle(self.tr("Audit {reference}").format(reference=ws.reference))
        self.setObjectName("workspace")
        presentation = settings.get(PRESENTATION_MODE)
        # Styled before the children exist: one polish instead of a second pass over them.
        self.setStyleSheet(at_text_size(PRESENTATION_STYLE if presentation else STYLE))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

        self.header = StatusLabel()  # its state changes as the audit moves on: said
        self.header.setObjectName("workspaceHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.save_status = StatusLabel(self.tr("All changes saved"))
        self.save_status.setObjectName("saveStatus")
        self.save_status.setAccessibleName(self.tr("Save status"))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Practice areas"))
        self.nav.setFixedWidth(250)
        self.nav.setWordWrap(True)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Laid out under the styled window before the pages exist, so each widget takes the
        # stylesheet once, when it joins, rather than in a second pass over all of them.
        central = QWidget()
        self.setCentralWidget(central)
        self.pages = QStackedWidget()
        self.suggestions = ws.suggestions
        # Only the first area is built at once; the others when first shown, asked for or in
        # idle time (ensure_page). The navigation lists all of them from the start, and
        # ``areas`` and ``bindings`` build a page when one of its parts is asked for.
        self._built_areas: dict[int, AreaPage] = {}
        self._bound: dict[FieldRef, Binding] = {}  # the bindings of the pages built so far
        self._page_of = _field_pages(ws.form)
        self.areas = _Areas(self)
        self.bindings = _Bindings(self)
        for section in ws.form.sections:
            self._add_page(section.title, QWidget(), [])
        self.closing = ClosingPage()
        self._add_page(self.tr("Closing the audit"), self.closing, self.closing.bindings)
        self.signoff = SignOffPage()
        self._add_page(self.tr("Sign-off"), self.signoff, [])
        self.nav.currentRowChanged.connect(self._page_changed)

        self.closing.add_requested.connect(self.add_action)
        self.closing.remove_requested.connect(self.remove_action)
        self.closing.set_today(today())
        self.signoff.jump_requested.connect(self.jump_to)
        self.signoff.auditor_sign_off.connect(self.sign_off_as_auditor)
        self.signoff.practitioner_sign_off.connect(self.sign_off_as_practitioner)
        self.signoff.reopen_requested.connect(self.reopen)

        self._build_actions()
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.save_status)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        # Where the screen is smaller than a page's least size (a laptop at 200%), the page
        # scrolls as a whole rather than squeezing its parts into each other.
        self.page_room = QScrollArea()
        self.page_room.setWidgetResizable(True)
        self.page_room.setFrameShape(QFrame.Shape.NoFrame)
        self.page_room.setWidget(self.pages)
        body.addWidget(self.page_room, 1)
        column = QVBoxLayout()
        column.addLayout(top)
        column.addWidget(self.choice_bar)
        column.addLayout(body, 1)
        central.setLayout(column)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

        self.keys_hint = QLabel(
            self.tr(
                "Keys: 1–4 or Alt+Y/P/N/A answer · Ctrl+↓/↑ next or previous question · "
                "Ctrl+PgDn/PgUp next or previous area · Ctrl+Z/Ctrl+Y undo/redo · "
                "Ctrl+H field history · F1 guidance · F5 presentation"
            )
        )
        self.keys_hint.setObjectName("hint")
        self.statusBar().addWidget(self.keys_hint, 1)
        self._first_show = True

        self.show_workspace(ws)
        runner.subscribe(self, Change.CONFLICTS, self._data_changed)
        self.presentation_action.blockSignals(True)
        self.presentation_action.setChecked(presentation)
        self.presentation_action.blockSignals(False)
        self.nav.setVisible(not presentation)
        self.nav.setCurrentRow(0)
        self.resize(1280, 800)

    # -- building -----------------------------------------------------------------------------

    def _add_page(self, title: str, page: QWidget, bindings: list[Binding]) -> None:
        self.nav.addItem(QListWidgetItem(title))
        self.pages.addWidget(page)
        self._bind(bindings)

    def _bind(self, bindings: list[Binding]) -> None:
        for binding in bindings:
            self._bound[binding.ref] = binding
            binding.edited.connect(self.edited)
            for widget in binding.widgets():
                self.widget_refs[widget] = binding.ref
                widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
                widget.customContextMenuRequested.connect(self._context_menu)
                if isinstance(widget, QLineEdit | QPlainTextEdit):
                    widget.installEventFilter(self)

    def ensure_page(self, index: int) -> QWidget:
        """The page at ``index`` of the navigation; an area not built yet is built now and
        shows the audit as it stands (stored, typed, held, conflicts)."""
        if index in self._built_areas:
            return self._built_areas[index]
        page = self.pages.widget(index)
        if page is None:
            raise IndexError(index)
        sections = self.ws.form.sections
        if index >= len(sections):
            return page  # the closing and sign-off pages are built at once
        practitioner = self.ws.practitioner.name if self.ws.practitioner else ""
        area = AreaPage(sections[index], practitioner)
        area.position.setText(
            self.tr("area {number} of {total}").format(number=index + 1, total=len(sections))
        )
        self._built_areas[index] = area
        self.pages.removeWidget(page)
        page.deleteLater()
        self.pages.insertWidget(index, area)
        self._bind(area.bindings)
        self._show_fields(area.bindings)
        self._show_area(area)
        progress = self.suggestions.areas.get(area.section.id)
        if progress is not None:
            area.show_progress(progress)
        self._show_state()  # its grade's notice, if one is held for its rationale
        self._show_conflicts(self.ws)
        if not self._first_show:  # laid out as the pages already shown were
            area.setGeometry(self.pages.contentsRect())
            layout = area.layout()
            if layout is not None:
                layout.activate()
            self._balance_area(area)
        return area

    def _build_next(self) -> None:
        """Idle time after the window is shown: the next area not built yet, one per turn
        of the event loop, so that the person can answer in between."""
        index = next(
            (i for i in range(len(self.ws.form.sections)) if i not in self._built_areas), None
        )
        if index is not None and self.isVisible():
            self.ensure_page(index)
            QTimer.singleShot(0, self, self._build_next)

    def built_areas(self) -> list[AreaPage]:
        """The area pages built so far, in their order."""
        return [self._built_areas[i] for i in sorted(self._built_areas)]

    def _build_actions(self) -> None:
        bar = QToolBar(self.tr("Workspace"))
        bar.setObjectName("workspaceToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        for more in bar.findChildren(QToolButton, "qt_toolbar_ext_button"):
            more.setAccessibleName(self.tr("More of the toolbar"))  # shown when it overflows

        def action(text: str, keys: list[QKeySequence], slot: Callable[[], object]) -> QAction:
            act = QAction(text, self)
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _checked=False: slot())
            bar.addAction(act)
            return act

        seq = QKeySequence
        self.previous_area = action(
            self.tr("Previous area"), [seq("Ctrl+PgUp")], lambda: self.step_page(-1)
        )
        self.next_area = action(
            self.tr("Next area"), [seq("Ctrl+PgDown")], lambda: self.step_page(1)
        )
        bar.addSeparator()
        self.undo_action = action(
            self.tr("Undo"), QKeySequence.keyBindings(QKeySequence.StandardKey.Undo), self.undo
        )
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if seq("Ctrl+Y") not in redo_keys:
            redo_keys.append(seq("Ctrl+Y"))
        self.redo_action = action(self.tr("Redo"), redo_keys, self.redo)
        self.undo_stack.on_change(self._show_undo)
        self._show_undo()
        self.history_action = action(
            self.tr("History of this field"), [seq("Ctrl+H")], self.show_field_history
        )
        bar.addSeparator()
        self.presentation_action = action(self.tr("Presentation layout"), [seq("F5")], lambda: None)
        self.presentation_action.setCheckable(True)
        self.presentation_action.toggled.connect(self._presentation_toggled)
        self.shortcuts_action = action(
            self.tr("Keyboard shortcuts"), [seq("F1")], self.show_shortcuts
        )
        for key, answer, what in (
            ("Alt+Y", Answer.YES, self.tr("Answer Yes")),
            ("Alt+P", Answer.PARTLY, self.tr("Answer Partly")),
            ("Alt+N", Answer.NO, self.tr("Answer No")),
            ("Alt+A", Answer.NA, self.tr("Answer Not applicable")),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setWhatsThis(what)  # its name in the list of keyboard shortcuts
            shortcut.activated.connect(lambda a=answer: self.answer_current(a))
        for key, step, what in (
            ("Ctrl+Down", 1, self.tr("Next question")),
            ("Ctrl+Up", -1, self.tr("Previous question")),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setWhatsThis(what)
            shortcut.activated.connect(lambda s=step: self.step_question(s))

    def show_shortcuts(self) -> None:
        """F1: this window's keys, read from its own actions and shortcuts."""
        dialog = ShortcutsDialog(self)
        dialog.show()

    # -- showing ------------------------------------------------------------------------------

    def show_workspace(self, ws: Workspace) -> None:
        """Show the audit as stored (at opening and after a sign-off or reopening)."""
        self.ws = ws
        self._show_header()
        # Every field of the audit, its page built or not (``bindings`` lists them all).
        arrived = self.buffer.load({ref: _stored(ws.value(ref)) for ref in self.bindings})
        if not ws.editable:
            self.buffer.discard()  # nothing typed or held can be saved any more
        self._show_fields(self._bound.values())
        for page in self.built_areas():
            self._show_area(page)
        self.closing.set_owners(ws.owners, ws.practitioner.id if ws.practitioner else None)
        self.closing.show_actions(ws.actions)
        self.closing.set_actions_editable(ws.editable and ws.may_add_actions)
        self.action_list = list(ws.actions)
        self._show_suggestions(ws.suggestions)
        self.signoff.show_workspace(ws, {gap: self.gap_text(gap) for gap in ws.checklist})
        self._show_conflicts(ws)
        if arrived:
            self._arrived(arrived)
        if not ws.editable:
            self.undo_stack.clear()
        self._show_live()
        self._show_state()
        self.reloaded.emit()

    def _show_fields(self, bindings: Iterable[Binding]) -> None:
        for binding in bindings:
            ref = binding.ref
            # What is being typed and a grade held for its rationale stay in their boxes.
            binding.set_value(self.buffer.shown(ref))
            binding.set_editable(self._may_edit(ref), self._why_read_only(ref))

    def _show_value(self, ref: FieldRef) -> None:
        """A field's box shows the buffer's value; a page not built yet shows it when built."""
        binding = self._bound.get(ref)
        if binding is not None:
            binding.set_value(self.buffer.shown(ref))

    def _show_area(self, page: AreaPage) -> None:
        """What an area shows beside its fields' values: the reflection's note, the N/A
        reasons of the answers."""
        page.show_reflection_reason(
            self._bound[FieldRef.area(page.section.id, "practitioner_reflection")]
        )
        for row in page.rows:
            row.refresh()

    def _show_conflicts(self, ws: Workspace) -> None:
        """A badge on each field with an open sync conflict; settled ones lose theirs."""
        for ref, conflict in ws.conflicts.items():
            binding = self._bound.get(ref)  # a page built later shows its badges then
            if binding is None:
                continue
            badge = self.conflict_badges.get(ref)
            if badge is None:
                badge = self.conflict_badges[ref] = FieldBadge(binding)
            badge.show_message(conflict_message(ref, conflict, ws.form, self.actor.id))
        for ref, badge in self.conflict_badges.items():
            if ref not in ws.conflicts:
                badge.clear()

    # -- another laptop's changes ------------------------------------------------------------

    def _arrived(self, refs: list[FieldRef]) -> None:
        """Fields another laptop changed: their undo steps go (undoing one would write an old
        value over theirs); those on screen and not typed in are marked once it is known who
        changed them."""
        self.undo_stack.drop(refs)
        page = self.pages.currentWidget()
        on_screen = [
            ref
            for ref in refs
            if ref not in self.buffer.choices
            and page is not None
            and (binding := self._bound.get(ref)) is not None
            and page.isAncestorOf(binding.focus_widget())
        ]
        self.changed_by.arrived(refs, on_screen)
        ops.read(
            self.runner, self.service.last_authors, self.ws.id, refs, on_done=self._heard_authors
        )

    def _heard_authors(self, authors: dict[FieldRef, str]) -> None:
        self.changed_by.heard(authors)
        self._show_live()

    def _show_live(self) -> None:
        """The changed-by marks and the open choices, from the plain state (each once it is
        known who changed the field)."""
        marks = {ref: changed_text(who) for ref, who in self.changed_by.marks().items()}
        for ref, text in marks.items():
            badge = self.changed_badges.get(ref)
            if badge is None:
                badge = self.changed_badges[ref] = FieldBadge(
                    self.bindings[ref], text, self.tr("Changed elsewhere"), CHANGED
                )
            if badge.message != text:
                badge.setText(text)
                badge.show_message(text)
                announce(badge, text)
        choices = {
            ref: choice_text(who, value_text(ref, theirs, self.ws.form), self._field_title(ref))
            for ref, theirs in self.buffer.choices.items()
            if (who := self.changed_by.who(ref)) is not None
        }
        for ref, text in choices.items():
            badge = self.choice_badges.get(ref)
            if badge is None:
                badge = self.choice_badges[ref] = FieldBadge(
                    self.bindings[ref],
                    self.tr("Also changed"),
                    self.tr("Also changed elsewhere"),
                    ALSO_CHANGED,
                )
            if badge.message != text:
                badge.show_message(text)  # the bar's row is said; the field carries it too
        for badges, shown in ((self.changed_badges, marks), (self.choice_badges, choices)):
            for ref, badge in badges.items():
                if ref not in shown and badge.message:
                    badge.clear()
        self.choice_bar.show_choices([(r, t, self._field_title(r)) for r, t in choices.items()])

    def use_theirs(self, ref: FieldRef) -> None:
        """The typed text dropped for what the other laptop saved."""
        self.buffer.use_theirs(ref)
        self._show_value(ref)
        self._show_live()
        self._show_state()

    def keep_mine(self, ref: FieldRef) -> None:
        """The typed text saved over the other laptop's value (history keeps both)."""
        self._save_all(self.buffer.keep_mine(ref))
        self._show_live()
        self._show_state()

    def _data_changed(self, what: Change) -> None:
        # A sync (or a conflict settled) may change this audit: show it as it now stands.
        # Its own saves announce AUDITS only, so they never reload it under the person.
        if self.isVisible():
            self.reload()

    def _show_header(self) -> None:
        ws = self.ws
        self.header.setText(
            self.tr(
                "<b>{reference}</b> · case <b>{case}</b> ({initials}) · {team} · {form} · "
                "{kind} · <b>{state}</b><br/>Auditor: {auditor} · Practitioner: {practitioner}"
            ).format(
                reference=escape(ws.reference),
                case=escape(ws.case_reference),
                initials=escape(ws.case_initials),
                team=escape(ws.team),
                form=escape(f"{ws.form.title} v{ws.form.version}"),
                kind=escape(audit_type_label(ws.audit_type)),
                state=escape(state_label(ws.state)),
                auditor=escape(ws.auditor.name),
                practitioner=escape(ws.practitioner.name) if ws.practitioner else "—",
            )
        )

    def _may_edit(self, ref: FieldRef) -> bool:
        # The snapshot carries the rulebook's answer for this person, field and state.
        return self.ws.editable and self.ws.may_edit(ref)

    def _why_read_only(self, ref: FieldRef) -> str:
        """Why ``ref`` cannot be changed now, in words for the person ("" if it can)."""
        ws = self.ws
        if self._may_edit(ref):
            return ""
        if ws.access is Access.READ_ONLY:
            return self.tr("You can read this audit but not change it.")
        if ws.state is AuditState.SUBMITTED:
            return self.tr(
                "The auditor has signed this audit off, so it can no longer be changed; "
                "only a reopen with a reason would make it editable again."
            )
        if not ws.state.editable:
            return self.tr("This audit is {state}, so it can no longer be changed.").format(
                state=state_label(ws.state).lower()
            )
        if ref.target is Target.AREA and ref.field == "practitioner_reflection":
            return self.tr("You can add your reflection once the auditor has started the audit.")
        return self.tr("Only the auditor changes this; you add your reflection beside it.")

    def _show_suggestions(self, suggestions: Suggestions) -> None:
        self.suggestions = suggestions
        self.buffer.gate.update(suggestions)
        for index, section in enumerate(self.ws.form.sections):
            progress = suggestions.areas.get(section.id)
            if progress is None:
                continue
            if index in self._built_areas:
                self._built_areas[index].show_progress(progress)
            item = self.nav.item(index)
            grade = self.buffer.saved(FieldRef.area(section.id, "grade"))  # never a held one
            shown = grade_label(Grade(str(grade))) if grade else ""
            item.setText(
                f"{section.title}\n{progress.answered}/{progress.total}"
                + (f" · {shown}" if shown else "")
            )
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                self.tr("{area}: {answered} of {total} answered").format(
                    area=section.title, answered=progress.answered, total=progress.total
                ),
            )
        self.closing.show_suggested(suggestions.overall)

    def _suggestions_now(self) -> Suggestions:
        """The suggestions from the answers and grades as they stand on screen."""
        form, stored = self.ws.form, self.buffer.stored
        answers = {
            q.id: AnswerState(
                str(stored.get(FieldRef.answer(q.id)) or "") or None,
                str(stored.get(FieldRef.answer(q.id, "na_reason")) or ""),
            )
            for q in form.questions()
        }
        areas = {}
        for section in form.sections:
            grade = stored.get(FieldRef.area(section.id, "grade"))
            areas[section.id] = AreaState(
                Grade(str(grade)) if grade else None,
                str(stored.get(FieldRef.area(section.id, "rationale")) or ""),
                bool(stored.get(FieldRef.area(section.id, "unmanaged_risk"))),
            )
        return suggestions_for(form, answers, areas, self.ws.legal_status)

    def gap_text(self, gap: Missing) -> str:
        return _t(gap.gap.template).format(where=gap.where)

    # -- editing ------------------------------------------------------------------------------

    def edited(self, ref: FieldRef, value: Value) -> None:
        """The person changed a field."""
        live = ref in self.changed_by.marks() or ref in self.buffer.choices
        self.changed_by.edited(ref)
        if self.bindings[ref].immediate:
            self._save_all(self.buffer.choose(ref, value))
        else:
            self.buffer.type(ref, value)
            self.timer.start()
        if ref.target is Target.ANSWER and ref.field == "value":
            row = self._row_for(ref.key)
            if row is not None:
                row.refresh()
        if live:
            self._show_live()
        self._show_state()

    def flush(self) -> None:
        """Save every edit still waiting for its pause (on a pause or a focus change), except
        typed text waiting for a choice."""
        self.timer.stop()
        self._save_all(self.buffer.flush())
        self._show_state()

    def _save_all(self, saves: list[Save]) -> None:
        for save in saves:
            self.undo_stack.push(
                FieldChange(save.ref, save.old, save.new, self._describe(save.ref))
            )
            # A grade held for its rationale is saved now: its box shows what is saved.
            self._show_value(save.ref)
            self._submit_save(save)

    def _show_state(self) -> None:
        """The save mark and the rationale notices, from the buffer (never ahead of it)."""
        self.save_status.setText(self._mark_text(self.buffer.mark))
        held = self.buffer.held
        for page in self.built_areas():  # a page built later shows its notice then
            if page.section.graded:
                self._notice(
                    page.grade_binding.ref, self._held_text(held.get(page.grade_binding.ref))
                )
        self._notice(
            self.closing.grade_binding.ref,
            self._held_text(held.get(self.closing.grade_binding.ref)),
        )

    def _mark_text(self, mark: SaveMark) -> str:
        return {
            SaveMark.SAVED: self.tr("All changes saved"),
            SaveMark.EDITING: self.tr("Editing…"),
            SaveMark.SAVING: self.tr("Saving…"),
            SaveMark.HELD: self.tr("Not saved: a grade needs its rationale"),
            SaveMark.CHOICE: self.tr("Not saved: choose yours or theirs"),
            SaveMark.FAILED: self.tr("Not saved"),
        }[mark]

    def _held_text(self, grade: Value) -> str:
        if not grade:
            return ""
        return self.tr(
            "A grade of {grade} needs a written rationale: write it in the Rationale box and "
            "the grade will be saved."
        ).format(grade=grade_label(Grade(str(grade))))

    def _notice(self, ref: FieldRef, text: str) -> None:
        if ref.target is Target.AREA:
            page = next((p for p in self.built_areas() if p.section.id == ref.key), None)
            if page is not None:
                page.show_notice(text)
        else:
            self.closing.show_notice(text)

    def _describe(self, ref: FieldRef) -> str:
        return self.tr("change {field}").format(field=self._field_title(ref))

    def _field_title(self, ref: FieldRef) -> str:
        return field_title(ref, self.ws.form)

    def _apply_field(self, step: FieldChange) -> None:
        """Undo or redo of a field: shown, revealed and saved through the service again."""
        ref = step.ref
        save = Save(ref, self.buffer.saved(ref), step.new)
        self.buffer.apply(ref, step.new)
        self._show_value(ref)
        if ref.target is Target.ANSWER:
            row = self._row_for(ref.key)
            if row is not None:
                row.refresh()
        self.reveal(ref)
        self._submit_save(save)
        self._show_state()

    def _submit_save(self, save: Save) -> None:
        self.buffer.started(save)
        self._show_state()
        audit_id, actor, ref, value = self.ws.id, self.actor, save.ref, save.new
        # Not ops.write: what ``save`` may change is announced by ``_saved`` for what it did
        # change (a state, the overall grade, an escalation), so the audit lists do not reload
        # on every keystroke.
        self.runner.submit(
            lambda: self.service.save(audit_id, actor, ref, value),
            self._saved,
            lambda exc: self._save_failed(ref, exc),
        )

    def _saved(self, saved: Saved) -> None:
        if saved.state is not self.ws.state:  # the first change starts an assignment
            self.ws = replace(self.ws, state=saved.state)
            self._show_header()
            self.runner.announce(Change.AUDITS)
        elif saved.ref == FieldRef.audit("overall_grade"):
            self.runner.announce(Change.AUDITS)
        elif saved.ref in _ESCALATION_FIELDS:  # to the managers' My work at once
            self.runner.announce(Change.ESCALATIONS)
        if saved.suggestions is not None:
            self._show_suggestions(saved.suggestions)
        elif saved.ref.target is Target.ANSWER and saved.ref.field == "value":
            self._show_suggestions(self._suggestions_now())
        self.buffer.finished(saved.ref)
        self._show_state()
        self.saved.emit(saved)

    def _save_failed(self, ref: FieldRef, exc: BaseException) -> None:
        self.buffer.failed(ref)
        self._show_state()
        self.runner.report(exc)
        self.reload()

    # -- actions ------------------------------------------------------------------------------

    def add_action(self, description: str, owner_id: str, due: date) -> None:
        self.flush()
        ops.write(
            self.runner,
            self.service.add_action,
            self.ws.id,
            self.actor,
            description,
            owner_id,
            due,
            on_done=self._action_added,
        )

    def _action_added(self, action: ActionData) -> None:
        self.undo_stack.push(ActionChange(action, True, self.tr("add an action")))
        self._set_action(action, present=True)
        self.closing.description.clear()
        self.saved.emit(action)

    def remove_action(self, action_id: str) -> None:
        action = next((a for a in self.action_list if a.id == action_id), None)
        if action is not None:
            self.flush()
            step = ActionChange(action, False, self.tr("remove an action"))
            self.undo_stack.push(step)
            self._apply_action(step)

    def _apply_action(self, step: ActionChange) -> None:
        """An action added again (undoing its removal) or removed, through the service."""
        action, present = step.action, step.present
        audit_id, actor = self.ws.id, self.actor
        self.reveal_page(len(self.areas))
        if present:
            ops.write(
                self.runner,
                self.service.add_action,
                audit_id,
                actor,
                action.description,
                action.owner_id,
                action.due_on,
                action.id,
                on_done=lambda restored: self._set_action(restored, present=True),
            )
        else:
            ops.write(
                self.runner,
                self.service.remove_action,
                audit_id,
                actor,
                action.id,
                on_done=lambda _none: self._set_action(action, present=False),
            )

    def _set_action(self, action: ActionData, *, present: bool) -> None:
        self.action_list = [a for a in self.action_list if a.id != action.id]
        if present:
            self.action_list.append(action)
            self.action_list.sort(key=lambda a: a.due_on)
        self.closing.show_actions(self.action_list)

    # -- lifecycle ----------------------------------------------------------------------------

    def reload(self) -> None:
        ops.read(
            self.runner, self.service.load, self.ws.id, self.actor, on_done=self.show_workspace
        )

    def sign_off_summary(self) -> list[str]:
        """What a sign-off signs, from what the store holds: each area's grade and whether
        its rationale is written, the overall grade, the actions."""
        stored = self.buffer.stored
        lines = []
        for area in self.ws.form.sections:
            grade = stored.get(FieldRef.area(area.id, "grade"))
            rationale = str(stored.get(FieldRef.area(area.id, "rationale")) or "").strip()
            lines.append(
                self.tr("{area}: {grade}, {rationale}").format(
                    area=area.title,
                    grade=grade_label(Grade(str(grade))) if grade else self.tr("not graded"),
                    rationale=self.tr("rationale written")
                    if rationale
                    else self.tr("no rationale"),
                )
            )
        overall = stored.get(FieldRef.audit("overall_grade"))
        overall_rationale = str(stored.get(FieldRef.audit("overall_rationale")) or "").strip()
        lines.append(
            self.tr("Overall: {grade}, {rationale}").format(
                grade=grade_label(Grade(str(overall))) if overall else self.tr("not graded"),
                rationale=self.tr("rationale written")
                if overall_rationale
                else self.tr("no rationale"),
            )
        )
        actions = self.action_list
        if not actions:
            lines.append(self.tr("No actions agreed."))
        for action in actions:
            lines.append(
                self.tr("Action: {what} ({owner}, by {due})").format(
                    what=action.description,
                    owner=action.owner,
                    due=action.due_on.strftime("%d %b %Y"),
                )
            )
        return lines

    def _confirmed(
        self, title: str, sign_label: str, extra: list[str], signer: str | None = None
    ) -> bool:
        box = SignOffBox(
            self,
            title,
            [*self.sign_off_summary(), *extra],
            signer or self.actor.person.name,
            sign_label=sign_label,
        )
        try:
            return self.confirm(box)
        finally:
            box.deleteLater()

    def sign_off_as_auditor(self) -> None:
        self.flush()
        if not self._confirmed(
            self.tr("Sign off audit {reference} as its auditor?").format(
                reference=self.ws.reference
            ),
            self.tr("&Sign off"),
            [],
        ):
            return
        ops.write(
            self.runner,
            self.service.sign_off_as_auditor,
            self.ws.id,
            self.actor,
            on_done=lambda _state: self.reload(),
        )

    def use_sync(self, sync: SyncService) -> None:
        """The shared laptop's sign-off: where this store syncs, the practitioner confirms a
        sign-off made here with their own central password (``SyncService.confirm_sign_off``)."""
        self.sync = sync
        ops.read(
            self.runner,
            sync.settings,
            on_done=lambda found: self.signoff.set_confirmation_needed(found is not None),
        )

    def sign_off_as_practitioner(self, disagrees: bool, reason: str) -> None:
        self.flush()
        name = self.ws.practitioner.name if self.ws.practitioner else ""
        asked = not (disagrees and not reason.strip())  # no reason: the service says why
        extra = (
            [self.tr("The practitioner, {name}, disagrees: {why}").format(name=name, why=reason)]
            if disagrees
            else [self.tr("The practitioner, {name}, agrees with the audit.").format(name=name)]
        )
        if asked and not self._confirmed(
            self.tr("Record the practitioner's sign-off on {reference}?").format(
                reference=self.ws.reference
            ),
            self.tr("Record &disagreement") if disagrees else self.tr("&Sign off"),
            extra,
            name or None,
        ):
            return
        password = self.signoff.take_password()
        sync = self.sync
        if password and sync is not None:
            service, audit_id, actor = self.service, self.ws.id, self.actor

            def confirmed() -> AuditState:
                sync.confirm_sign_off(audit_id, password)  # checked online, before anything
                return service.sign_off_as_practitioner(
                    audit_id, actor, disagrees=disagrees, reason=reason
                )

            ops.write_job(
                self.runner,
                confirmed,
                (sync.confirm_sign_off, service.sign_off_as_practitioner),
                on_done=lambda _state: self.reload(),
            )
            return
        ops.write(
            self.runner,
            self.service.sign_off_as_practitioner,
            self.ws.id,
            self.actor,
            disagrees=disagrees,
            reason=reason,
            on_done=lambda _state: self.reload(),
        )

    def reopen(self, reason: str) -> None:
        ops.write(
            self.runner,
            self.service.reopen,
            self.ws.id,
            self.actor,
            reason,
            on_done=lambda _state: self.reload(),
        )

    # -- moving around ------------------------------------------------------------------------

    def _page_changed(self, index: int) -> None:
        self.flush()
        self.ensure_page(index)
        self.changed_by.left()  # the area left: its changed-by marks go
        self._show_live()
        self.pages.setCurrentIndex(index)
        if self.pages.widget(index) is self.signoff:
            self.reload()

    def reveal_page(self, index: int) -> None:
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)

    def step_page(self, step: int) -> None:
        index = max(0, min(self.nav.count() - 1, self.nav.currentRow() + step))
        self.reveal_page(index)
        page = self.ensure_page(index)
        if isinstance(page, AreaPage) and page.rows:
            self._focus_row(page.rows[0])
        elif page is not None:
            page.focusNextChild()

    def _current_area(self) -> AreaPage | None:
        page = self.pages.currentWidget()
        return page if isinstance(page, AreaPage) else None

    def _row_for(self, question_id: str) -> QuestionRow | None:
        for page in self.built_areas():
            row = page.row_of(question_id)
            if row is not None:
                return row
        return None

    def _mark_current(self, row: QuestionRow) -> None:
        """The question the answer keys apply to, outlined so everyone can see it."""
        previous, self.current_row = self.current_row, row
        for each, on in ((previous, False), (row, True)):
            if each is not None:
                each.setProperty("current", on)
                each.style().unpolish(each)
                each.style().polish(each)

    def _focus_row(self, row: QuestionRow) -> None:
        self._mark_current(row)
        row.focus_answer()
        for page in self.built_areas():
            if row in page.rows:
                page.scroll_area.ensureWidgetVisible(row)

    def step_question(self, step: int) -> None:
        page = self._current_area()
        if page is None or not page.rows:
            return
        row = self.current_row if self.current_row in page.rows else None
        index = 0 if row is None else page.rows.index(row) + step
        if index < 0 or index >= len(page.rows):
            return
        self._focus_row(page.rows[index])

    def answer_current(self, answer: Answer) -> None:
        page = self._current_area()
        if page is None or not page.rows:
            return
        row = self.current_row if self.current_row in page.rows else page.rows[0]
        self._mark_current(row)
        row.answer(answer)

    def reveal(self, ref: FieldRef) -> None:
        """Show the page a field is on and put the focus in it."""
        if ref.target is Target.AUDIT:
            self.reveal_page(len(self.areas))
        else:
            key = ref.key
            if ref.target is Target.ANSWER:
                key = self.ws.form.section_of(ref.key).id
            index = next(i for i, s in enumerate(self.ws.form.sections) if s.id == key)
            self.reveal_page(index)
        widget = self.bindings[ref].focus_widget()
        if widget.isVisible():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            for page in self.built_areas():
                if page.isAncestorOf(widget):
                    page.scroll_area.ensureWidgetVisible(widget)

    def jump_to(self, gap: Missing) -> None:
        """Go to what the checklist says is missing."""
        if gap.question_id:
            field = "na_reason" if gap.gap is Gap.NA_REASON else "value"
            self.reveal(FieldRef.answer(gap.question_id, field))
            return
        if gap.section_id != CLOSING:
            field = "rationale" if gap.gap is Gap.AREA_RATIONALE else "grade"
            self.reveal(FieldRef.area(gap.section_id, field))
            return
        fields = {
            Gap.VOICE_OF_CHILD: "voice_of_child",
            Gap.IMPACT: "impact",
            Gap.OVERALL_GRADE: "overall_grade",
            Gap.OVERALL_RATIONALE: "overall_rationale",
            Gap.ESCALATION_NOTE: "escalation_note",
        }
        if gap.gap in fields:
            self.reveal(FieldRef.audit(fields[gap.gap]))
        else:
            self.reveal_page(len(self.areas))
            self.closing.description.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is not None and self.widget_refs.get(old) in self.buffer.pending:
            self.flush()
        widget = new
        while widget is not None and not isinstance(widget, QuestionRow):
            widget = widget.parentWidget()
        if isinstance(widget, QuestionRow):
            self._mark_current(widget)

    # -- undo, history, presentation -----------------------------------------------------------

    def undo(self) -> None:
        self.flush()
        self._apply(self.undo_stack.undo())

    def redo(self) -> None:
        self.flush()
        self._apply(self.undo_stack.redo())

    def _apply(self, step: Step | None) -> None:
        if isinstance(step, FieldChange):
            self._apply_field(step)
        elif isinstance(step, ActionChange):
            self._apply_action(step)

    def _show_undo(self) -> None:
        stack = self.undo_stack
        self.undo_action.setEnabled(stack.can_undo)
        self.redo_action.setEnabled(stack.can_redo)
        self.undo_action.setToolTip(
            self.tr("Undo {change}").format(change=stack.undo_text()) if stack.can_undo else ""
        )
        self.redo_action.setToolTip(
            self.tr("Redo {change}").format(change=stack.redo_text()) if stack.can_redo else ""
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Undo and redo in a text field undo the whole audit's last change, not only the
        letters typed in that field."""
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Y
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            )
            if undo or redo:
                if kind == QEvent.Type.ShortcutOverride:
                    event.accept()
                else:
                    self.undo() if undo else self.redo()
                return True
        return super().eventFilter(watched, event)

    def focused_ref(self) -> FieldRef | None:
        widget = QApplication.focusWidget()
        return self.widget_refs.get(widget) if widget is not None else None

    def show_field_history(self, ref: FieldRef | None = None) -> None:
        ref = ref or self.focused_ref()
        if ref is None:
            self.save_status.setText(self.tr("Put the focus in a field to see its history"))
            return
        self.flush()
        title = self._field_title(ref)
        ops.read(
            self.runner,
            self.service.field_history,
            self.ws.id,
            ref,
            on_done=lambda entries: self._show_history(title, entries),
        )

    def _show_history(self, title: str, entries: list[HistoryEntry]) -> None:
        self.history_dialog = HistoryDialog(title, entries, self)
        self.history_dialog.show()

    def _context_menu(self, pos: QPoint) -> None:
        """A field's own menu and its history (one slot for every field: the sender says
        which)."""
        widget = self.sender()
        if not isinstance(widget, QWidget) or widget not in self.widget_refs:
            return
        ref = self.widget_refs[widget]
        menu = (
            widget.createStandardContextMenu()
            if isinstance(widget, QLineEdit | QPlainTextEdit)
            else QMenu(widget)
        )
        menu.addSeparator()
        history = menu.addAction(self.tr("History of this field…"))
        history.triggered.connect(lambda: self.show_field_history(ref))
        menu.exec(widget.mapToGlobal(pos))

    def _presentation_toggled(self, on: bool) -> None:
        self.setStyleSheet(at_text_size(PRESENTATION_STYLE if on else STYLE))
        self.nav.setVisible(not on)
        for page in self.built_areas():  # a page built later is laid out so then
            total = max(page.halves.width(), 2)
            page.halves.setSizes(
                [total // 2, total // 2] if on else [total * 3 // 5, total * 2 // 5]
            )
        self.settings.set(PRESENTATION_MODE, on)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            # 1280x800 where there is room; within the screen where not (800 is taller than a
            # 1366x768 laptop, and at 200% the screen holds 683x384): the area pages scroll.
            fit_window(self, QWidget.screen(self))
            self.statusBar().setVisible(not self.presentation_action.isChecked())
            self._balance()
            page = self._current_area()
            if page is not None and page.rows:
                self._focus_row(page.rows[0])
            # The other areas in idle time, once the first one is on the screen.
            QTimer.singleShot(BUILD_AFTER_MS, self, self._build_next)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._balance()

    def _balance(self) -> None:
        """Give the questions and the reflection most of the height, both halves their share."""
        for page in self.built_areas():
            self._balance_area(page)

    def _balance_area(self, page: AreaPage) -> None:
        on = self.presentation_action.isChecked()
        height = max(page.split.height(), 2)
        lower = page.split.widget(1)
        below = lower.minimumSizeHint().height() if lower is not None else 0
        page.split.setSizes([height - below, below])
        width = max(page.halves.width(), 2)
        left = width // 2 if on else width * 3 // 5
        page.halves.setSizes([left, width - left])

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing with a choice open keeps what was typed (history keeps theirs too): what
        # the person wrote is never lost.
        for ref in list(self.buffer.choices):
            self._save_all(self.buffer.keep_mine(ref))
        self.flush()
        self.runner.wait(10000)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._focus_changed)
        self.closed.emit(self.ws.id)
        super().closeEvent(event)
