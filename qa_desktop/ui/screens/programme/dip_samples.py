"""Dip samples: make one (a title, how many cases, any form and up to five of its yes or no
questions, one team, several or all), answer it in the keyboard grid, finish it, and see the
results by team."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.answers import Answer
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.programme.dip_sample import (
    MAX_QUESTIONS,
    DipForm,
    DipGrid,
    DipQuestion,
    DipSampleInfo,
    DipSampleRequest,
    TeamResult,
)
from qa_desktop.services.setup.people import Actor, FilterOptions
from qa_desktop.ui import ops
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.programme.dip_grid import DipGridTable
from qa_desktop.ui.screens.programme.tables import RowsTable
from qa_desktop.ui.widgets.empty import set_empty_text
from qa_desktop.ui.widgets.side_by_side import SideBySide, panel

ID_ROLE = Qt.ItemDataRole.UserRole


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


class DipSamplesTab(QWidget):
    created = Signal(str)
    grid_shown = Signal()
    answer_saved = Signal()
    results_shown = Signal()

    def __init__(
        self, services: Services, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self._actor = actor
        self.current_id: str | None = None

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Children seen, November"))
        self.cases = QSpinBox()
        self.cases.setRange(1, 2000)
        self.cases.setValue(40)
        self.seed = QSpinBox()
        self.seed.setRange(0, 999999)
        self.seed.setValue(1)
        self.form = QComboBox()
        self.form.setAccessibleName(self.tr("Form whose questions are checked"))
        self.form.currentIndexChanged.connect(self._form_chosen)
        # Teams: tick one or several; none ticked samples every team.
        self.teams = QListWidget()
        self.teams.setAccessibleName(self.tr("Teams (none ticked: every team)"))
        self.teams.setMaximumHeight(120)
        self.question_boxes: list[QCheckBox] = []
        self.questions_row = QVBoxLayout()
        questions_widget = QWidget()
        questions_widget.setLayout(self.questions_row)
        self.questions_area = QScrollArea()
        self.questions_area.setWidgetResizable(True)
        self.questions_area.setWidget(questions_widget)
        self.questions_area.setMaximumHeight(180)
        self.questions_count = QLabel()
        self.questions_count.setObjectName("countLabel")
        self.create_button = QPushButton(self.tr("&Make dip sample"))
        self.create_button.clicked.connect(self.make_sample)
        new_box = QGroupBox(self.tr("New dip sample"))
        form = QFormLayout(new_box)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Cases:"), self.cases)
        form.addRow(self.tr("F&orm:"), self.form)
        form.addRow(self.tr("Questions:"), self.questions_area)
        form.addRow("", self.questions_count)
        form.addRow(self.tr("T&eams:"), self.teams)
        form.addRow(self.tr("See&d:"), self.seed)
        form.addRow(self.create_button)

        self.samples = QListWidget()
        set_empty_text(self.samples, self.tr("No dip samples yet. Make one with Make dip sample."))
        self.samples.setAccessibleName(self.tr("Dip samples"))
        self.samples.currentItemChanged.connect(self._sample_chosen)
        left = QVBoxLayout()
        left.addWidget(new_box)
        left.addWidget(QLabel(self.tr("Dip samples:")))
        left.addWidget(self.samples, 1)

        self.heading = QLabel(self.tr("Choose or make a dip sample."))
        self.heading.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "Type y (Yes), p (Partly), n (No) or a (N/A) in a cell: the answer is saved and "
                "the next cell is chosen. Delete clears a cell."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("countLabel")
        self.table = DipGridTable()
        self.table.answer_typed.connect(self._answer_typed)
        self.finish_button = QPushButton(self.tr("Fi&nish dip sample"))
        self.finish_button.setEnabled(False)
        self.finish_button.clicked.connect(self.finish)
        self.results = RowsTable([self.tr("Team"), self.tr("Cases")], self.tr("Results by team"))
        set_empty_text(
            self.results,
            self.tr("No results yet: they show here as the sample's cases are answered."),
        )
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(hint)
        right.addWidget(self.table, 3)
        right.addWidget(self.finish_button)
        results_box = QGroupBox(self.tr("Results by team"))
        QVBoxLayout(results_box).addWidget(self.results)
        right.addWidget(results_box, 2)
        QVBoxLayout(self).addWidget(SideBySide(panel(left), panel(right), (1, 3)))
        # Dip samples made or finished here or brought by a sync (not each answer: the grid
        # keeps its place while the auditor types).
        runner.subscribe(self, Change.PROGRAMME, lambda _what: self.load())

    def load(self) -> None:
        services = self._services

        def work() -> tuple[tuple[DipForm, ...], FilterOptions, tuple[DipSampleInfo, ...]]:
            return (
                services.dip_samples.forms(),
                services.directory.filter_options(),
                services.dip_samples.list(),
            )

        ops.read(self._runner, work, on_done=self._show_setup)

    def _show_setup(
        self, loaded: tuple[tuple[DipForm, ...], FilterOptions, tuple[DipSampleInfo, ...]]
    ) -> None:
        forms, options, samples = loaded
        if self.form.count() == 0:
            for team in options.teams:
                item = QListWidgetItem(team.name)
                item.setData(ID_ROLE, team.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.teams.addItem(item)
            # The first form (the dip sample form) is chosen as it is added: its questions load.
            for dip_form in forms:
                self.form.addItem(dip_form.title, dip_form.key)
        self._show_samples(samples)

    def _form_chosen(self, _index: int) -> None:
        key = self.form.currentData()
        if key is not None:
            ops.read(
                self._runner,
                self._services.dip_samples.questions,
                str(key),
                on_done=self._show_questions,
            )

    def _show_questions(self, questions: tuple[DipQuestion, ...]) -> None:
        """One box a question; the first ones ticked (up to the most a dip sample checks)."""
        for box in self.question_boxes:
            self.questions_row.removeWidget(box)
            box.deleteLater()
        self.question_boxes = []
        for position, question in enumerate(questions):
            box = QCheckBox(f"{question.id}: {question.text}")
            box.setProperty("question_id", question.id)
            box.setChecked(position < MAX_QUESTIONS and len(questions) <= MAX_QUESTIONS)
            box.toggled.connect(self._questions_changed)
            self.questions_row.addWidget(box)
            self.question_boxes.append(box)
        self._questions_changed()

    def _questions_changed(self, _checked: bool = False) -> None:
        """At most five ticked: once five are, the others wait until one is unticked."""
        ticked = sum(b.isChecked() for b in self.question_boxes)
        for box in self.question_boxes:
            box.setEnabled(box.isChecked() or ticked < MAX_QUESTIONS)
        self.questions_count.setText(
            self.tr("{ticked} of at most {most} questions chosen").format(
                ticked=ticked, most=MAX_QUESTIONS
            )
        )
        self.create_button.setEnabled(ticked > 0)

    def chosen_team_ids(self) -> tuple[str, ...]:
        items = (self.teams.item(row) for row in range(self.teams.count()))
        return tuple(
            str(item.data(ID_ROLE)) for item in items if item.checkState() is Qt.CheckState.Checked
        )

    def _show_samples(self, samples: tuple[DipSampleInfo, ...]) -> None:
        self.samples.blockSignals(True)
        self.samples.clear()
        for info in samples:
            status = (
                self.tr("finished")
                if info.finished_on
                else self.tr("{answered} of {cases} answered").format(
                    answered=info.answered, cases=info.cases
                )
            )
            item = QListWidgetItem(f"{info.title} — {status}")
            item.setData(ID_ROLE, info.id)
            self.samples.addItem(item)
            if info.id == self.current_id:
                self.samples.setCurrentItem(item)
        self.samples.blockSignals(False)

    def make_sample(self) -> None:  # not create(): QWidget has one
        request = DipSampleRequest(
            self.title.text(),
            self.cases.value(),
            self.seed.value(),
            tuple(str(b.property("question_id")) for b in self.question_boxes if b.isChecked()),
            team_ids=self.chosen_team_ids(),
            form_key=self.form.currentData(),
        )
        actor = self._actor
        ops.write(
            self._runner, self._services.dip_samples.create, request, actor, on_done=self._created
        )

    def _created(self, dip_id: str) -> None:
        self.current_id = dip_id
        self.title.clear()
        self.created.emit(dip_id)
        ops.read(self._runner, self._services.dip_samples.list, on_done=self._show_samples)
        self.show_sample(dip_id)

    def _sample_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_sample(str(item.data(ID_ROLE)))

    def show_sample(self, dip_id: str) -> None:
        self.current_id = dip_id
        ops.read(self._runner, self._services.dip_samples.grid, dip_id, on_done=self._show_grid)
        self._load_results()

    def _show_grid(self, grid: DipGrid) -> None:
        self.table.set_grid(grid)
        self.heading.setText(
            self.tr("<b>{title}</b>: {cases} cases{finished}").format(
                title=grid.title,
                cases=len(grid.rows),
                finished=self.tr(", finished") if grid.finished_on else "",
            )
        )
        self.finish_button.setEnabled(grid.finished_on is None)
        self.table.setFocus()
        self.grid_shown.emit()

    def _answer_typed(self, row: int, question_id: str, answer: Answer | None) -> None:
        grid = self.table.grid
        assert grid is not None
        audit_id = grid.rows[row].audit_id
        actor = self._actor
        ops.write(
            self._runner,
            self._services.dip_samples.set_answer,
            audit_id,
            question_id,
            answer,
            actor,
            on_done=lambda _none: self._saved(),
        )

    def _saved(self) -> None:
        self.answer_saved.emit()
        self._load_results()

    def _load_results(self) -> None:
        dip_id = self.current_id
        if dip_id is not None:
            ops.read(
                self._runner, self._services.dip_samples.results, dip_id, on_done=self._show_results
            )

    def _show_results(self, results: tuple[TeamResult, ...]) -> None:
        questions = [q.question_id for q in results[0].questions] if results else []
        headers = [self.tr("Team"), self.tr("Cases")]
        for q in questions:
            headers += [
                self.tr("{question} compliance").format(question=q),
                self.tr("{question} Yes / Partly / No / N/A").format(question=q),
            ]
        self.results.setColumnCount(len(headers))
        self.results.setHorizontalHeaderLabels(headers)
        rows = []
        for team in results:
            cells: list[object] = [team.team or self.tr("All teams"), team.cases]
            for result in team.questions:
                cells += [
                    _percent(result.compliance),
                    f"{result.yes} / {result.partly} / {result.no} / {result.na}",
                ]
            rows.append(cells)
        self.results.set_rows(rows)
        self.results_shown.emit()

    def finish(self) -> None:
        dip_id = self.current_id
        if dip_id is None:
            return
        actor = self._actor
        ops.write(
            self._runner,
            self._services.dip_samples.finish,
            dip_id,
            actor,
            on_done=lambda _none: self._created(dip_id),
        )
