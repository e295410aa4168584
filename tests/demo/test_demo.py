"""The demo county: size, realism, reproducibility, and synthetic names only."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qa_desktop.demo import county as demo
from qa_desktop.demo.county import build_demo
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.moderation import SelectionReason
from qa_desktop.errors import ValidationError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.listing import AuditFilter, AuditService
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from tests.conftest import NOW


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_the_county_has_the_expected_shape(demo_store) -> None:
    with demo_store.reader() as session:
        assert _count(session, m.Area) == 3
        assert _count(session, m.Service) == 5
        assert 18 <= _count(session, m.Team) <= 24
        assert 130 <= _count(session, m.Person) <= 170
        assert 1800 <= _count(session, m.Case) <= 2200
        assert _count(session, m.Audit) == 120
        roles = Counter(session.scalars(select(m.Person.role)))
    assert {
        "practitioner",
        "team_manager",
        "head_of_service",
        "qa_officer",
        "service_manager",
    } <= set(roles)


def test_audits_span_four_quarters_and_grades_improve(demo_template: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "big.qadb", create=True)
    build_demo(store, audits=600, seed=3, clock=lambda: NOW)
    with store.reader() as session:
        rows = session.execute(
            select(m.Audit.completed_on, m.Audit.overall_grade).where(
                m.Audit.completed_on.is_not(None)
            )
        ).all()
    store.close()
    dates = [d for d, _ in rows]
    assert min(dates) >= NOW.date() - timedelta(days=365) and max(dates) <= NOW.date()
    half = NOW.date() - timedelta(days=182)

    def share(grade: Grade, older: bool) -> float:
        chosen = [g for d, g in rows if (d < half) == older]
        return sum(g == grade.value for g in chosen) / len(chosen)

    assert share(Grade.INADEQUATE, older=False) < share(Grade.INADEQUATE, older=True)
    assert share(Grade.GOOD, older=False) > share(Grade.GOOD, older=True)


def test_the_demo_has_the_whole_lifecycle(demo_store) -> None:
    with demo_store.reader() as session:
        states = set(session.scalars(select(m.Audit.state)))
        moderated = session.scalar(select(func.count(func.distinct(m.Moderation.audit_id))))
        changed = session.scalar(
            select(func.count())
            .select_from(m.Moderation)
            .where(m.Moderation.auditor_grade != m.Moderation.moderated_grade)
        )
        meetings = session.scalars(select(m.Meeting)).all()
        reaudits = session.scalars(select(m.Audit).where(m.Audit.reaudit_of_id.is_not(None))).all()
        overdue = session.scalar(
            select(func.count())
            .select_from(m.Action)
            .where(m.Action.status == "open", m.Action.due_on < NOW.date())
        )
        answers = session.scalar(select(func.count()).select_from(m.Answer))
    assert {"planned", "in_progress", "closed"} <= states
    assert moderated > 0 and changed > 0
    assert meetings and all(mt.due_on is not None for mt in meetings)
    assert reaudits and all(r.audit_type == "reaudit" for r in reaudits)
    assert overdue > 0
    assert answers > 100 * 20


def test_same_seed_same_store_other_seed_other_store(tmp_path: Path) -> None:
    def listing(name: str, seed: int) -> list[tuple]:
        store = open_store(tmp_path / name, create=True)
        build_demo(store, audits=40, seed=seed, clock=lambda: NOW)
        rows = AuditService(store).list(AuditFilter(limit=1000), SYSTEM).rows
        store.close()
        return sorted((r.reference, r.case_reference, r.overall_grade, r.auditor) for r in rows)

    first = listing("a.qadb", 11)
    assert first == listing("b.qadb", 11)
    assert first != listing("c.qadb", 12)


def test_names_are_synthetic_combinations(demo_store) -> None:
    with demo_store.reader() as session:
        names = session.scalars(select(m.Person.name)).all()
    for name in names:
        first, last = name.split(" ")
        assert first in demo.FIRST_NAMES and last in demo.SURNAMES
    assert len(set(names)) == len(names)


def test_no_auditor_audits_a_case_of_their_own_team(demo_store) -> None:
    with demo_store.reader() as session:
        clashes = session.scalar(
            select(func.count())
            .select_from(m.Audit)
            .join(m.Case, m.Audit.case_id == m.Case.id)
            .join(m.Person, m.Audit.auditor_id == m.Person.id)
            .where(m.Person.team_id == m.Case.team_id)
        )
    assert clashes == 0


def test_the_demo_is_built_only_into_an_empty_store(demo_store) -> None:
    with pytest.raises(ValidationError, match="already holds data"):
        build_demo(demo_store, audits=5, seed=1, clock=lambda: NOW)


def test_the_demo_chooses_audits_for_moderation_by_the_products_own_rule(demo_store) -> None:
    """Every demo audit sent to moderation is one the product's selection rule (the shipped
    share and seed, Inadequate areas included) chooses, and every one it chooses was sent."""
    from qa_desktop.services.followup.routing import selection_reason

    with demo_store.reader() as session:
        sent = set(
            session.scalars(
                select(m.AuditEvent.audit_id).where(m.AuditEvent.to_state == "in_moderation")
            )
        )
        finished = session.scalars(
            select(m.Audit).where(m.Audit.state.in_(["in_moderation", "closed"]))
        ).all()
        chosen = {a.id for a in finished if selection_reason(session, a) is not None}
        by_share = {
            a.id for a in finished if selection_reason(session, a) is SelectionReason.RANDOM_SHARE
        }
    assert by_share, "the demo has no audit chosen at random"
    assert sent == chosen
