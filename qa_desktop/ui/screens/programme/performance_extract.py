"""The performance extract: the QA team imports the case-recording system's monthly figures
per team (CSV, all or nothing: a refused file lists each bad row, column and what is wrong),
and sees them beside the audits' compliance on the matching questions for the same team and
month, with the difference."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.performance_extract import COLUMNS, Measure
from qa_desktop.i18n import tr
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.imports.performance_extract import ExtractImported, ExtractRefused
from qa_desktop.services.setup.people import Actor
from qa_desktop.services.triangulation import TriangulationRow
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.programme.extract_rows import (
    figure_rows,
    problem_rows,
    triangulation_rows,
)
from qa_desktop.ui.screens.programme.tables import RowsTable
from qa_desktop.ui.widgets.buddy import buddy_label
from qa_desktop.ui.widgets.empty import set_empty_text


def _errors(text: str) -> str:
    return tr("errors", text)


class PerformanceExtractTab(QWidget):
    imported = Signal(str)  # what the import did, or that the file was refused
    loaded = Signal()

    def __init__(
        self, services: Services, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._importer = services.extract_import
        self._triangulation = services.triangulation
        self._runner = runner
        self._actor = actor
        self.import_report = ""
        about = QLabel(
            self.tr(
                "Import the case-recording system's monthly figures per team (CSV). Columns: "
                "{columns}; month as YYYY-MM, each figure a percentage or blank. A file with "
                "any problem imports nothing. Importing a team's month again replaces its "
                "figures."
            ).format(columns=", ".join(COLUMNS))
        )
        about.setWordWrap(True)
        self.import_button = QPushButton(self.tr("&Import a performance extract…"))
        self.import_button.clicked.connect(self.import_extract)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        self.result = StatusLabel()
        self.result.setWordWrap(True)

        self.problems = RowsTable(
            [self.tr("Row"), self.tr("Column"), self.tr("What is wrong")],
            self.tr("Problems found in the file"),
        )
        set_empty_text(self.problems, self.tr("No problems."))
        self._problems_box = QWidget()
        problems_column = QVBoxLayout(self._problems_box)
        problems_column.setContentsMargins(0, 0, 0, 0)
        problems_column.addWidget(
            buddy_label(self.tr("&Problems found in the file:"), self.problems)
        )
        problems_column.addWidget(self.problems, 1)
        self._problems_box.setVisible(False)

        self.figures = RowsTable(
            [
                self.tr("Team"),
                self.tr("Month"),
                *(self.tr(measure.label) for measure in Measure),
            ],
            self.tr("Imported figures per team and month"),
        )
        set_empty_text(
            self.figures,
            self.tr(
                "No performance figures imported yet. Import the monthly extract with Import a "
                "performance extract."
            ),
        )
        self.beside = RowsTable(
            [
                self.tr("Team"),
                self.tr("Month"),
                self.tr("Measure"),
                self.tr("Extract"),
                self.tr("Audits' compliance"),
                self.tr("Difference (audits less extract)"),
                self.tr("Answers"),
                self.tr("Audit question"),
            ],
            self.tr("Figures beside the audits' compliance"),
        )
        set_empty_text(
            self.beside,
            self.tr(
                "Once figures are imported, each is shown here beside the audits' compliance on "
                "the matching question for the same team and month."
            ),
        )
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        for label, table in (
            (self.tr("Imported fi&gures:"), self.figures),
            (
                self.tr("&Beside the audits (blank: no figure, or no audit answered it):"),
                self.beside,
            ),
        ):
            part = QWidget()
            column = QVBoxLayout(part)
            column.setContentsMargins(0, 0, 0, 0)
            caption = buddy_label(label, table)
            caption.setWordWrap(True)
            column.addWidget(caption)
            column.addWidget(table, 1)
            split.addWidget(part)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self._problems_box, 1)
        layout.addWidget(split, 2)
        # Figures arrive by import and by sync; the audits' side changes with the audits.
        runner.subscribe(self, Change.EXTRACT | Change.AUDITS, lambda _what: self.load())

    def load(self) -> None:
        ops.read(self._runner, self._triangulation.rows, self._actor, on_done=self._show)

    def _show(self, rows: tuple[TriangulationRow, ...]) -> None:
        self.figures.set_rows(figure_rows(rows))
        self.beside.set_rows(triangulation_rows(rows, self.tr))
        self.loaded.emit()

    def ask_file(self) -> Path | None:
        """The CSV file to import (a file dialog; tests replace this)."""
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a performance extract"), "", self.tr("CSV files (*.csv)")
        )
        return Path(chosen) if chosen else None

    def import_extract(self) -> None:
        path = self.ask_file()
        if path is None:
            return
        self.result.setText(self.tr("Importing {name}…").format(name=path.name))
        self._problems_box.setVisible(False)
        ops.write(
            self._runner,
            self._importer.import_file,
            path,
            self._actor,
            on_done=lambda done: self._imported(path.name, done),
            on_error=self._failed,
        )

    def _imported(self, name: str, done: ExtractImported) -> None:
        report = self.tr(
            "Imported {months} team-month(s) from {name}, {figures} figure(s)."
        ).format(months=done.team_months, name=name, figures=done.figures)
        if done.replaced_months:
            named, more = done.replaced_months[:3], len(done.replaced_months) - 3
            which = ", ".join(named)
            if more > 0:
                which += self.tr(" and {count} more").format(count=more)
            report += " " + self.tr(
                "Replaced the figures held before for {which}: the file's figures now stand, and "
                "a figure it left blank is cleared."
            ).format(which=which)
        self._report(report)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ExtractRefused):
            self.result.setText(self.tr("Nothing was imported."))
            self._runner.report(exc)  # the one error path: a message, the details to the log
            return
        self.problems.set_rows(problem_rows(exc.problems, _errors))
        self.problems.resizeRowsToContents()  # each problem read whole, wrapped in its cell
        self._problems_box.setVisible(True)
        self._report(
            self.tr("Nothing was imported: the file has {count} problem(s), listed below.").format(
                count=len(exc.problems)
            )
        )

    def _report(self, text: str) -> None:
        self.import_report = text
        self.result.setText(text)
        self.imported.emit(text)
