"""Learning reviews after significant events, and where a programme action stands.

A learning review follows a significant event in a child's case (a serious incident, a
complaint upheld, a near miss): a named review lead writes what was found in each practice
area and agrees actions, each with an owner, a due date and a status.

Who may write what (for the rights declaration):

- the QA team sets a review up (the event, its date, the child's case, the lead) and may
  write anything in it;
- the review lead writes the findings and the learning, adds actions and completes the
  review;
- an action's owner moves their own action on (open, in progress, done).

The same statuses serve a thematic audit's actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from qa_desktop.domain.follow_up import is_overdue


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return {
            "open": "Open",
            "in_progress": "In progress",
            "done": "Done",
        }[self.value]


def action_overdue(status: ActionStatus, due_on: date, on: date) -> bool:
    """An action not done by its due date is overdue (a done action never is)."""
    return status is not ActionStatus.DONE and is_overdue(due_on, on)


@dataclass(frozen=True)
class ReviewRights:
    """What one person may do to one learning review."""

    manages_programme: bool  # the QA team
    is_lead: bool

    @property
    def may_write_findings(self) -> bool:
        return self.manages_programme or self.is_lead

    @property
    def may_add_actions(self) -> bool:
        return self.manages_programme or self.is_lead

    @property
    def may_complete(self) -> bool:
        return self.manages_programme or self.is_lead


def may_move_action(*, manages_programme: bool, is_owner: bool, is_lead: bool) -> bool:
    """An action's status is moved on by its owner, the review's lead or the QA team."""
    return manages_programme or is_owner or is_lead
