"""Forms: the QA team edits a form's questions, help text, answer types and grade rules.
Saving makes a new version, published to everyone; audits keep the version they were started
on; question ids stay the same (new questions get ids never used before)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.forms import AnswerType
from qa_desktop.domain.roles import Capability
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.programme.form_editing import (
    EDITABLE_TYPES,
    EditableForm,
    QuestionEdit,
    RulesEdit,
    SavedVersion,
)
from qa_desktop.services.programme.forms import FormVersionInfo
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.buddy import buddy_label
from qa_desktop.ui.widgets.cells import cell, cell_text

ID_COLUMN, SECTION_COLUMN, TEXT_COLUMN, HELP_COLUMN, TYPE_COLUMN, KEY_COLUMN = range(6)
TYPE_LABELS = {
    AnswerType.YES_NO: "Yes / Partly / No",
    AnswerType.TEXT: "Text",
    AnswerType.SCALE: "Scale",
    AnswerType.NUMBER: "Number",
    AnswerType.DATE: "Date",
    AnswerType.CHOICE: "Choice",
}


class FormsTab(QWidget):
    loaded = Signal()
    form_shown = Signal()
    saved = Signal(object)  # SavedVersion

    def __init__(
        self, services: Services, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._actor = actor
        self.current: EditableForm | None = None
        may_edit = actor.can(Capability.MANAGE_PROGRAMME)

        self.form_choice = QComboBox()
        self.form_choice.currentIndexChanged.connect(self._form_chosen)
        self.version_label = QLabel()
        self.version_label.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Id"),
                self.tr("Section"),
                self.tr("Question"),
                self.tr("Help"),
                self.tr("Answer type"),
                self.tr("Key"),
            ]
        )
        self.table.setAccessibleName(self.tr("The form's questions"))
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(HELP_COLUMN, 260)
        self.section_choice = QComboBox()
        self.add_button = QPushButton(self.tr("A&dd question"))
        self.add_button.clicked.connect(self.add_question)
        self.remove_button = QPushButton(self.tr("Remo&ve question"))
        self.remove_button.clicked.connect(self.remove_question)
        self.good_at = QSpinBox()
        self.good_at.setRange(1, 100)
        self.good_at.setSuffix("%")
        self.ri_at = QSpinBox()
        self.ri_at.setRange(0, 99)
        self.ri_at.setSuffix("%")
        self.save_button = QPushButton(self.tr("&Save as a new version"))
        self.save_button.clicked.connect(self.save)
        for widget in (self.add_button, self.remove_button, self.save_button, self.table):
            widget.setEnabled(may_edit)

        top = QFormLayout()
        top.addRow(self.tr("F&orm:"), self.form_choice)
        edit_row = QHBoxLayout()
        edit_row.addWidget(buddy_label(self.tr("Sectio&n:"), self.section_choice))
        edit_row.addWidget(self.section_choice)
        edit_row.addWidget(self.add_button)
        edit_row.addWidget(self.remove_button)
        edit_row.addStretch(1)
        rules = QHBoxLayout()
        rules.addWidget(buddy_label(self.tr("Suggest &Good at:"), self.good_at))
        rules.addWidget(self.good_at)
        rules.addWidget(buddy_label(self.tr("Requires &Improvement at:"), self.ri_at))
        rules.addWidget(self.ri_at)
        rules.addStretch(1)
        save_row = QHBoxLayout()  # a line of its own: beside the rules, too wide at 200%
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.version_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit_row)
        layout.addLayout(rules)
        layout.addLayout(save_row)
        runner.subscribe(self, Change.FORMS, lambda _what: self.load())

    def load(self) -> None:
        ops.read(self._runner, self._services.form_editing.forms, on_done=self._show_forms)

    def _show_forms(self, forms: tuple[FormVersionInfo, ...]) -> None:
        chosen = self.form_choice.currentData()
        self.form_choice.blockSignals(True)
        self.form_choice.clear()
        for info in forms:
            self.form_choice.addItem(
                self.tr("{title} (version {version})").format(
                    title=info.title, version=info.version
                ),
                info.key,
            )
        index = self.form_choice.findData(chosen) if chosen else 0
        self.form_choice.setCurrentIndex(max(0, index))
        self.form_choice.blockSignals(False)
        self.loaded.emit()
        self._form_chosen()

    def _form_chosen(self) -> None:
        key = self.form_choice.currentData()
        if key:
            ops.read(self._runner, self._services.form_editing.load, key, on_done=self._show_form)

    def _show_form(self, editable: EditableForm) -> None:
        self.current = editable
        form = editable.form
        self.version_label.setText(
            self.tr(
                "{title}, version {version}. Saving makes version {next}; audits already "
                "started stay on the version they began with. Question ids never change."
            ).format(title=form.title, version=editable.version, next=editable.version + 1)
        )
        self.section_choice.clear()
        for section in form.sections:
            self.section_choice.addItem(f"{section.id}: {section.title}", section.id)
        self.table.setRowCount(0)
        for section in form.sections:
            for question in section.questions:
                self._add_row(
                    section.id,
                    question.id,
                    question.text,
                    question.help,
                    question.answer_type,
                    question.key,
                )
        self.good_at.setValue(round(form.rules.good_at))
        self.ri_at.setValue(round(form.rules.requires_improvement_at))
        self.form_shown.emit()

    def _add_row(
        self,
        section_id: str,
        question_id: str,
        text: str,
        help_text: str,
        answer_type: AnswerType,
        key: bool,
        at: int | None = None,
    ) -> int:
        row = self.table.rowCount() if at is None else at
        self.table.insertRow(row)
        fixed = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        ident = QTableWidgetItem(question_id or self.tr("new"))
        ident.setData(Qt.ItemDataRole.UserRole, question_id)
        ident.setFlags(fixed)
        self.table.setItem(row, ID_COLUMN, ident)
        section = QTableWidgetItem(section_id)
        section.setFlags(fixed)
        self.table.setItem(row, SECTION_COLUMN, section)
        self.table.setItem(row, TEXT_COLUMN, QTableWidgetItem(text))
        self.table.setItem(row, HELP_COLUMN, QTableWidgetItem(help_text))
        kind = QComboBox()
        kind.setAccessibleName(
            self.tr("Answer type of {id}").format(id=question_id or self.tr("the new question"))
        )
        if answer_type in EDITABLE_TYPES:
            for choice in EDITABLE_TYPES:
                kind.addItem(self.tr(TYPE_LABELS[choice]), choice.value)
        else:
            kind.addItem(self.tr(TYPE_LABELS[answer_type]), answer_type.value)
        kind.setCurrentIndex(kind.findData(answer_type.value))
        self.table.setCellWidget(row, TYPE_COLUMN, kind)
        flag = QTableWidgetItem()
        flag.setFlags(fixed | Qt.ItemFlag.ItemIsUserCheckable)
        flag.setCheckState(Qt.CheckState.Checked if key else Qt.CheckState.Unchecked)
        self.table.setItem(row, KEY_COLUMN, flag)
        return row

    def add_question(self) -> None:
        section_id = self.section_choice.currentData()
        if not section_id:
            return
        last = max(
            (r for r in range(self.table.rowCount()) if self._section(r) == section_id),
            default=self.table.rowCount() - 1,
        )
        self._add_row(section_id, "", "", "", AnswerType.YES_NO, False, at=last + 1)
        self.table.setCurrentCell(last + 1, TEXT_COLUMN)
        self.table.editItem(cell(self.table, last + 1, TEXT_COLUMN))

    def remove_question(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _section(self, row: int) -> str:
        return cell_text(self.table, row, SECTION_COLUMN)

    def edits(self) -> tuple[QuestionEdit, ...]:
        result = []
        for row in range(self.table.rowCount()):
            kind = self.table.cellWidget(row, TYPE_COLUMN)
            assert isinstance(kind, QComboBox)
            result.append(
                QuestionEdit(
                    section_id=self._section(row),
                    text=cell_text(self.table, row, TEXT_COLUMN),
                    help=cell_text(self.table, row, HELP_COLUMN),
                    answer_type=AnswerType(kind.currentData()),
                    key=cell(self.table, row, KEY_COLUMN).checkState() is Qt.CheckState.Checked,
                    id=str(cell(self.table, row, ID_COLUMN).data(Qt.ItemDataRole.UserRole) or ""),
                )
            )
        return tuple(result)

    def save(self) -> None:
        if self.current is None:
            return
        key, version, edits = self.current.key, self.current.version, self.edits()
        rules = (
            RulesEdit(self.good_at.value(), self.ri_at.value())
            if self.current.form.graded_sections()
            else None
        )
        actor = self._actor
        ops.write(
            self._runner,
            self._services.form_editing.save,
            key,
            version,
            edits,
            actor,
            rules,
            on_done=self._saved,
        )

    def _saved(self, saved: SavedVersion) -> None:
        self.saved.emit(saved)  # the runner then announces Change.FORMS: the list reloads
