"""Human-friendly references for records made offline on any laptop without colliding."""

from __future__ import annotations

import uuid

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def audit_reference(record_id: str) -> str:
    """``QA-`` and seven Crockford base-32 characters taken from the record's UUID
    (35 bits: a clash needs tens of thousands of audits made on the same day; the store's
    unique constraint catches the rare one)."""
    value = uuid.UUID(record_id).int >> (128 - 35)
    chars = []
    for _ in range(7):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "QA-" + "".join(reversed(chars))
