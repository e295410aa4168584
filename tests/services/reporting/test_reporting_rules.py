"""The rules of what counts: a reopened audit leaves every figure until it is signed off
again (reopening keeps its completed date), and the kept counts follow it there and back."""

from __future__ import annotations

from datetime import date

from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.grades import Grade
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.workspace import WorkspaceService
from qa_desktop.services.reporting import COUNTY, Drill, ReportingService
from qa_desktop.services.setup.people import DirectoryService
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from tests.services.reporting.kept_counts_check import assert_kept_counts_agree
from tests.services.reporting.reporting_world import World

Q1 = Period.quarter(FinancialQuarter(2026, 1))


def _figures(reporting: ReportingService) -> tuple[int, int, int, int]:
    dash = reporting.dashboard(Q1, COUNTY, SYSTEM)
    a1 = next((q for q in dash.compliance if q.question_id == "A1"), None)
    overall = next((g for g in dash.grades if g.section_id == "overall"), None)
    return (
        dash.plan.completed,
        a1.counts.answered if a1 else 0,
        overall.count(Grade.GOOD) if overall else 0,
        reporting.audits_behind(Q1, COUNTY, Drill("completed"), SYSTEM).total,
    )


def test_a_reopened_audit_is_out_of_the_figures_until_signed_off_again(store, clock) -> None:
    world = World(store, clock)
    reporting = ReportingService(store, clock)
    world.audit(date(2026, 5, 4), {"A1": "yes"}, sections={"A": "good"})
    reopened = world.audit(date(2026, 5, 5), {"A1": "no"}, sections={"A": "good"})
    assert _figures(reporting) == (2, 2, 2, 2)

    auditor = DirectoryService(store).actor(world.people["ann"])
    WorkspaceService(store, clock).reopen(reopened, auditor, "The chronology was incomplete")
    with store.reader() as session:
        audit = session.get(m.Audit, reopened)
        assert audit is not None
        assert audit.state == "in_progress" and audit.completed_on == date(2026, 5, 5)
    assert _figures(reporting) == (1, 1, 1, 1)
    assert_kept_counts_agree(store)

    # Signed off again (as the sign-off does: submitted, completed that day), then closed.
    with store.session() as session:
        audit = session.get(m.Audit, reopened)
        Recorder(session, None, clock()).update(
            audit, state="submitted", completed_on=date(2026, 6, 1)
        )
    assert _figures(reporting) == (2, 2, 2, 2)
    with store.session() as session:
        Recorder(session, None, clock()).update(session.get(m.Audit, reopened), state="closed")
    assert _figures(reporting) == (2, 2, 2, 2)
    assert_kept_counts_agree(store, figures=True)


def test_the_voice_of_the_child_is_measured_from_an_answer_that_can_be_no(store, clock) -> None:
    world = World(store, clock)
    reporting = ReportingService(store, clock)
    # Every audit has the compulsory closing text; the figure comes from D4 ("Did the child
    # contribute to the review?"), which the learning audit marks voice_of_child.
    recorded = world.audit(date(2026, 5, 1), {"D4": "yes"})
    not_recorded = world.audit(date(2026, 5, 2), {"D4": "no"})
    world.audit(date(2026, 5, 3), {"D4": "partly"})  # half a Yes, as the form says
    world.audit(date(2026, 5, 4), {"A1": "yes"})  # D4 unanswered: not asked
    voice = reporting.dashboard(Q1, COUNTY, SYSTEM).voice
    assert voice.question_ids == ("D4",)
    assert (voice.completed, voice.asked, voice.recorded, voice.not_recorded) == (4, 3, 1, 2)
    assert voice.percent == 50.0
    missing = reporting.audits_behind(Q1, COUNTY, Drill("voice", "D4", "missing"), SYSTEM)
    assert not_recorded in {row.id for row in missing.rows} and missing.total == 2
    found = reporting.audits_behind(Q1, COUNTY, Drill("voice", "D4", "recorded"), SYSTEM)
    assert [row.id for row in found.rows] == [recorded]
