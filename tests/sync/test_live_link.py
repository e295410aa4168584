"""The live link against the real central PostgreSQL: a push tells the laptops listening on
that audit (ids only, never content), presence comes and goes, and a laptop that lost its
connection listens again by itself."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from qa_desktop.store import models as m
from qa_desktop.sync.live import Changed, LiveLink, Notice, Presence, channel_of, parse
from tests.sync.conftest import Central, Pair, central_database
from tests.sync.world import edit


@pytest.fixture
def central(postgres_url: str) -> Iterator[Central]:
    yield from central_database(postgres_url, "live_")


class Heard:
    def __init__(self) -> None:
        self.notices: list[Notice] = []
        self.online: list[bool] = []
        self.lock = threading.Lock()

    def add(self, notice: Notice) -> None:
        with self.lock:
            self.notices.append(notice)

    def wait_for(self, test: Callable[[Notice], bool], timeout: float = 5.0) -> Notice:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                for notice in self.notices:
                    if test(notice):
                        return notice
            time.sleep(0.01)
        raise AssertionError(f"not heard in {timeout} s; heard {self.notices}")


def _listen(pair: Pair, laptop_name: str, heard: Heard, **options: float) -> LiveLink:
    laptop = getattr(pair, laptop_name)
    link = LiveLink(
        laptop.address, None, on_notice=heard.add, on_online=heard.online.append, **options
    )
    threading.Thread(target=link.run, daemon=True).start()
    return link


def test_a_push_tells_the_other_laptop_with_ids_only(pair: Pair) -> None:
    heard = Heard()
    link = _listen(pair, "practitioner", heard)
    try:
        link.open_audit(pair.audit_id, "assessment")
        deadline = time.monotonic() + 5
        while not heard.online and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)  # the LISTEN is made on the link's next step
        edit(pair.auditor.store, pair.world.auditor, m.Audit, pair.audit_id, impact="Secret words")
        report = pair.auditor.sync()
        notice = heard.wait_for(lambda n: isinstance(n, Changed))
        assert notice == Changed(pair.audit_id, report.cursor)
        assert "Secret words" not in repr(heard.notices)
    finally:
        link.stop()


def test_presence_shows_the_person_and_area_and_clears_on_close(pair: Pair) -> None:
    heard_by_practitioner = Heard()
    listener = _listen(pair, "practitioner", heard_by_practitioner)
    speaker = _listen(pair, "auditor", Heard(), heartbeat=0.2)
    try:
        listener.open_audit(pair.audit_id, "planning")
        time.sleep(0.5)
        speaker.open_audit(pair.audit_id, "assessment")
        here = heard_by_practitioner.wait_for(lambda n: isinstance(n, Presence) and n.here)
        assert here == Presence(pair.audit_id, pair.world.auditor, "assessment", True)
        speaker.move(pair.audit_id, "review")
        heard_by_practitioner.wait_for(lambda n: isinstance(n, Presence) and n.area == "review")
        speaker.close_audit(pair.audit_id)
        gone = heard_by_practitioner.wait_for(lambda n: isinstance(n, Presence) and not n.here)
        assert gone.person_id == pair.world.auditor
        # Its own presence never comes back to the laptop that said it.
        assert all(
            not isinstance(n, Presence) or n.person_id != pair.world.practitioner
            for n in heard_by_practitioner.notices
        )
    finally:
        listener.stop()
        speaker.stop()


def test_a_cut_connection_listens_again(pair: Pair) -> None:
    heard = Heard()
    link = _listen(pair, "practitioner", heard)
    try:
        link.open_audit(pair.audit_id, "assessment")
        deadline = time.monotonic() + 5
        while heard.online != [True] and time.monotonic() < deadline:
            time.sleep(0.01)
        with pair.central.admin_connection() as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND usename = %s",
                (pair.central.database, pair.practitioner.address.user),
            )
        deadline = time.monotonic() + 8
        while heard.online[-1:] != [True] or len(heard.online) < 3:
            assert time.monotonic() < deadline, heard.online
            time.sleep(0.05)
        time.sleep(0.3)
        edit(pair.auditor.store, pair.world.auditor, m.Audit, pair.audit_id, impact="After")
        pair.auditor.sync()
        heard.wait_for(lambda n: isinstance(n, Changed))
    finally:
        link.stop()


def test_payloads_parse_or_are_left_alone() -> None:
    assert parse("a", json.dumps({"seq": 7})) == Changed("a", 7)
    assert parse("a", json.dumps({"person": "p", "area": "x", "here": False})) == Presence(
        "a", "p", "x", False
    )
    assert parse("a", "not json") is None and parse("a", "[]") is None
    assert channel_of("a") != channel_of("b") and len(channel_of("x" * 500)) < 64
