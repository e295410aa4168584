"""Who else has an audit open and where, and which fields on screen another laptop just
changed: plain Python, no Qt, tested without a window.

Presence is never stored: each laptop says it is in an audit every few seconds and "left" when
it closes it; a person not heard of for ``timeout`` seconds is forgotten (a laptop that went
offline or stopped without saying so).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.live import PRESENCE_TIMEOUT_S, Presence


@dataclass(frozen=True)
class Here:
    person_id: str
    area: str


class PresenceBoard:
    def __init__(self, timeout: float = PRESENCE_TIMEOUT_S) -> None:
        self.timeout = timeout
        self._seen: dict[str, tuple[str, float]] = {}  # person -> (area, when heard)

    def hear(self, notice: Presence, now: float) -> None:
        if notice.here:
            self._seen[notice.person_id] = (notice.area, now)
        else:
            self._seen.pop(notice.person_id, None)

    def present(self, now: float) -> list[Here]:
        """Everyone heard of within the timeout, in a steady order."""
        self._seen = {p: (a, t) for p, (a, t) in self._seen.items() if now - t < self.timeout}
        return [Here(p, a) for p, (a, _t) in sorted(self._seen.items())]


class ChangedBy:
    """Fields another laptop changed and who changed them (the name is looked up a moment
    after the change arrives: None until then). Fields open on screen and not being typed in
    are *marked* ("Changed by … just now") until this person edits them or leaves the area."""

    def __init__(self) -> None:
        self._who: dict[FieldRef, str | None] = {}
        self._marked: set[FieldRef] = set()

    def arrived(self, refs: Iterable[FieldRef], marked: Iterable[FieldRef] = ()) -> None:
        """These fields changed elsewhere (who is not known yet); ``marked`` are on screen."""
        for ref in refs:
            self._who[ref] = None
        self._marked.update(marked)

    def heard(self, authors: Mapping[FieldRef, str]) -> None:
        """Who made the latest change of each field ("" when nobody is recorded)."""
        self._who.update(authors)

    def who(self, ref: FieldRef) -> str | None:
        """Who changed the field, "" for nobody known, None while not yet heard."""
        return self._who.get(ref)

    def edited(self, ref: FieldRef) -> None:
        self._marked.discard(ref)

    def left(self) -> None:
        """The area on screen was left: its marks go."""
        self._marked.clear()

    def marks(self) -> dict[FieldRef, str]:
        """The marked fields whose author is known, with who changed them."""
        return {r: who for r in self._marked if (who := self._who.get(r)) is not None}
