"""A person's own settings on their laptop: how often it syncs, how large the text is, and
whether audits open in the presentation layout. Their defaults, limits and checks, in plain
Python (the interface keeps them in its settings file and applies them).

"Presentation layout" is the audit window's layout for a screen shared with the
practitioner: larger text, the questions and the reflection side by side (F5 in the audit
window switches it; this setting is where it starts, and F5 changes the same setting).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from qa_desktop.errors import ValidationError

SYNC_MINUTES_DEFAULT = 5
SYNC_MINUTES_LEAST = 1
SYNC_MINUTES_MOST = 120  # the back-off after failures goes up to an hour on its own
# The text size as a share of the standard size; the choices offered, smallest first.
TEXT_SIZES = (100, 115, 130, 150)
TEXT_SIZE_DEFAULT = 100


@dataclass(frozen=True)
class PersonalSettings:
    sync_minutes: int = SYNC_MINUTES_DEFAULT
    text_size: int = TEXT_SIZE_DEFAULT  # percent of the standard size, one of TEXT_SIZES
    presenting: bool = False  # audits open in the presentation layout

    @property
    def sync_interval_ms(self) -> int:
        return self.sync_minutes * 60 * 1000


def check_sync_minutes(value: Any) -> int:
    """The sync interval in whole minutes, or ValidationError saying what is wrong."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError("Sync every: give a whole number of minutes.")
    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise ValidationError(
            'Sync every: "{value}" is not a whole number of minutes.', value=str(value)
        ) from None
    if not SYNC_MINUTES_LEAST <= minutes <= SYNC_MINUTES_MOST:
        raise ValidationError(
            "Sync every: give between {least} and {most} minutes, not {minutes}.",
            least=SYNC_MINUTES_LEAST,
            most=SYNC_MINUTES_MOST,
            minutes=minutes,
        )
    return minutes


def check_text_size(value: Any) -> int:
    """The text size in percent, one of :data:`TEXT_SIZES`, or ValidationError."""
    try:
        percent = int(value)
    except (TypeError, ValueError):
        percent = -1
    if isinstance(value, bool) or percent not in TEXT_SIZES:
        raise ValidationError(
            "Text size: choose one of {sizes} (per cent of the standard size).",
            sizes=", ".join(f"{size}%" for size in TEXT_SIZES),
        )
    return percent


def checked(settings: PersonalSettings) -> PersonalSettings:
    """The settings if every one is within its limits; ValidationError naming the first that
    is not."""
    return replace(
        settings,
        sync_minutes=check_sync_minutes(settings.sync_minutes),
        text_size=check_text_size(settings.text_size),
        presenting=bool(settings.presenting),
    )


def read_back(sync_minutes: Any, text_size: Any, presenting: Any) -> PersonalSettings:
    """Settings as kept in a file, each one that is unreadable or out of range taken at its
    default (a hand-edited file never stops a start)."""
    defaults = PersonalSettings()
    try:
        minutes = check_sync_minutes(sync_minutes)
    except ValidationError:
        minutes = defaults.sync_minutes
    try:
        size = check_text_size(text_size)
    except ValidationError:
        size = defaults.text_size
    return PersonalSettings(minutes, size, presenting is True or str(presenting).lower() == "true")


def scaled_points(points: float, text_size: int) -> float:
    """A font size in points at ``text_size`` per cent, to the nearest half point."""
    return round(points * text_size / 100 * 2) / 2
