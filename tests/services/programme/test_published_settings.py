"""The published settings page: everyone reads it, the QA team publishes, all or nothing,
and the services that decide read what was published."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from qa_desktop.domain.published_settings import (
    MEETING_WORKING_DAYS,
    MODERATION_SHARE_PERCENT,
    MONTHLY_TARGET,
    ON_SETTINGS_PAGE,
)
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.container import Services, build_services
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from tests.store_access import store_of


@pytest.fixture
def services(demo_store, clock) -> Services:
    return build_services(demo_store, clock)


def _actor(services: Services, role: Role) -> Actor:
    person = next(p for p in services.directory.people() if p.role is role)
    return services.directory.actor(person.id)


def _setting_rows(services: Services) -> int:
    with store_of(services).reader() as s:
        return int(s.scalar(select(func.count()).select_from(m.Setting)) or 0)


def test_everyone_reads_the_page_only_the_qa_team_may_change_it(services: Services) -> None:
    practitioner = services.published.page(_actor(services, Role.PRACTITIONER))
    qa = services.published.page(_actor(services, Role.QA_OFFICER))
    assert not practitioner.may_change and qa.may_change
    assert [v.key for v in qa.values] == [s.key for s in ON_SETTINGS_PAGE]
    assert practitioner.value_of(MONTHLY_TARGET.key) == qa.value_of(MONTHLY_TARGET.key)


def test_the_qa_team_publishes_and_the_monthly_target_follows(services: Services) -> None:
    qa = _actor(services, Role.QA_OFFICER)
    page = services.published.publish(
        {MONTHLY_TARGET.key: 42, MODERATION_SHARE_PERCENT.key: 20.0}, qa
    )
    assert page.value_of(MONTHLY_TARGET.key) == 42
    assert services.reporting.targets().current == 42
    again = services.published.page(_actor(services, Role.HEAD_OF_SERVICE))
    assert again.value_of(MODERATION_SHARE_PERCENT.key) == 20.0


def test_a_value_out_of_range_publishes_nothing_and_names_each_setting(
    services: Services,
) -> None:
    qa = _actor(services, Role.QA_OFFICER)
    before = services.published.page(qa)
    rows = _setting_rows(services)
    with pytest.raises(ValidationError) as refused:
        services.published.publish(
            {
                MONTHLY_TARGET.key: 12,
                MEETING_WORKING_DAYS.key: 99,
                MODERATION_SHARE_PERCENT.key: 150.0,
            },
            qa,
        )
    text = str(refused.value)
    assert MEETING_WORKING_DAYS.label in text and MODERATION_SHARE_PERCENT.label in text
    assert services.published.page(qa) == before and _setting_rows(services) == rows


def test_anyone_else_is_refused(services: Services) -> None:
    auditor = _actor(services, Role.TEAM_MANAGER)
    with pytest.raises(PermissionRefused, match="QA team"):
        services.published.publish({MONTHLY_TARGET.key: 1}, auditor)
