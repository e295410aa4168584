"""Publishing forms into a store: new versions, unchanged files, and in-use versions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from qa_desktop.errors import FormError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.programme.forms import latest_versions, publish_sources, shipped_sources
from qa_desktop.store import models as m

SMALL = """
key: mini
version: {version}
title: Mini form
kind: learning_audit
sections:
  - id: A
    title: Assessment
    questions:
      - id: A1
        text: {text}
"""


def _publish(store, clock, version: int = 1, text: str = "Was the child seen?"):
    with store.session() as session:
        return publish_sources(
            session, [("mini.yaml", SMALL.format(version=version, text=text))], clock, SYSTEM
        )


def test_shipped_forms_publish_once(store, clock) -> None:
    with store.session() as session:
        first = publish_sources(session, shipped_sources(), clock, SYSTEM)
    with store.session() as session:
        second = publish_sources(session, shipped_sources(), clock, SYSTEM)
    assert "learning-audit v1" in first.added
    assert second.added == () and second.unchanged == len(first.added)
    with store.reader() as session:
        keys = {v.key for v in latest_versions(session)}
    assert {"learning-audit", "dip-sample", "family-feedback-adult", "bttf-case"} <= keys


def test_a_new_version_number_adds_a_version_and_keeps_the_old(store, clock) -> None:
    _publish(store, clock, 1)
    result = _publish(store, clock, 2, "Was the child seen and heard?")
    assert result.added == ("mini v2",)
    with store.reader() as session:
        versions = session.scalars(
            select(m.FormVersion.version).order_by(m.FormVersion.version)
        ).all()
        (latest,) = [v for v in latest_versions(session) if v.key == "mini"]
    assert versions == [1, 2] and latest.version == 2


def test_a_version_in_use_is_never_changed_in_place(store, clock) -> None:
    _publish(store, clock, 1)
    with store.session() as session:
        version = session.scalar(select(m.FormVersion))
        area = m.Area(name="A")
        service = m.Service(name="S")
        session.add_all([area, service])
        session.flush()
        team = m.Team(name="T", area_id=area.id, service_id=service.id)
        person = m.Person(name="Alex Test", role="team_manager")
        session.add_all([team, person])
        session.flush()
        case = m.Case(reference="CR1", initials="AB", legal_status="child_in_need", team_id=team.id)
        session.add(case)
        session.flush()
        session.add(
            m.Audit(
                reference="QA-1",
                case_id=case.id,
                form_version_id=version.id,
                audit_type="routine",
                state="in_progress",
                auditor_id=person.id,
                created_at=datetime.now(UTC),
            )
        )
    with pytest.raises(FormError) as caught:
        _publish(store, clock, 1, "A changed question")
    assert "mini.yaml" in str(caught.value) and "new version number" in str(caught.value)
    with store.reader() as session:
        assert "Was the child seen?" in session.scalar(select(m.FormVersion.source))


def test_a_version_not_in_use_can_be_corrected(store, clock) -> None:
    _publish(store, clock, 1)
    result = _publish(store, clock, 1, "Was the child seen, and when?")
    assert result.updated == ("mini v1",)


def test_a_bad_form_publishes_nothing(store, clock) -> None:
    bad = SMALL.format(version=1, text="ok").replace("text: ok", "txt: ok")
    with pytest.raises(FormError), store.session() as session:
        publish_sources(
            session,
            [("good.yaml", SMALL.format(version=1, text="fine")), ("bad.yaml", bad)],
            clock,
            SYSTEM,
        )
    with store.reader() as session:
        assert session.scalar(select(m.Form.id)) is None
