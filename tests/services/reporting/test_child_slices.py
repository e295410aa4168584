"""Slices by the child: legal status (Early Help included) and age band, counted from the
audit facts, checked against the cases counted one by one."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.forms import LegalStatus
from qa_desktop.domain.report_periods import ReportSlice
from qa_desktop.domain.thematic import AgeBand, age_band
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.reporting import ReportingService, describe_slice
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from tests.conftest import NOW, fixed_clock

YEAR = Period(date(2025, 11, 21), NOW.date())


def _counted_by_child(store: Store) -> tuple[Counter[str], Counter[str]]:
    """Audits counted in the year (signed off), per legal status and per age band, one by
    one."""
    with store.reader() as session:
        rows = session.execute(
            select(m.Case.legal_status, m.Case.age_years, m.Case.unborn)
            .join(m.Audit, m.Audit.case_id == m.Case.id)
            .where(
                m.Audit.state.in_(("submitted", "in_moderation", "closed")),
                m.Audit.deleted_at.is_(None),
                m.Audit.completed_on.between(YEAR.start, YEAR.end),
            )
        ).all()
    statuses = Counter(status for status, _, _ in rows)
    bands = Counter(
        band.value for _, age, unborn in rows if (band := age_band(age, unborn)) is not None
    )
    return statuses, bands


def _completed(reporting: ReportingService, slc: ReportSlice) -> int:
    return reporting.dashboard(YEAR, slc, SYSTEM).plan.completed


def test_each_legal_status_and_age_band_counts_its_own_childrens_audits(
    demo_store: Store,
) -> None:
    reporting = ReportingService(demo_store, fixed_clock(NOW))
    statuses, bands = _counted_by_child(demo_store)
    assert statuses[LegalStatus.EARLY_HELP.value] > 0  # Early Help has a status of its own
    for status in LegalStatus:
        slc = ReportSlice(legal_status=status.value)
        assert _completed(reporting, slc) == statuses[status.value], status
    for band in AgeBand:
        slc = ReportSlice(age_band=band.value)
        assert _completed(reporting, slc) == bands[band.value], band
    county = _completed(reporting, ReportSlice())
    assert sum(statuses.values()) == county


def test_the_slice_is_named_and_typed_as_people_write_it(demo_store: Store) -> None:
    reporting = ReportingService(demo_store, fixed_clock(NOW))
    slc = reporting.slice_named(legal_status="child protection", age_band="16+")
    assert slc == ReportSlice(legal_status="child_protection", age_band="16+")
    words = describe_slice(slc, reporting.slice_options())
    assert words == "Legal status: Child protection; Age band: 16 and over"
