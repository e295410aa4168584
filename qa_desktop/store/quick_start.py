"""The quick start: the person and their My work, read straight from the store with SQLCipher
and the store's key, before SQLAlchemy and the services are imported (those take most of a
start). The window is usable with it at once; the services follow on the background runner
and refresh it with the same rows (``store/queries/my_work.py``, ``domain/my_work.py``).

It reads only a store that needs nothing first: one already at the newest schema, whose key
is at hand, whose person is known without asking. Anything else (no key, a wrong key, a
store to migrate or encrypt, a damaged file, "who are you?") returns None, and the ordinary
open says what is wrong or asks, as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qa_desktop.domain.my_work import MyWork, my_work
from qa_desktop.domain.people import Actor
from qa_desktop.store.instance_lock import InstanceLock, lock_store
from qa_desktop.store.keys import store_key
from qa_desktop.store.queries import my_work as rows
from qa_desktop.store.revision import head_from_files

log = logging.getLogger(__name__)

OWN_PERSON = "own_person"  # sync_state: the person a joined or standalone store belongs to
STORE_KIND = "store_kind"  # sync_state: "joined" or "standalone"
OWNED_KINDS = ("joined", "standalone")


@dataclass
class QuickStart:
    actor: Actor
    work: MyWork
    instance: InstanceLock  # the store's lock, handed on to the full open


def quick_start(
    path: Path, on: date, remembered: str | None, *, first_if_unknown: bool = False
) -> QuickStart | None:
    """The person of the store at ``path`` (its own person; else ``remembered``; else, with
    ``first_if_unknown``, the first by name) with their My work on ``on``; None when the
    ordinary open has to decide. Holds the store's instance lock when it returns."""
    if not path.is_file():
        return None
    try:
        instance = lock_store(path)
    except Exception as exc:  # in use: the ordinary open says where
        log.info("quick start skipped: %s", type(exc).__name__)
        return None
    try:
        found = _read(path, on, remembered, first_if_unknown)
    except Exception as exc:  # no key, wrong key, damaged: the ordinary open explains
        log.info("quick start skipped: %s", type(exc).__name__)
        found = None
    if found is None:
        instance.release()
        return None
    actor, work = found
    return QuickStart(actor, work, instance)


def _read(
    path: Path, on: date, remembered: str | None, first_if_unknown: bool
) -> tuple[Actor, MyWork] | None:
    import sqlcipher3

    key = store_key(create=False)
    db = sqlcipher3.dbapi2.connect(str(path))
    try:
        db.execute("PRAGMA cipher_log_level = NONE")
        db.execute(f"PRAGMA key = {key.sql()}")
        db.execute("PRAGMA busy_timeout = 5000")
        db.execute("PRAGMA query_only = 1")
        version = db.execute("SELECT version_num FROM alembic_version").fetchall()
        if [v for (v,) in version] != [head_from_files()]:
            return None  # to be migrated first
        person = None
        own = rows.sync_state(db, OWN_PERSON)
        if own is not None and rows.sync_state(db, STORE_KIND) in OWNED_KINDS:
            person = rows.person(db, own)
        elif remembered:
            person = rows.person(db, remembered)
        elif first_if_unknown:
            person = rows.first_active_person(db)
        if person is None:
            return None
        actor = Actor.of(person, rows.moderator_roles(db))
        return actor, my_work(actor, on, rows.my_work_rows(db, actor.id))
    finally:
        db.close()
