"""The key that locks every store on this computer (SQLCipher encryption at rest).

One key per person's account, not one per store: the demo county, the person's own store, its
daily backups and a copy moved to another folder all open with it, so copying or restoring a
file never strands it. Where it comes from, first found wins:

1. a key given while QA Desktop runs (a passphrase or recovery key typed at start), held in
   memory only;
2. the system keyring (service ``qa-desktop-store``): a random 256-bit raw key, made the first
   time a store is made. A raw key opens in about 0.1 ms; a passphrase goes through SQLCipher's
   key derivation (about 0.4 s) at every connection;
3. the environment variable ``QA_DESKTOP_STORE_KEY`` (a recovery key or a passphrase), for
   scripts and CI with no keyring and no terminal. Never a command-line argument: arguments
   are visible to every local user in the process list;
4. asked for: on a terminal without echo, in the app in a dialog (see ``app.py``). With no
   keyring a new store is locked with a passphrase the person chooses.

The raw key written in 16 groups of four hexadecimal digits is the *recovery key*: it is shown
to be kept by the council, and typed back into the dialog that asks for a key at start when
the keyring is lost.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from qa_desktop.errors import StoreError
from qa_desktop.store.system_keyring import system_keyring

log = logging.getLogger(__name__)
KEYRING_SERVICE = "qa-desktop-store"
KEYRING_ACCOUNT = "store-key"
ENV_KEY = "QA_DESKTOP_STORE_KEY"
MIN_PASSPHRASE = 10
_HEX_KEY = re.compile(r"[0-9a-fA-F]{64}")


@dataclass(frozen=True)
class StoreKey:
    """A raw 256-bit key or a passphrase. Never logged, never in an error text."""

    raw: bytes | None = field(default=None, repr=False)
    passphrase: str | None = field(default=None, repr=False)

    @classmethod
    def generate(cls) -> StoreKey:
        import secrets  # here: its hmac and hashlib are not needed to open the window

        return cls(raw=secrets.token_bytes(32))

    @classmethod
    def from_text(cls, text: str) -> StoreKey:
        """A recovery key (64 hexadecimal digits, spaces and dashes ignored) or a passphrase."""
        compact = re.sub(r"[\s-]", "", text)
        if _HEX_KEY.fullmatch(compact):
            return cls(raw=bytes.fromhex(compact))
        passphrase = text.strip()
        if not passphrase:
            raise StoreError("The key given is empty.")
        return cls(passphrase=passphrase)

    def sql(self) -> str:
        """The value for ``PRAGMA key = ...`` and ``ATTACH ... KEY ...`` (a SQL literal)."""
        if self.raw is not None:
            return "\"x'" + self.raw.hex() + "'\""
        assert self.passphrase is not None
        return "'" + self.passphrase.replace("'", "''") + "'"

    def recovery_text(self) -> str | None:
        """The raw key as a recovery key, or None for a passphrase (the person knows it)."""
        if self.raw is None:
            return None
        digits = self.raw.hex().upper()
        return "-".join(digits[i : i + 4] for i in range(0, 64, 4))

    def keyring_text(self) -> str:
        return self.raw.hex() if self.raw is not None else "p:" + (self.passphrase or "")

    @classmethod
    def from_keyring_text(cls, text: str) -> StoreKey:
        if text.startswith("p:"):
            return cls(passphrase=text[2:])
        return cls.from_text(text)


class KeyNeeded(StoreError):
    """No key is at hand for a store: ask the person (``new``: for a store being made)."""

    def __init__(self, template: str, /, *, new: bool = False, **params: object) -> None:
        self.new = new
        super().__init__(template, **params)


class WrongKey(StoreError):
    """The key at hand does not open the store: the recovery key is the way back."""


# Asks for a key: called with ``new`` (True: choose a passphrase for a new store); returns
# the text typed, or None when it cannot ask (no terminal; the app asks on the GUI thread).
Asker = Callable[[bool], str | None]


# Set by the command line (a terminal prompt) and the app (which asks on the GUI thread).
asker: Asker | None = None
_held: StoreKey | None = None


def hold(key: StoreKey | None) -> None:
    """Use ``key`` for every store until QA Desktop closes (None: forget it)."""
    global _held
    _held = key


def _keyring_get() -> tuple[StoreKey | None, bool]:
    """The key in the keyring, and whether there is a working keyring at all."""
    from keyring.errors import KeyringError

    backend = system_keyring()

    try:
        text = backend.get_password(KEYRING_SERVICE, KEYRING_ACCOUNT)
    except KeyringError as exc:
        log.info("no keyring for the store key (%s)", type(exc).__name__)
        return None, False
    if _no_keyring_backend(backend):
        return None, False
    return (StoreKey.from_keyring_text(text) if text else None), True


def _no_keyring_backend(backend: object) -> bool:
    return type(backend).__module__.startswith("keyring.backends.fail")


def save_in_keyring(key: StoreKey) -> bool:
    """Keep ``key`` in the keyring; False when there is none (then it is held in memory)."""
    from keyring.errors import KeyringError

    backend = system_keyring()

    try:
        backend.set_password(KEYRING_SERVICE, KEYRING_ACCOUNT, key.keyring_text())
    except KeyringError as exc:
        log.info("the store key cannot go in a keyring (%s)", type(exc).__name__)
        hold(key)
        return False
    return True


def forget_held() -> None:
    hold(None)


def store_key(*, create: bool) -> StoreKey:
    """The key for the stores on this computer (see the module's text for the order).
    ``create``: a store is being made, so a missing key is made (or chosen) now."""
    if _held is not None:
        return _held
    found, has_keyring = _keyring_get()
    if found is not None:
        return found
    env = os.environ.get(ENV_KEY, "").strip()
    if env:
        return StoreKey.from_text(env)
    if create and has_keyring:
        key = StoreKey.generate()
        if save_in_keyring(key):
            log.info("a new store key was made and kept in the keyring")
            return key
    typed = asker(create and not has_keyring) if asker is not None else None
    if typed:
        key = StoreKey.from_text(typed)
        if create and key.passphrase is not None and len(key.passphrase) < MIN_PASSPHRASE:
            raise StoreError(
                "A passphrase must be at least {count} characters long.", count=MIN_PASSPHRASE
            )
        hold(key)
        return key
    if create and not has_keyring:
        raise KeyNeeded(
            "There is no system keyring on this computer to keep the store's key. Choose a "
            "passphrase for it, or give the key in the environment variable {variable}.",
            new=True,
            variable=ENV_KEY,
        )
    raise KeyNeeded(
        "The key that unlocks the stores is not on this computer (no keyring entry, and "
        "{variable} is not set). Give the recovery key shown when the store was set up, or "
        "its passphrase.",
        variable=ENV_KEY,
    )


def persist_held() -> None:
    """A key typed at start opened the store: keep it in the keyring where there is one, so
    it is not asked again (a key that opened nothing is never written over the keyring's)."""
    if _held is not None:
        found, has_keyring = _keyring_get()
        if has_keyring and found != _held and save_in_keyring(_held):
            hold(None)


def recover(text: str) -> StoreKey:
    """Put a recovery key (or passphrase) back: into the keyring where there is one, else
    held until QA Desktop closes."""
    key = StoreKey.from_text(text)
    hold(key)
    save_in_keyring(key)
    return key
