"""My work's rules on plain rows, as the store's reader hands them over: whose an item is,
what is due and overdue, what waits for the practitioner, why an audit is in moderation,
and how long an escalation of a finished audit stays."""

from __future__ import annotations

from datetime import date, datetime

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.moderation import SelectionReason
from qa_desktop.domain.my_work import (
    AuditRow,
    EscalationRow,
    HistoryTick,
    MeetingRow,
    MyWorkRows,
    QueuedRow,
    my_work,
    queue_reason,
)
from qa_desktop.domain.people import Actor, PersonInfo
from qa_desktop.domain.published_settings import SENIOR_ROLES
from qa_desktop.domain.roles import Role

ON = date(2026, 11, 20)


def _actor(person_id: str, role: Role, *, moderator: bool = False) -> Actor:
    info = PersonInfo(person_id, person_id, role, True, moderator, None, "", "", "")
    return Actor.of(info, frozenset(SENIOR_ROLES))


def _audit(audit_id: str, state: AuditState, **fields: object) -> AuditRow:
    values: dict[str, object] = {
        "id": audit_id,
        "reference": f"QA-{audit_id}",
        "case_reference": "CR1",
        "team": "Hillside",
        "state": state,
        "audit_type": "routine",
        "due_on": None,
        "auditor_id": "auditor",
        "practitioner_id": "worker",
        "practitioner_signed": False,
        "deleted": False,
    }
    values.update(fields)
    return AuditRow(**values)  # type: ignore[arg-type]


def test_an_auditor_s_audits_to_do_are_planned_or_in_progress_and_overdue_after_the_due_day() -> (
    None
):
    rows = MyWorkRows(
        audits=(
            _audit("a", AuditState.PLANNED, due_on=date(2026, 11, 19)),
            _audit("b", AuditState.IN_PROGRESS, due_on=ON),
            _audit("c", AuditState.SUBMITTED, due_on=date(2026, 11, 1)),
            _audit("d", AuditState.PLANNED, deleted=True),
        )
    )
    work = my_work(_actor("auditor", Role.PRACTITIONER), ON, rows)
    assert [(i.id, i.overdue) for i in work.audits] == [("a", True), ("b", False)]
    assert work.waiting == ()  # the auditor is not the practitioner


def test_the_practitioner_waits_for_sign_offs_first_then_reflections() -> None:
    rows = MyWorkRows(
        audits=(
            _audit("b", AuditState.IN_PROGRESS),
            _audit("a", AuditState.SUBMITTED),
            _audit("c", AuditState.SUBMITTED, practitioner_signed=True),
            _audit("d", AuditState.CLOSED),
        )
    )
    work = my_work(_actor("worker", Role.PRACTITIONER), ON, rows)
    assert [i.id for i in work.waiting] == ["a", "b"]
    assert [i.id for i in work.signoffs] == ["a"] and work.count == 1


def _meeting(meeting_id: str, head: str, role: Role, due_on: date) -> MeetingRow:
    return MeetingRow(
        meeting_id, "a", "QA-a", "CR1", "Hillside", due_on, head, head, role, False, False
    )


def test_the_qa_team_watches_overdue_and_stand_in_meetings_others_see_only_their_own() -> None:
    rows = MyWorkRows(
        meetings=(
            _meeting("own", "head", Role.HEAD_OF_SERVICE, date(2026, 12, 1)),
            _meeting("late", "other", Role.HEAD_OF_SERVICE, date(2026, 11, 19)),
            _meeting("stand-in", "director", Role.ASSISTANT_DIRECTOR, date(2026, 12, 1)),
            _meeting("on-time", "other", Role.HEAD_OF_SERVICE, date(2026, 12, 1)),
        )
    )
    head = my_work(_actor("head", Role.HEAD_OF_SERVICE), ON, rows)
    assert [i.id for i in head.meetings] == ["own"]
    qa = my_work(_actor("qa", Role.QA_OFFICER), ON, rows)
    assert {i.id: i.own for i in qa.meetings} == {"late": False, "stand-in": False}


def test_why_an_audit_is_in_moderation_and_who_sees_the_queue() -> None:
    def reason(entry: str | None, grade: Grade | None, areas=(), share: float = 0.0):  # type: ignore[no-untyped-def]
        return queue_reason(
            entry, "a", grade, disputed=False, area_grades=areas, share_percent=share, seed=1
        )

    assert reason("added_by_qa", Grade.INADEQUATE) is SelectionReason.ADDED_BY_QA
    assert reason(None, Grade.INADEQUATE) is SelectionReason.INADEQUATE
    assert reason(None, Grade.GOOD, (Grade.INADEQUATE,)) is SelectionReason.INADEQUATE_AREA
    assert reason(None, Grade.GOOD) is SelectionReason.RANDOM_SHARE  # none of the rules
    queued = QueuedRow("q", "QA-q", "CR1", "Hillside", "auditor", ON, None, Grade.GOOD, False, ())
    rows = MyWorkRows(queue=(queued,))
    moderator = _actor("mod", Role.SERVICE_MANAGER, moderator=True)
    assert [i.id for i in my_work(moderator, ON, rows).moderation] == ["q"]
    assert my_work(_actor("mod", Role.SERVICE_MANAGER), ON, rows).moderation == ()
    own = _actor("auditor", Role.SERVICE_MANAGER, moderator=True)
    assert my_work(own, ON, rows).moderation == ()  # never one's own audit


def test_a_finished_audit_s_escalation_stays_thirty_days_from_its_latest_tick() -> None:
    closed = EscalationRow("a", "QA-a", "CR1", "Hillside", AuditState.CLOSED, "Auditor", "")
    open_one = EscalationRow("b", "QA-b", "CR1", "Hillside", AuditState.IN_PROGRESS, "Ann", "")

    def shown(ticked_on: datetime) -> list[str]:
        ticks = (
            HistoryTick("a", datetime(2026, 9, 1, 9), "escalation", "true", "Early"),
            HistoryTick("a", ticked_on, "escalation", "true", "Latest"),
        )
        rows = MyWorkRows(escalations=(closed, open_one), ticks=ticks)
        work = my_work(_actor("tm", Role.TEAM_MANAGER), ON, rows)
        return [f"{i.id}:{i.raised_by}" for i in work.escalations]

    assert shown(datetime(2026, 10, 21, 9)) == ["a:Latest", "b:Ann"]  # 30 days: still shown
    assert shown(datetime(2026, 10, 20, 9)) == ["b:Ann"]  # 31 days: gone
