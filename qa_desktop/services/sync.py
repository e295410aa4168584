"""What the app and the command line call to sync with the central database.

Offline is a normal state: :class:`SyncStatus` says how many changes wait and when the last
sync was; a failed attempt raises a :class:`~qa_desktop.sync.connection.CentralError` whose
message says nothing is lost. There is no "discard local changes" anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from qa_desktop.errors import UserError
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock
from qa_desktop.services.credentials import Credentials, Kept
from qa_desktop.services.setup.ownership import ownership
from qa_desktop.store.engine import Store
from qa_desktop.store.models import (
    Audit,
    OutboxChange,
    Person,
    SyncConflict,
    SyncRefused,
    SyncState,
)
from qa_desktop.sync import conflicts as conflict_rules
from qa_desktop.sync.client import (
    CURSOR,
    LAST_SYNC,
    SyncClient,
    SyncReport,
    confirm_sign_off,
    keep_confirmation,
)
from qa_desktop.sync.conflicts import MODELS
from qa_desktop.sync.connection import (
    TLS_MODES,
    AddressField,
    CentralAddress,
    CentralError,
    CentralUnreachable,
    address_from_fields,
    password_in,
)
from qa_desktop.sync.live import LiveLink, Notice

# For the Central server dialog, which reaches the connection's rules through this service.
__all__ = ["TLS_MODES", "AddressField", "CentralAddress", "CentralError", "address_from_fields"]
from qa_desktop.sync.rows import canonical

ADDRESS = "central_address"


class PasswordNeeded(UserError):
    """No password for the central database in the keyring or in memory."""


@dataclass(frozen=True)
class SyncSettings:
    address: str  # postgresql+psycopg://user@host:port/database, no password
    user: str


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    last_sync_at: str | None
    waiting: int
    conflicts: int
    refused: int


@dataclass(frozen=True)
class ConflictView:
    id: str
    record: str  # what a person recognises: the audit reference and the part
    table_name: str
    row_id: str
    field: str
    current_value: str
    current_author: str
    current_at: str
    other_value: str
    other_author: str
    other_at: str


@dataclass(frozen=True)
class RefusedView:
    """A change the central database refused, kept here with its value until the person
    copies it somewhere it belongs or discards it."""

    change_id: str
    record: str  # the audit reference and the part, as for a conflict
    table_name: str
    row_id: str
    op: str  # insert, update, delete
    field: str  # the field changed ("" for a whole record)
    value: str  # the value as a person reads it (a record's filled fields, one a line)
    reason: str  # the central database's reason, as it said it
    author: str
    at: str


@dataclass(frozen=True)
class SyncOutcome:
    report: SyncReport
    status: SyncStatus


class SyncService:
    def __init__(self, store: Store, clock: Clock, credentials: Credentials) -> None:
        self.store = store
        self.clock = clock
        self.credentials = credentials

    # -- settings -----------------------------------------------------------------------------

    def settings(self) -> SyncSettings | None:
        with self.store.reader() as session:
            found = session.get(SyncState, ADDRESS)
        if found is None:
            return None
        address = CentralAddress.parse(found.value)
        return SyncSettings(found.value, address.user)

    @writes(Change.SYNC)
    def save_settings(self, address: str, user: str, password: str | None) -> Kept | None:
        """Keep the address (with no password in it) and put the password in the keyring."""
        parsed = CentralAddress.parse(address).with_user(user.strip())
        self._refuse_standalone()
        password = password or password_in(address)
        with self.store.session() as session:
            found = session.get(SyncState, ADDRESS)
            if found is None:
                session.add(SyncState(key=ADDRESS, value=parsed.display()))
            else:
                found.value = parsed.display()
        if password:
            return self.credentials.save(_account(parsed), password)
        return None

    def test_connection(self, address: str, user: str, password: str | None = None) -> str:
        """Connect and shake hands; returns the person the login belongs to."""
        parsed = CentralAddress.parse(address).with_user(user.strip())
        secret = password or password_in(address) or self.credentials.get(_account(parsed))
        hello = SyncClient(self.store, parsed, secret, now=self.clock).handshake()
        person = str(hello.get("person_id") or "")
        with self.store.reader() as session:
            found = session.get(Person, person)
        return found.name if found is not None else person

    # -- syncing ------------------------------------------------------------------------------

    @writes(Change.everything())
    def sync_now(self, address: str | None = None, password: str | None = None) -> SyncOutcome:
        self._refuse_standalone()
        if address is None:
            settings = self.settings()
            if settings is None:
                raise CentralError("No central database is set up. Add its address in Settings.")
            address = settings.address
        parsed = CentralAddress.parse(address)
        secret = password or password_in(address) or self.credentials.get(_account(parsed))
        client = SyncClient(self.store, parsed, secret, now=self.clock)
        try:
            report = client.sync()
        except CentralError as exc:
            if secret is None and "password" in exc.template:
                raise PasswordNeeded(
                    "Enter the password for {user} on the central database in Settings.",
                    user=parsed.user,
                ) from None
            raise
        return SyncOutcome(report, self.status())

    def live_link(
        self, on_notice: Callable[[Notice], None], on_online: Callable[[bool], None]
    ) -> LiveLink | None:
        """The listening link for live side by side (its ``run`` on a thread of its own), or
        None where this store does not sync. Notices only say "pull now": the pull is
        :meth:`sync_now`, rights and outbox included."""
        settings = self.settings()
        if settings is None or not ownership(self.store).may_sync:
            return None
        parsed = CentralAddress.parse(settings.address)
        secret = password_in(settings.address) or self.credentials.get(_account(parsed))
        return LiveLink(parsed, secret, on_notice=on_notice, on_online=on_online)

    @writes(Change.SYNC)
    def confirm_sign_off(self, audit_id: str, practitioner_password: str) -> None:
        """On the auditor's laptop (the shared laptop): the practitioner types their own
        central password, checked now by the central database as their login connects; the
        confirmation it gives is kept here and carried by the sign-off's changes, so that the
        central database accepts the sign-off as theirs. Without it (offline, a wrong
        password) nothing is confirmed, and the sign-off waits for them."""
        self._refuse_standalone()
        if not practitioner_password:
            raise PasswordNeeded("The practitioner types their own password to sign off here.")
        settings = self.settings()
        if settings is None:
            raise CentralError(
                "No central database is set up, so the practitioner's sign-off cannot be "
                "confirmed on this computer. They sign off on their own laptop."
            )
        parsed = CentralAddress.parse(settings.address)
        secret = self.credentials.get(_account(parsed))
        token = confirm_sign_off(parsed, secret, audit_id, practitioner_password)
        keep_confirmation(self.store, audit_id, token)

    def _refuse_standalone(self) -> None:
        """A standalone store never syncs: its people are not the central database's, so its
        records would only clash there (see ``services/setup/ownership.py``)."""
        if not ownership(self.store).may_sync:
            raise CentralError(
                "This store was set up to work without a central database, so it cannot sync: "
                "the people in it are not the central database's. To work with the central "
                "database, join it ('qa-desktop join') into a new store."
            )

    def status(self) -> SyncStatus:
        with self.store.reader() as session:
            waiting = session.scalar(select(func.count()).select_from(OutboxChange)) or 0
            conflicts = (
                session.scalar(
                    select(func.count())
                    .select_from(SyncConflict)
                    .where(SyncConflict.settled_at.is_(None))
                )
                or 0
            )
            refused = session.scalar(select(func.count()).select_from(SyncRefused)) or 0
            last = session.get(SyncState, LAST_SYNC)
            configured = session.get(SyncState, ADDRESS) is not None
        return SyncStatus(configured, last.value if last else None, waiting, conflicts, refused)

    def cursor(self) -> int:
        with self.store.reader() as session:
            found = session.get(SyncState, CURSOR)
        return int(found.value) if found else 0

    # -- conflicts ----------------------------------------------------------------------------

    def conflicts_on(self, table_name: str, row_id: str) -> dict[str, ConflictView]:
        """Open conflicts of one record by field: for the badge an editing screen shows on a
        field (``deleted_at`` stands for the record itself)."""
        return {
            c.field: c
            for c in self.conflicts()
            if c.table_name == table_name and c.row_id == row_id
        }

    def conflicts(self) -> list[ConflictView]:
        with self.store.reader() as session:
            rows = session.scalars(
                select(SyncConflict)
                .where(SyncConflict.settled_at.is_(None))
                .order_by(SyncConflict.seq)
            ).all()
            names = {pid: name for pid, name in session.execute(select(Person.id, Person.name))}
            records = {c.id: _record(session, c.table_name, c.row_id) for c in rows}
        return [
            ConflictView(
                id=c.id,
                record=records[c.id],
                table_name=c.table_name,
                row_id=c.row_id,
                field=c.field,
                current_value=_shown(c.current_value, c.field),
                current_author=names.get(c.current_actor_id or "", c.current_actor_id or ""),
                current_at=c.current_at or "",
                other_value=_shown(c.other_value, c.field),
                other_author=names.get(c.other_actor_id or "", c.other_actor_id or ""),
                other_at=c.other_at or "",
            )
            for c in rows
        ]

    @writes(Change.everything())
    def settle(
        self,
        conflict_id: str,
        actor_id: str | None,
        keep: Literal["current", "other", "new"],
        value: Any = None,
    ) -> SyncStatus:
        conflict_rules.settle(
            self.store, conflict_id, actor_id, self.clock(), keep=keep, value=value
        )
        return self.status()

    # -- refused changes ----------------------------------------------------------------------

    def refused(self) -> list[RefusedView]:
        """Every change the central database refused, oldest first: nothing refused is
        silent, and its value is kept until the person discards it."""
        with self.store.reader() as session:
            rows = session.scalars(select(SyncRefused).order_by(SyncRefused.at)).all()
            names = {pid: name for pid, name in session.execute(select(Person.id, Person.name))}
            return [
                RefusedView(
                    change_id=r.change_id,
                    record=_record(session, r.table_name, r.row_id),
                    table_name=r.table_name,
                    row_id=r.row_id,
                    op=r.op,
                    field=r.field or "",
                    value=_refused_value(r.op, r.value),
                    reason=r.reason,
                    author=names.get(r.actor_id or "", r.actor_id or ""),
                    at=canonical("audits", "created_at", r.at) or "",
                )
                for r in rows
            ]

    @writes(Change.CONFLICTS)
    def discard_refused(self, change_id: str) -> SyncStatus:
        """Forget a refused change (its value goes with it): the person has copied it where it
        belongs, or does not want it. A change already gone is not an error."""
        with self.store.session() as session:
            session.execute(delete(SyncRefused).where(SyncRefused.change_id == change_id))
        return self.status()


_PARTS = {
    "audits": "",
    "answers": "answer",
    "section_reviews": "practice area",
    "moderations": "moderation",
    "meetings": "reflective meeting",
    "actions": "action",
    "participants": "participant",
}


def _record(session: Session, table: str, row_id: str) -> str:
    """The audit reference (and the part of the audit) a conflict is about."""
    model = MODELS.get(table)
    if model is None:
        return table
    row = session.get(model, row_id)
    if row is None:
        return table
    audit_id = row_id if table == "audits" else getattr(row, "audit_id", None)
    reference = session.scalar(select(Audit.reference).where(Audit.id == audit_id))
    if reference is None:
        return table.replace("_", " ")
    part = _PARTS.get(table, table.replace("_", " "))
    section = getattr(row, "section_id", None)
    return " · ".join(x for x in (reference, part, section) if x)


def _refused_value(op: str, text: str | None) -> str:
    """What a person typed: an edit's value, or a new record's filled fields one a line (its
    ids and links left out: they mean nothing to a person)."""
    if op == "delete" or text is None:
        return ""
    value = json.loads(text)
    if isinstance(value, dict):
        return "\n".join(
            f"{name.replace('_', ' ').capitalize()}: {item}"
            for name, item in value.items()
            if name != "id"
            and not name.endswith("_id")
            and item not in (None, "", False)
            and not isinstance(item, dict | list)
        )
    return "" if value is None else str(value)


def _account(address: CentralAddress) -> str:
    return f"{address.user}@{address.host}:{address.port}/{address.database}"


def account_of(address: str) -> str:
    return _account(CentralAddress.parse(address))


def _shown(text: str | None, field: str) -> str:
    if text is None:
        return ""
    value = json.loads(text)
    if isinstance(value, dict):
        return field if field != "deleted_at" else ""
    if value is None:
        return ""
    return str(value)


def is_offline(exc: BaseException) -> bool:
    """Being offline is a normal state: the timer tries again later, nobody is alarmed."""
    return isinstance(exc, CentralUnreachable)
