"""Bounded waits and TLS against the real PostgreSQL: one laptop holding a push open never
holds another's sync for long, and an address asking for TLS is never connected in plain text."""

from __future__ import annotations

import contextlib
import threading
import time

import psycopg
import pytest

from qa_desktop.store import models as m
from qa_desktop.sync.connection import (
    CentralAddress,
    CentralBusy,
    InsecureConnection,
    connect,
)
from tests.sync.conftest import Central
from tests.sync.world import add_audit, build_world, edit


def test_a_push_held_open_does_not_hold_another_laptop_s_sync(central: Central, laptops) -> None:
    qa = central.add_login("qa", "qa-person", ["qa_team"])
    one, two = laptops("one", qa), laptops("two", qa)
    world = build_world(one.store)
    audit_id = add_audit(one.store, world, "QA-0000001")
    one.sync()
    two.sync()
    edit(one.store, world.auditor, m.Audit, audit_id, impact="Plans are clearer")
    edit(one.store, world.auditor, m.Audit, audit_id, overall_grade="good")
    edit(two.store, world.practitioner, m.Audit, audit_id, voice_of_child="From laptop two")

    holding = threading.Event()
    release = threading.Event()

    def stall(step: str) -> None:
        if step == "mid_batch":  # inside the push: the county-wide counter is locked
            holding.set()
            release.wait(60)

    stalled = threading.Thread(target=lambda: _quietly(lambda: one.client(stall).sync()))
    stalled.start()
    try:
        assert holding.wait(30)
        started = time.monotonic()
        with pytest.raises(CentralBusy) as caught:
            two.sync()
        waited = time.monotonic() - started
        assert waited < 15, f"waited {waited:.1f} s"
        assert "busy" in str(caught.value) and "kept on this computer" in str(caught.value)
    finally:
        release.set()
        stalled.join(60)
    two.sync()  # once the other push is done, it goes through
    assert one.sync().accepted == 0


def _quietly(job) -> None:
    with contextlib.suppress(Exception):  # the stalled laptop's outcome is not under test
        job()


def test_client_logins_end_a_transaction_left_idle(central: Central) -> None:
    login = central.add_login("qa", "qa-person", ["qa_team"]).user
    with central.admin_connection() as conn:
        row = conn.execute(
            "SELECT setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole "
            "WHERE r.rolname = %s",
            (login,),
        ).fetchone()
    assert row is not None and "idle_in_transaction_session_timeout=30s" in row[0]


def test_connections_carry_tcp_keepalives(central: Central) -> None:
    with connect(central.admin) as conn:
        assert conn.info.get_parameters()["keepalives_idle"] == "30"


def test_sslmode_require_against_a_server_without_tls_is_refused(postgres_url: str) -> None:
    plain = CentralAddress.parse(postgres_url)
    with psycopg.connect(host=plain.host, port=plain.port, user=plain.user, dbname="test") as c:
        if c.execute("SHOW ssl").fetchone() != ("off",):
            pytest.skip("this server offers TLS")  # the test needs one without
    address = CentralAddress.parse(postgres_url + "?sslmode=require")
    assert address.tls_mode == "require"
    with pytest.raises(InsecureConnection) as caught:
        connect(address)
    message = str(caught.value)
    assert "does not offer an encrypted (TLS) connection" in message
    assert "Nothing was sent" in message


def test_tls_modes_default_to_verify_full_away_from_this_computer() -> None:
    assert CentralAddress.parse("postgresql+psycopg://ann@central.example:5432/qa").tls_mode == (
        "verify-full"
    )
    assert CentralAddress.parse("postgresql+psycopg://ann@127.0.0.1/qa").tls_mode == "prefer"
    chosen = CentralAddress.parse(
        "postgresql+psycopg://ann@db.example/qa?sslmode=verify-ca&sslrootcert=/etc/council-ca.pem"
    )
    assert (chosen.tls_mode, chosen.sslrootcert) == ("verify-ca", "/etc/council-ca.pem")
    again = CentralAddress.parse(chosen.with_user("bob").display())
    assert again == chosen.with_user("bob")  # kept in the settings, honoured next time


def test_an_untrusted_certificate_gets_its_own_message(tmp_path) -> None:
    missing_root = tmp_path / "no-such-root.crt"
    address = CentralAddress.parse(
        f"postgresql+psycopg://ann@127.0.0.1:5432/test?sslmode=verify-full&sslrootcert={missing_root}"
    )
    with pytest.raises(InsecureConnection) as caught:
        connect(address)
    assert "could not prove who it is" in str(caught.value) or "does not offer" in str(caught.value)
