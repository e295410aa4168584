"""A person of the county as the screens see them, and the person using the application with
what they may do (plain data, no SQL: the store's queries and its quick start reader make
them alike)."""

from __future__ import annotations

from dataclasses import dataclass

from qa_desktop.domain.roles import Capability, PersonRoles, Role, capabilities, headline_role


@dataclass(frozen=True)
class PersonInfo:
    id: str
    name: str
    role: Role
    is_auditor: bool
    is_moderator: bool
    team_id: str | None
    team_name: str
    service_name: str
    area_name: str


@dataclass(frozen=True)
class Actor:
    """The person using the application, and what they may do."""

    person: PersonInfo
    capabilities: frozenset[Capability]

    @classmethod
    def of(cls, person: PersonInfo, moderator_roles: frozenset[Role]) -> Actor:
        """``person`` with the capabilities of their roles (who may moderate is published by
        the QA team: ``moderator_roles``)."""
        return cls(person, capabilities(_roles(person), moderator_roles))

    @property
    def id(self) -> str:
        return self.person.id

    @property
    def headline(self) -> str:
        return headline_role(_roles(self.person))

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities


def _roles(person: PersonInfo) -> PersonRoles:
    return PersonRoles(person.role, person.is_auditor, person.is_moderator)
