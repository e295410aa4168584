"""Settling a conflict: an ordinary edit through the Recorder (so history keeps both values),
then a settle mark that travels to every laptop.

Three ways to settle: keep the value that is current, keep the other one, or write a new one.
For a delete that lost to an edit, keeping the other means deleting; for an edit that lost to a
delete, keeping the other means restoring the row with that edit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select

from qa_desktop.errors import ValidationError
from qa_desktop.store.engine import Store
from qa_desktop.store.models import Base, SyncConflict
from qa_desktop.store.recorder import Recorder
from qa_desktop.sync.client import settle_change_id
from qa_desktop.sync.rows import TABLES, decode, key_column, to_python

Keep = Literal["current", "other", "new"]
MODELS: dict[str, type[Base]] = {
    mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers
}


def settle(
    store: Store,
    conflict_id: str,
    actor_id: str | None,
    now: datetime,
    *,
    keep: Keep,
    value: Any = None,
) -> None:
    with store.session() as session:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise ValidationError("That conflict no longer exists.")
        if conflict.settled_at is not None:
            return
        model = MODELS[conflict.table_name]
        key = getattr(model, key_column(conflict.table_name))
        row = session.scalars(select(model).where(key == conflict.row_id)).one_or_none()
        recorder = Recorder(session, actor_id, now)
        current = decode(conflict.current_value)
        other = decode(conflict.other_value)
        field = conflict.field
        if row is not None and keep != "current" and field in TABLES[conflict.table_name].c:
            if field == "deleted_at" and isinstance(current, dict):
                # A delete that lost to an edit.
                if keep == "other":
                    recorder.delete(row)
            else:
                chosen = other if keep == "other" else value
                changes: dict[str, Any] = {field: to_python(conflict.table_name, field, chosen)}
                if isinstance(current, dict) and "deleted_at" in TABLES[conflict.table_name].c:
                    changes["deleted_at"] = None  # an edit that lost to a delete: restore
                recorder.update(row, **changes)
        conflict.settled_at = now
        conflict.settled_by = actor_id
        conflict.settle_change_id = settle_change_id(conflict.id)
        conflict.settle_pushed = False
