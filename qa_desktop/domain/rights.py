"""The one rulebook of who may read and write what, as plain data.

Every synced record type is declared here: who may create it, change each of its fields,
delete it and read it, in which state of its audit, by their *relation* to the record (the
audit's auditor, its practitioner, a participant, the child's team manager, the head of service
of the child's service, a moderator, the QA team, the observer and the observed, an action's
owner...). The local services ask :func:`may`; the central database holds the same grants in
its ``rights`` table, which ``central init`` fills from :data:`GRANTS` (so the two never
disagree), and works out the same relations from its own rows.

Role names are one set everywhere: a person's job role (:class:`~qa_desktop.domain.roles.Role`)
and the two trained duties ``auditor`` and ``moderator``. A central login holds the same names
(:func:`login_roles`).

A relation is a fact about a person and one record, never a job title alone:

- ``auditor``: the audit's auditor, trained as one; ``practitioner``: the audit's practitioner;
  ``participant``: a live participant of the audit (a reviewing officer, a second worker).
- ``team_manager``: a team manager of the child's team; ``head_of_service``: the head of
  service of the child's service; ``manager``: any manager (team manager or above), who reads
  every audit and the reports.
- ``moderator``: a trained moderator who is not the audit's auditor; ``qa_team``: a QA officer.
- ``meeting_holder``: who holds the audit's reflective meeting (for an action: the action's own
  meeting, never the audit's other actions).
- ``owner``: an action's owner; ``observer`` and ``observed``: an observation's two people;
  ``allocated_worker``: the child's allocated worker or the audit's practitioner (only ever a
  reason *not* to read: what a family said about their worker never reaches that worker).
- ``recorder``: who recorded a record (family feedback); ``anyone``: every person.

States are the audit's (``planned`` ... ``cancelled``); records that belong to no audit are in
the one state ``none``. A change is checked against the state the audit is in when it is made
(locally) or applied (centrally).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import PersonRoles, Role

__all__ = [
    "ALL_FIELDS",
    "AUDITOR_DUTY",
    "GRANTS",
    "LOGIN_ROLES",
    "MODERATOR_DUTY",
    "NO_AUDIT",
    "Grant",
    "Op",
    "Relation",
    "fields_of",
    "grants_for",
    "login_roles",
    "may",
    "may_read",
    "rows",
]


class Relation(StrEnum):
    AUDITOR = "auditor"
    PRACTITIONER = "practitioner"
    PARTICIPANT = "participant"
    TEAM_MANAGER = "team_manager"
    HEAD_OF_SERVICE = "head_of_service"
    MANAGER = "manager"
    MODERATOR = "moderator"
    QA_TEAM = "qa_team"
    MEETING_HOLDER = "meeting_holder"
    OWNER = "owner"
    OBSERVER = "observer"
    OBSERVED = "observed"
    ALLOCATED_WORKER = "allocated_worker"
    RECORDER = "recorder"
    ANYONE = "anyone"


class Op(StrEnum):
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"
    READ = "read"


ALL_FIELDS: Final = "*"
NO_AUDIT: Final = "none"  # the state of a record that belongs to no audit
AUDITOR_DUTY: Final = "auditor"
MODERATOR_DUTY: Final = "moderator"
# Every name a central login may hold: the job roles and the two trained duties.
LOGIN_ROLES: Final = (*(r.value for r in Role), AUDITOR_DUTY, MODERATOR_DUTY)

_R = Relation
_S = AuditState
EVERY_STATE: Final = frozenset(s.value for s in AuditState)
BEING_DONE: Final = frozenset({_S.PLANNED.value, _S.IN_PROGRESS.value})
UNDER_WAY: Final = frozenset({_S.IN_PROGRESS.value})
SUBMITTED: Final = frozenset({_S.SUBMITTED.value})
DONE: Final = frozenset({_S.SUBMITTED.value, _S.IN_MODERATION.value, _S.CLOSED.value})
MODERATING: Final = frozenset({_S.IN_MODERATION.value})
NONE_STATE: Final = frozenset({NO_AUDIT})
CREATE_CHANGE_DELETE: Final = frozenset({Op.CREATE, Op.CHANGE, Op.DELETE})


@dataclass(frozen=True)
class Grant:
    """``relations`` may ``ops`` on ``table``'s ``fields`` while its audit is in ``states``,
    unless they also hold one of ``unless``."""

    table: str
    ops: frozenset[Op]
    relations: frozenset[Relation]
    states: frozenset[str] = EVERY_STATE
    fields: frozenset[str] = frozenset({ALL_FIELDS})
    unless: frozenset[Relation] = field(default_factory=frozenset)


def _g(
    table: str,
    ops: Iterable[Op] | Op,
    relations: Iterable[Relation],
    states: frozenset[str] = EVERY_STATE,
    fields: Iterable[str] = (ALL_FIELDS,),
    unless: Iterable[Relation] = (),
) -> Grant:
    return Grant(
        table,
        frozenset([ops] if isinstance(ops, Op) else ops),
        frozenset(relations),
        states,
        frozenset(fields),
        frozenset(unless),
    )


# Who reads an audit and everything that belongs to it.
AUDIT_READERS: Final = (
    _R.AUDITOR,
    _R.PRACTITIONER,
    _R.PARTICIPANT,
    _R.TEAM_MANAGER,
    _R.HEAD_OF_SERVICE,
    _R.MANAGER,
    _R.MODERATOR,
    _R.QA_TEAM,
    _R.MEETING_HOLDER,
)
# The audit's fields the auditor fills in while it is being done.
AUDIT_WORK: Final = (
    "overall_grade",
    "overall_suggested",
    "overall_rationale",
    "voice_of_child",
    "impact",
    "outstanding_practice",
    "escalation",
    "escalation_note",
    "state",
    "started_on",
    "submitted_on",
    "completed_on",
    "auditor_signed_at",
)
# The practitioner's sign-off, and how it routes the audit (to moderation or closed).
PRACTITIONER_SIGN_OFF: Final = (
    "practitioner_signed_at",
    "practitioner_disagrees",
    "practitioner_disagreement",
)
ROUTING: Final = ("state", "closed_on")
# An area's review: the auditor's part and the practitioner's.
AREA_WORK: Final = (
    "grade",
    "suggested_grade",
    "rationale",
    "working_well",
    "worried",
    "even_better_if",
    "unmanaged_risk",
)
REFLECTION: Final = ("practitioner_reflection", "reflection_author_id")
ACTION_WORK: Final = ("description", "owner_id", "due_on", "status", "completed_on", "deleted_at")
ACTION_DONE: Final = ("status", "completed_on")
# Records that belong to no audit: the QA team keeps them, every person reads them.
REFERENCE_TABLES: Final = (
    "areas",
    "services",
    "teams",
    "people",
    "forms",
    "form_versions",
    "settings",
    "cases",
    "auditor_capacities",
    "monthly_plans",
    "report_commentaries",
    "bttf_visits",
    "bttf_actions",
    "bttf_findings",
    "bttf_members",
    "bttf_notes",
    "thematic_audits",
    "thematic_actions",
    "dip_samples",
    "performance_figures",
)
# The programme's records that name an audit: read with it, kept by the QA team.
PROGRAMME_AUDIT_TABLES: Final = ("plan_items", "bttf_cases", "dip_sample_cases", "reaudit_outcomes")
# Records of an audit that only the auditor writes (and the QA team).
AUDITOR_TABLES: Final = ("answers", "participants")

GRANTS: Final[tuple[Grant, ...]] = (
    # -- the audit itself ----------------------------------------------------------------------
    _g("audits", Op.READ, AUDIT_READERS),
    _g("audits", CREATE_CHANGE_DELETE, [_R.QA_TEAM]),
    _g("audits", Op.CREATE, [_R.AUDITOR], BEING_DONE),
    _g("audits", Op.CHANGE, [_R.AUDITOR], BEING_DONE, AUDIT_WORK),
    # The practitioner signs off (their own login: never the auditor for them), which routes it.
    _g("audits", Op.CHANGE, [_R.PRACTITIONER], SUBMITTED, (*PRACTITIONER_SIGN_OFF, *ROUTING)),
    _g("audits", Op.CHANGE, [_R.PRACTITIONER], frozenset({_S.CLOSED.value}), ["closed_on"]),
    # Once submitted, the audit waits for the practitioner: only their sign-off routes it. The
    # auditor sends a closed audit to moderation, or reopens it (clearing both signatures); a
    # moderator completes moderation.
    _g("audits", Op.CHANGE, [_R.AUDITOR], frozenset({_S.CLOSED.value}), ROUTING),
    _g(
        "audits",
        Op.CHANGE,
        [_R.AUDITOR],
        frozenset({_S.CLOSED.value}),
        ("auditor_signed_at", *PRACTITIONER_SIGN_OFF),
    ),
    _g("audits", Op.CHANGE, [_R.MODERATOR], MODERATING, ROUTING),
    # -- an area's review: one row per audit and area, made by whoever writes first -----------
    _g("section_reviews", Op.READ, AUDIT_READERS),
    _g("section_reviews", CREATE_CHANGE_DELETE, [_R.QA_TEAM]),
    _g("section_reviews", Op.CREATE, [_R.AUDITOR], BEING_DONE),
    _g("section_reviews", Op.CHANGE, [_R.AUDITOR], BEING_DONE, AREA_WORK),
    _g("section_reviews", Op.CREATE, [_R.PRACTITIONER], UNDER_WAY),
    # The reflection is the practitioner's; on a shared laptop the auditor types it for them.
    _g("section_reviews", Op.CHANGE, [_R.PRACTITIONER], UNDER_WAY, REFLECTION),
    _g("section_reviews", Op.CHANGE, [_R.AUDITOR], BEING_DONE, REFLECTION),
    # -- answers and participants: the auditor's while the audit is being done ----------------
    *(_g(t, Op.READ, AUDIT_READERS) for t in AUDITOR_TABLES),
    *(_g(t, CREATE_CHANGE_DELETE, [_R.QA_TEAM]) for t in AUDITOR_TABLES),
    *(_g(t, CREATE_CHANGE_DELETE, [_R.AUDITOR], BEING_DONE) for t in AUDITOR_TABLES),
    # -- the audit's lifecycle log: written with each transition ------------------------------
    _g("audit_events", Op.READ, AUDIT_READERS),
    _g("audit_events", Op.CREATE, [_R.QA_TEAM, _R.AUDITOR, _R.MODERATOR]),
    _g("audit_events", Op.CREATE, [_R.PRACTITIONER], SUBMITTED),
    # -- actions: the auditor's while being done; a meeting's, its holder's; done by the owner -
    _g("actions", Op.READ, [*AUDIT_READERS, _R.OWNER]),
    _g("actions", CREATE_CHANGE_DELETE, [_R.QA_TEAM]),
    _g("actions", CREATE_CHANGE_DELETE, [_R.AUDITOR], BEING_DONE, ACTION_WORK),
    _g("actions", CREATE_CHANGE_DELETE, [_R.MEETING_HOLDER], EVERY_STATE, ACTION_WORK),
    _g("actions", Op.CHANGE, [_R.OWNER], EVERY_STATE, ACTION_DONE),
    # -- moderation --------------------------------------------------------------------------
    _g("moderations", Op.READ, AUDIT_READERS),
    _g("moderations", CREATE_CHANGE_DELETE, [_R.QA_TEAM]),
    _g("moderations", [Op.CREATE, Op.CHANGE], [_R.MODERATOR], MODERATING),
    _g("moderation_queue", Op.READ, AUDIT_READERS),
    _g("moderation_queue", CREATE_CHANGE_DELETE, [_R.QA_TEAM]),
    _g("moderation_queue", Op.CREATE, [_R.AUDITOR], DONE),
    _g("moderation_queue", Op.CREATE, [_R.PRACTITIONER], SUBMITTED),
    # -- the reflective meeting ---------------------------------------------------------------
    _g("meetings", Op.READ, AUDIT_READERS),
    _g("meetings", CREATE_CHANGE_DELETE, [_R.QA_TEAM]),
    _g("meetings", Op.CREATE, [_R.MODERATOR], MODERATING),
    _g("meetings", Op.CREATE, [_R.PRACTITIONER], SUBMITTED),
    _g(
        "meetings",
        Op.CHANGE,
        [_R.MEETING_HOLDER],
        EVERY_STATE,
        ("held_on", "attendees", "barriers", "lived_experience", "signed_off_at", "reaudit_due_on"),
    ),
    # -- family feedback: never read by the child's allocated worker ---------------------------
    *(
        _g(
            t,
            Op.READ,
            [_R.MANAGER, _R.QA_TEAM, _R.AUDITOR, _R.RECORDER],
            unless=[_R.ALLOCATED_WORKER],
        )
        for t in ("family_feedback", "feedback_answers")
    ),
    *(_g(t, CREATE_CHANGE_DELETE, [_R.QA_TEAM]) for t in ("family_feedback", "feedback_answers")),
    *(
        _g(t, CREATE_CHANGE_DELETE, [_R.MANAGER, _R.AUDITOR], unless=[_R.ALLOCATED_WORKER])
        for t in ("family_feedback", "feedback_answers")
    ),
    # -- observations of practice: the observer, the observed and the QA team ------------------
    *(
        _g(t, Op.READ, [_R.OBSERVER, _R.OBSERVED, _R.QA_TEAM], NONE_STATE)
        for t in ("observations", "observation_answers")
    ),
    *(
        _g(t, CREATE_CHANGE_DELETE, [_R.OBSERVER, _R.QA_TEAM], NONE_STATE)
        for t in ("observations", "observation_answers")
    ),
    *(_g(t, Op.READ, AUDIT_READERS) for t in PROGRAMME_AUDIT_TABLES),
    *(_g(t, CREATE_CHANGE_DELETE, [_R.QA_TEAM]) for t in PROGRAMME_AUDIT_TABLES),
    # -- the records that belong to no audit ----------------------------------------------------
    *(_g(t, Op.READ, [_R.ANYONE], NONE_STATE) for t in REFERENCE_TABLES),
    *(_g(t, CREATE_CHANGE_DELETE, [_R.QA_TEAM], NONE_STATE) for t in REFERENCE_TABLES),
)

# Fields that never move: a record's id and what it belongs to (only the QA team moves them).
FIXED_FIELDS: Final = frozenset(
    {"id", "audit_id", "auditor_id", "meeting_id", "feedback_id", "observation_id"}
)
# The relations a role name gives on its own, whatever the record: every manager reads every
# audit, a QA officer is the QA team, a trained moderator moderates (never their own audits).
ROLE_RELATIONS: Final[tuple[tuple[str, Relation], ...]] = (
    *((r.value, _R.MANAGER) for r in Role if r.is_manager),
    (Role.QA_OFFICER.value, _R.QA_TEAM),
    (MODERATOR_DUTY, _R.MODERATOR),
)
# The field of a record that names who wrote it. It must be the person themselves or, for a
# contribution typed on a shared laptop, the audit's practitioner or a participant of it (the
# QA team may record for anyone).
AUTHOR_FIELDS: Final[dict[str, str]] = {
    "section_reviews": "reflection_author_id",
    "family_feedback": "recorded_by_id",
    "moderations": "moderator_id",
    "moderation_queue": "added_by_id",
    "audit_events": "actor_id",
}
# Which tables belong to an audit (their state is the audit's); the others are in NO_AUDIT.
AUDIT_TABLES: Final = frozenset(
    {
        "audits",
        "section_reviews",
        "answers",
        "participants",
        "audit_events",
        "actions",
        "moderations",
        "moderation_queue",
        "meetings",
        "family_feedback",
        "feedback_answers",
        *PROGRAMME_AUDIT_TABLES,
    }
)


def grants_for(table: str) -> tuple[Grant, ...]:
    return _BY_TABLE.get(table, ())


_BY_TABLE: dict[str, tuple[Grant, ...]] = {}
for _grant in GRANTS:
    _BY_TABLE[_grant.table] = (*_BY_TABLE.get(_grant.table, ()), _grant)


def may(
    relations: Iterable[Relation], table: str, op: Op, field_name: str | None, state: str
) -> bool:
    """Whether a person holding ``relations`` to a record may do ``op`` on ``field_name`` of
    it (``None`` for a whole row: create, delete, read) while its audit is in ``state``."""
    held = frozenset(relations) | {Relation.ANYONE}
    if op is Op.CHANGE and field_name in FIXED_FIELDS and Relation.QA_TEAM not in held:
        return False
    for grant in grants_for(table):
        if op not in grant.ops or state not in grant.states:
            continue
        if not (grant.relations & held) or grant.unless & held:
            continue
        if op is Op.CHANGE and ALL_FIELDS not in grant.fields and field_name not in grant.fields:
            continue
        return True
    return False


def may_read(relations: Iterable[Relation], table: str, state: str) -> bool:
    return may(relations, table, Op.READ, None, state)


def fields_of(table: str) -> frozenset[str]:
    """The fields named in any grant of ``table`` (``*`` where a grant covers every field)."""
    return frozenset(f for g in grants_for(table) for f in g.fields)


def rows() -> Iterator[tuple[str, str, str, str, str, tuple[str, ...]]]:
    """The declaration as flat rows (table, op, field, state, relation, unless), one per
    combination: what ``central init`` writes into the central ``rights`` table. ``unless``:
    the relations that take this right away."""
    for grant in GRANTS:
        unless = tuple(sorted(r.value for r in grant.unless))
        for op in sorted(grant.ops):
            for field_name in sorted(grant.fields if op is Op.CHANGE else {ALL_FIELDS}):
                for state in sorted(grant.states):
                    for relation in sorted(grant.relations):
                        yield grant.table, op.value, field_name, state, relation.value, unless


def login_roles(person: PersonRoles) -> tuple[str, ...]:
    """The role names a person's central login holds: their job role and trained duties."""
    names = [person.role.value]
    if person.is_auditor:
        names.append(AUDITOR_DUTY)
    if person.is_moderator:
        names.append(MODERATOR_DUTY)
    return tuple(names)
