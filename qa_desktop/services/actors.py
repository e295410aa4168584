"""Who a service acts for: a person (an :class:`Actor`), or the system.

The system actor (:data:`SYSTEM`) stands for the command line and for seed data (the demo
county, a first run's own store): no person is signed in, so no person's role is checked. It
may do what the command line does (list and read every audit, report, import, plan the
month) and nothing else; what depends on who a person is (the family feedback, an auditor's
own audits) is never given to it. Services that the command line and seed data call take a
:data:`Caller` and check it with :func:`require`, which checks a person's capabilities every
time; no service takes ``None`` for "whoever".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, TypeAlias

from qa_desktop.domain.roles import Capability
from qa_desktop.errors import PermissionRefused
from qa_desktop.services.setup.people import Actor

__all__ = ["SYSTEM", "SYSTEM_CAPABILITIES", "Actor", "Caller", "SystemActor", "require"]

# What the command line does: list and export audits, print and write reports, import the
# case list and historic audits, plan a month.
SYSTEM_CAPABILITIES: Final = frozenset(
    {Capability.VIEW_ALL_AUDITS, Capability.REPORT, Capability.MANAGE_PROGRAMME}
)


@dataclass(frozen=True)
class SystemActor:
    """The command line and seed data. History rows it writes have no author (``id`` None)."""

    @property
    def id(self) -> None:
        return None

    def can(self, capability: Capability) -> bool:
        return capability in SYSTEM_CAPABILITIES


SYSTEM: Final = SystemActor()

Caller: TypeAlias = Actor | SystemActor
"""What a service that the command line or seed data also calls takes: a person or SYSTEM."""


def require(actor: Caller, capability: Capability, refusal: str) -> None:
    """Raise :class:`PermissionRefused` with ``refusal`` unless ``actor`` may do this: a
    person by their capabilities, the system by what the command line does."""
    if isinstance(actor, SystemActor):
        allowed = capability in SYSTEM_CAPABILITIES
    else:
        allowed = actor.can(capability)
    if not allowed:
        raise PermissionRefused(refusal)
