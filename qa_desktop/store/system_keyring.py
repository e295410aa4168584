"""The system keyring, found without loading every platform's backend.

keyring's own detection imports the backend of every platform it knows and asks each whether
it works. On Linux its macOS backend looks for Apple's Security library by running
``ldconfig`` and ``gcc`` (about 80 ms of the start's reading of the store key), and its
"chainer" backend makes it load everything again. Here the backend is chosen as keyring
chooses it, among fewer candidates:

1. what the person configured, read by keyring itself (``PYTHON_KEYRING_BACKEND`` or
   ``keyringrc.cfg``);
2. otherwise the working backend of highest priority among this platform's own and any
   installed third-party ones. keyring's chainer (which reads from several working backends
   in turn) is left out: with two working keyrings on one computer (KWallet and the Secret
   Service on one Linux desktop) the key is kept in, and read from, the one keyring ranks
   first, where keyring's chainer would also have written it;
3. the "fail" backend when none works (then the key comes from the environment or is asked).

A backend already set (``keyring.set_keyring``, as the tests' in-memory keyring is) is kept.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

_ELSEWHERE = {
    "keyring.backends.chainer",  # see the module's text
    *(() if sys.platform == "darwin" else ("keyring.backends.macOS",)),
    *(() if sys.platform == "win32" else ("keyring.backends.Windows",)),
}


def system_keyring() -> KeyringBackend:
    """keyring's backend, chosen the first time it is asked for in a process."""
    import keyring
    from keyring import core

    if getattr(core, "_keyring_backend", None) is None:
        keyring.set_keyring(_detect())
    return keyring.get_keyring()


def _detect() -> KeyringBackend:
    from importlib import metadata  # here, not at start: about 15 ms before the window

    from keyring import backend, core
    from keyring.backends import fail  # noqa: F401  (registers the backend of last resort)

    configured = core.load_env() or core.load_config()
    if configured is not None:
        return configured
    for entry in metadata.entry_points(group="keyring.backends"):
        if entry.value.split(":")[0] in _ELSEWHERE:
            continue
        try:
            start = entry.load()
            if callable(start):
                start()
        except Exception:  # a broken third-party backend: keyring itself carries on too
            log.info("the keyring backend %s did not load", entry.name, exc_info=True)
    working: list[KeyringBackend] = []
    for kind in backend.KeyringBackend.get_viable_backends():  # fail's among them, priority 0
        with contextlib.suppress(TypeError):  # one that needs arguments: keyring skips it too
            working.append(kind())
    chosen = max(working, key=backend.by_priority)
    log.info("keyring backend: %s", type(chosen).__name__)
    return chosen
