"""The monthly scorecard: one page, a grid of the month's key figures beside the month
before, the change, and each against its target or the standard. Fed by plain data."""

from __future__ import annotations

from pathlib import Path

from qa_desktop.reports.board_data import MonthlyPapersData, key_figures, verdict
from qa_desktop.reports.pdf import DocumentInfo, Styled
from qa_desktop.reports.pdf.formats import long_date

__all__ = ["build_scorecard"]


def build_scorecard(data: MonthlyPapersData, path: Path | None = None) -> bytes:
    # reportlab is loaded here, when a report is made, not with the services at start.
    from qa_desktop.reports.pdf.document import DocumentBuilder

    this = data.this
    builder = DocumentBuilder(
        DocumentInfo(
            title=f"Monthly scorecard: {data.month}",
            subject=f"Key quality figures for {data.month}, beside {data.previous_month}",
            author=data.author,
            reference=data.month,
            keywords=f"scorecard, {data.month}",
        )
    )
    builder.title_block(
        f"Monthly scorecard: {data.month}",
        f"{long_date(this.period.start)} to {long_date(this.period.end)} · County · "
        f"compared with {data.previous_month}",
    )
    figures = key_figures(data)
    builder.table(
        ("Measure", data.month, data.previous_month, "Change", "Target", "Against target"),
        [
            (
                Styled(f.measure, "cell_bold"),
                f.this,
                f.last,
                f.change,
                f.target,
                verdict(f),
            )
            for f in figures
        ],
        (0.34, 0.14, 0.14, 0.12, 0.13, 0.13),
    )
    met = sum(1 for f in figures if f.met)
    held = sum(1 for f in figures if f.met is not None)
    builder.paragraph(
        f"{met} of the {held} measures with a target met it in {data.month}. Percentages "
        f"compare like with like: points of change from {data.previous_month}. The standard "
        f"is {this.standard:.0f}%.",
        style="small",
    )
    return builder.build(path)
