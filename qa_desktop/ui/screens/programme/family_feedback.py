"""Family feedback: record a questionnaire on an audit, see each beside the audit's grade,
the summary by period and team, the share of audits with feedback against the council's aim
(every audit), and the summary saved as PDF.

Anyone other than the allocated worker may record a questionnaire, so the tab is there for
everyone; the summary of what families said is only for the people who may see every audit,
and never shows them the audits where they are the allocated worker (the service decides:
``FeedbackService.summary``). Everyone else reads, in its place, why there is none for them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.roles import Capability
from qa_desktop.services.audit.documents import ExportedDocument
from qa_desktop.services.audit.feedback import FeedbackForms, FeedbackSummary
from qa_desktop.services.audit.feedback_export import export_feedback_summary
from qa_desktop.services.changes import Change
from qa_desktop.services.container import Services
from qa_desktop.services.setup.people import Actor, FilterOptions
from qa_desktop.ui import ops
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.audits import period_choices
from qa_desktop.ui.screens.programme.family_feedback_dialog import FamilyFeedbackDialog
from qa_desktop.ui.screens.programme.tables import RowsTable
from qa_desktop.ui.widgets.empty import set_empty_text
from qa_desktop.ui.widgets.pdf_export import PdfExportBar


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


class FamilyFeedbackTab(QWidget):
    loaded = Signal()
    dialog_opened = Signal(object)  # the FamilyFeedbackDialog

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
        self.dialog: FamilyFeedbackDialog | None = None

        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("QA-…"))
        self.reference.returnPressed.connect(self.open_dialog)
        self.record_button = QPushButton(self.tr("Record family feed&back…"))
        self.record_button.clicked.connect(self.open_dialog)
        record_box = QGroupBox(self.tr("Record a questionnaire"))
        record_form = QFormLayout(record_box)
        row = QHBoxLayout()
        row.addWidget(self.reference, 1)
        row.addWidget(self.record_button)
        # The label's buddy is the field, so Alt+A reaches it (a row of widgets has no buddy).
        reference_label = QLabel(self.tr("Au&dit reference:"))
        reference_label.setBuddy(self.reference)
        record_form.addRow(reference_label, row)

        self.period = QComboBox()
        for label, period in period_choices(today()):
            self.period.addItem(self.tr(label), period)
        self.period.currentIndexChanged.connect(self.load)
        self.team = QComboBox()
        self.team.addItem(self.tr("All teams"), None)
        self.team.currentIndexChanged.connect(self.load)
        period_form = QFormLayout()
        period_form.addRow(self.tr("&Period:"), self.period)
        period_form.addRow(self.tr("T&eam:"), self.team)

        self.rows_table = RowsTable(
            [
                self.tr("Audit"),
                self.tr("Case"),
                self.tr("Team"),
                self.tr("Audit grade"),
                self.tr("Who answered"),
                self.tr("Consent"),
                self.tr("Recorded"),
                self.tr("Recorded by"),
                self.tr("Positive answers"),
            ],
            self.tr("Family feedback beside each audit's grade"),
        )
        set_empty_text(
            self.rows_table,
            self.tr(
                "No family feedback in this period. Record a questionnaire against an audit with Record family feedback."
            ),
        )
        self.teams_table = RowsTable(
            [
                self.tr("Team"),
                self.tr("Questionnaires"),
                self.tr("Declined"),
                self.tr("Positive answers"),
            ],
            self.tr("Family feedback by team"),
        )
        set_empty_text(
            self.teams_table,
            self.tr("No family feedback in this period, so no team has figures yet."),
        )
        teams_box = QGroupBox(self.tr("By team"))
        QVBoxLayout(teams_box).addWidget(self.teams_table)
        # The share of audits with feedback: the council aims for every audit.
        self.share = QLabel()
        self.share.setWordWrap(True)
        self.share.setObjectName("feedbackShare")
        self.coverage_table = RowsTable(
            [
                self.tr("Team"),
                self.tr("Audits signed off"),
                self.tr("With family feedback"),
                self.tr("Asked, declined"),
                self.tr("Share"),
            ],
            self.tr("Audits with family feedback by team"),
        )
        set_empty_text(
            self.coverage_table,
            self.tr("No audits were signed off in this period, so there is no share to show."),
        )
        coverage_box = QGroupBox(self.tr("Audits with family feedback"))
        coverage_layout = QVBoxLayout(coverage_box)
        coverage_layout.addWidget(self.share)
        coverage_layout.addWidget(self.coverage_table)
        self.export_button = QPushButton(self.tr("Save s&ummary as PDF…"))
        self.export_button.clicked.connect(self.export)
        self.export_bar = PdfExportBar(runner)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(self.export_bar, 1)
        rows_box = QGroupBox(self.tr("Questionnaires, beside the audit's grade"))
        rows_layout = QVBoxLayout(rows_box)
        # Why the table may be empty, or shorter than a colleague's: said plainly.
        self.nothing = QLabel(
            self.tr("There is no family feedback to show for this period and team.")
        )
        self.nothing.setWordWrap(True)
        self.nothing.hide()
        rows_layout.addWidget(self.nothing)
        rows_layout.addWidget(self.rows_table)
        self.own_audits_note = QLabel(
            self.tr(
                "Questionnaires on audits where you are the allocated worker are not shown to "
                "you, nor counted in the team totals, so that families can speak freely."
            )
        )
        self.own_audits_note.setObjectName("countLabel")
        self.own_audits_note.setWordWrap(True)
        rows_layout.addWidget(self.own_audits_note)
        self.summary = QWidget()
        summary_layout = QVBoxLayout(self.summary)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_layout.addLayout(period_form)
        summary_layout.addWidget(coverage_box, 1)
        summary_layout.addWidget(rows_box, 2)
        summary_layout.addWidget(teams_box, 1)
        summary_layout.addLayout(export_row)
        # For a person who may not read what families said: the reason, in the summary's place.
        self.may_read = actor.can(Capability.VIEW_ALL_AUDITS)
        self.withheld = QLabel(
            self.tr(
                "What families said is read by managers and the QA team only, so there is no "
                "summary of family feedback for you. You can still record a questionnaire on an "
                "audit where you are not the allocated worker."
            )
        )
        self.withheld.setWordWrap(True)
        self.withheld.setVisible(not self.may_read)
        self.summary.setVisible(self.may_read)
        layout = QVBoxLayout(self)
        layout.addWidget(record_box)
        layout.addWidget(self.withheld)
        layout.addWidget(self.summary, 1)
        if not self.may_read:
            layout.addStretch(1)
        runner.subscribe(self, Change.FEEDBACK, lambda _what: self.load())

    def load(self) -> None:
        if not self.may_read:
            self.loaded.emit()
            return
        period, team_id = self.period.currentData(), self.team.currentData()
        services, actor = self._services, self._actor
        if self.team.count() == 1:
            ops.read(self._runner, services.directory.filter_options, on_done=self._show_teams)
        ops.read(
            self._runner, services.feedback.summary, actor, period, team_id, on_done=self._show
        )

    def _show_teams(self, options: FilterOptions) -> None:
        self.team.blockSignals(True)
        for team in options.teams:
            self.team.addItem(team.name, team.id)
        self.team.blockSignals(False)

    def _show(self, summary: FeedbackSummary) -> None:
        self.rows_table.set_rows(
            [
                (
                    r.audit_reference,
                    r.case_reference,
                    r.team,
                    grade_label(r.grade) or self.tr("not graded yet"),
                    self.tr(r.respondent.label),
                    self.tr("Given") if r.consent_given else self.tr("Declined"),
                    r.recorded_on.strftime("%d %b %Y"),
                    r.recorded_by,
                    _percent(r.positive_percent),
                )
                for r in summary.rows
            ]
        )
        self.teams_table.set_rows(
            [
                (t.team, t.questionnaires, t.declined, _percent(t.positive_percent))
                for t in summary.teams
            ]
        )
        self.nothing.setVisible(not summary.rows)
        self._show_coverage(summary)
        self.loaded.emit()

    def _show_coverage(self, summary: FeedbackSummary) -> None:
        whole = summary.overall
        if whole.audits == 0:
            text = self.tr("No audits were signed off in this period and team.")
        else:
            text = self.tr(
                "{with_feedback} of {audits} audits signed off have family feedback "
                "({share}); the aim is {aim:.0f}%."
            ).format(
                with_feedback=whole.with_feedback,
                audits=whole.audits,
                share=_percent(whole.share_percent),
                aim=summary.aim_percent,
            )
            text += " " + (
                self.tr("The aim is met.")
                if summary.aim_met
                else self.tr("{count} audit(s) have none yet.").format(count=whole.without_feedback)
            )
        self.share.setText(text)
        self.coverage_table.set_rows(
            [
                (
                    c.team or self.tr("All teams"),
                    c.audits,
                    c.with_feedback,
                    c.declined,
                    _percent(c.share_percent),
                )
                for c in summary.coverage
                if c.team or len(summary.coverage) > 2  # one team: its row is the whole
            ]
        )

    def export(self) -> None:
        if not self.may_read:
            return
        period, team_id = self.period.currentData(), self.team.currentData()
        feedback, actor = self._services.feedback, self._actor

        def work(path: Path) -> ExportedDocument:
            return export_feedback_summary(feedback, path, actor, period, team_id)

        name = self.tr("Family feedback summary {period}.pdf").format(
            period=self.period.currentText()
        )
        self.export_bar.export(self.tr("Save the family feedback summary"), name, work)

    def open_dialog(self) -> None:
        reference = self.reference.text()
        feedback = self._services.feedback

        def work() -> FeedbackForms:
            return feedback.forms_for(feedback.find_audit(reference))

        ops.read(self._runner, work, on_done=self._show_dialog)

    def _show_dialog(self, forms: FeedbackForms) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = FamilyFeedbackDialog(forms, self._services, self._runner, self._actor, self)
        self.dialog.setModal(True)
        self.dialog.show()
        self.dialog_opened.emit(self.dialog)
