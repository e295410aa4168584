"""The central database password: kept in the system keyring, never in a file, a log or an
error text.

Where there is no keyring (no D-Bus session, a server), the password is asked for and held in
memory only until QA Desktop closes; :meth:`Credentials.save` says which happened so the
person can be told.
"""

from __future__ import annotations

import contextlib
import logging
from enum import StrEnum

from qa_desktop.store.system_keyring import system_keyring

# keyring is imported where it is used (``system_keyring``): importing it and finding its
# backend take about 100 ms, which a start that never syncs need not pay.

log = logging.getLogger(__name__)
SERVICE = "qa-desktop-central"


class Kept(StrEnum):
    KEYRING = "keyring"
    MEMORY = "memory"  # no keyring here: until QA Desktop closes


NO_KEYRING_MESSAGE = (
    "There is no system keyring on this computer, so the password is kept in memory only "
    "until QA Desktop closes; you will be asked for it again next time."
)


class Credentials:
    """Passwords by account (``user@host:port/database``)."""

    def __init__(self) -> None:
        self._memory: dict[str, str] = {}

    def save(self, account: str, password: str) -> Kept:
        from keyring.errors import KeyringError  # NoKeyringError is one too

        backend = system_keyring()

        try:
            backend.set_password(SERVICE, account, password)
        except KeyringError as exc:
            log.info("no keyring (%s): password held in memory", type(exc).__name__)
            self._memory[account] = password
            return Kept.MEMORY
        self._memory.pop(account, None)
        return Kept.KEYRING

    def get(self, account: str) -> str | None:
        if account in self._memory:
            return self._memory[account]
        from keyring.errors import KeyringError

        backend = system_keyring()

        try:
            return backend.get_password(SERVICE, account)
        except KeyringError:
            return None

    def forget(self, account: str) -> None:
        self._memory.pop(account, None)
        from keyring.errors import KeyringError  # PasswordDeleteError is one too

        backend = system_keyring()

        with contextlib.suppress(KeyringError):
            backend.delete_password(SERVICE, account)
