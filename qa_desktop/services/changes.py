"""What a write changed, as a set of flags, so that each screen redraws for what it shows.

A service method that writes says what it changes with ``@writes(Change.X | Change.Y)``; the
screens' operation helpers (``qa_desktop.ui.ops``) read it from the method they run and the
runner announces it once the write has succeeded; a screen subscribes to the flags it shows.
A typo is an ``AttributeError``, never a screen that silently does not redraw, and
``tests/ui/test_changes.py`` fails when a screen listens for a flag that no write declares.

Kept free of Qt and SQL: the window's first frame imports it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, TypeVar


class Change(enum.Flag):
    """The parts of the store a write can change."""

    NONE = 0
    AUDITS = enum.auto()  # an audit, its answers, reviews, grades, sign-offs, state
    ACTIONS = enum.auto()  # actions agreed at audit or at a meeting, and their progress
    MODERATION = enum.auto()  # the moderation queue and decisions
    MEETINGS = enum.auto()  # reflective meetings and the re-audits they plan
    ESCALATIONS = enum.auto()  # safeguarding escalations raised from an audit
    PEOPLE = enum.auto()  # people, teams, services, areas
    CASES = enum.auto()  # the open cases
    FORMS = enum.auto()  # form versions published or edited
    PROGRAMME = enum.auto()  # monthly plans, dip samples, Back to the Floor, thematic audits
    FEEDBACK = enum.auto()  # family feedback
    OBSERVATIONS = enum.auto()  # observations of practice
    REPORTS = enum.auto()  # the QA team's report commentary
    EXTRACT = enum.auto()  # the monthly performance extract's figures
    SETTINGS = enum.auto()  # published settings
    CONFLICTS = enum.auto()  # sync conflicts and refused changes kept on this laptop
    SYNC = enum.auto()  # where this laptop syncs to (the central database's address)

    @classmethod
    def everything(cls) -> Change:
        """What a sync may have brought: any part at all."""
        result = cls.NONE
        for member in cls:
            result |= member
        return result


F = TypeVar("F", bound=Callable[..., Any])


def writes(changes: Change) -> Callable[[F], F]:
    """Mark a service method as a write that changes ``changes``."""
    if not changes:
        raise ValueError("a write changes something: name the parts it changes")

    def mark(method: F) -> F:
        method.__qa_changes__ = changes  # type: ignore[attr-defined]  # a mark on the function itself
        return method

    return mark


def changes_of(method: Callable[..., Any]) -> Change:
    """What ``method`` declared with :func:`writes` (``Change.NONE`` for a read)."""
    return getattr(method, "__qa_changes__", Change.NONE)
