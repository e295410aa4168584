"""Reflective meeting notes: the meeting a head of service holds after an Inadequate audit.
Fed by plain data (:class:`MeetingNotesData`); no Qt, no SQL.

Until the notes are signed off every page carries a DRAFT mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from qa_desktop.domain.grades import Grade
from qa_desktop.reports.audit_record import KICKER, ActionEntry
from qa_desktop.reports.pdf import Cell, Chip, DocumentInfo
from qa_desktop.reports.pdf.formats import date_time, long_date, short_date


@dataclass(frozen=True)
class MeetingNotesData:
    audit_reference: str
    case_reference: str
    case_initials: str
    child: str  # age and legal status
    team: str
    form_title: str
    form_version: int
    auditor: str
    practitioner: str
    auditor_grade: Grade | None
    moderated_grade: Grade | None
    audit_completed_on: date | None
    head_of_service: str
    due_on: date
    held_on: date | None
    attendees: tuple[str, ...]
    barriers: str
    lived_experience: str
    actions: tuple[ActionEntry, ...]
    signed_off_at: datetime | None
    reaudit_due_on: date | None
    reaudit_reference: str | None = None


def build_meeting_notes(data: MeetingNotesData, path: Path | None = None) -> bytes:
    """The meeting notes as PDF bytes (written to ``path`` too when given)."""
    signed = data.signed_off_at is not None
    from qa_desktop.reports.pdf.document import DocumentBuilder  # loads reportlab

    builder = DocumentBuilder(
        DocumentInfo(
            title=f"Reflective meeting notes {data.audit_reference}",
            subject=(
                f"Reflective meeting after audit {data.audit_reference} of case "
                f"{data.case_reference} ({data.case_initials}), {data.team}"
            ),
            author=data.head_of_service,
            reference=data.audit_reference,
            form_version=f"{data.form_title}, version {data.form_version}",
            draft=not signed,
            keywords=f"{data.audit_reference}, {data.case_reference}, reflective meeting",
        )
    )
    builder.title_block(
        "Reflective meeting notes",
        f"After audit {data.audit_reference} · case {data.case_reference} "
        f"({data.case_initials}) · {data.team}",
        kicker=KICKER,
    )
    if not signed:
        builder.note(
            "These notes are not yet signed off by the head of service.",
            tone="warning",
            label="Draft",
        )
    builder.heading("The audit this meeting follows")
    grade: Cell = Chip(data.moderated_grade or data.auditor_grade)
    pairs: list[tuple[str, Cell]] = [
        ("Audit", data.audit_reference),
        ("Confirmed grade", grade),
        ("Case", f"{data.case_reference} ({data.case_initials})"),
        ("Child", data.child),
        ("Auditor", data.auditor),
        ("Practitioner", data.practitioner or "Not recorded"),
        ("Audit completed", long_date(data.audit_completed_on, "Not recorded")),
    ]
    if data.moderated_grade and data.auditor_grade and data.moderated_grade != data.auditor_grade:
        pairs.append(("Auditor's grade", Chip(data.auditor_grade)))
    else:
        pairs.append(("Moderated", "Yes" if data.moderated_grade else "No"))
    pairs += [
        ("Form", f"{data.form_title}, version {data.form_version}"),
        ("Team", data.team),
    ]
    builder.key_values(pairs, columns=2)

    builder.heading("The meeting")
    held = long_date(data.held_on, "Not yet held")
    if data.held_on is not None and data.held_on > data.due_on:
        held += f" (due {short_date(data.due_on)})"
    builder.key_values(
        [
            ("Chaired by", data.head_of_service),
            ("Date", held),
            ("Due by", long_date(data.due_on)),
            ("Attendees", "\n".join(data.attendees) if data.attendees else "Not recorded"),
        ],
        columns=1,
    )
    builder.heading("Barriers and challenges")
    builder.paragraph(data.barriers, empty="Not recorded.")
    builder.heading("The child's lived experience")
    builder.paragraph(data.lived_experience, empty="Not recorded.")
    builder.heading("Agreed actions")
    builder.table(
        ["What", "Who", "By when", "Status"],
        [
            [
                a.description,
                a.owner,
                short_date(a.due_on),
                a.status + (f", {short_date(a.completed_on)}" if a.completed_on else ""),
            ]
            for a in data.actions
        ],
        [0.5, 0.2, 0.14, 0.16],
        empty="No actions were agreed.",
    )
    builder.heading("Sign-off and re-audit")
    pairs = [
        ("Signed off by", data.head_of_service if signed else "Not signed off"),
        ("Signed off", date_time(data.signed_off_at, "Not yet")),
        ("Re-audit due", long_date(data.reaudit_due_on, "Not set")),
    ]
    if data.reaudit_reference:
        pairs.append(("Re-audit", data.reaudit_reference))
    builder.key_values(pairs, columns=1)
    return builder.build(path)
