"""The person's own settings and window state, each declared once with its type and default.

Kept in an INI file in the user's data folder (so a test's QA_DESKTOP_HOME isolates it).
Settings the QA team publishes to everyone live in the store, not here.

The person's own settings (sync interval, text size, presentation layout: their rules in
``domain/personal_settings.py``) are kept here too, beside the window's geometry: this file
belongs to the person's own account on this laptop, so two people who each sign in to the
laptop keep their own, and a store copied elsewhere does not carry them. Nothing of the
QA team's published settings is here: those live in the store and sync.

Only what something reads back is kept. The window restores its geometry and its splitter;
it has no tool bars or docks, so there is no QMainWindow state to keep. The welcome keeps
that it was answered and the store it chose (which says demo or own store by itself); the
connection to the central database is kept by sync when it is set up, not as a wish here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from qa_desktop.domain.personal_settings import (
    SYNC_MINUTES_DEFAULT,
    TEXT_SIZE_DEFAULT,
    PersonalSettings,
    read_back,
)
from qa_desktop.paths import data_dir

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T


# The person chosen for each store: {store path: person id}.
IDENTITY_BY_STORE: Setting[dict[str, str]] = Setting("identity/by_store", {})
WINDOW_GEOMETRY: Setting[bytes] = Setting("window/geometry", b"")


def window_geometry_on(screen_name: str, width: int, height: int) -> Setting[bytes]:
    """The main window's geometry remembered for one screen (a laptop's own panel and the
    meeting-room screen keep a size each); ``WINDOW_GEOMETRY`` is the last one, for a new
    screen."""
    name = "".join(c if c.isalnum() else "_" for c in screen_name) or "screen"
    return Setting(f"window/geometry_{name}_{width}x{height}", b"")


PRESENTATION_MODE: Setting[bool] = Setting("view/presentation", False)
SYNC_MINUTES: Setting[int] = Setting("personal/sync_minutes", SYNC_MINUTES_DEFAULT)
TEXT_SIZE: Setting[int] = Setting("personal/text_size_percent", TEXT_SIZE_DEFAULT)


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        path = path or data_dir() / "settings.ini"
        self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        raw = self._qsettings.value(setting.key)
        if raw is None:
            return setting.default
        default = setting.default
        # The ignores below: T is the type of ``default``, but mypy does not narrow a type
        # variable by an isinstance() of a value of that type.
        try:
            if isinstance(default, bool):
                return raw if isinstance(raw, bool) else str(raw).lower() == "true"  # type: ignore[return-value]
            if isinstance(default, bytes):
                return bytes(raw.data() if isinstance(raw, QByteArray) else raw)  # type: ignore[return-value]
            if isinstance(default, dict):
                value = json.loads(str(raw))
                return value if isinstance(value, dict) else default  # type: ignore[return-value]
            return type(default)(raw)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return default

    def set(self, setting: Setting[T], value: T) -> None:
        stored: Any = value
        if isinstance(value, dict):
            stored = json.dumps(value)
        elif isinstance(value, bytes):
            stored = QByteArray(value)
        self._qsettings.setValue(setting.key, stored)
        self._qsettings.sync()

    def personal(self) -> PersonalSettings:
        """The person's own settings; any unreadable one at its default."""
        q = self._qsettings
        return read_back(
            q.value(SYNC_MINUTES.key, SYNC_MINUTES.default),
            q.value(TEXT_SIZE.key, TEXT_SIZE.default),
            self.get(PRESENTATION_MODE),
        )

    def keep_personal(self, personal: PersonalSettings) -> None:
        self.set(SYNC_MINUTES, personal.sync_minutes)
        self.set(TEXT_SIZE, personal.text_size)
        self.set(PRESENTATION_MODE, personal.presenting)

    def identity_for(self, store: Path) -> str | None:
        return self.get(IDENTITY_BY_STORE).get(str(store.resolve()))

    def remember_identity(self, store: Path, person_id: str) -> None:
        mapping = self.get(IDENTITY_BY_STORE).copy()
        mapping[str(store.resolve())] = person_id
        self.set(IDENTITY_BY_STORE, mapping)


# First launch and window layout.
# The welcome has been answered (demo or own store): it is never shown again.
WELCOME_DONE: Setting[bool] = Setting("first_run/welcome_done", False)
# The store opened when none is named on the command line (empty: the default store).
STORE_PATH: Setting[str] = Setting("store/path", "")
# The main window's splitter between the navigation and the screens.
MAIN_SPLITTER: Setting[bytes] = Setting("window/main_splitter", b"")
