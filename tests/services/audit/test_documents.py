"""Exporting the audit record and the meeting notes from a real store, read back as text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from qa_desktop.domain.grades import Grade
from qa_desktop.errors import ValidationError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.documents import DocumentService, ExportError
from qa_desktop.services.clock import Clock
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder
from tests.reports.pdfread import flowing_text, pages_text, reader
from tests.reports.samples import words


def _first(store: Store, *conditions: object) -> m.Audit:
    with store.reader() as session:
        audit = session.scalars(
            select(m.Audit).where(*conditions).order_by(m.Audit.reference).limit(1)  # type: ignore[arg-type]
        ).first()
        assert audit is not None
        session.expunge(audit)
        return audit


def _complete_moderation(store: Store, audit_id: str, clock: Clock) -> None:
    """What the moderation screen does: decide the overall grade, then close the audit."""
    with store.session() as session:
        audit = session.get(m.Audit, audit_id)
        assert audit is not None
        moderator = session.scalars(
            select(m.Person).where(m.Person.is_moderator.is_(True)).limit(1)
        ).one()
        recorder = Recorder(session, moderator.id, clock())
        recorder.insert(
            m.Moderation,
            audit_id=audit_id,
            section_id=m.OVERALL,
            moderator_id=moderator.id,
            auditor_grade=audit.overall_grade,
            moderated_grade=Grade.REQUIRES_IMPROVEMENT.value,
            reason="Evidence of impact is thin; Requires Improvement is fairer.",
            decided_at=clock(),
        )
        recorder.update(audit, state="closed", closed_on=clock().date())


def test_an_audit_is_draft_in_moderation_and_final_once_moderated(
    demo_store: Store, clock: Clock, tmp_path: Path
) -> None:
    audit = _first(demo_store, m.Audit.state == "in_moderation")
    documents = DocumentService(demo_store)

    before = documents.export_audit(audit.id, tmp_path / "before.pdf", SYSTEM)
    pages = pages_text(before.path)
    assert all("DRAFT" in page for page in pages)
    assert "Awaiting moderation" in flowing_text(before.path)

    _complete_moderation(demo_store, audit.id, clock)
    after = documents.export_audit(audit.id, tmp_path / "after.pdf", SYSTEM)
    pages = pages_text(after.path)
    assert not any("DRAFT" in page for page in pages)
    text = flowing_text(after.path)
    assert "Evidence of impact is thin; Requires Improvement is fairer." in text
    auditor_grade = Grade(audit.overall_grade).label  # type: ignore[arg-type]
    assert re.search(
        rf"Overall \S.*? {auditor_grade} Requires Improvement (Changed|Agreed) by ", text
    )


def test_the_record_carries_what_the_store_holds(demo_store: Store, tmp_path: Path) -> None:
    audit = _first(demo_store, m.Audit.state == "closed")
    documents = DocumentService(demo_store)
    record = documents.audit_record_data(audit.id, SYSTEM)
    written = documents.export_audit(audit.id, tmp_path / "record.pdf", SYSTEM)
    assert written.path.read_bytes()[:5] == b"%PDF-"
    assert written.size == written.path.stat().st_size
    text = flowing_text(written.path)
    assert f"Audit {record.reference} State Closed" in text
    assert f"Case {record.case_reference} ({record.case_initials})" in text
    assert f"Auditor {record.auditor}" in text
    for number, area in enumerate(record.areas, start=1):
        assert f"{number}. {area.title}" in text
        for question in area.questions:
            assert " ".join(question.text.split()) in text
    for action in record.actions:
        assert " ".join(action.description.split()) in text
    meta = reader(written.path).metadata
    assert meta is not None and meta.title == f"Audit record {record.reference}"
    assert meta.author == record.auditor
    # Exporting again gives the same fingerprint: two copies can be compared.
    again = documents.export_audit(audit.id, tmp_path / "again.pdf", SYSTEM)
    fingerprint = re.search(r"Fingerprint (\S+)", pages_text(written.path)[0])
    assert fingerprint is not None
    assert f"Fingerprint {fingerprint.group(1)}" in pages_text(again.path)[0]


def test_every_field_filled_with_long_text_comes_out_whole(
    demo_store: Store, clock: Clock, tmp_path: Path
) -> None:
    audit = _first(demo_store, m.Audit.state == "closed")
    fields: dict[str, str] = {}
    with demo_store.session() as session:
        recorder = Recorder(session, None, clock())
        row = session.get(m.Audit, audit.id)
        assert row is not None
        for name in ("voice_of_child", "impact", "overall_rationale"):
            fields[name] = words(name.replace("_", ""), 400)
        recorder.update(row, **fields)
        for review in session.scalars(
            select(m.SectionReview).where(m.SectionReview.audit_id == audit.id)
        ):
            values = {
                name: words(f"{review.section_id}{name.replace('_', '')}", 300)
                for name in (
                    "working_well",
                    "worried",
                    "even_better_if",
                    "practitioner_reflection",
                    "rationale",
                )
            }
            fields.update({f"{review.section_id}{k}": v for k, v in values.items()})
            recorder.update(review, **values)
        for answer in session.scalars(select(m.Answer).where(m.Answer.audit_id == audit.id)):
            evidence = words(f"ev{answer.question_id}x", 120)
            fields[f"ev{answer.question_id}"] = evidence
            recorder.update(answer, evidence=evidence)
    written = DocumentService(demo_store).export_audit(audit.id, tmp_path / "long.pdf", SYSTEM)
    assert len(pages_text(written.path)) > 20
    text = flowing_text(written.path)
    for name, value in fields.items():
        expected = value.split()
        tag = re.escape(expected[0][:-4])
        assert re.findall(rf"\b{tag}\d{{4}}\b", text) == expected, name


def test_meeting_notes_for_an_audit_with_a_meeting(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.reader() as session:
        meeting = session.scalars(
            select(m.Meeting).where(m.Meeting.held_on.is_not(None)).limit(1)
        ).one()
        audit = session.get(m.Audit, meeting.audit_id)
        assert audit is not None
        reference, held_on = audit.reference, meeting.held_on
    documents = DocumentService(demo_store)
    written = documents.export_meeting(
        documents.audit_id(reference.lower()), tmp_path / "m.pdf", SYSTEM
    )
    text = flowing_text(written.path)
    assert f"After audit {reference}" in text
    assert isinstance(held_on, date)
    assert f"Date {held_on.day} {held_on.strftime('%B %Y')}" in text
    assert "Barriers and challenges High caseloads" in text
    assert "Agreed actions What Who By when Status" in text


def test_clear_errors_for_unknown_references_missing_meetings_and_bad_folders(
    demo_store: Store, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp_path = tmp_path_factory.mktemp("out")
    documents = DocumentService(demo_store)
    with pytest.raises(ValidationError, match="There is no audit QA-0000000 in this store"):
        documents.audit_id(" QA-0000000 ")
    with demo_store.reader() as session:
        without = session.scalar(
            select(m.Audit.id)
            .where(m.Audit.id.not_in(select(m.Meeting.audit_id)))
            .order_by(m.Audit.reference)
            .limit(1)
        )
    assert without is not None
    with pytest.raises(ValidationError, match="has no reflective meeting"):
        documents.export_meeting(without, tmp_path / "none.pdf", SYSTEM)
    assert not (tmp_path / "none.pdf").exists()
    with pytest.raises(ExportError, match="does not exist"):
        documents.export_audit(without, tmp_path / "missing" / "x.pdf", SYSTEM)
    assert list(tmp_path.iterdir()) == []  # no half-written or temporary file left behind


def test_a_practitioner_exports_only_the_audits_they_take_part_in(
    demo_store: Store, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from qa_desktop.errors import PermissionRefused
    from qa_desktop.services.setup.people import DirectoryService

    out = tmp_path_factory.mktemp("out")
    audit = _first(demo_store, m.Audit.state == "closed")
    directory = DirectoryService(demo_store)
    documents = DocumentService(demo_store)
    own = directory.actor(audit.practitioner_id or "")
    stranger = next(
        directory.actor(p.id)
        for p in directory.people()
        if p.role.value == "practitioner"
        and p.id != audit.practitioner_id
        and not _involved(demo_store, audit.id, p.id)
    )
    assert documents.export_audit(audit.id, out / "own.pdf", own).size > 0
    with pytest.raises(PermissionRefused):
        documents.export_audit(audit.id, out / "not-mine.pdf", stranger)
    assert not (out / "not-mine.pdf").exists()


def _involved(store: Store, audit_id: str, person_id: str) -> bool:
    with store.reader() as session:
        return bool(
            session.scalar(
                select(m.Participant.id).where(
                    m.Participant.audit_id == audit_id, m.Participant.person_id == person_id
                )
            )
        )
