"""Published settings travel like forms, through the real central PostgreSQL: what the QA
officer publishes reaches the auditor's laptop with its next sync, and a change made to them
on the auditor's laptop is refused by the central database (kept in the refused list)."""

from __future__ import annotations

from sqlalchemy import func, select

from qa_desktop.domain.published_settings import MONTHLY_TARGET
from qa_desktop.services.container import build_services
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from tests.conftest import NOW
from tests.sync.conftest import Pair


def test_the_qa_officer_publishes_and_the_auditor_sees_it_after_sync(pair: Pair, clock) -> None:
    qa = build_services(pair.qa.store, clock)
    qa.published.publish({MONTHLY_TARGET.key: 44}, qa.directory.actor(pair.world.qa))
    pair.qa.sync()
    auditor = build_services(pair.auditor.store, clock)
    actor = auditor.directory.actor(pair.world.auditor)
    assert auditor.published.page(actor).value_of(MONTHLY_TARGET.key) == MONTHLY_TARGET.default
    pair.auditor.sync()
    assert auditor.published.page(actor).value_of(MONTHLY_TARGET.key) == 44
    assert auditor.reporting.targets().current == 44


def test_a_change_from_the_auditors_laptop_is_refused_centrally(pair: Pair, clock) -> None:
    qa = build_services(pair.qa.store, clock)
    qa.published.publish({MONTHLY_TARGET.key: 44}, qa.directory.actor(pair.world.qa))
    pair.qa.sync()
    pair.auditor.sync()
    # Past the service's own check (as an old or altered laptop would): straight to the store.
    with pair.auditor.store.session() as s:
        row = s.get(m.Setting, MONTHLY_TARGET.key)
        assert row is not None
        Recorder(s, pair.world.auditor, NOW).update(row, value="1")
    pair.auditor.sync()
    assert pair.central_field("settings", MONTHLY_TARGET.key, "value") == "44"
    with pair.auditor.store.reader() as s:
        refused = s.scalars(select(m.SyncRefused)).all()
        assert [r.table_name for r in refused] == ["settings"]
        assert int(s.scalar(select(func.count()).select_from(m.OutboxChange)) or 0) == 0
    pair.qa.sync()
    assert qa.reporting.targets().current == 44
