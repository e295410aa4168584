"""The collaborative audit between an auditor's laptop and a practitioner's laptop, each
syncing as its own person's login with the real central PostgreSQL: what each writes reaches
the other, the same field written on both becomes a conflict kept on both, one-per-parent rows
made on both merge, the practitioner's own sign-off closes the audit centrally, an action's
owner marks it done, and what a family said never reaches their worker's store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select

from qa_desktop.domain.identity import one_per_parent_id
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.sync.connection import CentralAddress
from tests.conftest import NOW
from tests.sync.conftest import Central, Laptop
from tests.sync.world import World, add_audit, audit, build_world, edit


@dataclass
class Pair:
    central: Central
    qa: Laptop
    auditor: Laptop
    practitioner: Laptop
    world: World
    audit_id: str

    def review_id(self, section: str) -> str:
        return one_per_parent_id("section_reviews", self.audit_id, section)

    def central_field(self, table: str, row_id: str, field: str) -> object:
        with self.central.admin_connection() as conn:
            row = conn.execute(
                "SELECT fields -> %s FROM qa_central.rows WHERE table_name = %s AND row_id = %s",
                (field, table, row_id),
            ).fetchone()
        return None if row is None else row[0]

    def sync_all(self) -> None:
        for laptop in (self.auditor, self.practitioner, self.auditor, self.practitioner):
            laptop.sync()


@pytest.fixture
def pair(central: Central, laptops: Callable[[str, CentralAddress], Laptop]) -> Pair:
    qa = laptops("qa", central.add_login("qa", "pending", ["qa_officer"]))
    world = build_world(qa.store)
    audit_id = add_audit(qa.store, world, "QA-0000001")
    qa.sync()
    auditor = laptops(
        "auditor", central.add_login("aud", world.auditor, ["team_manager", "auditor"])
    )
    practitioner = laptops(
        "practitioner", central.add_login("prac", world.practitioner, ["practitioner"])
    )
    auditor.sync()
    practitioner.sync()
    return Pair(central, qa, auditor, practitioner, world, audit_id)


def _review(laptop: Laptop, pair: Pair, section: str, actor: str, **values: object) -> str:
    """Write an area's review the way the workspace does: its one row, made if need be."""
    row_id = pair.review_id(section)
    with laptop.store.session() as s:
        r = Recorder(s, actor, NOW)
        row = s.get(m.SectionReview, row_id)
        if row is None:
            r.insert(m.SectionReview, id=row_id, audit_id=pair.audit_id, section_id=section)
            s.flush()
            row = s.get(m.SectionReview, row_id)
        assert row is not None
        r.update(row, **values)
    return row_id


def _stored(laptop: Laptop, model: type[m.Base], row_id: str) -> m.Base | None:
    with laptop.store.reader() as s:
        found = s.get(model, row_id)
        if found is not None:
            s.expunge(found)
        return found


def _refused(laptop: Laptop) -> int:
    with laptop.store.reader() as s:
        return int(s.scalar(select(func.count()).select_from(m.SyncRefused)) or 0)


def test_different_fields_of_one_area_merge(pair: Pair) -> None:
    w = pair.world
    row_id = _review(pair.auditor, pair, "assessment", w.auditor, rationale="Clear plan")
    pair.sync_all()
    _review(pair.auditor, pair, "assessment", w.auditor, worried="Drift in visits")
    _review(pair.practitioner, pair, "assessment", w.practitioner, practitioner_reflection="Yes")
    pair.sync_all()
    for laptop in (pair.auditor, pair.practitioner):
        row = _stored(laptop, m.SectionReview, row_id)
        assert isinstance(row, m.SectionReview)
        assert (row.rationale, row.worried, row.practitioner_reflection) == (
            "Clear plan",
            "Drift in visits",
            "Yes",
        )
    assert _refused(pair.auditor) == _refused(pair.practitioner) == 0


def test_the_same_field_on_both_becomes_a_conflict_kept_on_both(pair: Pair) -> None:
    w = pair.world
    row_id = _review(pair.auditor, pair, "assessment", w.auditor, rationale="Clear plan")
    pair.sync_all()
    # The auditor types the practitioner's words on the shared laptop; the practitioner
    # writes their own on their laptop.
    _review(
        pair.auditor,
        pair,
        "assessment",
        w.auditor,
        practitioner_reflection="Typed with them",
        reflection_author_id=w.practitioner,
    )
    _review(pair.practitioner, pair, "assessment", w.practitioner, practitioner_reflection="Mine")
    pair.auditor.sync()
    pair.practitioner.sync()
    pair.auditor.sync()
    kept = []
    for laptop in (pair.auditor, pair.practitioner):
        with laptop.store.reader() as s:
            conflicts = s.scalars(
                select(m.SyncConflict).where(m.SyncConflict.field == "practitioner_reflection")
            ).all()
            kept.append({(c.current_value, c.other_value) for c in conflicts})
        row = _stored(laptop, m.SectionReview, row_id)
        assert isinstance(row, m.SectionReview)
        assert row.practitioner_reflection == "Typed with them"  # reached the centre first
    assert kept[0] == kept[1] == {('"Typed with them"', '"Mine"')}
    assert _refused(pair.auditor) == 0


def test_a_reflection_on_an_area_the_auditor_never_touched_reaches_the_auditor(pair: Pair) -> None:
    w = pair.world
    row_id = _review(
        pair.practitioner,
        pair,
        "planning",
        w.practitioner,
        practitioner_reflection="I would plan with the family",
        reflection_author_id=w.practitioner,
    )
    report = pair.practitioner.sync()
    assert report.refused == 0 and report.accepted == 3
    pair.auditor.sync()
    row = _stored(pair.auditor, m.SectionReview, row_id)
    assert isinstance(row, m.SectionReview)
    assert row.practitioner_reflection == "I would plan with the family"
    assert row.reflection_author_id == w.practitioner


def test_both_laptops_making_a_new_area_offline_merge(pair: Pair) -> None:
    w = pair.world
    _review(pair.auditor, pair, "review", w.auditor, grade="good", rationale="Timely reviews")
    _review(pair.practitioner, pair, "review", w.practitioner, practitioner_reflection="Agreed")
    pair.auditor.sync()
    pair.practitioner.sync()  # its insert meets the auditor's: merged, and the pull goes on
    pair.auditor.sync()
    row_id = pair.review_id("review")
    for laptop in (pair.auditor, pair.practitioner):
        row = _stored(laptop, m.SectionReview, row_id)
        assert isinstance(row, m.SectionReview)
        assert (row.grade, row.rationale, row.practitioner_reflection) == (
            "good",
            "Timely reviews",
            "Agreed",
        )
    assert pair.central_field("section_reviews", row_id, "practitioner_reflection") == "Agreed"
    # Later changes still flow both ways: nothing stopped.
    edit(pair.qa.store, w.qa, m.Audit, pair.audit_id, impact="After the merge")
    pair.qa.sync()
    pair.sync_all()
    assert audit(pair.practitioner.store, pair.audit_id).impact == "After the merge"


def _submit(pair: Pair) -> None:
    edit(pair.auditor.store, pair.world.auditor, m.Audit, pair.audit_id, state="submitted")
    pair.sync_all()


def _sign_off(laptop: Laptop, pair: Pair, actor: str) -> None:
    """What the practitioner's sign-off writes: both signatures' fields, the lifecycle log,
    the audit closed (routing found no reason to moderate)."""
    with laptop.store.session() as s:
        r = Recorder(s, actor, NOW)
        row = s.get(m.Audit, pair.audit_id)
        assert row is not None
        r.update(row, practitioner_signed_at=NOW, practitioner_disagrees=False)
        r.insert(
            m.AuditEvent,
            audit_id=pair.audit_id,
            at=NOW,
            actor_id=actor,
            from_state="submitted",
            to_state="closed",
            reason="",
        )
        r.update(row, state="closed")
        r.update(row, closed_on=date(2026, 11, 20))


def test_the_practitioners_sign_off_on_their_laptop_closes_the_audit_centrally(
    pair: Pair,
) -> None:
    _submit(pair)
    _sign_off(pair.practitioner, pair, pair.world.practitioner)
    report = pair.practitioner.sync()
    assert report.refused == 0
    assert pair.central_field("audits", pair.audit_id, "state") == "closed"
    pair.auditor.sync()
    closed = audit(pair.auditor.store, pair.audit_id)
    assert closed.state == "closed" and closed.practitioner_signed_at is not None


def test_a_sign_off_made_for_the_practitioner_without_them_never_closes_it(pair: Pair) -> None:
    _submit(pair)
    _sign_off(pair.auditor, pair, pair.world.auditor)
    report = pair.auditor.sync()
    assert report.refused >= 2  # their signature and the closing: not the auditor's to make
    assert pair.central_field("audits", pair.audit_id, "state") == "submitted"
    assert pair.central_field("audits", pair.audit_id, "practitioner_signed_at") is None
    pair.practitioner.sync()
    assert audit(pair.practitioner.store, pair.audit_id).state == "submitted"


def test_an_owner_marks_an_action_done_and_every_laptop_agrees(pair: Pair) -> None:
    w = pair.world
    with pair.auditor.store.session() as s:
        action_id = (
            Recorder(s, w.auditor, NOW)
            .insert(
                m.Action,
                audit_id=pair.audit_id,
                description="Visit the child alone",
                owner_id=w.practitioner,
                due_on=date(2026, 12, 1),
                status="open",
                created_at=NOW,
            )
            .id
        )
    pair.sync_all()
    edit(
        pair.practitioner.store,
        w.practitioner,
        m.Action,
        action_id,
        status="done",
        completed_on=date(2026, 11, 20),
    )
    assert pair.practitioner.sync().refused == 0
    pair.auditor.sync()
    pair.qa.sync()
    for laptop in (pair.auditor, pair.practitioner, pair.qa):
        action = _stored(laptop, m.Action, action_id)
        assert isinstance(action, m.Action) and action.status == "done"
    # Their description is still the auditor's alone.
    edit(pair.practitioner.store, w.practitioner, m.Action, action_id, description="Changed")
    assert pair.practitioner.sync().refused == 1


def test_family_feedback_never_reaches_the_allocated_workers_store(pair: Pair) -> None:
    w = pair.world
    with pair.qa.store.session() as s:
        r = Recorder(s, w.qa, NOW)
        feedback = r.insert(
            m.FamilyFeedback,
            audit_id=pair.audit_id,
            form_version_id=w.version,
            respondent="parent",
            recorded_by_id=w.qa,
            consent_given=True,
            method="phone",
            recorded_on=date(2026, 11, 19),
            created_at=NOW,
        ).id
        r.insert(m.FeedbackAnswer, feedback_id=feedback, question_id="F1", value="no")
    pair.qa.sync()
    pair.sync_all()
    with pair.practitioner.store.reader() as s:
        assert s.scalar(select(func.count()).select_from(m.FamilyFeedback)) == 0
        assert s.scalar(select(func.count()).select_from(m.FeedbackAnswer)) == 0
    with pair.auditor.store.reader() as s:
        assert s.scalar(select(func.count()).select_from(m.FamilyFeedback)) == 1
        assert s.scalar(select(func.count()).select_from(m.FeedbackAnswer)) == 1


def test_observations_reach_only_those_who_may_read_them(
    pair: Pair, laptops: Callable[[str, CentralAddress], Laptop]
) -> None:
    w = pair.world
    with pair.qa.store.session() as s:
        observation = (
            Recorder(s, w.qa, NOW)
            .insert(
                m.Observation,
                form_version_id=w.version,
                observer_id=w.auditor,
                practitioner_id=w.other_practitioner,
                setting="home visit",
                observed_on=date(2026, 11, 19),
                consent_given=True,
                created_at=NOW,
            )
            .id
        )
    pair.qa.sync()
    observed = laptops(
        "observed",
        pair.central.add_login("obs", w.other_practitioner, ["practitioner"]),
    )
    observed.sync()
    head = laptops("head", pair.central.add_login("hos", w.head, ["head_of_service"]))
    head.sync()
    pair.sync_all()
    assert _stored(pair.auditor, m.Observation, observation) is not None  # the observer
    assert _stored(observed, m.Observation, observation) is not None  # the observed
    assert _stored(pair.practitioner, m.Observation, observation) is None
    assert _stored(head, m.Observation, observation) is None


def test_a_meeting_action_carries_its_meetings_audit(
    pair: Pair, laptops: Callable[[str, CentralAddress], Laptop]
) -> None:
    w = pair.world
    theirs = add_audit(
        pair.qa.store, w, "QA-0000002", auditor=w.other_auditor, practitioner=w.other_practitioner
    )
    with pair.qa.store.session() as s:
        r = Recorder(s, w.qa, NOW)
        meeting = r.insert(
            m.Meeting, audit_id=theirs, head_of_service_id=w.head, due_on=date(2026, 12, 1)
        ).id
        s.flush()
        action = r.insert(
            m.Action,
            meeting_id=meeting,
            description="Supervision monthly",
            owner_id=w.other_practitioner,
            due_on=date(2026, 12, 1),
            status="open",
            created_at=NOW,
        ).id
    pair.qa.sync()
    pair.practitioner.sync()
    assert _stored(pair.practitioner, m.Action, action) is None
    with pair.central.admin_connection() as conn:
        scope = conn.execute(
            "SELECT audit_id FROM qa_central.rows WHERE table_name = 'actions' AND row_id = %s",
            (action,),
        ).fetchone()
    assert scope == (theirs,)
