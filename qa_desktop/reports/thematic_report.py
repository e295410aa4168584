"""The thematic audit report: the terms of reference (what triggered the theme, its scope,
who agreed the terms and when), the sample, each question's answers across the theme's
completed audits, the findings and the action plan. Fed by plain data
(:class:`ThematicReportData`); no Qt, no SQL. A DRAFT until the findings are written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qa_desktop.reports.pdf import DocumentInfo
from qa_desktop.reports.pdf.formats import long_date, short_date


@dataclass(frozen=True)
class ThematicQuestionLine:
    question_id: str
    text: str
    yes: int
    partly: int
    no: int
    na: int

    @property
    def compliance(self) -> float | None:
        """Percent of applicable answers, Partly counting half (None: none applicable)."""
        applicable = self.yes + self.partly + self.no
        return 100.0 * (self.yes + self.partly / 2) / applicable if applicable else None


@dataclass(frozen=True)
class ThematicActionLine:
    description: str
    owner: str
    due_on: date
    status: str  # in words
    overdue: bool


@dataclass(frozen=True)
class ThematicReportData:
    theme: str
    trigger: str  # in words
    trigger_detail: str
    questions_to_answer: str
    scope: str
    scope_filters: tuple[str, ...]  # the scope the sample was drawn from, in words
    sample: str
    lead: str
    auditors: tuple[str, ...]
    starts_on: date
    reports_on: date
    governance: str
    agreed_by: str
    agreed_on: date | None
    audits_planned: int
    audits_completed: int
    questions: tuple[ThematicQuestionLine, ...]
    findings: str
    actions: tuple[ThematicActionLine, ...]


def build_thematic_report(data: ThematicReportData, path: Path | None = None) -> bytes:
    """The thematic report as PDF bytes (written to ``path`` too when given)."""
    from qa_desktop.reports.pdf.document import DocumentBuilder  # loads reportlab

    draft = not data.findings.strip()
    builder = DocumentBuilder(
        DocumentInfo(
            title=f"Thematic audit: {data.theme}",
            subject=f"Thematic audit of {data.theme}, reporting {long_date(data.reports_on)}",
            author=data.lead,
            reference=f"Thematic {data.starts_on.year}",
            form_version="Thematic audit report",
            draft=draft,
            keywords=f"Thematic audit, {data.theme}",
        )
    )
    builder.title_block(
        f"Thematic audit: {data.theme}",
        f"{long_date(data.starts_on)} to {long_date(data.reports_on)} · led by {data.lead}",
    )
    if draft:
        builder.note("The findings have not been written yet.", tone="warning", label="Draft")
    builder.heading("Terms of reference")
    agreed = (
        f"{data.agreed_by}, {long_date(data.agreed_on)}"
        if data.agreed_on is not None
        else "Not yet agreed"
    )
    builder.key_values(
        [
            ("Theme", data.theme),
            ("Triggered by", data.trigger),
            ("Lead head of service", data.lead),
            ("Terms agreed", agreed),
            ("Starts", long_date(data.starts_on)),
            ("Reports", long_date(data.reports_on)),
            ("Auditors", "\n".join(data.auditors) or "Not chosen"),
            ("Sample drawn from", "\n".join(data.scope_filters) or "Every open case"),
        ],
        columns=2,
    )
    builder.labelled_text("What triggered the theme", data.trigger_detail)
    builder.labelled_text("Questions to answer", data.questions_to_answer)
    builder.labelled_text("Scope", data.scope)
    builder.labelled_text("The sample and how it is drawn", data.sample)
    builder.labelled_text("Governance", data.governance)

    builder.heading("The audits")
    builder.paragraph(
        f"{data.audits_completed} of {data.audits_planned} audits completed."
        if data.audits_planned
        else "The sample has not been drawn yet."
    )
    builder.table(
        ["Question", "Yes", "Partly", "No", "N/A", "Compliance"],
        [
            [
                f"{q.question_id}. {q.text}",
                str(q.yes),
                str(q.partly),
                str(q.no),
                str(q.na),
                "—" if q.compliance is None else f"{q.compliance:.0f}%",
            ]
            for q in data.questions
        ],
        [0.5, 0.09, 0.1, 0.09, 0.09, 0.13],
        empty="The theme's form has not been made yet.",
    )

    builder.heading("Findings")
    builder.paragraph(data.findings, empty="Not written yet.")

    builder.heading("Action plan")
    builder.table(
        ["What", "Who", "By when", "Status"],
        [
            [
                a.description,
                a.owner,
                short_date(a.due_on),
                f"{a.status} (overdue)" if a.overdue else a.status,
            ]
            for a in data.actions
        ],
        [0.5, 0.2, 0.14, 0.16],
        empty="No actions have been agreed yet.",
    )
    return builder.build(path)
