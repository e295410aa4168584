"""The weekly Required Actions report for a team's manager: every audit, moderation,
reflective meeting, re-audit and action of the team's cases due in the next five working
days or overdue, grouped by kind, with who is to do it. As PDF, and as CSV (one row per
item) for the council's trackers. Fed by plain data; no Qt, no SQL."""

from __future__ import annotations

import csv
from pathlib import Path

from qa_desktop.domain.board_papers import (
    REQUIRED_ACTIONS_WORKING_DAYS,
    RequiredActions,
    RequiredKind,
)
from qa_desktop.reports.pdf import DocumentInfo, Styled
from qa_desktop.reports.pdf.formats import long_date, short_date

__all__ = ["CSV_HEADERS", "build_required_actions", "write_required_actions_csv"]

CSV_HEADERS = (
    "kind",
    "audit",
    "case",
    "what",
    "responsible",
    "due_on",
    "overdue",
)


def _status(overdue: bool) -> Styled | str:
    return Styled("Overdue", "cell_bold") if overdue else "Due"


def build_required_actions(data: RequiredActions, path: Path | None = None) -> bytes:
    # reportlab is loaded here, when a report is made, not with the services at start.
    from qa_desktop.reports.pdf.document import DocumentBuilder

    title = f"Required actions: {data.team}"
    builder = DocumentBuilder(
        DocumentInfo(
            title=title,
            subject=f"Due by {long_date(data.horizon)} or overdue, as at {long_date(data.week_of)}",
            author="QA team",
            reference=f"Week of {short_date(data.week_of)}",
            keywords=f"required actions, {data.team}",
        )
    )
    builder.title_block(
        title,
        f"Week of {long_date(data.week_of)} · due in the next "
        f"{REQUIRED_ACTIONS_WORKING_DAYS} working days (by {long_date(data.horizon)}) or "
        f"overdue",
    )
    builder.key_values(
        [
            ("Team", data.team),
            ("Items", str(len(data.items))),
            ("Overdue", str(data.overdue)),
            ("Due by", long_date(data.horizon)),
        ]
    )
    for kind in RequiredKind:
        items = data.of_kind(kind)
        builder.heading(f"{kind.label} ({len(items)})", level=2)
        builder.table(
            ("Audit", "Case", "What", "Responsible", "Due", "Status"),
            [
                (
                    i.reference,
                    i.case_reference,
                    i.what,
                    i.responsible,
                    short_date(i.due_on),
                    _status(i.overdue),
                )
                for i in items
            ],
            (0.22, 0.12, 0.26, 0.16, 0.13, 0.11),
            empty=f"Nothing of this kind is due by {long_date(data.horizon)} or overdue.",
        )
    return builder.build(path)


def write_required_actions_csv(data: RequiredActions, path: Path) -> Path:
    """UTF-8 with a byte-order mark (as every export, for Excel), a header row, one row per
    item."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADERS)
        for i in data.items:
            writer.writerow(
                (
                    i.kind.value,
                    i.reference,
                    i.case_reference,
                    i.what,
                    i.responsible,
                    i.due_on.isoformat(),
                    "yes" if i.overdue else "no",
                )
            )
    return path
