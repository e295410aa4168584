"""One Back to the Floor visit: its case sample and case records, the team notes, the
consolidated findings with the team-level judgement, the action plan and the PDF report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal
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
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.bttf import DEFAULT_CASE_SAMPLE, PRACTICE_AREAS
from qa_desktop.domain.grades import Grade
from qa_desktop.services.container import Services
from qa_desktop.services.programme.bttf import CaseForm, FindingsEntry, VisitDetail
from qa_desktop.services.setup.people import Actor, PersonInfo
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.programme.bttf_case_dialog import BttfCaseDialog
from qa_desktop.ui.screens.programme.tables import RowsTable
from qa_desktop.ui.widgets.buddy import buddy_label
from qa_desktop.ui.widgets.dates import pydate, qdate
from qa_desktop.ui.widgets.empty import set_empty_text


def _text_box(height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class VisitPanel(QTabWidget):
    shown = Signal()
    changed = Signal()  # something was saved
    case_dialog_opened = Signal(object)
    exported = Signal(object)  # Path

    def __init__(
        self,
        services: Services,
        runner: Runner,
        actor: Actor,
        people: Callable[[], Sequence[PersonInfo]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._actor = actor
        self._people = people
        self.detail: VisitDetail | None = None
        self.case_dialog: BttfCaseDialog | None = None
        # Replaceable in tests: asks where to save the PDF.
        self.choose_pdf_path: Callable[[str], str] = self._ask_pdf_path
        self.setAccessibleName(self.tr("The visit"))
        self.addTab(self._cases_page(), self.tr("Case sample"))
        self.addTab(self._notes_page(), self.tr("Team notes"))
        self.addTab(self._findings_page(), self.tr("Findings and judgement"))
        self.addTab(self._actions_page(), self.tr("Action plan"))
        self.addTab(self._report_page(), self.tr("Report"))
        self.setEnabled(False)

    # -- pages ----------------------------------------------------------------------------

    def _cases_page(self) -> QWidget:
        page = QWidget()
        self.sample_size = QSpinBox()
        self.sample_size.setRange(1, 50)
        self.sample_size.setValue(DEFAULT_CASE_SAMPLE)
        self.sample_seed = QSpinBox()
        self.sample_seed.setRange(0, 999999)
        self.sample_seed.setValue(1)
        self.draw_button = QPushButton(self.tr("Dra&w case sample"))
        self.draw_button.clicked.connect(self.draw_cases)
        row = QHBoxLayout()
        row.addWidget(buddy_label(self.tr("&Cases:"), self.sample_size))
        row.addWidget(self.sample_size)
        row.addWidget(buddy_label(self.tr("S&eed:"), self.sample_seed))
        row.addWidget(self.sample_seed)
        row.addWidget(self.draw_button)
        row.addStretch(1)
        self.cases_table = RowsTable(
            [
                self.tr("Case"),
                self.tr("Record"),
                self.tr("Practitioner"),
                self.tr("Read by"),
                self.tr("Grade"),
            ],
            self.tr("The visit's case sample"),
        )
        set_empty_text(
            self.cases_table,
            self.tr("No cases drawn for this visit yet. Draw the case sample above."),
        )
        self.cases_table.doubleClicked.connect(lambda _index: self.open_case())
        self.record_button = QPushButton(self.tr("Record the chose&n case…"))
        self.record_button.clicked.connect(self.open_case)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.cases_table, 1)
        layout.addWidget(self.record_button)
        return page

    def _notes_page(self) -> QWidget:
        page = QWidget()
        self.notes_form = QFormLayout()
        self.note_edits: dict[str, QPlainTextEdit] = {}
        self.save_notes_button = QPushButton(self.tr("Save &team notes"))
        self.save_notes_button.clicked.connect(self.save_notes)
        inner = QWidget()
        inner.setLayout(self.notes_form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(page)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.save_notes_button)
        return page

    def _findings_page(self) -> QWidget:
        page = QWidget()
        inner = QWidget()
        form = QVBoxLayout(inner)
        self.finding_edits: dict[str, tuple[QPlainTextEdit, QPlainTextEdit]] = {}
        for area in PRACTICE_AREAS:
            box = QGroupBox(self.tr(area))
            box_form = QFormLayout(box)
            strengths, improvements = _text_box(), _text_box()
            strengths.setAccessibleName(self.tr("{area}: strengths").format(area=area))
            improvements.setAccessibleName(
                self.tr("{area}: areas for improvement").format(area=area)
            )
            box_form.addRow(self.tr("Strengths:"), strengths)
            box_form.addRow(self.tr("Areas for improvement:"), improvements)
            form.addWidget(box)
            self.finding_edits[area] = (strengths, improvements)
        self.judgement = QComboBox()
        self.judgement.addItem(self.tr("Not yet judged"), None)
        for grade in Grade:
            self.judgement.addItem(grade_label(grade), grade.value)
        self.rationale = _text_box(80)
        judged = QFormLayout()
        judged.addRow(self.tr("Team-level &judgement:"), self.judgement)
        judged.addRow(self.tr("&Why:"), self.rationale)
        form.addLayout(judged)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.save_findings_button = QPushButton(self.tr("Save fi&ndings"))
        self.save_findings_button.clicked.connect(self.save_findings)
        layout = QVBoxLayout(page)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.save_findings_button)
        return page

    def _actions_page(self) -> QWidget:
        page = QWidget()
        self.actions_table = RowsTable(
            [self.tr("What"), self.tr("Who"), self.tr("By when")], self.tr("The action plan")
        )
        set_empty_text(
            self.actions_table, self.tr("No actions agreed for this visit yet. Add one below.")
        )
        self.action_text = QLineEdit()
        self.action_owner = QComboBox()
        self.action_due = QDateEdit()
        self.action_due.setCalendarPopup(True)
        self.action_due.setDisplayFormat("dd/MM/yyyy")
        self.add_action_button = QPushButton(self.tr("Add a&ction"))
        self.add_action_button.clicked.connect(self.add_action)
        form = QFormLayout()
        form.addRow(self.tr("&What:"), self.action_text)
        form.addRow(self.tr("Wh&o:"), self.action_owner)
        form.addRow(self.tr("&By when:"), self.action_due)
        form.addRow(self.add_action_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.actions_table, 1)
        layout.addLayout(form)
        return page

    def _report_page(self) -> QWidget:
        page = QWidget()
        self.report_label = QLabel(
            self.tr(
                "The Back to the Floor report holds the visit, the findings by practice area "
                "with the team-level judgement, the case sample, the team notes and the action "
                "plan. It is marked DRAFT until the judgement is made."
            )
        )
        self.report_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Save &PDF report…"))
        self.export_button.clicked.connect(self.export)
        self.export_result = StatusLabel()
        layout = QVBoxLayout(page)
        layout.addWidget(self.report_label)
        layout.addWidget(self.export_button)
        layout.addWidget(self.export_result)
        layout.addStretch(1)
        return page

    # -- showing ----------------------------------------------------------------------------

    def show_visit(self, visit_id: str) -> None:
        ops.read(self._runner, self._services.bttf.detail, visit_id, on_done=self._show)

    def reload(self) -> None:
        if self.detail is not None:
            self.show_visit(self.detail.summary.id)

    def _show(self, detail: VisitDetail) -> None:
        first = self.detail is None or self.detail.summary.id != detail.summary.id
        self.detail = detail
        self.setEnabled(True)
        self.draw_button.setEnabled(not detail.cases)
        self.cases_table.set_rows(
            [
                (
                    f"{c.case_reference} ({c.case_initials})",
                    c.audit_reference,
                    c.practitioner,
                    c.auditor,
                    grade_label(c.grade) if c.recorded else self.tr("not recorded yet"),
                )
                for c in detail.cases
            ]
        )
        if first:
            self._fill_forms(detail)
        self.actions_table.set_rows(
            [(a.description, a.owner, a.due_on.strftime("%d %b %Y")) for a in detail.actions]
        )
        self.shown.emit()

    def _fill_forms(self, detail: VisitDetail) -> None:
        while self.notes_form.rowCount():
            self.notes_form.removeRow(0)
        self.note_edits.clear()
        section = ""
        for question in detail.note_questions:
            if question.section != section:
                section = question.section
                heading = QLabel(f"<b>{section}</b>")
                self.notes_form.addRow(heading)
            edit = _text_box()
            edit.setPlainText(detail.notes.get(question.id, ""))
            edit.setAccessibleName(question.text)
            if question.help:
                edit.setToolTip(question.help)
            label = QLabel(question.text)
            label.setWordWrap(True)
            label.setBuddy(edit)
            self.notes_form.addRow(label, edit)
            self.note_edits[question.id] = edit
        for area, (strengths, improvements) in self.finding_edits.items():
            saved = detail.findings.get(area, ("", ""))
            strengths.setPlainText(saved[0])
            improvements.setPlainText(saved[1])
        judgement = detail.summary.judgement
        self.judgement.setCurrentIndex(self.judgement.findData(judgement.value) if judgement else 0)
        self.rationale.setPlainText(detail.judgement_rationale)
        self.action_owner.clear()
        for person in self._people():
            self.action_owner.addItem(person.name, person.id)
        self.action_due.setDate(qdate(detail.summary.planned_on).addDays(8 * 7))

    # -- doing ------------------------------------------------------------------------------

    def _visit_id(self) -> str:
        assert self.detail is not None
        return self.detail.summary.id

    def draw_cases(self) -> None:
        visit_id, count, seed, actor = (
            self._visit_id(),
            self.sample_size.value(),
            self.sample_seed.value(),
            self._actor,
        )
        ops.write(
            self._runner,
            self._services.bttf.draw_cases,
            visit_id,
            count,
            seed,
            actor=actor,
            on_done=lambda _rows: self._saved(),
        )

    def open_case(self) -> None:
        row = self.cases_table.currentRow()
        if self.detail is None or row < 0:
            return
        audit_id = self.detail.cases[row].audit_id
        ops.read(self._runner, self._services.bttf.case_form, audit_id, on_done=self._show_case)

    def _show_case(self, case: CaseForm) -> None:
        self.case_dialog = BttfCaseDialog(case, self._services, self._runner, self._actor, self)
        self.case_dialog.saved.connect(lambda _id: self._saved())
        self.case_dialog.setModal(True)
        self.case_dialog.show()
        self.case_dialog_opened.emit(self.case_dialog)

    def save_notes(self) -> None:
        visit_id, actor = self._visit_id(), self._actor
        notes = {qid: edit.toPlainText() for qid, edit in self.note_edits.items()}
        ops.write(
            self._runner,
            self._services.bttf.save_notes,
            visit_id,
            notes,
            actor,
            on_done=lambda _none: self._saved(),
        )

    def save_findings(self) -> None:
        visit_id, actor = self._visit_id(), self._actor
        value = self.judgement.currentData()
        entry = FindingsEntry(
            {
                area: (s.toPlainText(), i.toPlainText())
                for area, (s, i) in self.finding_edits.items()
            },
            Grade(value) if value else None,
            self.rationale.toPlainText(),
        )
        ops.write(
            self._runner,
            self._services.bttf.save_findings,
            visit_id,
            entry,
            actor,
            on_done=lambda _none: self._saved(),
        )

    def add_action(self) -> None:
        visit_id, actor = self._visit_id(), self._actor
        text, owner = self.action_text.text(), self.action_owner.currentData()
        due = pydate(self.action_due.date())
        ops.write(
            self._runner,
            self._services.bttf.add_action,
            visit_id,
            text,
            owner,
            due,
            actor,
            on_done=lambda _id: self._action_added(),
        )

    def _saved(self) -> None:
        self.changed.emit()
        self.reload()

    def _action_added(self) -> None:
        self.action_text.clear()
        self._saved()

    def _ask_pdf_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the Back to the Floor report"), suggested, self.tr("PDF (*.pdf)")
        )
        return path

    def export(self) -> None:
        if self.detail is None:
            return
        summary = self.detail.summary
        suggested = f"Back to the Floor {summary.team} {summary.year}.pdf"
        chosen = self.choose_pdf_path(suggested)
        if not chosen:
            return
        visit_id, path = summary.id, Path(chosen)
        ops.read(
            self._runner, self._services.bttf.export_report, visit_id, path, on_done=self._exported
        )

    def _exported(self, path: Path) -> None:
        self.export_result.setText(self.tr("Saved {path}").format(path=path))
        self.exported.emit(path)
