"""First launch: get the person's own store ready (the demo county is `qa_desktop.demo`).

It runs on the background runner: it opens the store, does its work, closes it again and
hands back plain data. The window then opens the prepared store on the GUI thread as usual.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from qa_desktop.domain.roles import Role
from qa_desktop.errors import ValidationError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import Clock
from qa_desktop.services.programme.forms import publish_sources, shipped_sources
from qa_desktop.services.setup.ownership import StoreKind, mark_owned
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store, open_store
from qa_desktop.store.recorder import Recorder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreparedStore:
    """A store ready to open, and the person to open it as (None: ask who you are)."""

    path: Path
    person_id: str | None
    built: bool  # True when this call made the store
    # The recovery key, shown once at a real set-up (None: the demo county, or a store locked
    # with a passphrase the person chose and knows). Never logged, never kept anywhere else.
    recovery_key: str | None = field(default=None, repr=False)


def recovery_key_text(store: Store) -> str | None:
    """The recovery key of the key that locks ``store`` (None for a passphrase)."""
    return store.key.recovery_text() if store.key is not None else None


@dataclass(frozen=True)
class NewPerson:
    """Who is setting up QA Desktop for real."""

    name: str
    role: Role
    is_auditor: bool = False
    is_moderator: bool = False


def set_up_own_store(path: Path, person: NewPerson, clock: Clock) -> PreparedStore:
    """A standalone store at ``path`` (no central database: see ``ownership``): made if
    absent, with the shipped forms and the person in it as its only person. An existing store
    that already has people is opened as it is."""
    name = " ".join(person.name.split())
    if not name:
        raise ValidationError("Please give your name.")
    if len(name) > 120:
        raise ValidationError("A name can be at most 120 characters.")
    existed = path.exists()
    store = open_store(path, create=True)
    try:
        with store.session() as session:
            if session.scalar(select(m.Person.id).limit(1)) is not None:
                log.info("first launch: the chosen store already has people")
                return PreparedStore(path, None, built=False)
            if session.scalar(select(m.FormVersion.id).limit(1)) is None:
                publish_sources(session, shipped_sources(), clock, SYSTEM)
            recorder = Recorder(session, SYSTEM.id, clock())  # the person is not in yet
            row = recorder.insert(
                m.Person,
                name=name,
                role=person.role.value,
                is_auditor=person.is_auditor,
                is_moderator=person.is_moderator,
                active=True,
            )
            person_id = row.id
            mark_owned(session, StoreKind.STANDALONE, person_id)
        recovery = recovery_key_text(store)
    finally:
        store.close()
    log.info("first launch: set up a standalone store (person %s)", person_id)
    return PreparedStore(path, person_id, built=not existed, recovery_key=recovery)
