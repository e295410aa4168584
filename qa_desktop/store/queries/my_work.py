"""My work's rows and the person using the app, read with plain SQL over a DB-API connection.

No SQLAlchemy here: the quick start reads them from a bare SQLCipher connection before
SQLAlchemy is imported, and the service reads them through its session's own connection,
so both show the same rows. What the rows mean (what is the person's, due, overdue) is
decided in ``domain/my_work.py``.

SQLite keeps what SQLAlchemy writes as text: dates ``YYYY-MM-DD``, moments
``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC, no zone) and booleans as 0 or 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.learning_reviews import ActionStatus
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.my_work import (
    ActionRow,
    AuditRow,
    EscalationRow,
    HistoryTick,
    MeetingRow,
    MyWorkRows,
    QueuedRow,
    ReviewActionRow,
    ReviewRow,
    ThematicActionRow,
    receives_escalations,
)
from qa_desktop.domain.people import PersonInfo
from qa_desktop.domain.published_settings import (
    MODERATION_SEED,
    MODERATION_SHARE_PERCENT,
    MODERATOR_ROLES,
    PublishedSetting,
    T,
    roles_of,
    stored_value,
)
from qa_desktop.domain.roles import Role


class Db(Protocol):
    """A DB-API connection (sqlite3 or sqlcipher3): ``execute`` returns a cursor."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


def _rows(db: Db, sql: str, *params: object) -> list[tuple[Any, ...]]:
    return list(db.execute(sql, params).fetchall())


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _grade(text: str | None) -> Grade | None:
    return Grade(text) if text else None


def setting(db: Db, published: PublishedSetting[T]) -> T:
    found = _rows(db, "SELECT value FROM settings WHERE key = ?", published.key)
    return stored_value(published, found[0][0] if found else None)


def moderator_roles(db: Db) -> frozenset[Role]:
    """Who may moderate, as the QA team publishes it (rights.moderator_roles)."""
    return roles_of(setting(db, MODERATOR_ROLES))


_PEOPLE = """
SELECT p.id, p.name, p.role, p.is_auditor, p.is_moderator, p.team_id, t.name,
       coalesce(s.name, own_s.name, ''), coalesce(a.name, own_a.name, '')
FROM people p
LEFT JOIN teams t ON p.team_id = t.id
LEFT JOIN services s ON t.service_id = s.id
LEFT JOIN areas a ON t.area_id = a.id
LEFT JOIN services own_s ON p.service_id = own_s.id
LEFT JOIN areas own_a ON p.area_id = own_a.id
"""


def _person_info(row: tuple[Any, ...]) -> PersonInfo:
    pid, name, role, auditor, moderator, team_id, team, service, area = row
    return PersonInfo(
        id=pid,
        name=name,
        role=Role(role),
        is_auditor=bool(auditor),
        is_moderator=bool(moderator),
        team_id=team_id,
        team_name=team or "",
        service_name=service,
        area_name=area,
    )


def person(db: Db, person_id: str) -> PersonInfo | None:
    found = _rows(db, _PEOPLE + "WHERE p.id = ?", person_id)
    return _person_info(found[0]) if found else None


def first_active_person(db: Db) -> PersonInfo | None:
    """The first active person by name (the smoke test's, when none is remembered)."""
    found = _rows(db, _PEOPLE + "WHERE p.active = 1 ORDER BY p.name LIMIT 1")
    return _person_info(found[0]) if found else None


def sync_state(db: Db, key: str) -> str | None:
    found = _rows(db, "SELECT value FROM sync_state WHERE key = ?", key)
    return found[0][0] if found else None


def my_work_rows(db: Db, person_id: str) -> MyWorkRows:
    """The candidate rows of one person's My work (``domain.my_work.my_work`` decides)."""
    return MyWorkRows(
        audits=_audits(db, person_id),
        queue=_queue(db),
        meetings=_meetings(db),
        actions=_actions(db, person_id),
        escalations=(escalations := _escalations(db, person_id)),
        ticks=_ticks(db, [e.audit_id for e in escalations]),
        reviews=_reviews(db, person_id),
        review_actions=_review_actions(db, person_id),
        thematic_actions=_thematic_actions(db, person_id),
        share_percent=setting(db, MODERATION_SHARE_PERCENT),
        seed=setting(db, MODERATION_SEED),
    )


def _audits(db: Db, person_id: str) -> tuple[AuditRow, ...]:
    rows = _rows(
        db,
        """
        SELECT au.id, au.reference, c.reference, t.name, au.state, au.audit_type, au.due_on,
               au.auditor_id, au.practitioner_id, au.practitioner_signed_at IS NOT NULL,
               au.deleted_at IS NOT NULL
        FROM audits au
        JOIN cases c ON au.case_id = c.id
        JOIN teams t ON c.team_id = t.id
        WHERE au.auditor_id = ? OR au.practitioner_id = ?
        """,
        person_id,
        person_id,
    )
    return tuple(
        AuditRow(
            id=r[0],
            reference=r[1],
            case_reference=r[2],
            team=r[3],
            state=AuditState(r[4]),
            audit_type=r[5],
            due_on=_day(r[6]),
            auditor_id=r[7],
            practitioner_id=r[8],
            practitioner_signed=bool(r[9]),
            deleted=bool(r[10]),
        )
        for r in rows
    )


IN_MODERATION = AuditState.IN_MODERATION.value


def _queue(db: Db) -> tuple[QueuedRow, ...]:
    rows = _rows(
        db,
        """
        SELECT au.id, au.reference, c.reference, t.name, au.auditor_id, au.submitted_on,
               au.overall_grade, au.practitioner_disagrees
        FROM audits au
        JOIN cases c ON au.case_id = c.id
        JOIN teams t ON c.team_id = t.id
        JOIN people p ON au.auditor_id = p.id
        WHERE au.state = ? AND au.deleted_at IS NULL
        """,
        IN_MODERATION,
    )
    entries: dict[str, str] = {}  # the latest entry of each audit wins
    for audit_id, reason in _rows(
        db,
        "SELECT audit_id, reason FROM moderation_queue WHERE deleted_at IS NULL ORDER BY added_at",
    ):
        entries[audit_id] = reason
    grades: dict[str, list[Grade | None]] = {}
    for audit_id, grade in _rows(
        db,
        "SELECT audit_id, grade FROM section_reviews WHERE audit_id IN "
        "(SELECT id FROM audits WHERE state = ? AND deleted_at IS NULL)",
        IN_MODERATION,
    ):
        grades.setdefault(audit_id, []).append(_grade(grade))
    return tuple(
        QueuedRow(
            id=r[0],
            reference=r[1],
            case_reference=r[2],
            team=r[3],
            auditor_id=r[4],
            submitted_on=_day(r[5]),
            entry_reason=entries.get(r[0]),
            overall_grade=_grade(r[6]),
            disputed=bool(r[7]),
            area_grades=tuple(grades.get(r[0], ())),
        )
        for r in rows
    )


def _meetings(db: Db) -> tuple[MeetingRow, ...]:
    """Every meeting not signed off (few: one per confirmed Inadequate)."""
    rows = _rows(
        db,
        """
        SELECT mt.id, mt.audit_id, au.reference, c.reference, t.name, mt.due_on,
               mt.head_of_service_id, p.name, p.role, au.deleted_at IS NOT NULL
        FROM meetings mt
        JOIN audits au ON mt.audit_id = au.id
        JOIN cases c ON au.case_id = c.id
        JOIN teams t ON c.team_id = t.id
        JOIN people p ON p.id = mt.head_of_service_id
        WHERE mt.signed_off_at IS NULL
        """,
    )
    return tuple(
        MeetingRow(
            id=r[0],
            audit_id=r[1],
            reference=r[2],
            case_reference=r[3],
            team=r[4],
            due_on=date.fromisoformat(r[5]),
            head_id=r[6],
            head_name=r[7],
            head_role=Role(r[8]),
            signed_off=False,
            audit_deleted=bool(r[9]),
        )
        for r in rows
    )


def _actions(db: Db, person_id: str) -> tuple[ActionRow, ...]:
    rows = _rows(
        db,
        """
        SELECT ac.id, au.id, au.reference, c.reference, t.name, ac.description, ac.due_on,
               ac.status, ac.deleted_at IS NOT NULL
        FROM actions ac
        LEFT JOIN meetings mt ON ac.meeting_id = mt.id
        LEFT JOIN audits au ON au.id = coalesce(ac.audit_id, mt.audit_id)
        LEFT JOIN cases c ON au.case_id = c.id
        LEFT JOIN teams t ON c.team_id = t.id
        WHERE ac.owner_id = ?
        """,
        person_id,
    )
    return tuple(
        ActionRow(
            id=r[0],
            audit_id=r[1],
            reference=r[2] or "",
            case_reference=r[3] or "",
            team=r[4] or "",
            description=r[5],
            due_on=date.fromisoformat(r[6]),
            status=r[7],
            deleted=bool(r[8]),
        )
        for r in rows
    )


def _escalations(db: Db, person_id: str) -> tuple[EscalationRow, ...]:
    """Escalated audits of the team the person manages, or of the service (in its area,
    where they lead one area) the head of service leads."""
    found = _rows(
        db,
        "SELECT role, team_id, service_id, area_id, active FROM people WHERE id = ?",
        person_id,
    )
    if not found:
        return ()
    role, team_id, service_id, area_id, active = found[0]
    if not active or not receives_escalations(Role(role)):
        return ()
    if role == Role.TEAM_MANAGER.value:
        if team_id is None:
            return ()
        scope, params = "t.id = ?", [team_id]
    else:
        if service_id is None:
            return ()
        scope, params = "t.service_id = ?", [service_id]
        if area_id is not None:
            scope, params = scope + " AND t.area_id = ?", [service_id, area_id]
    rows = _rows(
        db,
        f"""
        SELECT au.id, au.reference, au.state, au.escalation_note, c.reference, t.name, p.name
        FROM audits au
        JOIN cases c ON au.case_id = c.id
        JOIN teams t ON c.team_id = t.id
        JOIN people p ON au.auditor_id = p.id
        WHERE au.escalation = 1 AND au.deleted_at IS NULL AND {scope}
        """,
        *params,
    )
    return tuple(
        EscalationRow(
            audit_id=r[0],
            reference=r[1],
            state=AuditState(r[2]),
            note=r[3],
            case_reference=r[4],
            team=r[5],
            auditor_name=r[6],
        )
        for r in rows
    )


def _ticks(db: Db, audit_ids: list[str]) -> tuple[HistoryTick, ...]:
    if not audit_ids:
        return ()
    marks = ", ".join("?" for _ in audit_ids)
    rows = _rows(
        db,
        f"""
        SELECT h.row_id, h.at, h.field, h.new_value, p.name
        FROM history h
        LEFT JOIN people p ON h.actor_id = p.id
        WHERE h.table_name = 'audits' AND h.row_id IN ({marks})
          AND h.field IN ('escalation', '*')
        ORDER BY h.at, h.id
        """,
        *audit_ids,
    )
    return tuple(HistoryTick(r[0], _moment(r[1]), r[2], r[3], r[4]) for r in rows)


def _reviews(db: Db, person_id: str) -> tuple[ReviewRow, ...]:
    rows = _rows(
        db,
        """
        SELECT lr.id, c.reference, t.name, lr.event, lr.completed_on IS NOT NULL,
               lr.deleted_at IS NOT NULL
        FROM learning_reviews lr
        JOIN cases c ON c.id = lr.case_id
        JOIN teams t ON t.id = c.team_id
        WHERE lr.lead_id = ?
        """,
        person_id,
    )
    return tuple(ReviewRow(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5])) for r in rows)


def _review_actions(db: Db, person_id: str) -> tuple[ReviewActionRow, ...]:
    rows = _rows(
        db,
        """
        SELECT la.id, la.review_id, c.reference, t.name, la.description, la.due_on, la.status,
               la.deleted_at IS NOT NULL, lr.deleted_at IS NOT NULL
        FROM learning_review_actions la
        JOIN learning_reviews lr ON lr.id = la.review_id
        JOIN cases c ON c.id = lr.case_id
        JOIN teams t ON t.id = c.team_id
        WHERE la.owner_id = ?
        """,
        person_id,
    )
    return tuple(
        ReviewActionRow(
            id=r[0],
            review_id=r[1],
            case_reference=r[2],
            team=r[3],
            description=r[4],
            due_on=date.fromisoformat(r[5]),
            status=ActionStatus(r[6]),
            deleted=bool(r[7]),
            review_deleted=bool(r[8]),
        )
        for r in rows
    )


def _thematic_actions(db: Db, person_id: str) -> tuple[ThematicActionRow, ...]:
    rows = _rows(
        db,
        """
        SELECT ta.id, ta.thematic_id, th.theme, ta.description, ta.due_on, pr.status
        FROM thematic_actions ta
        JOIN thematic_audits th ON th.id = ta.thematic_id
        LEFT JOIN thematic_action_progress pr ON pr.action_id = ta.id
        WHERE ta.owner_id = ?
        """,
        person_id,
    )
    return tuple(
        ThematicActionRow(
            id=r[0],
            thematic_id=r[1],
            theme=r[2],
            description=r[3],
            due_on=date.fromisoformat(r[4]),
            status=ActionStatus(r[5] or ActionStatus.OPEN.value),
        )
        for r in rows
    )
