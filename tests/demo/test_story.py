"""The demo county tells the council's story: its shares are asserted on the 600-audit demo
(seed 1, as the app builds it), so a change to the builder that loses the story fails here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from qa_desktop.demo.county import build_demo
from qa_desktop.domain.calendar import is_working_day
from qa_desktop.domain.grades import Grade
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store, open_store
from tests.conftest import NOW, fixed_clock

ROUTINE = ("routine", "thematic", "reaudit")


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("story") / "county.qadb"
    store = open_store(path, create=True)
    build_demo(store, audits=600, seed=1, clock=lambda: NOW)
    yield store
    store.close()


def test_mostly_requires_improvement(county: Store) -> None:
    with county.reader() as session:
        grades = Counter(
            session.scalars(
                select(m.Audit.overall_grade).where(
                    m.Audit.state == "closed", m.Audit.audit_type.in_(ROUTINE)
                )
            )
        )
    total = sum(grades.values())
    shares = {grade: grades[grade.value] / total for grade in Grade}
    assert max(shares, key=lambda g: shares[g]) is Grade.REQUIRES_IMPROVEMENT
    assert shares[Grade.REQUIRES_IMPROVEMENT] > 0.45
    assert 0.15 < shares[Grade.GOOD] < 0.40
    assert 0.05 < shares[Grade.INADEQUATE] < 0.25
    assert 0 < shares[Grade.OUTSTANDING] < 0.08


def test_question_compliance_spreads_from_about_30_to_99(county: Store) -> None:
    with county.reader() as session:
        rows = session.execute(
            select(m.Answer.question_id, m.Answer.value)
            .join(m.Audit, m.Audit.id == m.Answer.audit_id)
            .where(m.Audit.state == "closed", m.Audit.audit_type.in_(ROUTINE))
        ).all()
    per: dict[str, Counter[str]] = {}
    for question, value in rows:
        per.setdefault(question, Counter())[value] += 1
    met = sorted(c["yes"] / (c["yes"] + c["partly"] + c["no"]) for c in per.values())
    assert met[0] < 0.4 and met[-1] > 0.95
    # Spread over the range, not two clumps: some questions in the middle.
    assert any(0.5 < share < 0.8 for share in met)


def test_moderators_grade_lower_more_often_than_higher_and_sometimes_higher(
    county: Store,
) -> None:
    rank = {grade.value: grade.rank for grade in Grade}
    with county.reader() as session:
        pairs = session.execute(select(m.Moderation.auditor_grade, m.Moderation.moderated_grade))
        moves = Counter(
            (rank[after] > rank[before]) - (rank[after] < rank[before]) for before, after in pairs
        )
    total = sum(moves.values())
    assert 0.12 < moves[-1] / total < 0.35  # initial grading over-generous until moderated
    assert 0.02 < moves[1] / total < moves[-1] / total


def test_about_four_in_five_inadequate_audits_move_up_at_reaudit(county: Store) -> None:
    with county.reader() as session:
        outcomes = session.scalars(select(m.ReauditOutcome)).all()
        closed_reaudits = session.scalars(
            select(m.Audit).where(m.Audit.audit_type == "reaudit", m.Audit.state == "closed")
        ).all()
    assert len(outcomes) == len(closed_reaudits) >= 20
    moved = sum(o.reaudit_grade != Grade.INADEQUATE.value for o in outcomes) / len(outcomes)
    assert 0.7 <= moved <= 0.9


def test_due_dates_fall_on_working_days_and_some_work_is_late(county: Store) -> None:
    with county.reader() as session:
        due = [
            *session.scalars(select(m.Audit.due_on)),
            *session.scalars(select(m.Action.due_on)),
            *session.scalars(select(m.Meeting.due_on)),
            *session.scalars(select(m.Meeting.reaudit_due_on)),
        ]
        done = session.execute(
            select(m.Action.due_on, m.Action.completed_on).where(m.Action.status == "done")
        ).all()
        meetings = session.execute(
            select(m.Meeting.due_on, m.Meeting.held_on).where(m.Meeting.held_on.is_not(None))
        ).all()
    days = [d for d in due if d is not None]
    assert len(days) > 1000 and all(is_working_day(d) for d in days)
    late = sum(completed > due_on for due_on, completed in done)
    assert 0.08 < late / len(done) < 0.35
    assert any(held > due_on for due_on, held in meetings)


def test_every_part_of_the_programme_is_there(county: Store) -> None:
    with county.reader() as session:

        def count(model: type[m.Base]) -> int:
            return len(session.scalars(select(model)).all())

        plans = session.scalars(select(m.MonthlyPlan)).all()
        items = count(m.PlanItem)
        dip_audits = session.scalars(
            select(m.Audit.audit_type).join(m.DipSampleCase, m.DipSampleCase.audit_id == m.Audit.id)
        ).all()
        bttf_audits = session.scalars(
            select(m.Audit.audit_type).join(m.BttfCase, m.BttfCase.audit_id == m.Audit.id)
        ).all()
        parts = {
            model.__tablename__: count(model)
            for model in (
                m.DipSample,
                m.BttfVisit,
                m.BttfFinding,
                m.FamilyFeedback,
                m.FeedbackAnswer,
                m.ThematicAudit,
                m.ThematicTerms,
                m.ThematicAction,
                m.Observation,
                m.ObservationAnswer,
                m.LearningReview,
                m.LearningReviewAction,
            )
        }
    assert len(plans) >= 12 and items > 300
    # The target as it stood: the earlier months planned to a lower target than today's.
    assert len({p.target for p in plans}) == 2
    assert set(dip_audits) == {"dip_sample"} and set(bttf_audits) == {"back_to_the_floor"}
    assert all(n > 0 for n in parts.values()), parts


def test_the_previous_quarter_is_not_all_on_time(county: Store) -> None:
    """Late work is spread over the year, so the last whole quarter is not 100% on time."""
    from qa_desktop.domain.calendar import FinancialQuarter, Period

    previous = Period.quarter(FinancialQuarter.containing(NOW.date()).previous())
    with county.reader() as session:
        meetings = session.execute(select(m.Meeting.due_on, m.Meeting.held_on)).all()
        actions = session.execute(
            select(m.Action.due_on, m.Action.completed_on, m.Action.status)
        ).all()
    in_quarter = [(d, h) for d, h in meetings if d in previous]
    assert in_quarter and any(h is None or h > d for d, h in in_quarter)
    due = [(d, c) for d, c, _ in actions if d in previous]
    assert due and any(c is None or c > d for d, c in due)
    assert any(c is not None and c <= d for d, c in due)


def test_the_programme_screens_read_the_demo_programme(county: Store) -> None:
    """The seed rows are what the services read: plans with their progress short of 100%,
    the year's Back to the Floor visits with their detail, dip samples and observations."""
    from qa_desktop.services.programme.bttf import BttfService
    from qa_desktop.services.programme.dip_sample import DipSampleService
    from qa_desktop.services.programme.monthly_plan import ProgrammeService
    from qa_desktop.services.programme.observations import ObservationService

    clock = fixed_clock(NOW)
    plans = ProgrammeService(county, clock).overview().plans
    assert len(plans) >= 12 and not all(p.meets_aim for p in plans)
    visits = BttfService(county, clock).schedule(NOW.year).visits
    assert visits
    detail = BttfService(county, clock).detail(visits[0].id)
    assert len(detail.cases) == 6 and detail.findings and detail.actions
    dips = DipSampleService(county, clock).list()
    assert len(dips) == 3 and all(d.finished_on and d.answered == d.cases for d in dips)
    assert len(ObservationService(county, clock).list()) > 20
