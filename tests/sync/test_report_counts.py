"""The counts a store keeps for reports follow what sync pulls in: audits, answers, reviews,
moderations, meetings and actions made or changed on another laptop, applied as rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.sync.connection import CentralAddress
from tests.conftest import NOW
from tests.services.reporting.kept_counts_check import assert_kept_counts_agree
from tests.sync.conftest import Central, Laptop
from tests.sync.world import World, add_audit, build_world, edit, remove


def _complete(laptop: Laptop, world: World, audit_id: str, day: date, grade: str) -> str:
    """Answers, reviews, an overall moderation, a meeting and actions for an audit, and close
    it on ``day``; returns the meeting's id."""
    with laptop.store.session() as s:
        r = Recorder(s, world.qa, NOW)
        for question, value in (("A1", "yes"), ("A2", "no"), ("B1", "partly")):
            r.insert(m.Answer, audit_id=audit_id, question_id=question, value=value)
        for section, section_grade in (("A", "good"), ("B", grade)):
            r.insert(
                m.SectionReview,
                audit_id=audit_id,
                section_id=section,
                grade=section_grade,
                even_better_if="Record the child's words",
            )
        r.insert(
            m.Moderation,
            audit_id=audit_id,
            section_id=m.OVERALL,
            moderator_id=world.moderator,
            auditor_grade=grade,
            moderated_grade=grade,
            decided_at=NOW,
        )
        meeting = r.insert(
            m.Meeting,
            audit_id=audit_id,
            head_of_service_id=world.head,
            due_on=day,
            held_on=day,
            reaudit_due_on=date(2026, 12, 20),
        ).id
        s.flush()
        for owner_audit, owner_meeting in ((audit_id, None), (None, meeting)):
            r.insert(
                m.Action,
                audit_id=owner_audit,
                meeting_id=owner_meeting,
                description="Update the chronology",
                owner_id=world.practitioner,
                due_on=date(2026, 11, 30),
                status="open",
                created_at=NOW,
            )
    edit(
        laptop.store,
        world.qa,
        m.Audit,
        audit_id,
        state="closed",
        completed_on=day,
        closed_on=day,
        overall_grade=grade,
        voice_of_child="Feels listened to",
    )
    return meeting


def test_pulled_rows_keep_the_report_counts(
    central: Central, laptops: Callable[[str, CentralAddress], Laptop]
) -> None:
    qa = central.add_login("qa", "qa-person", ["qa_team"])
    one, two = laptops("one", qa), laptops("two", qa)
    world = build_world(one.store)
    first = add_audit(one.store, world, "QA-0000001")
    second = add_audit(one.store, world, "QA-0000002", practitioner=world.other_practitioner)
    _complete(one, world, first, date(2026, 11, 3), "inadequate")
    _complete(one, world, second, date(2026, 10, 20), "good")
    one.sync()
    two.sync()  # everything arrives as new rows
    assert_kept_counts_agree(two.store, today=NOW.date())

    # Changes made on one laptop arrive on the other as updates and tombstones.
    reaudit = add_audit(one.store, world, "QA-0000003")
    edit(one.store, world.qa, m.Audit, reaudit, reaudit_of_id=first)
    _complete(one, world, reaudit, date(2026, 11, 18), "good")
    edit(one.store, world.qa, m.Audit, second, overall_grade="outstanding", audit_type="thematic")
    with one.store.reader() as s:
        action = s.query(m.Action).filter(m.Action.audit_id == first).one().id
        moderation = s.query(m.Moderation).filter(m.Moderation.audit_id == second).one().id
    edit(one.store, world.qa, m.Action, action, status="done", completed_on=date(2026, 11, 25))
    edit(one.store, world.qa, m.Moderation, moderation, moderated_grade="requires_improvement")
    one.sync()
    two.sync()
    assert_kept_counts_agree(two.store, today=NOW.date())

    remove(one.store, world.qa, m.Audit, second)
    one.sync()
    two.sync()
    assert_kept_counts_agree(two.store, today=NOW.date())
    with two.store.reader() as s:
        counted = s.query(m.Audit).filter(m.Audit.deleted_at.is_(None)).count()
    assert counted == 2
