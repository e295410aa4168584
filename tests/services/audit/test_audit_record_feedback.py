"""The family feedback in the audit record PDF: there, before the history, for a person who
may read it (as in the audit viewer); not a word of it for the allocated worker or from the
command line, which has no signed-in person."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Role
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.documents import DocumentService
from qa_desktop.services.audit.feedback import (
    FeedbackAnswerEntry,
    FeedbackEntry,
    FeedbackService,
    Method,
    Respondent,
)
from qa_desktop.services.clock import Clock
from qa_desktop.services.setup.people import Actor, DirectoryService
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from tests.reports.pdfread import flowing_text

THE_FAMILYS_WORDS = ("She rushed the last visit", "She plays cards with me", "Agreed by phone")


def _closed_audit(store: Store) -> tuple[str, str]:
    """A closed demo audit with a practitioner (and a history), and that practitioner."""
    with store.reader() as session:
        found = session.execute(
            select(m.Audit.id, m.Audit.practitioner_id)
            .where(m.Audit.state == AuditState.CLOSED.value, m.Audit.practitioner_id.isnot(None))
            .order_by(m.Audit.reference)
        ).first()
    assert found is not None
    return found[0], found[1]


def _person(store: Store, role: Role) -> Actor:
    directory = DirectoryService(store)
    return directory.actor(next(p for p in directory.people() if p.role is role).id)


def _record_feedback(store: Store, clock: Clock, audit_id: str, qa: Actor) -> None:
    feedback = FeedbackService(store, clock)
    feedback.record(
        FeedbackEntry(
            audit_id=audit_id,
            respondent=Respondent.ADULT,
            consent_given=True,
            consent_note="Agreed by phone",
            method=Method.PHONE,
            answers=(
                FeedbackAnswerEntry("FA1", "yes"),
                FeedbackAnswerEntry("FA2", "not_really", "She rushed the last visit"),
                FeedbackAnswerEntry("FA10", "The weekly visits"),
            ),
        ),
        qa,
    )
    feedback.record(
        FeedbackEntry(
            audit_id=audit_id,
            respondent=Respondent.CHILD,
            consent_given=True,
            consent_note="",
            method=Method.IN_PERSON,
            answers=(
                FeedbackAnswerEntry("FC1", "happy", "She plays cards with me"),
                FeedbackAnswerEntry("FC2", "okay"),
                FeedbackAnswerEntry("FC6", "sad", "Moving school"),
            ),
        ),
        qa,
    )
    feedback.record(
        FeedbackEntry(
            audit_id=audit_id,
            respondent=Respondent.CHILD,
            consent_given=False,
            consent_note="Did not want to talk today",
            method=Method.IN_PERSON,
            answers=(),
        ),
        qa,
    )


@pytest.fixture
def audit_with_feedback(demo_store: Store, clock: Clock) -> tuple[str, str, Actor]:
    audit_id, practitioner_id = _closed_audit(demo_store)
    qa = _person(demo_store, Role.QA_OFFICER)
    _record_feedback(demo_store, clock, audit_id, qa)
    return audit_id, practitioner_id, qa


def test_a_qa_officer_exports_what_the_family_said_before_the_history(
    demo_store: Store, audit_with_feedback: tuple[str, str, Actor], tmp_path: Path
) -> None:
    audit_id, _worker, qa = audit_with_feedback
    written = DocumentService(demo_store).export_audit(audit_id, tmp_path / "record.pdf", qa)
    text = flowing_text(written.path)
    section = text[text.index("Family feedback") : text.index("History of this audit")]
    expected = [
        # The parent's questionnaire: who, when, how, who recorded it, consent and its note.
        "Parent or carer, 20 November 2026",
        "Given by Parent or carer Date 20 November 2026",
        f"How By phone Recorded by {qa.person.name}",
        "Consent Given Consent note Agreed by phone",
        "FA2 Did you feel listened to? Not really “She rushed the last visit”",
        "FA10 What has been most helpful? The weekly visits",
        # The child's: faces named in words, since the document's fonts have no emoji.
        "Child, 20 November 2026",
        "How In person",
        "Consent Given Consent note None recorded",
        "FC1 Does your social worker listen to you? Yes (happy face) “She plays cards with me”",
        "FC2 Do you know why your social worker visits? Sort of (OK face)",
        "FC6 Is there anything you still worry about? Yes (sad face) “Moving school”",
        # A refusal is recorded, with nothing the child said.
        "Consent Declined: nothing they said is recorded Consent note Did not want to talk today",
    ]
    missing = [piece for piece in expected if piece not in section]
    assert not missing
    positions = [section.index(piece) for piece in expected]
    assert positions == sorted(positions)
    # Questions not asked are not listed, and no emoji reaches the document.
    assert "Were you treated with respect" not in section
    assert not any(face in text for face in "🙂😐🙁")
    # The section sits after the sign-off and before the audit's history, as in the viewer.
    assert text.index("Sign-off") < text.index("Family feedback")
    assert text.index("Family feedback") < text.index("History of this audit")


def test_the_allocated_worker_and_the_command_line_get_none_of_it(
    demo_store: Store, audit_with_feedback: tuple[str, str, Actor], tmp_path: Path
) -> None:
    audit_id, worker_id, _qa = audit_with_feedback
    documents = DocumentService(demo_store)
    worker = DirectoryService(demo_store).actor(worker_id)
    for name, actor in (("worker", worker), ("command line", SYSTEM)):
        written = documents.export_audit(audit_id, tmp_path / f"{name}.pdf", actor)
        text = flowing_text(written.path)
        # Not even the heading: the document does not say that feedback exists.
        assert "Family feedback" not in text, name
        assert "No family feedback" not in text, name
        assert not any(words in text for words in THE_FAMILYS_WORDS), name
        assert "History of this audit" in text  # the rest of the record is all there


def test_an_audit_without_feedback_says_so(demo_store: Store, tmp_path: Path) -> None:
    audit_id, _worker = _closed_audit(demo_store)
    manager = _person(demo_store, Role.HEAD_OF_SERVICE)
    written = DocumentService(demo_store).export_audit(audit_id, tmp_path / "r.pdf", manager)
    text = flowing_text(written.path)
    assert (
        "Family feedback No family feedback has been recorded for this audit. History of this audit"
    ) in text
