"""The role names a central database login can hold: the rulebook's one set
(:data:`qa_desktop.domain.rights.LOGIN_ROLES`: the job roles and the duties ``auditor`` and
``moderator``). Names from before the rulebook are still accepted when a login is added, and
the central migration c0002 renamed them in existing logins."""

from __future__ import annotations

from typing import Final

from qa_desktop.domain.rights import LOGIN_ROLES

ROLES: Final = LOGIN_ROLES
# Former login role names and the rulebook's name for each.
FORMER_NAMES: Final = {"qa_team": "qa_officer", "manager": "team_manager"}


def rulebook_name(role: str) -> str:
    """A login role in the rulebook's names (a former name becomes its new one)."""
    return FORMER_NAMES.get(role, role)
