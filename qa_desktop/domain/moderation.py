"""Which submitted audits go to moderation.

Every Inadequate and Outstanding audit, every audit with a practice area graded Inadequate
(whatever its overall grade), every audit the practitioner disputed, and a
reproducible random share of the rest (default 15%, set by the QA team). The random part is a
hash of the seed and the audit's id, so the same seed always selects the same audits, on every
laptop, without any shared state.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from enum import StrEnum

from qa_desktop.domain.grades import Grade


class SelectionReason(StrEnum):
    INADEQUATE = "inadequate"
    INADEQUATE_AREA = "inadequate_area"
    OUTSTANDING = "outstanding"
    DISPUTED = "disputed"
    RANDOM_SHARE = "random_share"
    ADDED_BY_QA = "added_by_qa"

    @property
    def label(self) -> str:
        return {
            "inadequate": "Graded Inadequate",
            "inadequate_area": "A practice area graded Inadequate",
            "outstanding": "Graded Outstanding",
            "disputed": "The practitioner disagrees",
            "random_share": "Chosen at random",
            "added_by_qa": "Added by the QA team",
        }[self.value]


def random_draw(audit_id: str, seed: int) -> float:
    """A number in [0, 1) fixed by the seed and the audit id."""
    digest = hashlib.sha256(f"{seed}:{audit_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def moderation_reason(
    audit_id: str,
    overall: Grade | None,
    *,
    disputed: bool,
    share_percent: float,
    seed: int,
    area_grades: Iterable[Grade | None] = (),
) -> SelectionReason | None:
    """Why this audit must be moderated, or None if it is not selected. ``area_grades`` are
    the auditor's grades of the practice areas: one Inadequate area sends the audit to
    moderation even when the overall grade is better."""
    if overall is Grade.INADEQUATE:
        return SelectionReason.INADEQUATE
    if Grade.INADEQUATE in tuple(area_grades):
        return SelectionReason.INADEQUATE_AREA
    if overall is Grade.OUTSTANDING:
        return SelectionReason.OUTSTANDING
    if disputed:
        return SelectionReason.DISPUTED
    if random_draw(audit_id, seed) < share_percent / 100.0:
        return SelectionReason.RANDOM_SHARE
    return None
