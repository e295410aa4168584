"""The clock is injected everywhere, so that tests (and due dates) never depend on the day
they run.

Moments are kept in UTC; a day is always England's day (Europe/London, so British Summer
Time is honoured across both clock changes). Every date a service takes comes from
:func:`today` (or :func:`local_day` for a moment already taken), never from ``.date()`` of
a UTC moment: a moderation at 00:30 BST on 3 June is dated 3 June, not 2 June.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from qa_desktop.domain.calendar import ENGLAND, local_day

Clock = Callable[[], datetime]

__all__ = ["ENGLAND", "Clock", "fixed_clock", "local_day", "system_clock", "today"]


def system_clock() -> datetime:
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return _Fixed(moment)


@dataclass(frozen=True)
class _Fixed:
    """A clock that always says ``moment`` (an object, not a lambda, so that it can be given
    to another process, as joining does)."""

    moment: datetime

    def __call__(self) -> datetime:
        return self.moment


def today(clock: Clock) -> date:
    """Today in England, by ``clock``."""
    return local_day(clock())
