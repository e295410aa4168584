"""Live side by side, as the screens see it: the notices the live link hands over and how long
presence lasts (the link itself is made by ``SyncService.live_link``)."""

from __future__ import annotations

from qa_desktop.sync.live import PRESENCE_TIMEOUT_S, Changed, LiveLink, Notice, Presence

__all__ = ["PRESENCE_TIMEOUT_S", "Changed", "LiveLink", "Notice", "Presence"]
