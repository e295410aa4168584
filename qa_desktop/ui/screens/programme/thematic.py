"""Thematic audits: terms of reference (with what triggered the theme and the scope its sample
is drawn from), agreed by the lead head of service before the audits start; a form made for
the theme by picking questions from existing forms and adding new ones; findings; the action
plan (each line with an owner, a due date and a status); the thematic report PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.domain.forms import FormDefinition, LegalStatus
from qa_desktop.domain.learning_reviews import ActionStatus
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.domain.thematic import AgeBand, ThematicScope, ThemeTrigger
from qa_desktop.services.audit.documents import ExportedDocument
from qa_desktop.services.changes import Change
from qa_desktop.services.clock import local_day
from qa_desktop.services.container import Services
from qa_desktop.services.programme.form_editing import QuestionEdit
from qa_desktop.services.programme.thematic import TermsOfReference, ThematicDetail, ThematicRow
from qa_desktop.services.setup.people import Actor, FilterOptions, PersonInfo
from qa_desktop.ui import ops
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.ops import thematic as ops_thematic
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.screens.programme.tables import RowsTable
from qa_desktop.ui.widgets.buddy import buddy_label
from qa_desktop.ui.widgets.dates import pydate, qdate
from qa_desktop.ui.widgets.empty import set_empty_text
from qa_desktop.ui.widgets.pdf_export import PdfExportBar
from qa_desktop.ui.widgets.side_by_side import SideBySide, panel

ID_ROLE = Qt.ItemDataRole.UserRole
TEMPLATE = "thematic-template"
THEME_SECTION = "theme"
PICKABLE_KINDS = ("learning_audit", "thematic", "dip_sample", "bttf_case", "observation")


def _dated(edit: QDateEdit, day: date) -> QDateEdit:
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(qdate(day))
    return edit


def _checklist(name: str, height: int = 74) -> QListWidget:
    listing = QListWidget()
    listing.setAccessibleName(name)
    listing.setFixedHeight(height)
    return listing


def _check_item(listing: QListWidget, label: str, value: object) -> None:
    item = QListWidgetItem(label)
    item.setData(ID_ROLE, value)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    listing.addItem(item)


def _checked(listing: QListWidget) -> list[object]:
    return [
        listing.item(i).data(ID_ROLE)
        for i in range(listing.count())
        if listing.item(i).checkState() is Qt.CheckState.Checked
    ]


def _box(height: int = 54) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class ThematicTab(QWidget):
    loaded = Signal()
    created = Signal(str)
    detail_shown = Signal()

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
        self.rows: tuple[ThematicRow, ...] = ()
        self.detail: ThematicDetail | None = None
        may_manage = actor.can(Capability.MANAGE_PROGRAMME)

        # Terms of reference for a new thematic audit.
        self.theme = QLineEdit()
        self.questions_to_answer = _box()
        self.scope = _box()
        self.sample = _box()
        self.lead = QComboBox()
        self.auditors = QListWidget()
        self.auditors.setAccessibleName(self.tr("Auditors"))
        self.auditors.setFixedHeight(90)
        self.starts_on = _dated(QDateEdit(), today())
        self.reports_on = _dated(QDateEdit(), today())
        self.governance = _box()
        self.trigger = QComboBox()
        self.trigger.setAccessibleName(self.tr("What triggered the theme"))
        for trigger in ThemeTrigger:
            self.trigger.addItem(self.tr(trigger.label), trigger)
        self.trigger_detail = QLineEdit()
        self.trigger_detail.setAccessibleName(self.tr("Which focus, figure or priority"))
        self.scope_statuses = _checklist(self.tr("Legal statuses in scope"))
        for status in LegalStatus:
            _check_item(self.scope_statuses, self.tr(status.label), status.value)
        self.scope_services = _checklist(self.tr("Services in scope"))
        self.scope_teams = _checklist(self.tr("Teams in scope"), 90)
        self.scope_ages = _checklist(self.tr("Age bands in scope"))
        for band in AgeBand:
            _check_item(self.scope_ages, self.tr(band.label), band)
        self.create_button = QPushButton(self.tr("&Set up thematic audit"))
        self.create_button.setEnabled(may_manage)
        self.create_button.clicked.connect(self.set_up)
        terms_box = QGroupBox(self.tr("Terms of reference"))
        terms = QFormLayout(terms_box)
        terms.addRow(self.tr("&Theme:"), self.theme)
        terms.addRow(self.tr("Triggered &by:"), self.trigger)
        terms.addRow(self.tr("Trigger &detail:"), self.trigger_detail)
        terms.addRow(self.tr("&Questions to answer:"), self.questions_to_answer)
        terms.addRow(self.tr("S&cope:"), self.scope)
        terms.addRow(self.tr("Sa&mple and how it is drawn:"), self.sample)
        terms.addRow(
            QLabel(self.tr("The sample is drawn from open cases in this scope (none ticked: any)."))
        )
        terms.addRow(self.tr("Legal status:"), self.scope_statuses)
        terms.addRow(self.tr("Service:"), self.scope_services)
        terms.addRow(self.tr("Team:"), self.scope_teams)
        terms.addRow(self.tr("Age band:"), self.scope_ages)
        terms.addRow(self.tr("&Lead head of service:"), self.lead)
        terms.addRow(self.tr("A&uditors:"), self.auditors)
        terms.addRow(self.tr("Starts:"), self.starts_on)
        terms.addRow(self.tr("Reports:"), self.reports_on)
        terms.addRow(self.tr("&Governance:"), self.governance)
        terms.addRow(self.create_button)
        terms_scroll = QScrollArea()
        terms_scroll.setWidgetResizable(True)
        terms_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        terms_scroll.setWidget(terms_box)

        self.table = RowsTable(
            [
                self.tr("Theme"),
                self.tr("Lead"),
                self.tr("Starts"),
                self.tr("Reports"),
                self.tr("Form"),
                self.tr("Actions"),
                self.tr("Terms"),
            ],
            self.tr("Thematic audits"),
        )
        set_empty_text(
            self.table,
            self.tr("No thematic audits yet. Set one up with its terms of reference below."),
        )
        self.table.itemSelectionChanged.connect(self._chosen)

        # The chosen audit: its form, findings and actions.
        self.summary = QLabel(self.tr("Choose a thematic audit."))
        self.summary.setWordWrap(True)
        self.agreement = QLabel()
        self.agreement.setWordWrap(True)
        self.agree_button = QPushButton(self.tr("A&gree the terms of reference"))
        self.agree_button.clicked.connect(self.agree)
        self.agree_button.setEnabled(False)
        self.picker = QTreeWidget()
        self.picker.setHeaderLabels([self.tr("Pick questions from existing forms")])
        self.picker.setAccessibleName(self.tr("Questions from existing forms"))
        self.picker.setMinimumHeight(170)
        self.new_questions = _box(70)
        self.new_questions.setPlaceholderText(self.tr("New questions for the theme, one a line"))
        self.form_key = QLineEdit()
        self.form_key.setPlaceholderText("thematic-neglect")
        self.make_form_button = QPushButton(self.tr("Make and &publish the theme's form"))
        self.make_form_button.setEnabled(may_manage)
        self.make_form_button.clicked.connect(self.make_form)
        form_box = QGroupBox(self.tr("The theme's form"))
        form_layout = QFormLayout(form_box)
        form_layout.addRow(self.picker)
        form_layout.addRow(self.tr("&New questions:"), self.new_questions)
        form_layout.addRow(self.tr("Form &key:"), self.form_key)
        form_layout.addRow(self.make_form_button)
        self.sample_size = QSpinBox()
        self.sample_size.setRange(1, 500)
        self.sample_size.setValue(20)
        self.sample_seed = QSpinBox()
        self.sample_seed.setRange(0, 999999)
        self.sample_seed.setValue(1)
        self.draw_button = QPushButton(self.tr("Draw the sample and &plan the audits"))
        self.draw_button.clicked.connect(self.draw_sample)
        self.progress = StatusLabel()
        sample_row = QHBoxLayout()
        sample_row.addWidget(buddy_label(self.tr("Cases:"), self.sample_size))
        sample_row.addWidget(self.sample_size)
        sample_row.addWidget(buddy_label(self.tr("Seed:"), self.sample_seed))
        sample_row.addWidget(self.sample_seed)
        sample_row.addStretch(1)
        form_layout.addRow(sample_row)
        draw_row = QHBoxLayout()  # a line of its own: beside the sample, too wide at 200%
        draw_row.addWidget(self.draw_button)
        draw_row.addWidget(self.progress, 1)
        form_layout.addRow(draw_row)
        self.findings = _box(60)
        self.save_findings_button = QPushButton(self.tr("Sa&ve findings"))
        self.save_findings_button.clicked.connect(self.save_findings)
        self.action_text = QLineEdit()
        self.action_due = _dated(QDateEdit(), today())
        self.action_due.setAccessibleName(self.tr("When the action is due"))
        self.action_owner = QComboBox()
        self.action_owner.setAccessibleName(self.tr("Who owns the action"))
        self.action_status = QComboBox()
        self.action_status.setAccessibleName(self.tr("Status of the chosen action"))
        for action_status in ActionStatus:
            self.action_status.addItem(self.tr(action_status.label), action_status)
        self.status_button = QPushButton(self.tr("Set the chosen action's s&tatus"))
        self.status_button.clicked.connect(self.set_status)
        self.export_button = QPushButton(self.tr("Save the th&ematic report…"))
        self.export_button.clicked.connect(self.export)
        self.export_bar = PdfExportBar(runner)
        self.add_action_button = QPushButton(self.tr("Add act&ion"))
        self.add_action_button.clicked.connect(self.add_action)
        self.action_plan = RowsTable(
            [self.tr("What"), self.tr("Owner"), self.tr("By when"), self.tr("Status")],
            self.tr("The action plan"),
        )
        set_empty_text(
            self.action_plan, self.tr("No actions in the plan yet. Add one under Action.")
        )
        outcome_box = QGroupBox(self.tr("Findings and action plan"))
        outcome = QFormLayout(outcome_box)
        outcome.addRow(self.tr("Fin&dings:"), self.findings)
        outcome.addRow(self.save_findings_button)
        outcome.addRow(self.action_plan)
        action_row = QHBoxLayout()
        action_row.addWidget(self.action_text, 1)
        action_row.addWidget(self.action_owner)
        action_row.addWidget(self.action_due)
        action_row.addWidget(self.add_action_button)
        outcome.addRow(self.tr("Action:"), action_row)
        status_row = QHBoxLayout()
        status_row.addWidget(self.action_status)
        status_row.addWidget(self.status_button)
        status_row.addStretch(1)
        outcome.addRow(status_row)
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(self.export_bar, 1)
        outcome.addRow(export_row)
        self.detail_panel = QWidget()
        detail_layout = QVBoxLayout(self.detail_panel)
        detail_layout.addWidget(self.summary)
        agree_row = QHBoxLayout()
        agree_row.addWidget(self.agreement, 1)
        agree_row.addWidget(self.agree_button)
        detail_layout.addLayout(agree_row)
        detail_layout.addWidget(form_box, 3)
        detail_layout.addWidget(outcome_box, 2)
        self.detail_panel.setEnabled(False)

        middle = QVBoxLayout()
        self.table.setMaximumHeight(150)
        middle.addWidget(self.table, 1)
        middle.addWidget(self.detail_panel, 3)
        QVBoxLayout(self).addWidget(SideBySide(terms_scroll, panel(middle), (2, 3)))
        # Thematic audits set up here or brought by a sync.
        runner.subscribe(self, Change.PROGRAMME, lambda _what: self.load())

    # -- loading -------------------------------------------------------------------------

    def load(self) -> None:
        services = self._services

        def work() -> tuple[
            tuple[ThematicRow, ...],
            list[PersonInfo],
            list[tuple[str, FormDefinition]],
            FilterOptions,
            dict[str, str],
        ]:
            infos = services.form_editing.forms()
            forms = [
                (info.key, services.form_editing.load(info.key).form)
                for info in infos
                if info.kind in PICKABLE_KINDS and info.key != TEMPLATE
            ]
            return (
                services.thematic.list(),
                services.directory.people(),
                forms,
                services.directory.filter_options(),
                {info.key: info.title for info in infos},
            )

        ops.read(self._runner, work, on_done=self._show)

    def _show(
        self,
        loaded: tuple[
            tuple[ThematicRow, ...],
            list[PersonInfo],
            list[tuple[str, FormDefinition]],
            FilterOptions,
            dict[str, str],
        ],
    ) -> None:
        rows, people, forms, options, titles = loaded
        if self.lead.count() == 0:
            for service in options.services:
                _check_item(self.scope_services, service.name, service.id)
            for team in options.teams:
                _check_item(self.scope_teams, team.name, team.id)
            self.action_owner.addItem(self.tr("The lead head of service"), None)
            for person in people:
                self.action_owner.addItem(
                    f"{person.name} — {self.tr(person.role.label)}", person.id
                )
            for person in people:
                if person.role is Role.HEAD_OF_SERVICE:
                    self.lead.addItem(f"{person.name} — {person.service_name}", person.id)
                elif person.is_auditor:
                    item = QListWidgetItem(person.name)
                    item.setData(ID_ROLE, person.id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    self.auditors.addItem(item)
        self.picker.clear()
        for key, form in forms:
            parent = QTreeWidgetItem([f"{form.title} ({key})"])
            for question in form.questions():
                child = QTreeWidgetItem([f"{question.id}. {question.text}"])
                child.setData(0, ID_ROLE, question.id)
                child.setData(0, ID_ROLE + 1, (key, question))
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Unchecked)
                parent.addChild(child)
            self.picker.addTopLevelItem(parent)
        self.rows = rows
        chosen = self.detail.id if self.detail else None
        self.table.blockSignals(True)
        self.table.set_rows(
            [
                (
                    r.theme,
                    r.lead,
                    r.starts_on.strftime("%d %b %Y"),
                    r.reports_on.strftime("%d %b %Y"),
                    # The form's title, as everywhere a person reads it, not its key.
                    titles.get(r.form_key, r.form_key) if r.form_key else self.tr("not made yet"),
                    r.actions,
                    self.tr("Agreed") if r.agreed else self.tr("Awaiting the lead"),
                )
                for r in rows
            ]
        )
        for index, row in enumerate(rows):
            if row.id == chosen:
                self.table.selectRow(index)
        self.table.blockSignals(False)
        self.loaded.emit()

    def _chosen(self) -> None:
        index = self.table.currentRow()
        if 0 <= index < len(self.rows):
            self.show_detail(self.rows[index].id)

    def show_detail(self, thematic_id: str) -> None:
        ops.read(
            self._runner, self._services.thematic.detail, thematic_id, on_done=self._show_detail
        )

    def _show_detail(self, detail: ThematicDetail) -> None:
        self.detail = detail
        terms = detail.terms
        self.summary.setText(
            self.tr(
                "<b>{theme}</b>, led by {lead}, {start} to {end}. Scope: {scope}. Sample: "
                "{sample}. Auditors: {auditors}."
            ).format(
                theme=terms.theme,
                lead=detail.lead,
                start=terms.starts_on.strftime("%d %b %Y"),
                end=terms.reports_on.strftime("%d %b %Y"),
                scope=terms.scope or "—",
                sample=terms.sample or "—",
                auditors=", ".join(detail.auditors) or "—",
            )
        )
        if detail.agreed_at is not None:
            self.agreement.setText(
                self.tr("Terms of reference agreed by {name} on {day}.").format(
                    name=detail.agreed_by, day=local_day(detail.agreed_at).strftime("%d %b %Y")
                )
            )
        else:
            self.agreement.setText(
                self.tr("The terms of reference wait for {lead} to agree them.").format(
                    lead=detail.lead
                )
            )
        self.agree_button.setEnabled(
            detail.agreed_at is None and self._actor.id == detail.terms.lead_id
        )
        self.detail_panel.setEnabled(True)
        self.make_form_button.setEnabled(
            detail.form_key is None and self._actor.can(Capability.MANAGE_PROGRAMME)
        )
        if detail.form_key:
            self.form_key.setText(detail.form_key)
        self.draw_button.setEnabled(
            bool(detail.form_key)
            and detail.agreed
            and detail.audits_planned == 0
            and self._actor.can(Capability.MANAGE_PROGRAMME)
        )
        self.progress.setText(
            self.tr("{planned} audits planned, {completed} completed").format(
                planned=detail.audits_planned, completed=detail.audits_completed
            )
        )
        self.findings.setPlainText(detail.findings)
        self.action_plan.set_rows(
            [
                (
                    a.description,
                    a.owner,
                    a.due_on.strftime("%d %b %Y"),
                    self.tr("{status} (overdue)").format(status=self.tr(a.status.label))
                    if a.overdue
                    else self.tr(a.status.label),
                )
                for a in detail.actions
            ]
        )
        self.detail_shown.emit()

    # -- doing ---------------------------------------------------------------------------

    def terms(self) -> TermsOfReference:
        auditors = tuple(
            str(self.auditors.item(i).data(ID_ROLE))
            for i in range(self.auditors.count())
            if self.auditors.item(i).checkState() is Qt.CheckState.Checked
        )
        return TermsOfReference(
            theme=self.theme.text(),
            questions_to_answer=self.questions_to_answer.toPlainText(),
            scope=self.scope.toPlainText(),
            sample=self.sample.toPlainText(),
            lead_id=str(self.lead.currentData()),
            auditor_ids=auditors,
            starts_on=pydate(self.starts_on.date()),
            reports_on=pydate(self.reports_on.date()),
            governance=self.governance.toPlainText(),
            trigger=ThemeTrigger(self.trigger.currentData()),
            trigger_detail=self.trigger_detail.text(),
            scope_filter=ThematicScope(
                legal_statuses=frozenset(str(v) for v in _checked(self.scope_statuses)),
                service_ids=frozenset(str(v) for v in _checked(self.scope_services)),
                team_ids=frozenset(str(v) for v in _checked(self.scope_teams)),
                age_bands=frozenset(AgeBand(str(v)) for v in _checked(self.scope_ages)),
            ),
        )

    def set_up(self) -> None:  # not create(): QWidget has one
        terms, actor = self.terms(), self._actor
        ops.write(self._runner, self._services.thematic.create, terms, actor, on_done=self._created)

    def _created(self, thematic_id: str) -> None:
        self.created.emit(thematic_id)
        self.detail = None
        self.show_detail(thematic_id)
        self.load()

    def picked(self) -> list[QuestionEdit]:
        result: list[QuestionEdit] = []
        for top in range(self.picker.topLevelItemCount()):
            parent = self.picker.topLevelItem(top)
            children = [parent.child(i) for i in range(parent.childCount())] if parent else []
            for child in children:
                if child is not None and child.checkState(0) is Qt.CheckState.Checked:
                    _key, q = child.data(0, ID_ROLE + 1)
                    result.append(
                        QuestionEdit(THEME_SECTION, q.text, q.help, q.answer_type, q.key, q.id)
                    )
        return result

    def make_form(self) -> None:
        if self.detail is None:
            return
        thematic_id, actor = self.detail.id, self._actor
        title = self.tr("Thematic audit: {theme}").format(theme=self.detail.terms.theme)
        key = self.form_key.text().strip()
        questions = (
            *self.picked(),
            *(
                QuestionEdit(THEME_SECTION, line.strip())
                for line in self.new_questions.toPlainText().splitlines()
                if line.strip()
            ),
        )
        ops_thematic.make_theme_form(
            self._runner,
            self._services,
            thematic_id,
            (key, title, TEMPLATE),
            questions,
            actor,
            on_done=lambda _none: self._refresh(),
        )

    def draw_sample(self) -> None:
        if self.detail is None:
            return
        thematic_id, actor = self.detail.id, self._actor
        count, seed = self.sample_size.value(), self.sample_seed.value()
        ops.write(
            self._runner,
            self._services.thematic.draw_sample,
            thematic_id,
            count,
            seed,
            actor,
            on_done=lambda _count: self._refresh(),
        )

    def save_findings(self) -> None:
        if self.detail is None:
            return
        thematic_id, text, actor = self.detail.id, self.findings.toPlainText(), self._actor
        ops.write(
            self._runner,
            self._services.thematic.record_findings,
            thematic_id,
            text,
            actor,
            on_done=lambda _none: self._refresh(),
        )

    def add_action(self) -> None:
        if self.detail is None:
            return
        thematic_id, actor = self.detail.id, self._actor
        text, due = self.action_text.text(), pydate(self.action_due.date())
        owner = self.action_owner.currentData()
        ops.write(
            self._runner,
            self._services.thematic.add_action,
            thematic_id,
            text,
            due,
            actor,
            owner_id=str(owner) if owner else None,
            on_done=lambda _id: self._action_added(),
        )

    def agree(self) -> None:
        if self.detail is None:
            return
        thematic_id, actor = self.detail.id, self._actor
        ops.write(
            self._runner,
            self._services.thematic.agree_terms,
            thematic_id,
            actor,
            on_done=lambda _none: self._refresh(),
        )

    def set_status(self) -> None:
        if self.detail is None:
            return
        index = self.action_plan.currentRow()
        if not 0 <= index < len(self.detail.actions):
            return
        action_id, actor = self.detail.actions[index].id, self._actor
        status = ActionStatus(self.action_status.currentData())
        ops.write(
            self._runner,
            self._services.thematic.set_action_status,
            action_id,
            status,
            actor,
            on_done=lambda _none: self._refresh(),
        )

    def export(self) -> None:
        if self.detail is None:
            return
        thematic_id, thematic = self.detail.id, self._services.thematic

        def work(path: Path) -> ExportedDocument:
            return thematic.export_report(thematic_id, path)

        name = f"Thematic audit {self.detail.terms.theme}.pdf"
        self.export_bar.export(self.tr("Save the thematic report"), name, work)

    def _refresh(self) -> None:
        if self.detail is not None:
            self.show_detail(self.detail.id)
        self.load()

    def _action_added(self) -> None:
        self.action_text.clear()
        self._refresh()
