"""Plain data for document tests: a full audit record and meeting notes (synthetic names)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from qa_desktop.domain.grades import Grade
from qa_desktop.reports.audit_record import (
    ActionEntry,
    AreaEntry,
    AuditRecordData,
    HistoryEntry,
    ModerationEntry,
    QuestionEntry,
)
from qa_desktop.reports.meeting_notes import MeetingNotesData

AREAS = ("Assessment", "Planning", "Intervention", "Review", "Supervision and Management Oversight")


def words(tag: str, count: int) -> str:
    """``count`` numbered words that say which field they belong to: ``tag0000 tag0001 ...``."""
    return " ".join(f"{tag}{n:04d}" for n in range(count))


def audit_record(
    *, long: int = 0, moderated: bool = True, state: str = "Closed"
) -> AuditRecordData:
    """An audit record; with ``long`` > 0 every free-text field holds that many tagged words."""

    def text(tag: str, short: str) -> str:
        return words(tag, long) if long else short

    moderation = ModerationEntry(
        moderator="Priya Castellano",
        auditor_grade=Grade.GOOD,
        moderated_grade=Grade.REQUIRES_IMPROVEMENT,
        reason=text("modreason", "Plans are not specific enough for Good."),
        decided_at=datetime(2026, 11, 18, 14, 30, tzinfo=UTC),
    )
    areas = tuple(
        AreaEntry(
            title=title,
            questions=tuple(
                QuestionEntry(
                    number=f"{title[0]}{q}",
                    text=f"Question {q} about {title.lower()}?",
                    key=q == 1,
                    answer="N/A" if q == 3 else "Yes",
                    na_reason=text(f"na{i}q{q}x", "Pre-birth") if q == 3 else "",
                    evidence=text(f"ev{i}q{q}x", "Seen on the case record."),
                )
                for q in range(1, 4)
            ),
            grade=Grade.GOOD,
            suggested_grade=Grade.GOOD,
            rationale=text(f"rat{i}x", "Consistent practice."),
            working_well=text(f"well{i}x", "Visits are purposeful."),
            worried=text(f"worry{i}x", "Drift between reviews."),
            even_better_if=text(f"ebi{i}x", "Use direct-work tools."),
            reflection=text(f"refl{i}x", "The plan did not keep up."),
            reflection_author="Tom Ashgrove",
            moderation=moderation if moderated and i == 2 else None,
        )
        for i, title in enumerate(AREAS, start=1)
    )
    return AuditRecordData(
        reference="QA-7K2M9QF",
        case_reference="CR400123",
        case_initials="JB",
        child="8 years, Child protection",
        team="Hillside Family Safeguarding",
        service="Family Safeguarding",
        area="West",
        form_title="Learning audit",
        form_version=3,
        audit_type="Routine (monthly)",
        state=state,
        auditor="Dana Whitfield",
        practitioner="Tom Ashgrove",
        participants=(("Tom Ashgrove", "Practitioner"), ("Rhea Mallory", "Team manager")),
        due_on=date(2026, 11, 10),
        completed_on=date(2026, 11, 9),
        closed_on=date(2026, 11, 18) if moderated else None,
        areas=areas,
        moderation_complete=moderated,
        in_moderation=not moderated,
        overall_grade=Grade.GOOD,
        overall_suggested=Grade.GOOD,
        overall_rationale=text("ovrat", "Good overall."),
        voice_of_child=text("voice", "The child says they feel listened to."),
        impact=text("impact", "School attendance has improved."),
        overall_moderation=replace(moderation, reason=text("ovmod", "Agreed with changes."))
        if moderated
        else None,
        escalation=bool(long),
        escalation_note=text("escal", "Referred to the team manager."),
        actions=tuple(
            ActionEntry(
                description=text(f"act{n}x", f"Action {n}: update the plan."),
                owner="Rhea Mallory",
                due_on=date(2026, 12, n + 1),
                status="Open",
            )
            for n in range(3)
        ),
        auditor_signed_at=datetime(2026, 11, 9, 15, 0, tzinfo=UTC),
        practitioner_signed_at=datetime(2026, 11, 9, 16, 0, tzinfo=UTC),
        practitioner_disagrees=True,
        practitioner_disagreement=text("disagree", "The grade does not reflect the work."),
        history=(
            HistoryEntry(
                datetime(2026, 11, 9, 15, tzinfo=UTC), "In progress → Submitted", "Dana Whitfield"
            ),
        ),
    )


def meeting_notes(*, signed: bool = True, long: int = 0) -> MeetingNotesData:
    def text(tag: str, short: str) -> str:
        return words(tag, long) if long else short

    return MeetingNotesData(
        audit_reference="QA-7K2M9QF",
        case_reference="CR400123",
        case_initials="JB",
        child="8 years, Child protection",
        team="Hillside Family Safeguarding",
        form_title="Learning audit",
        form_version=3,
        auditor="Dana Whitfield",
        practitioner="Tom Ashgrove",
        auditor_grade=Grade.REQUIRES_IMPROVEMENT,
        moderated_grade=Grade.INADEQUATE,
        audit_completed_on=date(2026, 11, 2),
        head_of_service="Marcus Ellery",
        due_on=date(2026, 11, 16),
        held_on=date(2026, 11, 13),
        attendees=("Marcus Ellery", "Dana Whitfield", "Tom Ashgrove"),
        barriers=text("barrier", "High caseloads and a change of worker delayed the plan."),
        lived_experience=text("lived", "The child has moved school twice."),
        actions=(
            ActionEntry(
                text("mact", "Hold a family network meeting."),
                "Tom Ashgrove",
                date(2026, 11, 27),
                "Open",
            ),
        ),
        signed_off_at=datetime(2026, 11, 13, 17, tzinfo=UTC) if signed else None,
        reaudit_due_on=date(2026, 12, 25),
    )
