"""Whose store this is, and what that allows (plain data, no Qt).

Three kinds of store, told apart by what the store itself holds (never by a setting a person
could edit):

- **joined** (``qa-desktop join``, the welcome's real path): made from the central
  database's answer for a login. The handshake's ``person_id`` is the store's one person
  (``own_person``); nobody types a name or a role, and nobody switches person.
- **standalone** (made without a central database): the one person named at set-up is the
  store's only person. It never syncs: its people are not the central database's people, so
  its records could only clash there. Its records reach a central database only through an
  administrator's ``qa-desktop central load``.
- **demo**: the demo county (its build is one history row). Anyone in it may be chosen, and
  File > Switch person is there so every role can be tried.

A store from an earlier QA Desktop, made before stores said whose they are (*unmarked*),
asks once who is using it and remembers it, with no Switch person.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.quick_start import OWN_PERSON, STORE_KIND

__all__ = ["OWN_PERSON", "STORE_KIND", "Ownership", "StoreKind", "mark_owned", "ownership"]


class StoreKind(StrEnum):
    JOINED = "joined"
    STANDALONE = "standalone"
    DEMO = "demo"
    UNMARKED = "unmarked"


@dataclass(frozen=True)
class Ownership:
    kind: StoreKind
    person_id: str | None  # the store's own person (joined, standalone); None: choose

    @property
    def may_switch_person(self) -> bool:
        """File > Switch person exists only on the demo county."""
        return self.kind is StoreKind.DEMO

    @property
    def may_sync(self) -> bool:
        return self.kind is not StoreKind.STANDALONE


def ownership_in(session: Session) -> Ownership:
    kind = session.get(m.SyncState, STORE_KIND)
    if kind is not None and kind.value in (StoreKind.JOINED, StoreKind.STANDALONE):
        own = session.get(m.SyncState, OWN_PERSON)
        return Ownership(StoreKind(kind.value), own.value if own is not None else None)
    demo = session.scalar(
        select(m.History.id)
        .where(m.History.table_name == "store", m.History.row_id == "demo")
        .limit(1)
    )
    return Ownership(StoreKind.DEMO if demo is not None else StoreKind.UNMARKED, None)


def ownership(store: Store) -> Ownership:
    with store.reader() as session:
        return ownership_in(session)


def mark_owned(session: Session, kind: StoreKind, person_id: str) -> None:
    """Say in the store whose it is (local bookkeeping: sync_state never travels)."""
    for key, value in ((STORE_KIND, kind.value), (OWN_PERSON, person_id)):
        found = session.get(m.SyncState, key)
        if found is None:
            session.add(m.SyncState(key=key, value=value))
        else:
            found.value = value
