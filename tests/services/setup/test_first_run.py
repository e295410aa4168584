"""Preparing a store at first launch: the demo county (built once), or the person's own."""

from __future__ import annotations

import pytest

from qa_desktop.demo import prepare_demo
from qa_desktop.domain.roles import Role
from qa_desktop.errors import ValidationError
from qa_desktop.services.container import build_services
from qa_desktop.services.setup.about import store_facts
from qa_desktop.services.setup.first_run import NewPerson, set_up_own_store
from qa_desktop.store.engine import open_store


def test_the_demo_county_is_built_once(tmp_path, clock) -> None:
    path = tmp_path / "demo.qadb"
    first = prepare_demo(path, clock, audits=6)
    assert first.built and first.path == path and first.person_id is None
    again = prepare_demo(path, clock, audits=6)
    assert not again.built
    store = open_store(path)
    try:
        assert len(build_services(store, clock).directory.people()) > 20
    finally:
        store.close()


def test_own_store_gets_the_forms_and_the_person_with_history(tmp_path, clock) -> None:
    path = tmp_path / "own.qadb"
    prepared = set_up_own_store(path, NewPerson("Ali Brennan", Role.QA_OFFICER), clock)
    assert prepared.built and prepared.person_id
    store = open_store(path)
    try:
        services = build_services(store, clock)
        actor = services.directory.actor(prepared.person_id)
        assert actor.person.role is Role.QA_OFFICER
        assert len(store_facts(store).forms) >= 8
        from sqlalchemy import text

        with store.reader() as session:
            tables = session.execute(text("select table_name from history")).scalars().all()
            waiting = session.execute(text("select count(*) from outbox")).scalar()
        assert "people" in tables and waiting >= 1  # the new person travels on sync
    finally:
        store.close()


def test_an_existing_store_with_people_is_opened_as_it_is(demo_template, tmp_path, clock) -> None:
    import shutil

    path = tmp_path / "existing.qadb"
    shutil.copy(demo_template, path)
    prepared = set_up_own_store(path, NewPerson("Ali Brennan", Role.PRACTITIONER), clock)
    assert prepared.person_id is None and not prepared.built
    store = open_store(path)
    try:
        names = [p.name for p in build_services(store, clock).directory.people()]
        assert "Ali Brennan" not in names
    finally:
        store.close()


def test_a_name_is_needed(tmp_path, clock) -> None:
    with pytest.raises(ValidationError, match="give your name"):
        set_up_own_store(tmp_path / "x.qadb", NewPerson("   ", Role.PRACTITIONER), clock)
    assert not (tmp_path / "x.qadb").exists()
