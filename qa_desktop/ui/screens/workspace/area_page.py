"""One practice area: the questions on one half, the practitioner's reflection on the other,
and below them what is working well, what we are worried about, even better if, and the
area grade with its rationale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.forms import Section
from qa_desktop.domain.grades import Grade
from qa_desktop.services.audit.workspace_data import FieldRef, Progress
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.screens.workspace.bindings import (
    Binding,
    CheckBinding,
    ComboBinding,
    TextBinding,
)
from qa_desktop.ui.screens.workspace.question_row import QuestionRow


def grade_combo(none_text: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(none_text, "")
    for grade in Grade.best_first():
        combo.addItem(grade_label(grade), grade.value)
    return combo


def text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class AreaPage(QWidget):
    def __init__(self, section: Section, practitioner: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.bindings: list[Binding] = []
        title = QLabel(section.title)
        title.setObjectName("screenTitle")
        self.progress = StatusLabel()
        self.progress.setObjectName("areaProgress")
        self.position = QLabel()
        self.position.setObjectName("hint")
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addWidget(self.position)
        heading.addStretch()
        heading.addWidget(self.progress)

        # The questions half.
        self.rows: list[QuestionRow] = []
        questions = QWidget()
        questions.setObjectName("questionList")
        column = QVBoxLayout(questions)
        column.setSpacing(6)
        grades_guide = self._grades_guide(section)
        for question in section.questions:
            row = QuestionRow(question)
            if grades_guide:  # the F1 guidance also says what each grade looks like here
                row.help.setText("\n\n".join(t for t in (question.help, grades_guide) if t))
                row.help_button.setEnabled(True)
            self.rows.append(row)
            self.bindings.extend(row.bindings)
            column.addWidget(row)
        column.addStretch()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(questions)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setAccessibleName(self.tr("Questions: {area}").format(area=section.title))

        # The practitioner's half.
        self.reflection_label = QLabel()
        self.reflection_label.setObjectName("reflectionLabel")
        self.reflection_label.setWordWrap(True)
        self.reflection = text_box(6)
        self.reflection_label.setBuddy(self.reflection)
        self.reflection_note = QLabel(
            self.tr("Written in the practitioner's own words; kept under their name.")
        )
        self.reflection_note.setObjectName("hint")
        self.reflection_note.setWordWrap(True)
        self.set_practitioner(practitioner)
        self.bindings.append(
            TextBinding(FieldRef.area(section.id, "practitioner_reflection"), self.reflection)
        )
        reflection_panel = QWidget()
        reflection_panel.setObjectName("reflectionPanel")
        right = QVBoxLayout(reflection_panel)
        right.addWidget(self.reflection_label)
        right.addWidget(self.reflection, 1)
        right.addWidget(self.reflection_note)

        self.halves = QSplitter(Qt.Orientation.Horizontal)
        self.halves.addWidget(self.scroll_area)
        self.halves.addWidget(reflection_panel)
        self.halves.setStretchFactor(0, 3)
        self.halves.setStretchFactor(1, 2)
        self.halves.setChildrenCollapsible(False)

        # Below: the auditor's summary of the area and the grade.
        below = QGridLayout()
        self.text_fields: dict[str, QPlainTextEdit] = {}
        for column_index, (name, label_text) in enumerate(
            (
                ("working_well", self.tr("What is working &well")),
                ("worried", self.tr("What we are w&orried about")),
                ("even_better_if", self.tr("&Even better if")),
            )
        ):
            label = QLabel(label_text)
            box = text_box(3)
            label.setBuddy(box)
            box.setAccessibleName(label_text.replace("&", ""))
            self.text_fields[name] = box
            self.bindings.append(TextBinding(FieldRef.area(section.id, name), box))
            below.addWidget(label, 0, column_index)
            below.addWidget(box, 1, column_index)
        grade_box = QGroupBox(self.tr("Area grade"))
        grade_layout = QGridLayout(grade_box)
        self.suggested = QLabel()
        self.suggested.setObjectName("suggestedGrade")
        self.grade = grade_combo(self.tr("Not graded"))
        grade_label_widget = QLabel(self.tr("Area &grade:"))
        grade_label_widget.setBuddy(self.grade)
        self.unmanaged_risk = QCheckBox(self.tr("&Unmanaged risk"))
        self.unmanaged_risk.setAccessibleName(self.tr("Unmanaged risk in this area"))
        self.rationale = text_box(2)
        rationale_label = QLabel(self.tr("&Rationale:"))
        rationale_label.setBuddy(self.rationale)
        self.rationale.setAccessibleName(self.tr("Rationale for the area grade"))
        self.notice = StatusLabel()
        self.notice.setObjectName("rationaleNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        grade_layout.addWidget(self.suggested, 0, 0, 1, 2)
        grade_layout.addWidget(self.unmanaged_risk, 0, 2)
        grade_layout.addWidget(grade_label_widget, 1, 0)
        grade_layout.addWidget(self.grade, 1, 1, 1, 2)
        grade_layout.addWidget(rationale_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        grade_layout.addWidget(self.rationale, 2, 1, 1, 2)
        grade_layout.addWidget(self.notice, 3, 0, 1, 3)
        # Beside the grade: what the chosen grade looks like in this area (from the form).
        self.descriptor = QLabel()
        self.descriptor.setObjectName("gradeDescriptor")
        self.descriptor.setWordWrap(True)
        self.descriptor.setVisible(False)
        grade_layout.addWidget(self.descriptor, 4, 0, 1, 3)
        self._section = section
        if grades_guide:
            self.grade.setToolTip(grades_guide)
        self.grade.currentIndexChanged.connect(lambda _i: self._show_descriptor())
        grade_layout.setColumnStretch(1, 1)
        below.addWidget(grade_box, 0, 3, 2, 1)
        for column_index in range(3):
            below.setColumnStretch(column_index, 2)
        below.setColumnStretch(3, 3)
        self.grade_binding = ComboBinding(FieldRef.area(section.id, "grade"), self.grade)
        self.bindings.append(self.grade_binding)
        self.bindings.append(
            CheckBinding(FieldRef.area(section.id, "unmanaged_risk"), self.unmanaged_risk)
        )
        self.bindings.append(TextBinding(FieldRef.area(section.id, "rationale"), self.rationale))
        if not section.graded:
            grade_box.setVisible(False)

        bottom = QWidget()
        bottom.setLayout(below)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.halves)
        self.split.addWidget(bottom)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.split, 1)

    def _grades_guide(self, section: Section) -> str:
        if not section.descriptors:
            return ""
        lines = [self.tr("What the grades look like in {area}:").format(area=section.title)]
        lines += [f"{grade_label(grade)}: {text}" for grade, text in section.descriptors]
        return "\n".join(lines)

    def _show_descriptor(self) -> None:
        value = self.grade.currentData()
        grade = Grade(value) if value else None
        text = self._section.descriptor(grade)
        self.descriptor.setVisible(bool(text))
        if grade is not None and text:
            self.descriptor.setText(
                self.tr("{grade} looks like: {text}").format(grade=grade_label(grade), text=text)
            )

    def show_reflection_reason(self, binding: Binding) -> None:
        """Under the reflection box: how it is kept, or, when it cannot be changed, why."""
        self.reflection_note.setText(
            binding.read_only_reason
            or self.tr("Written in the practitioner's own words; kept under their name.")
        )

    def set_practitioner(self, name: str) -> None:
        who = name or self.tr("no practitioner named")
        self.reflection_label.setText(
            self.tr("Practitioner's re&flection — {name}").format(name=who)
        )
        self.reflection.setAccessibleName(
            self.tr("Practitioner's reflection — {name}").format(name=who)
        )

    def show_progress(self, progress: Progress) -> None:
        share = f" · {progress.percentage:.0f}%" if progress.percentage is not None else ""
        self.progress.setText(
            self.tr("{answered} of {total} answered{share}").format(
                answered=progress.answered, total=progress.total, share=share
            )
        )
        suggested = grade_label(progress.suggested) if progress.suggested else self.tr("none yet")
        self.suggested.setText(self.tr("Suggested: {grade}").format(grade=suggested))
        self.suggested.setAccessibleName(self.suggested.text())

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def row_of(self, question_id: str) -> QuestionRow | None:
        return next((r for r in self.rows if r.question.id == question_id), None)
