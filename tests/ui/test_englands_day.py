"""The window takes its day from England's clock: half an hour into 1 April in British Summer
Time (still 31 March in UTC) the report periods offered are April's and the new financial
year's, on the Audits screen and on the dashboard."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from qa_desktop.app import Application
from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.container import build_services
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.main_window import NAV_AUDITS

# 00:30 on Saturday 1 April 2028 in England (the clocks went forward on 26 March).
MOMENT = datetime(2028, 3, 31, 23, 30, tzinfo=UTC)


def test_report_periods_start_from_englands_day(demo_store, isolated_home: Path, qtbot) -> None:
    application = Application(
        build_services(demo_store, fixed_clock(MOMENT)),
        AppSettings(isolated_home / "settings.ini"),
        immediate=True,
    )
    application.errors.show_box = lambda message: None  # type: ignore[method-assign]
    person = next(p for p in application.services.directory.people() if p.role is Role.QA_OFFICER)
    window = application.show_window(application.services.directory.actor(person.id))
    qtbot.addWidget(window)
    try:
        window.go_to(NAV_AUDITS)
        combo = window.audits.period
        offered = {combo.itemText(i): combo.itemData(i) for i in range(combo.count())}
        assert offered["This month"] == Period.month(2028, 4)
        assert offered["This quarter (2028/29-Q1)"] == Period.quarter(FinancialQuarter(2028, 1))
        assert offered["Last 12 months"].end == date(2028, 4, 1)
        assert application.services.my_work.for_person(window.actor).on == date(2028, 4, 1)
    finally:
        window.close()
        application.runner.wait()
