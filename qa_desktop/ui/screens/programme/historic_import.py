"""Historic audits: the QA team imports audits kept in spreadsheets before QA Desktop, so a
service moving over keeps its trend. All or nothing: every problem is listed with its row and
column, and nothing is imported until the file is clean."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.roles import Capability
from qa_desktop.services.container import Services
from qa_desktop.services.imports.historic_audits import ImportRefused, ImportResult
from qa_desktop.services.setup.people import Actor
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.widgets.wrapped_check import wrapped_check


class HistoricImportTab(QWidget):
    imported = Signal(str)  # what the import did, or every problem it found

    def __init__(
        self, services: Services, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._importer = services.historic_import
        self._runner = runner
        self._actor = actor
        self.import_report = ""
        about = QLabel(
            self.tr(
                "Import audits kept in a spreadsheet before QA Desktop (CSV). Columns: audit_ref, "
                "case_ref, team, completed_on, overall_grade; optionally form, auditor, "
                "practitioner, audit_type, grade:<area> and one column per question id "
                "(yes, partly, no, na or blank). Imported audits are closed on their "
                "completed_on date. A file with any problem imports nothing."
            )
        )
        about.setWordWrap(True)
        # Its words wrap: on one line they made the tab wider than a laptop at 200%.
        create_row, self.create_missing = wrapped_check(
            self.tr("&Create the teams, cases and people the file names that are not here yet")
        )
        self.create_missing.setAccessibleName(
            self.tr("Create missing teams, cases and people while importing")
        )
        self.import_button = QPushButton(self.tr("&Import historic audits…"))
        self.import_button.clicked.connect(self.import_historic)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        self.result = StatusLabel()
        self.result.setObjectName("countLabel")
        self.result.setWordWrap(True)
        problems_label = QLabel(self.tr("&Problems found in the file:"))
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(self.tr("Problems found in the file"))
        problems_label.setBuddy(self.problems)
        self._problems_box = QWidget()
        problems_column = QVBoxLayout(self._problems_box)
        problems_column.setContentsMargins(0, 0, 0, 0)
        problems_column.addWidget(problems_label)
        problems_column.addWidget(self.problems, 1)
        self._problems_box.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(create_row)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(self._problems_box, 1)
        layout.addStretch(0)
        allowed = self.may_import()
        for widget in (self.create_missing, self.import_button):
            widget.setEnabled(allowed)
        if not allowed:
            self.result.setText(self.tr("Only the QA team can import historic audits."))

    def load(self) -> None:
        """Nothing to read before a file is chosen (the Programme screen calls it)."""

    def may_import(self) -> bool:
        return self._actor.can(Capability.MANAGE_PROGRAMME)

    def ask_file(self) -> Path | None:
        """The CSV file to import (a file dialog; tests replace this)."""
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import historic audits"), "", self.tr("CSV files (*.csv)")
        )
        return Path(chosen) if chosen else None

    def import_historic(self) -> None:
        if not self.may_import():
            self.result.setText(self.tr("Only the QA team can import historic audits."))
            return
        path = self.ask_file()
        if path is None:
            return
        self.result.setText(self.tr("Importing {name}…").format(name=path.name))
        self._problems_box.setVisible(False)
        ops.write(
            self._runner,
            self._importer.import_audits,
            path,
            create_missing=self.create_missing.isChecked(),
            actor=self._actor,
            on_done=self._imported,
            on_error=self._failed,
        )

    def _imported(self, result: ImportResult) -> None:
        self.import_report = self.tr(
            "Imported {audits} historic audits ({created} teams, cases or people created)."
        ).format(audits=result.audits, created=result.created)
        self.result.setText(self.import_report)
        self.imported.emit(self.import_report)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ImportRefused):
            self.result.setText(self.tr("Nothing was imported."))
            self._runner.report(exc)  # the one error path
            return
        # The problems are shown in full, each with its row and column, not as one error line.
        self.import_report = self.tr(
            "Nothing was imported: the file has {count} problem(s).\n\n{lines}"
        ).format(count=len(exc.problems), lines="\n".join(p.line() for p in exc.problems))
        self.result.setText(
            self.tr("Nothing was imported: the file has {count} problem(s).").format(
                count=len(exc.problems)
            )
        )
        self.problems.setPlainText("\n".join(p.line() for p in exc.problems))
        self._problems_box.setVisible(True)
        self.imported.emit(self.import_report)
