"""One QA Desktop per store: a lock file beside it (``<store>.lock``, 0600).

The lock is the operating system's (``flock`` on Linux and macOS, ``msvcrt.locking`` on
Windows), held for as long as the app has the store open. The system drops it when the
process ends however it ends (a crash, a power cut), so a stale lock never keeps a person
out. The file also says who holds it (process, computer, since when), so a second start can
say where the store is open. Jobs on the command line do not take it: SQLite keeps their
writes safe beside the app's; restoring a backup does, since it replaces the file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from qa_desktop.errors import StoreError

log = logging.getLogger(__name__)
_LOCKED_BYTE = 4096  # Windows locks a byte range others cannot read: keep it past the text


class StoreInUse(StoreError):
    """Another QA Desktop has the store open (not damaged: no backup is offered)."""


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")


@dataclass
class InstanceLock:
    path: Path
    fd: int

    def release(self) -> None:
        if self.fd < 0:
            return
        with contextlib.suppress(OSError):
            _unlock(self.fd)
        os.close(self.fd)
        self.fd = -1


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_store(store_path: Path) -> InstanceLock:
    """Take the store's lock, or StoreInUse saying where it is open."""
    path = lock_path(store_path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    if not _try_lock(fd):
        holder = _holder(fd)
        os.close(fd)
        log.info("store is open in another QA Desktop (%s)", holder.get("pid", "?"))
        raise StoreInUse(
            "The store {path} is already open in QA Desktop (process {pid} on {host}, since "
            "{since}). Switch to that window, or close it and start again. Nothing has been "
            "changed.",
            path=str(store_path),
            pid=holder.get("pid", "?"),
            host=holder.get("host", "?"),
            since=holder.get("since", "?"),
        )
    text = f"pid={os.getpid()}\nhost={socket.gethostname()}\nsince={datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n"
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, text.encode())
    return InstanceLock(path, fd)


def _holder(fd: int) -> dict[str, str]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 1024).decode("utf-8", "replace")
    except OSError:
        return {}
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
