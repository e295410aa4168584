"""The Back to the Floor report: one team's visit, in the common document style. Fed by plain
data (:class:`BttfReportData`); no Qt, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qa_desktop.domain.grades import Grade
from qa_desktop.reports.pdf import Cell, Chip, DocumentInfo
from qa_desktop.reports.pdf.formats import long_date, short_date


@dataclass(frozen=True)
class BttfCaseLine:
    audit_reference: str
    case_reference: str
    case_initials: str
    practitioner: str
    grade: Grade | None
    lived_experience: str
    difference: str


@dataclass(frozen=True)
class BttfNoteSection:
    title: str
    items: tuple[tuple[str, str], ...]  # (question, text)


@dataclass(frozen=True)
class BttfFindingLine:
    area: str
    strengths: str
    improvements: str


@dataclass(frozen=True)
class BttfActionLine:
    description: str
    owner: str
    due_on: date


@dataclass(frozen=True)
class BttfReportData:
    team: str
    service: str
    area: str
    year: int
    planned_on: date
    lead: str
    inspection_team: tuple[str, ...]
    judgement: Grade | None
    judgement_rationale: str
    cases: tuple[BttfCaseLine, ...]
    notes: tuple[BttfNoteSection, ...]
    findings: tuple[BttfFindingLine, ...]
    actions: tuple[BttfActionLine, ...]


def build_bttf_report(data: BttfReportData, path: Path | None = None) -> bytes:
    """The visit's report as PDF bytes (written to ``path`` too when given). A DRAFT until the
    team-level judgement is made."""
    from qa_desktop.reports.pdf.document import DocumentBuilder  # loads reportlab

    builder = DocumentBuilder(
        DocumentInfo(
            title=f"Back to the Floor: {data.team}",
            subject=f"Back to the Floor visit to {data.team} ({data.service}), {data.year}",
            author=data.lead,
            reference=f"BTTF {data.year}",
            form_version="Back to the Floor report",
            draft=data.judgement is None,
            keywords=f"Back to the Floor, {data.team}, {data.year}",
        )
    )
    builder.title_block(
        "Back to the Floor report",
        f"{data.team} · {data.service} · {data.area} · visit of {long_date(data.planned_on)}",
    )
    if data.judgement is None:
        builder.note(
            "The team-level judgement has not been made yet.", tone="warning", label="Draft"
        )
    builder.heading("The visit")
    builder.key_values(
        [
            ("Team", data.team),
            ("Judgement", Chip(data.judgement)),
            ("Service", data.service),
            ("Visit", long_date(data.planned_on)),
            ("Led by", data.lead),
            ("Inspection team", "\n".join(data.inspection_team) or "Not recorded"),
        ],
        columns=2,
    )
    builder.labelled_text("Why this judgement", data.judgement_rationale)

    builder.heading("Consolidated findings by practice area")
    builder.table(
        ["Practice area", "Strengths", "Areas for improvement"],
        [[f.area, f.strengths or "—", f.improvements or "—"] for f in data.findings],
        [0.24, 0.38, 0.38],
        empty="No findings recorded.",
    )

    builder.heading("The case sample")
    rows: list[list[Cell]] = [
        [
            f"{c.case_reference} ({c.case_initials})\n{c.audit_reference}",
            c.practitioner or "—",
            Chip(c.grade),
            c.lived_experience or "—",
            c.difference or "—",
        ]
        for c in data.cases
    ]
    builder.table(
        ["Case", "Practitioner", "Grade", "The child's lived experience", "Difference made"],
        rows,
        [0.17, 0.15, 0.16, 0.26, 0.26],
        empty="No cases were sampled.",
    )

    for section in data.notes:
        builder.heading(section.title)
        for question, text in section.items:
            builder.labelled_text(question, text)

    builder.heading("The team's action plan")
    builder.table(
        ["What", "Who", "By when"],
        [[a.description, a.owner, short_date(a.due_on)] for a in data.actions],
        [0.6, 0.24, 0.16],
        empty="No actions have been agreed yet.",
    )
    return builder.build(path)
