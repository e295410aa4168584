"""Who may do what, as the QA team publishes it: which roles moderate, and observations by
managers of the practitioner's own team. The services read it where they decide."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from qa_desktop.domain.roles import Capability, Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.programme.observations import ObservationService
from qa_desktop.services.published import RightsSettings, publish_rights, read_rights
from qa_desktop.services.setup.people import DirectoryService
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from tests.services.programme.test_observations import entry

COUNCIL = frozenset({Role.SERVICE_MANAGER, Role.ASSISTANT_DIRECTOR})


def _first(directory: DirectoryService, role: Role, moderator: bool | None = None):
    return directory.actor(
        next(
            p.id
            for p in directory.people()
            if p.role is role and (moderator is None or p.is_moderator is moderator)
        )
    )


def _publish(store, clock, rights: RightsSettings, actor) -> None:
    with store.session() as session:
        publish_rights(Recorder(session, actor.id, clock()), rights, actor)


def test_the_council_names_who_moderates(demo_store, clock) -> None:
    directory = DirectoryService(demo_store)
    qa = _first(directory, Role.QA_OFFICER, moderator=True)
    head = _first(directory, Role.HEAD_OF_SERVICE, moderator=True)
    service_manager = _first(directory, Role.SERVICE_MANAGER, moderator=True)
    director = _first(directory, Role.ASSISTANT_DIRECTOR, moderator=True)
    # Before anything is published: every senior moderator, as before.
    assert all(a.can(Capability.MODERATE) for a in (qa, head, service_manager, director))
    with demo_store.reader() as session:
        assert read_rights(session).moderator_roles == frozenset(
            {
                Role.TEAM_MANAGER,
                Role.SERVICE_MANAGER,
                Role.HEAD_OF_SERVICE,
                Role.ASSISTANT_DIRECTOR,
                Role.QA_OFFICER,
            }
        )

    _publish(demo_store, clock, RightsSettings(COUNCIL, False), qa)
    with demo_store.reader() as session:
        stored = session.get(m.Setting, "rights.moderator_roles")
        assert stored is not None
        assert json.loads(stored.value) == "service_manager,assistant_director"
    again = {a.id: directory.actor(a.id) for a in (qa, head, service_manager, director)}
    assert again[service_manager.id].can(Capability.MODERATE)
    assert again[director.id].can(Capability.MODERATE)
    assert not again[head.id].can(Capability.MODERATE)
    assert not again[qa.id].can(Capability.MODERATE)
    # The QA team still sends audits to moderation; it no longer moderates them.
    assert again[qa.id].can(Capability.ADD_TO_MODERATION)


def test_only_the_qa_team_publishes(demo_store, clock) -> None:
    directory = DirectoryService(demo_store)
    for role in (Role.HEAD_OF_SERVICE, Role.ASSISTANT_DIRECTOR, Role.PRACTITIONER):
        with pytest.raises(PermissionRefused, match="QA team"):
            _publish(demo_store, clock, RightsSettings(COUNCIL, True), _first(directory, role))
    with pytest.raises(ValidationError, match="at least one role"):
        _publish(
            demo_store, clock, RightsSettings(frozenset(), True), _first(directory, Role.QA_OFFICER)
        )
    with demo_store.reader() as session:
        assert session.get(m.Setting, "rights.moderator_roles") is None
        # A value that is not a list of senior roles (written by hand) reads as the default.
        Recorder(session, None, clock()).insert(
            m.Setting, key="rights.moderator_roles", value=json.dumps("chief_executive")
        )
        assert Role.HEAD_OF_SERVICE in read_rights(session).moderator_roles
        session.rollback()


def _team_and_service_of(store, person_id: str) -> tuple[str, str, str]:
    with store.reader() as session:
        person = session.get(m.Person, person_id)
        assert person is not None and person.team_id is not None
        team = session.get(m.Team, person.team_id)
        assert team is not None
        return team.id, team.service_id, team.area_id


def test_observations_by_managers_of_the_practitioners_own_team(demo_store, clock) -> None:
    directory = DirectoryService(demo_store)
    everyone = directory.people()
    practitioner = next(p for p in everyone if p.role is Role.PRACTITIONER)
    team_id, service_id, _area = _team_and_service_of(demo_store, practitioner.id)
    with demo_store.reader() as session:
        own_manager = session.scalar(
            select(m.Person.id).where(
                m.Person.role == Role.TEAM_MANAGER.value, m.Person.team_id == team_id
            )
        )
        other_manager = session.scalar(
            select(m.Person.id).where(
                m.Person.role == Role.TEAM_MANAGER.value, m.Person.team_id != team_id
            )
        )
        over_service = session.scalar(
            select(m.Person.id).where(
                m.Person.role == Role.SERVICE_MANAGER.value, m.Person.service_id == service_id
            )
        )
        other_service = session.scalar(
            select(m.Person.id).where(
                m.Person.role == Role.SERVICE_MANAGER.value,
                m.Person.service_id.is_not(None),
                m.Person.service_id != service_id,
            )
        )
    assert own_manager and other_manager and over_service and other_service
    service = ObservationService(demo_store, clock)
    qa = _first(directory, Role.QA_OFFICER)
    # Nothing published: any manager observes anyone.
    service.record(entry(practitioner.id), directory.actor(other_manager))

    _publish(demo_store, clock, RightsSettings(COUNCIL, True), qa)
    for outsider in (other_manager, other_service):
        with pytest.raises(PermissionRefused, match="practitioner's own team"):
            service.record(entry(practitioner.id), directory.actor(outsider))
    service.record(entry(practitioner.id), directory.actor(own_manager))
    service.record(entry(practitioner.id), directory.actor(over_service))
    service.record(entry(practitioner.id), qa)  # the QA team runs the programme
    assert len(service.list()) == 4
