"""My work: what is due from one person, and what is overdue: audits to do, audits to
moderate, reflective meetings to hold, re-audits due, the actions they own and, for team
managers and heads of service, live safeguarding escalations.

The rows are read with the plain SQL the quick start uses too (``store/queries/my_work.py``)
and the rules are the domain's (``domain/my_work.py``), so the window filled at start and the
one refreshed from the services show the same."""

from __future__ import annotations

from sqlalchemy.orm import Session

from qa_desktop.domain.my_work import MyWork, WorkItem, WorkKind, my_work
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, local_day, today
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.queries.my_work import Db, my_work_rows
from qa_desktop.store.recorder import Recorder

__all__ = ["MyWork", "MyWorkService", "WorkItem", "WorkKind", "driver_connection"]


def driver_connection(session: Session) -> Db:
    """The session's own SQLCipher connection (same transaction), for the plain SQL."""
    db = session.connection().connection.driver_connection
    assert db is not None
    return db  # type: ignore[no-any-return]


class MyWorkService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    @writes(Change.ACTIONS)
    def complete_action(self, action_id: str, actor: Actor) -> None:
        """The owner marks an action done (today)."""
        now = self._clock()
        with self._store.session() as session:
            action = session.get(m.Action, action_id)
            if action is None or action.deleted_at is not None:
                raise ValidationError("That action is no longer in this store.")
            if action.owner_id != actor.id:
                raise PermissionRefused("Only the action's owner can mark it done.")
            if action.status == "done":
                return
            Recorder(session, actor.id, now).update(
                action, status="done", completed_on=local_day(now)
            )

    def for_person(self, actor: Actor) -> MyWork:
        on = today(self._clock)
        with self._store.reader() as session:
            rows = my_work_rows(driver_connection(session), actor.id)
        return my_work(actor, on, rows)
