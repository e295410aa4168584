"""Observation of practice: a manager records an observed visit on its short form."""

from __future__ import annotations

from datetime import date

import pytest

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.programme.observations import ObservationEntry, ObservationService, Setting
from qa_desktop.services.setup.people import DirectoryService


def people(store):
    directory = DirectoryService(store)
    everyone = directory.people()
    manager = directory.actor(next(p for p in everyone if p.role is Role.TEAM_MANAGER).id)
    practitioner = next(p for p in everyone if p.role is Role.PRACTITIONER)
    return directory, manager, practitioner


def entry(practitioner_id: str, **changes) -> ObservationEntry:
    values = dict(
        practitioner_id=practitioner_id,
        setting=Setting.HOME_VISIT,
        observed_on=date(2026, 11, 18),
        consent_given=True,
        answers={"OB1": "yes", "OB3": "partly", "OB6": "7", "OB7": "Warm, clear"},
        grade=Grade.GOOD,
    )
    values.update(changes)
    return ObservationEntry(**values)


def test_a_manager_records_an_observation(demo_store, clock) -> None:
    _, manager, practitioner = people(demo_store)
    service = ObservationService(demo_store, clock)
    assert [s.id for s in service.form().form.sections] == ["visit", "reflection"]
    service.record(entry(practitioner.id), manager)
    (row,) = service.list()
    assert (row.practitioner, row.observer, row.grade) == (
        practitioner.name,
        manager.person.name,
        Grade.GOOD,
    )
    assert row.setting is Setting.HOME_VISIT


def test_observation_rules(demo_store, clock) -> None:
    directory, manager, practitioner = people(demo_store)
    service = ObservationService(demo_store, clock)
    with pytest.raises(PermissionRefused):
        service.record(entry(manager.id), directory.actor(practitioner.id))
    with pytest.raises(ValidationError, match="consent"):
        service.record(entry(practitioner.id, consent_given=False), manager)
    with pytest.raises(ValidationError, match="your own practice"):
        service.record(entry(manager.id), manager)
    with pytest.raises(ValidationError, match="from 0 to 10"):
        service.record(entry(practitioner.id, answers={"OB6": "11"}), manager)
    with pytest.raises(ValidationError, match="'maybe' is not an answer"):
        service.record(entry(practitioner.id, answers={"OB1": "maybe"}), manager)
    with pytest.raises(ValidationError, match="no case CR-NONE"):
        service.record(entry(practitioner.id, case_reference="CR-NONE"), manager)
    assert service.list() == ()
