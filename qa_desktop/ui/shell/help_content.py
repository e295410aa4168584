"""The help shipped with the app (``resources/help``): a short guide per role and What's new.
Which guide a person opens on, in plain Python; the texts themselves are content, not code."""

from __future__ import annotations

from pathlib import Path

from qa_desktop.domain.roles import Role
from qa_desktop.resources import resources_dir

# (file name without .md, title), in the order the guide window offers them.
GUIDES: tuple[tuple[str, str], ...] = (
    ("auditor", "Auditor"),
    ("practitioner", "Practitioner"),
    ("moderator", "Moderator"),
    ("head_of_service", "Head of service"),
    ("team_manager", "Team manager"),
    ("qa_officer", "QA officer"),
)


def guide_for(role: Role, *, is_auditor: bool, is_moderator: bool) -> str:
    """The guide a person opens on: the QA team's, else a moderator's, else an auditor's
    (what they do most in the app), else their job role's."""
    if role is Role.QA_OFFICER:
        return "qa_officer"
    if is_moderator:
        return "moderator"
    if is_auditor:
        return "auditor"
    if role in (Role.HEAD_OF_SERVICE, Role.ASSISTANT_DIRECTOR, Role.SERVICE_MANAGER):
        return "head_of_service"
    if role is Role.TEAM_MANAGER:
        return "team_manager"
    return "practitioner"


def help_dir() -> Path:
    return resources_dir() / "help"


def guide_text(key: str) -> str:
    return (help_dir() / "guides" / f"{key}.md").read_text(encoding="utf-8")


def whats_new_text() -> str:
    return (help_dir() / "whats-new.md").read_text(encoding="utf-8")
