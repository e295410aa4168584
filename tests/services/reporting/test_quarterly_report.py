"""The quarterly QA report: each indicator with this quarter beside the last, charts, and the
commentary the QA team writes (kept in the store with its history)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from qa_desktop.domain.calendar import FinancialQuarter
from qa_desktop.domain.dashboard import council_layout
from qa_desktop.domain.grades import Grade
from qa_desktop.errors import ValidationError
from qa_desktop.reports.quarterly import INDICATORS
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.reporting import COUNTY, ReportingService
from qa_desktop.store import models as m

QUARTER = FinancialQuarter(2026, 2)


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_commentary_is_kept_per_quarter_with_history(demo_store, clock) -> None:
    reporting = ReportingService(demo_store, clock)
    saved = reporting.save_commentary(QUARTER, {"summary": "Good rose again.", "voice": ""}, SYSTEM)
    assert saved == {"summary": "Good rose again."}  # empty boxes are not stored
    reporting.save_commentary(QUARTER, {"summary": "Good rose again, Inadequate fell."}, SYSTEM)
    assert reporting.commentary(QUARTER) == {"summary": "Good rose again, Inadequate fell."}
    assert reporting.commentary(QUARTER.previous()) == {}
    with demo_store.reader() as session:
        history = session.scalar(
            select(func.count())
            .select_from(m.History)
            .where(m.History.table_name == "report_commentaries")
        )
    assert history == 3  # the insert, then the text and the time it changed
    with pytest.raises(ValidationError):
        reporting.save_commentary(QUARTER, {"nonsense": "x"}, SYSTEM)


def test_the_report_shows_each_indicator_beside_the_last_quarter(
    demo_store, clock, tmp_path: Path
) -> None:
    reporting = ReportingService(demo_store, clock)
    reporting.save_commentary(
        QUARTER, {"compliance": "Risk analysis is still below the standard."}, SYSTEM
    )
    path = reporting.quarterly_report(QUARTER, tmp_path / "q.pdf", COUNTY, SYSTEM)
    text = text_of(path)
    assert "Quarterly QA report 2026/27-Q2" in text and "OFFICIAL-SENSITIVE" in text
    for _key, title in INDICATORS:
        assert title in text
    assert "2026/27-Q1" in text  # the quarter before, beside this one
    assert "Risk analysis is still below the standard." in text
    assert "No commentary has been written for this indicator." in text
    this = reporting.dashboard(reporting_period(QUARTER), COUNTY, SYSTEM)
    flat = " ".join(text.split())
    assert f"Audits completed {this.plan.completed}" in flat
    # Compliance in the council's layout beside Yes / (Yes + No), for a question held to it.
    d1 = next(q for q in this.compliance if q.question_id == "D1")
    met, not_met, na = council_layout(d1.shares)
    assert met is not None and not_met is not None and na is not None
    assert f"{met:.0f} / {not_met:.0f} / {na:.0f}*" in flat
    # Grades per practice area over the four quarters, with this quarter's shares.
    assert "Grades per practice area" in flat or "per practice area over the last four" in flat
    assessment = next(a for a in this.area_trend if a.section_id == "A")
    last = assessment.points[-1]
    good = last.share(Grade.GOOD)
    assert good is not None and f"Assessment {last.quarter}" in flat
    assert f"{good:.1f}%" in flat
    metadata = PdfReader(path).metadata
    assert metadata is not None and metadata.title == "Quarterly QA report 2026/27-Q2"


def reporting_period(quarter: FinancialQuarter):  # type: ignore[no-untyped-def]
    from qa_desktop.domain.calendar import Period

    return Period.quarter(quarter)
