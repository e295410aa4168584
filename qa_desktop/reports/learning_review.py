"""The learning review report: a significant event in a child's case, what the review found
in each practice area, the learning, and the actions agreed. Fed by plain data
(:class:`LearningReviewData`); no Qt, no SQL. A DRAFT until the review is completed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qa_desktop.reports.pdf import DocumentInfo
from qa_desktop.reports.pdf.formats import long_date, short_date


@dataclass(frozen=True)
class ReviewFindingLine:
    area: str
    findings: str


@dataclass(frozen=True)
class ReviewActionLine:
    description: str
    owner: str
    due_on: date
    status: str  # already in words: "Open", "In progress", "Done"
    overdue: bool


@dataclass(frozen=True)
class LearningReviewData:
    reference: str  # a short reference for the running header, e.g. "LR 2026-12-03"
    event: str
    event_on: date
    case_reference: str
    case_initials: str
    team: str
    service: str
    lead: str
    learning: str
    completed_on: date | None
    findings: tuple[ReviewFindingLine, ...]
    actions: tuple[ReviewActionLine, ...]


def build_learning_review(data: LearningReviewData, path: Path | None = None) -> bytes:
    """The review's report as PDF bytes (written to ``path`` too when given)."""
    from qa_desktop.reports.pdf.document import DocumentBuilder  # loads reportlab

    builder = DocumentBuilder(
        DocumentInfo(
            title=f"Learning review: {data.case_reference}",
            subject=f"Learning review after a significant event on {long_date(data.event_on)}",
            author=data.lead,
            reference=data.reference,
            form_version="Learning review",
            draft=data.completed_on is None,
            keywords=f"Learning review, {data.case_reference}, {data.team}",
        )
    )
    builder.title_block(
        "Learning review",
        f"{data.case_reference} ({data.case_initials}) · {data.team} · "
        f"significant event of {long_date(data.event_on)}",
    )
    if data.completed_on is None:
        builder.note("The review has not been completed yet.", tone="warning", label="Draft")
    builder.heading("The review")
    builder.key_values(
        [
            ("Child's case", f"{data.case_reference} ({data.case_initials})"),
            ("Date of the event", long_date(data.event_on)),
            ("Team", data.team),
            ("Service", data.service),
            ("Review lead", data.lead),
            ("Completed", long_date(data.completed_on, "Not yet")),
        ],
        columns=2,
    )
    builder.labelled_text("The significant event", data.event)

    builder.heading("Findings by practice area")
    builder.table(
        ["Practice area", "What the review found"],
        [[f.area, f.findings or "—"] for f in data.findings],
        [0.3, 0.7],
        empty="No findings recorded.",
    )
    builder.heading("The learning")
    builder.paragraph(data.learning, empty="The learning has not been written yet.")

    builder.heading("Actions")
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
