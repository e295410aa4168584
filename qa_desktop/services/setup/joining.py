"""Joining: a real store is made from the central database's answer, never from what a
person declares.

``join_central`` connects with the person's own login first. The handshake (``hello``) says
which person the login is (``person_id``) and with which roles; the first pull brings the
county's people, teams, cases and forms, and the audits this login may read. Only when the
person the handshake named is among the people pulled is the store marked as theirs
(``ownership.mark_owned``) and given its name: a login that is refused, a server that drops
off mid-pull or a person the central database does not send leave no store behind, so a
retry starts clean.

Nothing is published locally on a joined store: the forms come from the central database.
Two laptops each publishing the shipped forms would make two records of the same form
version, which clash at the next pull.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from qa_desktop.errors import UserError, ValidationError
from qa_desktop.services.clock import Clock
from qa_desktop.services.credentials import Credentials, Kept
from qa_desktop.services.setup.first_run import PreparedStore, recovery_key_text
from qa_desktop.services.setup.ownership import StoreKind, mark_owned
from qa_desktop.services.sync import ADDRESS, account_of
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from qa_desktop.sync.client import SyncClient
from qa_desktop.sync.connection import CentralAddress

log = logging.getLogger(__name__)
_MAKING = ".joining"  # the store is built under this suffix, then given its name


class JoinRefused(UserError):
    """The central database answered, but not with a person this laptop can be."""


@dataclass(frozen=True)
class JoinRequest:
    """What a person gives to join: the address, their login and its password."""

    central: str  # postgresql+psycopg://host:port/database (a user in it is replaced)
    login: str
    password: str | None = None  # never logged, never in an error text

    def address(self) -> CentralAddress:
        login = self.login.strip()
        if not login:
            raise ValidationError("Please give your login for the central database.")
        if not self.central.strip():
            raise ValidationError("Please give the central database's address.")
        return CentralAddress.parse(self.central).with_user(login)


@dataclass(frozen=True)
class Joined:
    prepared: PreparedStore
    person_name: str
    roles: tuple[str, ...]
    pulled: int
    password_kept: Kept | None  # where the password went (None: none was given)


def join_central(
    path: Path, request: JoinRequest, clock: Clock, credentials: Credentials
) -> Joined:
    """Make the store at ``path`` (which must not exist) for the person the central database
    says ``request.login`` is, with their first pull in it."""
    path = path.expanduser()
    address = request.address()
    if path.is_dir():
        raise ValidationError("{path} is a folder, not a store file.", path=str(path))
    if path.exists():
        raise ValidationError(
            "{path} already exists. Joining makes a new store: choose another file, or open "
            "that one with --store.",
            path=str(path),
        )
    making = path.with_name(path.name + _MAKING)
    _remove(making)
    store = open_store(making, create=True)
    try:
        client = SyncClient(store, address, request.password, now=clock)
        hello = client.handshake()
        person_id = str(hello.get("person_id") or "")
        roles = tuple(str(r) for r in hello.get("roles") or ())
        report = client.sync()
        with store.session() as session:
            person = session.get(m.Person, person_id) if person_id else None
            if person is None:
                raise JoinRefused(
                    "The central database knows the login {login}, but not as one of the "
                    "people it sends to this laptop, so no store was made. Ask the QA team to "
                    "check the login's person.",
                    login=address.user,
                )
            name = person.name
            mark_owned(session, StoreKind.JOINED, person_id)
            found = session.get(m.SyncState, ADDRESS)
            if found is None:
                session.add(m.SyncState(key=ADDRESS, value=address.display()))
            else:
                found.value = address.display()
        recovery = recovery_key_text(store)
        with store.engine.connect() as connection:
            # Everything into the main file before it is renamed: a WAL left beside the
            # temporary name would not follow it.
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        store.close()
        _remove(making)
        raise
    store.close()
    os.replace(making, path)
    _remove(making)  # a WAL or lock left beside the temporary name
    kept = (
        credentials.save(account_of(address.display()), request.password)
        if request.password
        else None
    )
    log.info(
        "joined the central database as person %s (%d records pulled)", person_id, report.pulled
    )
    return Joined(
        PreparedStore(path, person_id, built=True, recovery_key=recovery),
        name,
        roles,
        report.pulled,
        kept,
    )


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.lock")):
        leftover.unlink(missing_ok=True)
