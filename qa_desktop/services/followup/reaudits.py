"""Re-audits: made once a reflective meeting has been held, and the grade movement recorded
when one is closed (for example Inadequate to Requires Improvement)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.follow_up import Movement, final_grade, grade_movement
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.references import audit_reference
from qa_desktop.store import models as m
from qa_desktop.store.models import new_id
from qa_desktop.store.recorder import Recorder


@dataclass(frozen=True)
class ReauditOutcomeView:
    reaudit_reference: str
    original_grade: Grade | None
    reaudit_grade: Grade | None
    movement: Movement | None


def standing_grade(session: Session, audit: m.Audit) -> Grade | None:
    """The audit's grade as it stands: the moderated overall grade where there is one."""
    moderated = session.scalar(
        select(m.Moderation.moderated_grade).where(
            m.Moderation.audit_id == audit.id, m.Moderation.section_id == m.OVERALL
        )
    )
    return final_grade(
        Grade(audit.overall_grade) if audit.overall_grade else None,
        Grade(moderated) if moderated else None,
    )


def create_reaudit(recorder: Recorder, original: m.Audit, due_on: date) -> m.Audit:
    """A planned re-audit of the same case, on the same form version, by the same auditor."""
    existing = recorder.session.scalar(
        select(m.Audit).where(m.Audit.reaudit_of_id == original.id, m.Audit.deleted_at.is_(None))
    )
    if existing is not None:
        return existing
    case = recorder.session.get(m.Case, original.case_id)
    audit_id = new_id()
    return recorder.insert(
        m.Audit,
        id=audit_id,
        reference=audit_reference(audit_id),
        case_id=original.case_id,
        form_version_id=original.form_version_id,
        audit_type=AuditType.REAUDIT.value,
        state=AuditState.PLANNED.value,
        auditor_id=original.auditor_id,
        practitioner_id=(case.practitioner_id if case else None) or original.practitioner_id,
        due_on=due_on,
        reaudit_of_id=original.id,
        created_at=recorder.now,
    )


def record_reaudit_outcome(
    recorder: Recorder, reaudit: m.Audit, confirmed: Grade | None, on: date
) -> m.ReauditOutcome | None:
    """Keep the grade movement of a re-audit that has just been closed."""
    if reaudit.reaudit_of_id is None:
        return None
    session = recorder.session
    original = session.get(m.Audit, reaudit.reaudit_of_id)
    if original is None:
        return None
    before = standing_grade(session, original)
    values = {
        "original_id": original.id,
        "original_grade": before.value if before else None,
        "reaudit_grade": confirmed.value if confirmed else None,
        "recorded_on": on,
    }
    row = session.scalar(select(m.ReauditOutcome).where(m.ReauditOutcome.reaudit_id == reaudit.id))
    if row is None:
        return recorder.insert(m.ReauditOutcome, reaudit_id=reaudit.id, **values)
    recorder.update(row, **values)
    return row


def outcomes_for(session: Session, original_ids: list[str]) -> dict[str, ReauditOutcomeView]:
    """The re-audit of each original audit that has one, with its movement (a few queries,
    however many audits)."""
    if not original_ids:
        return {}
    reaudits = list(
        session.scalars(
            select(m.Audit).where(
                m.Audit.reaudit_of_id.in_(original_ids), m.Audit.deleted_at.is_(None)
            )
        )
    )
    if not reaudits:
        return {}
    kept = {
        r.reaudit_id: r
        for r in session.scalars(
            select(m.ReauditOutcome).where(
                m.ReauditOutcome.reaudit_id.in_([a.id for a in reaudits])
            )
        )
    }
    involved = [a.id for a in reaudits] + [a.reaudit_of_id for a in reaudits if a.reaudit_of_id]
    moderated = dict(
        session.execute(
            select(m.Moderation.audit_id, m.Moderation.moderated_grade).where(
                m.Moderation.audit_id.in_(involved), m.Moderation.section_id == m.OVERALL
            )
        ).all()
    )
    graded = dict(
        session.execute(
            select(m.Audit.id, m.Audit.overall_grade).where(m.Audit.id.in_(involved))
        ).all()
    )

    def standing(audit_id: str) -> Grade | None:
        value = moderated.get(audit_id) or graded.get(audit_id)
        return Grade(value) if value else None

    found: dict[str, ReauditOutcomeView] = {}
    for reaudit in reaudits:
        original_id = reaudit.reaudit_of_id
        assert original_id is not None
        row = kept.get(reaudit.id)
        if row is not None:
            before = Grade(row.original_grade) if row.original_grade else None
            after = Grade(row.reaudit_grade) if row.reaudit_grade else None
        else:
            # Re-audits closed before movements were kept (imported or demo records).
            before = standing(original_id)
            closed = reaudit.state == AuditState.CLOSED.value
            after = standing(reaudit.id) if closed else None
        found[original_id] = ReauditOutcomeView(
            reaudit.reference, before, after, grade_movement(before, after)
        )
    return found
