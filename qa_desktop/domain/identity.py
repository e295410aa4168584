"""Ids of records there is one of per parent and key (an area's review of an audit, an area's
moderation): derived from the parent and key, so that two laptops making the same record
offline make the same row, which the central database merges field by field."""

from __future__ import annotations

import uuid
from typing import Final

_NAMESPACE: Final = uuid.UUID("3b0c8a55-3f0e-4d8a-9a55-0f1f7f3c2d61")


def one_per_parent_id(table: str, parent_id: str, key: str) -> str:
    """The id of ``table``'s one row for ``parent_id`` and ``key``, the same everywhere."""
    return str(uuid.uuid5(_NAMESPACE, f"{table}:{parent_id}:{key}"))
