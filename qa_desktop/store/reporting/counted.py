"""Which audits the reports count, as SQL the kept tables' triggers share.

An audit counts from the auditor's sign-off (``completed_on``) while it is submitted, in
moderation or closed; planned, in-progress (a reopened audit among them, until it is signed off
again), cancelled and deleted audits never count. Reopening keeps ``completed_on``, so the state
decides.
"""

from __future__ import annotations

COUNTED_STATES: tuple[str, ...] = ("submitted", "in_moderation", "closed")
STATES_SQL = "(" + ", ".join(f"'{state}'" for state in COUNTED_STATES) + ")"


def counted(audit: str) -> str:
    """The SQL condition that the audit row ``audit`` counts in reports."""
    return (
        f"{audit}.completed_on IS NOT NULL AND {audit}.state IN {STATES_SQL}"
        f" AND {audit}.deleted_at IS NULL"
    )
