"""Who else has an audit open, and where: plain Python, no Qt, tested without a window.

Presence is never stored: each laptop says it is in an audit every few seconds and "left" when
it closes it; a person not heard of for ``timeout`` seconds is forgotten (a laptop that went
offline or stopped without saying so).
"""

from __future__ import annotations

from dataclasses import dataclass

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
