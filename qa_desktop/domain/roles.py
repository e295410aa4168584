"""Who people are in the service, and what that lets them do in QA Desktop."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """A person's job role."""

    PRACTITIONER = "practitioner"
    TEAM_MANAGER = "team_manager"
    SERVICE_MANAGER = "service_manager"
    HEAD_OF_SERVICE = "head_of_service"
    ASSISTANT_DIRECTOR = "assistant_director"
    QA_OFFICER = "qa_officer"
    ADULT_WORKER = "adult_worker"
    REVIEWING_OFFICER = "reviewing_officer"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @property
    def is_manager(self) -> bool:
        """Team manager or above: may be trained as an auditor."""
        return self in (
            Role.TEAM_MANAGER,
            Role.SERVICE_MANAGER,
            Role.HEAD_OF_SERVICE,
            Role.ASSISTANT_DIRECTOR,
        )


_ROLE_LABELS = {
    Role.PRACTITIONER: "Practitioner",
    Role.TEAM_MANAGER: "Team manager",
    Role.SERVICE_MANAGER: "Service manager",
    Role.HEAD_OF_SERVICE: "Head of service",
    Role.ASSISTANT_DIRECTOR: "Assistant director",
    Role.QA_OFFICER: "QA officer",
    Role.ADULT_WORKER: "Adult worker",
    Role.REVIEWING_OFFICER: "Reviewing officer",
}


class Capability(StrEnum):
    """What a person may do. Screens and services ask for these, never for job titles."""

    VIEW_ALL_AUDITS = "view_all_audits"
    AUDIT = "audit"  # run audits (trained auditors only)
    REFLECT = "reflect"  # add practitioner reflections and sign-off on own audits
    MODERATE = "moderate"
    HOLD_MEETINGS = "hold_meetings"  # reflective meetings for Inadequate audits
    MANAGE_PROGRAMME = "manage_programme"  # plan cycles, import cases, publish forms, settings
    ADD_TO_MODERATION = "add_to_moderation"
    REPORT = "report"
    # The Reports view of one's own team, counted from the audits one may read: a
    # practitioner's own cases (the rights give a practitioner no other child's audit).
    TEAM_REPORT = "team_report"


@dataclass(frozen=True)
class PersonRoles:
    role: Role
    is_auditor: bool = False
    is_moderator: bool = False


def capabilities(
    person: PersonRoles, moderator_roles: frozenset[Role] | None = None
) -> frozenset[Capability]:
    """What ``person`` may do. ``moderator_roles`` are the roles the QA team has published as
    moderating (the published setting ``rights.moderator_roles``); None: every senior role."""
    caps: set[Capability] = {Capability.REFLECT}
    # Practitioners, adult workers and reviewing officers see only the audits they take part
    # in; managers and the QA team see every audit and the reports.
    senior = person.role.is_manager or person.role is Role.QA_OFFICER
    if senior:
        caps.add(Capability.REPORT)
        caps.add(Capability.VIEW_ALL_AUDITS)
    if person.is_auditor and senior:
        caps.add(Capability.AUDIT)
    may_moderate = moderator_roles is None or person.role in moderator_roles
    if person.is_moderator and senior and may_moderate:
        caps.add(Capability.MODERATE)
    if person.role is Role.PRACTITIONER:
        caps.add(Capability.TEAM_REPORT)
    if person.role is Role.HEAD_OF_SERVICE:
        caps.add(Capability.HOLD_MEETINGS)
    if person.role is Role.QA_OFFICER:
        caps |= {Capability.MANAGE_PROGRAMME, Capability.ADD_TO_MODERATION}
    return frozenset(caps)


def headline_role(person: PersonRoles) -> str:
    """How the window names what the person is here for, e.g. "Team manager · Auditor"."""
    parts = [person.role.label]
    if person.is_auditor:
        parts.append("Auditor")
    if person.is_moderator:
        parts.append("Moderator")
    return " · ".join(parts)
