"""A small synthetic world written through the Recorder (so it is captured for sync): one
area, service and team, five people, a case, a form and audits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, text

from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder
from tests.conftest import NOW


@dataclass(frozen=True)
class World:
    auditor: str
    practitioner: str
    moderator: str
    head: str
    qa: str
    other_auditor: str
    other_practitioner: str
    case: str
    version: str


def build_world(store: Store) -> World:
    with store.session() as s:
        s.execute(text("PRAGMA defer_foreign_keys = ON"))
        r = Recorder(s, None, NOW)
        area = r.insert(m.Area, name="West").id
        service = r.insert(m.Service, name="Early Help").id
        team = r.insert(m.Team, name="West Early Help 1", area_id=area, service_id=service).id
        people = {}
        for key, role, auditor, moderator in (
            ("auditor", "team_manager", True, False),
            ("practitioner", "practitioner", False, False),
            ("moderator", "service_manager", True, True),
            ("head", "head_of_service", False, False),
            ("qa", "qa_officer", True, True),
            ("other_auditor", "team_manager", True, False),
            ("other_practitioner", "practitioner", False, False),
        ):
            people[key] = r.insert(
                m.Person,
                name=f"Test {key.replace('_', ' ').title()}",
                role=role,
                team_id=team,
                is_auditor=auditor,
                is_moderator=moderator,
            ).id
        case = r.insert(
            m.Case,
            reference="C-0001",
            initials="AB",
            legal_status="child_in_need",
            team_id=team,
            practitioner_id=people["practitioner"],
        ).id
        form = r.insert(m.Form, key="case_file", title="Case file audit", kind="case_file").id
        version = r.insert(
            m.FormVersion,
            form_id=form,
            version=1,
            source="{}",
            checksum="0" * 64,
            published_at=NOW,
        ).id
    return World(case=case, version=version, **people)


def add_audit(
    store: Store,
    world: World,
    reference: str,
    *,
    auditor: str | None = None,
    practitioner: str | None = None,
    actor: str | None = None,
) -> str:
    with store.session() as s:
        return (
            Recorder(s, actor or world.qa, NOW)
            .insert(
                m.Audit,
                reference=reference,
                case_id=world.case,
                form_version_id=world.version,
                audit_type="case_file",
                state="in_progress",
                auditor_id=auditor or world.auditor,
                practitioner_id=practitioner or world.practitioner,
                due_on=date(2026, 12, 1),
                created_at=NOW,
            )
            .id
        )


def edit(store: Store, actor: str | None, table: type[m.Base], row_id: Any, **values: Any) -> None:
    with store.session() as s:
        row = s.get(table, row_id)
        assert row is not None
        Recorder(s, actor, NOW).update(row, **values)


def remove(store: Store, actor: str | None, table: type[m.Base], row_id: Any) -> None:
    with store.session() as s:
        row = s.get(table, row_id)
        assert row is not None
        Recorder(s, actor, NOW).delete(row)


def audit(store: Store, audit_id: str) -> m.Audit:
    with store.reader() as s:
        found = s.scalars(select(m.Audit).where(m.Audit.id == audit_id)).one()
        s.expunge(found)
        return found


def pending(store: Store) -> int:
    with store.reader() as s:
        return len(s.scalars(select(m.OutboxChange)).all())
