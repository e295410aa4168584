"""Reading and changing the settings the QA team publishes (stored as JSON in ``settings``),
and who may do what among them (:class:`RightsSettings`): the services read those where they
decide (capabilities in :meth:`DirectoryService.actor`, observations in
:mod:`.programme.observations`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

from qa_desktop.domain.published_settings import (
    MODERATOR_ROLES,
    OBSERVATIONS_BY_OWN_MANAGERS,
    PublishedSetting,
    roles_of,
    stored_value,
)
from qa_desktop.domain.roles import Capability, Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder

T = TypeVar("T", int, float, str, bool)


def read_setting(session: Session, setting: PublishedSetting[T]) -> T:
    row = session.get(m.Setting, setting.key)
    return stored_value(setting, row.value if row is not None else None)


def write_setting(recorder: Recorder, setting: PublishedSetting[T], value: T) -> None:
    try:
        value = setting.check(value)
    except ValueError as exc:
        raise ValidationError("{problem}.", problem=str(exc)) from None
    row = recorder.session.get(m.Setting, setting.key)
    encoded = json.dumps(value)
    if row is None:
        recorder.insert(m.Setting, key=setting.key, value=encoded)
    else:
        recorder.update(row, value=encoded)


@dataclass(frozen=True)
class RightsSettings:
    """Who may do what, as the QA team publishes it."""

    moderator_roles: frozenset[Role]  # with the moderator flag
    observations_by_own_managers: bool  # managers observe only their own team's practitioners


def read_rights(session: Session) -> RightsSettings:
    return RightsSettings(
        roles_of(read_setting(session, MODERATOR_ROLES)),
        read_setting(session, OBSERVATIONS_BY_OWN_MANAGERS),
    )


class _Checked(Protocol):
    """Whoever publishes: a person or the system (no import of the actors here, which read
    these settings when they are made)."""

    def can(self, capability: Capability) -> bool: ...


def publish_rights(recorder: Recorder, rights: RightsSettings, actor: _Checked) -> None:
    """Publish who may do what (the QA team only); each laptop reads it after its next sync,
    and a person's capabilities follow when they next sign in."""
    if not actor.can(Capability.MANAGE_PROGRAMME):
        raise PermissionRefused("Who may do what is published by the QA team.")
    if not rights.moderator_roles:
        raise ValidationError("Name at least one role that may moderate.")
    order = [r for r in Role if r in rights.moderator_roles]
    write_setting(recorder, MODERATOR_ROLES, ",".join(r.value for r in order))
    write_setting(recorder, OBSERVATIONS_BY_OWN_MANAGERS, rights.observations_by_own_managers)
