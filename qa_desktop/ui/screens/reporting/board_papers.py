"""Reports > Board papers: the monthly performance board pack, the one-page scorecard, or a
team's weekly Required Actions report (PDF, CSV or both), for a month or a team's week, saved
to a file. It is written on the background runner; the dialog then says where it went, with
buttons to open it or its folder, or why nothing was saved (the details go to the log)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.services.board_papers import BoardPapersService, TeamChoice
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.errors import describe, log_failure
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.reporting.paper_choice import (
    Paper,
    last_whole_month,
    month_text,
    months_offered,
    own_team_first,
    paper_files,
    suggested_name,
)
from qa_desktop.ui.widgets.dates import pydate, qdate
from qa_desktop.ui.widgets.fit import FittedDialog
from qa_desktop.ui.widgets.pdf_export import documents_folder


class BoardPapersDialog(FittedDialog):
    made = Signal(object)  # the files written (a tuple of Paths)
    failed = Signal(str)  # what the person was told

    def __init__(
        self,
        papers: BoardPapersService,
        runner: Runner,
        actor: Actor,
        teams: Sequence[TeamChoice],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._papers = papers
        self._runner = runner
        self._actor = actor
        self.written: tuple[Path, ...] = ()
        # Replaceable in tests: how a file is chosen, and how a file or folder is opened.
        self.ask_path: Callable[[Path], Path | None] = self._ask_path
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.setWindowTitle(self.tr("Board papers"))

        self.paper = QComboBox()
        for paper in Paper:
            self.paper.addItem(self.tr(paper.label), paper)
        self.month = QComboBox()
        for month in months_offered(today):
            self.month.addItem(QLocale().toString(qdate(month), "MMMM yyyy"), month_text(month))
        self.month.setCurrentIndex(self.month.findData(month_text(last_whole_month(today))))
        self.team = QComboBox()
        for team in own_team_first(teams, actor.person.team_id):
            self.team.addItem(team.name, team.id)
        self.week_of = QDateEdit(qdate(today))
        self.week_of.setCalendarPopup(True)
        self.week_of.setDisplayFormat("dd MMM yyyy")
        self.as_pdf = QCheckBox(self.tr("P&DF"))
        self.as_pdf.setChecked(True)
        self.as_pdf.setAccessibleName(self.tr("Save the report as PDF"))
        self.as_csv = QCheckBox(self.tr("C&SV (for a spreadsheet)"))
        self.as_csv.setAccessibleName(self.tr("Save the report as CSV"))
        formats = QHBoxLayout()
        formats.setContentsMargins(0, 0, 0, 0)
        formats.addWidget(self.as_pdf)
        formats.addWidget(self.as_csv)
        formats.addStretch(1)
        self._formats = QWidget()
        self._formats.setLayout(formats)
        self.file = QLineEdit()
        self.file.setAccessibleName(self.tr("File to save to"))
        self.choose = QPushButton(self.tr("C&hoose…"))
        self.choose.setAccessibleName(self.tr("Choose the file to save to"))
        self.choose.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.setContentsMargins(0, 0, 0, 0)
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        self._file_row = QWidget()
        self._file_row.setLayout(file_row)

        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow(self.tr("&Paper:"), self.paper)
        self.form.addRow(self.tr("&Month:"), self.month)
        self.form.addRow(self.tr("&Team:"), self.team)
        self.form.addRow(self.tr("&Week of:"), self.week_of)
        self.form.addRow(self.tr("Save as:"), self._formats)
        self.form.addRow(self.tr("&File:"), self._file_row)
        file_label = self.form.labelForField(self._file_row)
        if isinstance(file_label, QLabel):
            file_label.setBuddy(self.file)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setProperty("heading", True)  # says what the paper is, not a status

        self.make_button = QPushButton(self.tr("&Make the paper"))
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make)
        self.status = StatusLabel()
        self.status.setWordWrap(True)
        self.open_file = QPushButton(self.tr("&Open the file"))
        self.open_file.clicked.connect(self._open_file)
        self.open_folder = QPushButton(self.tr("Show in f&older"))
        self.open_folder.clicked.connect(self._open_folder)
        results = QHBoxLayout()
        results.addWidget(self.make_button)
        results.addWidget(self.open_file)
        results.addWidget(self.open_folder)
        results.addStretch(1)

        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(self.form)
        column.addWidget(self.about)
        column.addLayout(results)
        column.addWidget(self.status)
        column.addStretch(1)
        scroll = QScrollArea()  # at 200% on a laptop the form scrolls inside the dialog
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(close)

        self._suggested = ""
        for combo in (self.paper, self.month, self.team):
            combo.currentIndexChanged.connect(self._chosen)
        self.week_of.dateChanged.connect(self._chosen)
        self.as_pdf.toggled.connect(self._chosen)
        self.as_csv.toggled.connect(self._chosen)
        self._show_result(False)
        self._chosen()
        # Room for the weekly report's extra rows and a two-line status without scrolling;
        # fitting it to the screen (fit_dialog) makes it smaller where that is too big.
        self.resize(self.sizeHint().expandedTo(QSize(640, 440)))

    # -- what is chosen ---------------------------------------------------------------------

    def chosen_paper(self) -> Paper:
        paper = self.paper.currentData()
        return paper if isinstance(paper, Paper) else Paper.BOARD_PACK

    def _chosen(self) -> None:
        paper = self.chosen_paper()
        self.form.setRowVisible(self.month, paper.monthly)
        for field in (self.team, self.week_of, self._formats):
            self.form.setRowVisible(field, not paper.monthly)
        if paper.monthly:
            self.about.setText(
                self.tr(
                    "{month} for the whole county, beside the month before. Saved as PDF."
                ).format(month=self.month.currentText())
            )
        elif self.team.count():
            self.about.setText(
                self.tr(
                    "What {team} has due in the five working days from the day chosen, and "
                    "what is overdue, grouped by kind with who is responsible."
                ).format(team=self.team.currentText())
            )
        else:
            self.about.setText(self.tr("There are no teams in this store yet."))
        self.make_button.setEnabled(paper.monthly or self.team.count() > 0)
        # The file name follows the choice until the person writes or chooses their own.
        current = self.file.text().strip()
        if not current or current == self._suggested:
            self._suggested = str(documents_folder() / self._suggested_name())
            self.file.setText(self._suggested)

    def _suggested_name(self) -> str:
        paper = self.chosen_paper()
        name = suggested_name(
            paper,
            str(self.month.currentData()),
            self.team.currentText(),
            pydate(self.week_of.date()),
        )
        only_csv = not paper.monthly and self.as_csv.isChecked() and not self.as_pdf.isChecked()
        return name + (".csv" if only_csv else ".pdf")

    def _files(self) -> tuple[Path | None, Path | None]:
        chosen = Path(self.file.text().strip()).expanduser()
        if self.chosen_paper().monthly:
            return paper_files(chosen, pdf=True, csv=False)
        return paper_files(chosen, self.as_pdf.isChecked(), self.as_csv.isChecked())

    def _choose_file(self) -> None:
        current = self.file.text().strip()
        chosen = self.ask_path(Path(current) if current else documents_folder())
        if chosen is not None:
            self.file.setText(str(chosen))

    def _ask_path(self, suggested: Path) -> Path | None:
        wanted = self._files()
        file_filter = (
            self.tr("PDF documents (*.pdf)")
            if wanted[0] is not None
            else self.tr("CSV files (*.csv)")
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the board paper"), str(suggested), file_filter
        )
        return Path(chosen) if chosen else None

    # -- making it ------------------------------------------------------------------------

    def make(self) -> None:
        """Write the chosen paper on the background runner."""
        if not self.file.text().strip():
            self._say_failed(self.tr("Choose a file to save the paper to."))
            return
        pdf, csv = self._files()
        if pdf is None and csv is None:
            self._say_failed(self.tr("Tick PDF, CSV or both."))
            return
        paper, papers, actor = self.chosen_paper(), self._papers, self._actor
        month = str(self.month.currentData())
        team, week_of = str(self.team.currentData()), pydate(self.week_of.date())

        def work() -> tuple[Path, ...]:
            if paper is Paper.BOARD_PACK and pdf is not None:
                return (papers.board_pack(month, pdf, actor),)
            if paper is Paper.SCORECARD and pdf is not None:
                return (papers.scorecard(month, pdf, actor),)
            return papers.required_actions_report(team, week_of, pdf, csv, actor)

        self._show_result(False)
        self.make_button.setEnabled(False)
        self.status.setText(self.tr("Making the paper…"))
        self._runner.submit(work, self._made, self._failed)

    def _made(self, written: tuple[Path, ...]) -> None:
        self.make_button.setEnabled(True)
        self.written = written
        self.status.setText(
            self.tr("Saved {files} in {folder}.").format(
                files=self.tr(" and ").join(p.name for p in written),
                folder=written[0].parent,
            )
        )
        self._show_result(True)
        self.open_file.setFocus()
        self.made.emit(written)

    def _failed(self, exc: BaseException) -> None:
        self.make_button.setEnabled(True)
        log_failure(exc)
        self._say_failed(describe(exc))

    def _say_failed(self, reason: str) -> None:
        text = self.tr("Nothing was saved. {reason}").format(reason=reason)
        self.status.setText(text)
        self.failed.emit(text)

    def _show_result(self, visible: bool) -> None:
        self.open_file.setVisible(visible)
        self.open_folder.setVisible(visible)

    def _open_file(self) -> None:
        if self.written:
            self.open_url(QUrl.fromLocalFile(str(self.written[0])))

    def _open_folder(self) -> None:
        if self.written:
            self.open_url(QUrl.fromLocalFile(str(self.written[0].parent)))
