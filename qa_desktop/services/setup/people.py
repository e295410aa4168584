"""Who is using the application, and the organisation they work in."""

from __future__ import annotations

from qa_desktop.domain.people import Actor, PersonInfo
from qa_desktop.errors import ValidationError
from qa_desktop.services.published import read_rights
from qa_desktop.services.setup.ownership import Ownership, ownership
from qa_desktop.store.engine import Store
from qa_desktop.store.queries import audits as queries
from qa_desktop.store.queries.audits import FilterOptions

__all__ = ["Actor", "DirectoryService", "FilterOptions", "PersonInfo"]


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
        return Actor.of(info, moderator_roles)

    def ownership(self) -> Ownership:
        """Whose store this is: its own person (joined, standalone), or choose (demo)."""
        return ownership(self._store)

    def filter_options(self) -> FilterOptions:
        with self._store.reader() as session:
            return queries.filter_options(session)
