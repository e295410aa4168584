"""Joining: a real store is made from the central database's answer, never from what a
person declares.

``join_central`` connects with the person's own login first. The handshake (``hello``) says
which person the login is (``person_id``) and with which roles; the first pull brings the
county's people, teams, cases and forms, and the audits this login may read. Only when the
person the handshake named is among the people pulled is the store marked as theirs
(``ownership.mark_owned``) and given its name: a login that is refused, a server that drops
off mid-pull or a person the central database does not send leave no store behind, so a
retry starts clean.

The store is made, and the first pull done, in a process of its own: the app works on in its
own process after joining, and would otherwise keep what a county's first pull leaves in the
heap for the rest of the session (``_in_a_process_of_its_own``).

Nothing is published locally on a joined store: the forms come from the central database.
Two laptops each publishing the shipped forms would make two records of the same form
version, which clash at the next pull.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from qa_desktop.errors import UserError, ValidationError
from qa_desktop.logs import setup_logging
from qa_desktop.services.clock import Clock
from qa_desktop.services.credentials import Credentials, Kept
from qa_desktop.services.setup.first_run import PreparedStore, recovery_key_text
from qa_desktop.services.setup.ownership import StoreKind, mark_owned
from qa_desktop.services.sync import ADDRESS, account_of
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from qa_desktop.store.keys import StoreKey, hold, store_key
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
    key = store_key(create=True)  # asked for here, where a key can be typed or kept
    try:
        made = _in_a_process_of_its_own(
            _make, making, address, request.password, clock, key, _logging_level()
        )
    except BaseException:
        _remove(making)  # the other process may have been stopped before it cleaned up
        raise
    os.replace(making, path)
    _remove(making)  # a WAL or lock left beside the temporary name
    kept = (
        credentials.save(account_of(address.display()), request.password)
        if request.password
        else None
    )
    log.info(
        "joined the central database as person %s (%d records pulled)", made.person_id, made.pulled
    )
    return Joined(
        PreparedStore(path, made.person_id, built=True, recovery_key=made.recovery_key),
        made.person_name,
        made.roles,
        made.pulled,
        kept,
    )


@dataclass(frozen=True)
class _Made:
    person_id: str
    person_name: str
    roles: tuple[str, ...]
    pulled: int
    recovery_key: str | None  # None: the stores are locked by a passphrase


def _make(
    making: Path,
    address: CentralAddress,
    password: str | None,
    clock: Clock,
    key: StoreKey,
    logging_level: int | None,
) -> _Made:
    """The new store at ``making`` with the first pull in it, marked as the person's; run in
    a process of its own (see ``_in_a_process_of_its_own``)."""
    if logging_level is not None:
        setup_logging(logging_level)
    hold(key)
    store = open_store(making, create=True)
    try:
        client = SyncClient(store, address, password, now=clock)
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
    return _Made(person_id, name, roles, report.pulled, recovery)


def _in_a_process_of_its_own(work: Callable[..., _Made], *args: object) -> _Made:
    """``work(*args)`` in a new Python process, its result (or its error) handed back. A first
    sync of a county takes its batches, a new store's migrations and the pulled rows through
    the heap: in the app's own process what it leaves there stayed in the resident size for
    the rest of the session (a 10,000-audit county joined, then every screen and a sync: 317
    to 326 MB, against 286 for a store joined before; 282-290 MB with this). A new process
    ("spawn", on every system: a fork of a process with Qt's threads is not safe) starts
    clean, and its memory goes back when it ends; starting it costs about 2 s of the join."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(work, *args).result()


def _logging_level() -> int | None:
    """The level to log at in the other process, if this one logs to the program's file."""
    root = logging.getLogger()
    if any(getattr(h, "_qa_desktop", None) for h in root.handlers):
        return root.level
    return None


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.lock")):
        leftover.unlink(missing_ok=True)
