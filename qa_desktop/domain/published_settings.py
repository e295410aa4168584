"""Settings the QA team publishes to everyone, each declared once with its type, default and
limits. They are kept in the store's ``settings`` table (and sync to every laptop)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from qa_desktop.domain.roles import Role

T = TypeVar("T", int, float, str, bool)


@dataclass(frozen=True)
class PublishedSetting(Generic[T]):
    key: str
    default: T
    label: str
    minimum: float | None = None
    maximum: float | None = None
    # For a text setting that is a comma-separated list: the values each item may take.
    choices: tuple[str, ...] = ()

    def check(self, value: T) -> T:
        """The value if it is of the right type and within limits; ValueError saying why not."""
        kind = type(self.default)
        checked: object = value
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            checked = float(value)
        if not isinstance(checked, kind) or (kind is int and isinstance(checked, bool)):
            raise ValueError(f"{self.label} should be {kind.__name__}, not {value!r}")
        if isinstance(checked, int | float):
            if self.minimum is not None and checked < self.minimum:
                raise ValueError(f"{self.label} should be at least {self.minimum}")
            if self.maximum is not None and checked > self.maximum:
                raise ValueError(f"{self.label} should be at most {self.maximum}")
        if self.choices and isinstance(checked, str):
            unknown = [item for item in split_list(checked) if item not in self.choices]
            if unknown:
                raise ValueError(f"{self.label} cannot include {unknown[0]!r}")
        return checked


def stored_value(setting: PublishedSetting[T], stored: str | None) -> T:
    """A setting's value from its stored JSON text (None: never published); the default
    where the text is not a value the setting may take."""
    if stored is None:
        return setting.default
    try:
        return setting.check(json.loads(stored))
    except (ValueError, TypeError):
        return setting.default


def split_list(value: str) -> tuple[str, ...]:
    """The items of a comma-separated list setting, without spaces or empty items."""
    return tuple(item.strip() for item in value.split(",") if item.strip())


MODERATION_SHARE_PERCENT = PublishedSetting(
    "moderation.share_percent", 15.0, "Share of other audits sent to moderation (%)", 0, 100
)
MODERATION_SEED = PublishedSetting("moderation.seed", 2026, "Moderation selection seed", 0)
MEETING_WORKING_DAYS = PublishedSetting(
    "meetings.working_days", 5, "Working days to hold the reflective meeting", 1, 30
)
REAUDIT_WEEKS = PublishedSetting(
    "reaudits.weeks", 6, "Weeks from the meeting to the re-audit", 1, 26
)
REAUDIT_ON_WORKING_DAY = PublishedSetting(
    "reaudits.working_day",
    True,
    "A re-audit falling on a weekend or bank holiday is due the next working day",
)
COMPLIANCE_STANDARD = PublishedSetting(
    "reports.standard_percent", 90.0, "Compliance standard (%)", 0, 100
)
MONTHLY_TARGET = PublishedSetting("programme.monthly_target", 50, "Audits planned each month", 0)
FEEDBACK_AIM_PERCENT = PublishedSetting(
    "feedback.aim_percent", 100.0, "Share of audits with family feedback aimed for (%)", 0, 100
)

# Who may do what. The defaults are the rules as they stood before they were published, so
# that nothing changes until the QA team publishes the council's own (the council names
# service managers and assistant directors as moderators, and has observations of practice
# made by managers of the practitioner's own team).
SENIOR_ROLES = (
    Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER,
    Role.HEAD_OF_SERVICE,
    Role.ASSISTANT_DIRECTOR,
    Role.QA_OFFICER,
)
MODERATOR_ROLES = PublishedSetting(
    "rights.moderator_roles",
    ",".join(r.value for r in SENIOR_ROLES),
    "Roles that may moderate (a person also needs the moderator flag)",
    choices=tuple(r.value for r in SENIOR_ROLES),
)
OBSERVATIONS_BY_OWN_MANAGERS = PublishedSetting(
    "rights.observations_by_own_managers",
    False,
    "Observations of practice are made by managers of the practitioner's own team",
)


def roles_of(value: str) -> frozenset[Role]:
    """The roles a checked list setting names (as :data:`MODERATOR_ROLES` keeps them)."""
    return frozenset(Role(item) for item in split_list(value))


ALL: tuple[PublishedSetting[Any], ...] = (
    MODERATION_SHARE_PERCENT,
    MODERATION_SEED,
    MEETING_WORKING_DAYS,
    REAUDIT_WEEKS,
    REAUDIT_ON_WORKING_DAY,
    COMPLIANCE_STANDARD,
    MONTHLY_TARGET,
    FEEDBACK_AIM_PERCENT,
    MODERATOR_ROLES,
    OBSERVATIONS_BY_OWN_MANAGERS,
)

# The Settings screen's page of published settings, in this order: every one that is a single
# value (the roles that moderate, a list, are published with who may do what).
ON_SETTINGS_PAGE: tuple[PublishedSetting[Any], ...] = tuple(s for s in ALL if not s.choices)
