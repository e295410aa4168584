"""The services of one open store: the store itself stays behind them."""

from __future__ import annotations

from datetime import date

from qa_desktop.services.clock import Clock
from qa_desktop.services.container import build_services
from qa_desktop.store.engine import Store


def test_the_store_is_reached_only_through_the_services(demo_store: Store, clock: Clock) -> None:
    services = build_services(demo_store, clock)
    assert not hasattr(services, "store")
    assert services.store_path == demo_store.path
    assert "learning-audit" in {f.key for f in services.store_facts().forms}
    made = services.daily_backup(date(2026, 11, 19))
    assert made is not None and made.path.exists() and made.day == date(2026, 11, 19)
    assert services.daily_backup(date(2026, 11, 19)) is None  # one a day
