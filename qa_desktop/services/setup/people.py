"""Who is using the application, and the organisation they work in."""

from __future__ import annotations

from dataclasses import dataclass

from qa_desktop.domain.roles import Capability, PersonRoles, capabilities, headline_role
from qa_desktop.errors import ValidationError
from qa_desktop.services.published import read_rights
from qa_desktop.services.setup.ownership import Ownership, ownership
from qa_desktop.store.engine import Store
from qa_desktop.store.queries import audits as queries
from qa_desktop.store.queries.audits import FilterOptions, PersonInfo

__all__ = ["Actor", "DirectoryService", "FilterOptions", "PersonInfo"]


@dataclass(frozen=True)
class Actor:
    """The person using the application, and what they may do."""

    person: PersonInfo
    capabilities: frozenset[Capability]

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


class DirectoryService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def people(self) -> list[PersonInfo]:
        with self._store.reader() as session:
            return queries.people(session)

    def actor(self, person_id: str) -> Actor:
        with self._store.reader() as session:
            info = queries.person(session, person_id)
            # Who may moderate is published by the QA team (rights.moderator_roles).
            moderator_roles = read_rights(session).moderator_roles
        if info is None:
            raise ValidationError("That person is not in this store.")
        return Actor(info, capabilities(_roles(info), moderator_roles))

    def ownership(self) -> Ownership:
        """Whose store this is: its own person (joined, standalone), or choose (demo)."""
        return ownership(self._store)

    def filter_options(self) -> FilterOptions:
        with self._store.reader() as session:
            return queries.filter_options(session)
