"""Live side by side: one listening connection per laptop, on the audits it has open.

The central database's push tells each audit it changed on that audit's own channel (NOTIFY,
delivered at commit); ``presence`` tells who has it open and in which practice area. Only ids
travel, never content: ``{"seq": n}`` or ``{"person": id, "area": key, "here": bool}``. A
notice only says "pull now": the pull is the ordinary one (``SyncClient.sync``), so the rights
rules and the outbox apply exactly as in a timed sync, and live and timed sync cannot disagree.

:class:`LiveLink` runs on a thread of its own (never the GUI thread, never the store's runner):
``run`` connects (with back-off while the central database cannot be reached), listens, says
where this person is every ``heartbeat`` seconds and hands each notice to ``on_notice``. Other
threads only call :meth:`open_audit`, :meth:`move`, :meth:`close_audit` and :meth:`stop`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa_desktop.sync.central.sql import CLIENT_FORMAT, PROTOCOL_VERSION
from qa_desktop.sync.connection import CentralAddress, CentralError, connect

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)
HEARTBEAT_S = 5.0  # presence said again this often while an audit is open
PRESENCE_TIMEOUT_S = 15.0  # the other side forgets a person not heard of for this long
POLL_S = 0.25  # how long one wait for notices lasts before the loop looks at its work
LONGEST_BACKOFF_S = 30.0


def channel_of(audit_id: str) -> str:
    """The audit's channel, as the central database names it (``qa_central.live_channel``)."""
    return "qa_live_" + hashlib.md5(audit_id.encode("utf-8"), usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class Changed:
    """A push changed this audit on the central database, up to ``seq``."""

    audit_id: str
    seq: int


@dataclass(frozen=True)
class Presence:
    """A person has this audit open in ``area`` (``here``), or has closed it."""

    audit_id: str
    person_id: str
    area: str
    here: bool


Notice = Changed | Presence


def parse(audit_id: str, payload: str) -> Notice | None:
    """A notice from its payload, or None for one this version does not understand."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("seq"), int):
        return Changed(audit_id, data["seq"])
    if isinstance(data.get("person"), str):
        return Presence(audit_id, data["person"], str(data.get("area") or ""), bool(data["here"]))
    return None


class LiveLink:
    def __init__(
        self,
        address: CentralAddress,
        password: str | None,
        *,
        on_notice: Callable[[Notice], None],
        on_online: Callable[[bool], None] = lambda _online: None,
        heartbeat: float = HEARTBEAT_S,
        poll: float = POLL_S,
    ) -> None:
        self.address = address
        self.password = password
        self.on_notice = on_notice
        self.on_online = on_online
        self.heartbeat = heartbeat
        self.poll = poll
        self._lock = threading.Lock()
        self._open: dict[str, str] = {}  # audit id -> the area this person is in
        self._said: dict[str, float] = {}  # audit id -> when presence was last said
        self._leaving: list[str] = []  # closed audits whose "left" is still to be said
        self._stop = threading.Event()
        self._conn: psycopg.Connection | None = None
        self._listening: set[str] = set()

    # -- called from other threads ------------------------------------------------------------

    def open_audit(self, audit_id: str, area: str) -> None:
        with self._lock:
            self._open[audit_id] = area
            self._said.pop(audit_id, None)  # said at once

    def move(self, audit_id: str, area: str) -> None:
        """This person went to another practice area of an open audit."""
        with self._lock:
            if audit_id in self._open and self._open[audit_id] != area:
                self._open[audit_id] = area
                self._said.pop(audit_id, None)

    def close_audit(self, audit_id: str) -> None:
        with self._lock:
            if self._open.pop(audit_id, None) is not None:
                self._leaving.append(audit_id)
            self._said.pop(audit_id, None)

    def stop(self) -> None:
        """End :meth:`run` (within one poll), saying "left" for what is open if it can."""
        with self._lock:
            self._leaving += list(self._open)
            self._open.clear()
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    # -- the listening thread -----------------------------------------------------------------

    def run(self) -> None:
        """Listen until :meth:`stop`; offline is a normal state, retried with back-off."""
        import psycopg

        backoff = 1.0
        while not self._stop.is_set():
            try:
                self._connect()
                backoff = 1.0
                while not self._stop.is_set():
                    self._step()
                self._step()  # the last "left"s
            except (CentralError, psycopg.Error) as exc:
                log.info("live link offline: %s", type(exc).__name__)
                self._drop()
                self._stop.wait(backoff)
                backoff = min(backoff * 2, LONGEST_BACKOFF_S)
        self._drop()

    def _connect(self) -> None:
        conn = connect(self.address, self.password)
        conn.autocommit = True
        self._conn = conn
        self._listening = set()
        with self._lock:
            self._said.clear()  # presence said again on the new connection
        self.on_online(True)

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
            self.on_online(False)

    def _step(self) -> None:
        from psycopg import sql

        conn = self._conn
        assert conn is not None
        with self._lock:
            wanted = dict(self._open)
            leaving, self._leaving = self._leaving, []
            now = time.monotonic()
            due = [a for a in wanted if now - self._said.get(a, -1e9) >= self.heartbeat]
            for audit_id in due:
                self._said[audit_id] = now
        for audit_id in leaving:
            self._say(conn, audit_id, "", here=False)
        channels = {channel_of(a): a for a in wanted}
        for channel in set(channels) - self._listening:
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        for channel in self._listening - set(channels):
            conn.execute(sql.SQL("UNLISTEN {}").format(sql.Identifier(channel)))
        self._listening = set(channels)
        for audit_id in due:
            self._say(conn, audit_id, wanted[audit_id], here=True)
        if self._stop.is_set():
            return
        own = conn.info.backend_pid
        for note in conn.notifies(timeout=self.poll):
            heard_on = channels.get(note.channel)
            if heard_on is None or note.pid == own:
                continue  # an audit closed meanwhile, or this laptop's own presence
            notice = parse(heard_on, note.payload)
            if notice is not None:
                self.on_notice(notice)

    def _say(self, conn: psycopg.Connection, audit_id: str, area: str, *, here: bool) -> None:
        conn.execute(
            "SELECT qa_central.presence(%s, %s, %s, %s, %s)",
            (PROTOCOL_VERSION, CLIENT_FORMAT, audit_id, area, here),
        )
