"""The main window driven through real widgets: navigation, filtering, opening an audit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.roles import Role
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.my_work import WorkKind
from qa_desktop.ui.shell.main_window import NAV_AUDITS, NAV_MY_WORK
from qa_desktop.ui.widgets.audit_table import ROW_ROLE
from tests.ui.conftest import open_window_as


def _rows(screen) -> list:
    proxy = screen.model
    return [proxy.data(proxy.index(i, 0), ROW_ROLE) for i in range(proxy.rowCount())]


def test_window_shows_who_and_the_navigation(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    name = window.actor.person.name
    assert name in window.windowTitle()
    labels = [window.nav.item(i).text().split(" (")[0] for i in range(window.nav.count())]
    assert labels == [
        "My work",
        "Audits",
        "Moderation",
        "Meetings",
        "Programme",
        "Reports",
        "Settings",
    ]
    assert window.stack.currentIndex() == NAV_MY_WORK
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.nav, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == NAV_AUDITS


def test_filter_the_audit_list_and_open_an_audit(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    window.go_to(NAV_AUDITS)
    screen = window.audits
    assert len(_rows(screen)) == 120 and screen.count.text() == "120 audits"

    screen.grade.setFocus()
    index = screen.grade.findText("Good")
    screen.grade.setCurrentIndex(index)
    good = _rows(screen)
    assert good and all(r.overall_grade is Grade.GOOD for r in good)

    team = good[0].team
    screen.team.setCurrentIndex(screen.team.findText(team))
    narrowed = _rows(screen)
    assert narrowed and all(r.team == team and r.overall_grade is Grade.GOOD for r in narrowed)

    screen.clear.click()
    reference = _rows(screen)[7].case_reference
    with qtbot.waitSignal(screen.loaded, timeout=3000):
        qtbot.keyClicks(screen.search, reference)
    found = _rows(screen)
    assert found and all(r.case_reference == reference for r in found)

    screen.table.setFocus()
    screen.table.selectRow(0)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    viewer = window.viewer
    assert viewer is not None and viewer.isVisible()
    assert found[0].reference in viewer.windowTitle()
    assert viewer.browser.isReadOnly()
    text = viewer.browser.toPlainText()
    for heading in (
        "Assessment",
        "Planning",
        "Intervention",
        "Review",
        "Supervision and Management Oversight",
    ):
        assert heading in text
    assert "Was the child seen as part of the assessment?" in text


def test_area_and_service_narrow_the_team_choices(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    screen = window.audits
    all_teams = screen.team.count()
    screen.area.setCurrentIndex(screen.area.findText("West"))
    teams = [screen.team.itemText(i) for i in range(1, screen.team.count())]
    assert 0 < len(teams) < all_teams - 1 and all(t.startswith("West") for t in teams)
    assert all(r.area == "West" for r in _rows(screen))


def test_a_practitioner_sees_only_their_audits(application, qtbot) -> None:
    directory = application.services.directory
    everything = application.services.audits.list(
        __import__("qa_desktop.services.audit.listing", fromlist=["AuditFilter"]).AuditFilter(),
        SYSTEM,
    ).rows
    person = next(
        p
        for p in directory.people()
        if p.role is Role.PRACTITIONER and any(r.practitioner == p.name for r in everything)
    )
    window = application.show_window(directory.actor(person.id))
    qtbot.addWidget(window)
    rows = _rows(window.audits)
    assert rows and all(r.practitioner == person.name for r in rows)
    assert len(rows) < len(everything)


def test_my_work_lists_my_open_audits_and_counts_them(application, qtbot) -> None:
    everything = application.services.audits.list(
        __import__("qa_desktop.services.audit.listing", fromlist=["AuditFilter"]).AuditFilter(),
        SYSTEM,
    ).rows
    planned = next(r for r in everything if r.state.value == "planned")
    directory = application.services.directory
    auditor = next(p for p in directory.people() if p.name == planned.auditor)
    window = application.show_window(directory.actor(auditor.id))
    qtbot.addWidget(window)
    mine = window.my_work.models[WorkKind.AUDIT].rows()
    assert planned.id in {r.id for r in mine}
    assert all(r.state is not None and r.state.value in ("planned", "in_progress") for r in mine)
    count = window.my_work.work.count
    assert count >= len(mine)
    assert window.nav.item(NAV_MY_WORK).text() == f"My work ({count})"


def test_the_list_starts_newest_first_and_sorts_by_column(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    rows = [r for r in _rows(window.audits) if r.completed_on]
    dates = [r.completed_on for r in rows]
    assert dates == sorted(dates, reverse=True)
    window.audits.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    references = [r.reference for r in _rows(window.audits)]
    assert references == sorted(references)


def test_the_list_fetches_the_next_page_on_scroll_and_all_of_them_for_a_sort(
    application, qtbot, monkeypatch
) -> None:
    from qa_desktop.store.queries import audits as queries

    monkeypatch.setattr(queries, "PAGE_SIZE", 25)
    monkeypatch.setattr(queries.audit_page, "__defaults__", (None, 25))
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    window.go_to(NAV_AUDITS)
    screen = window.audits
    screen.refresh()
    assert screen.count.text() == "120 audits"
    assert screen.model.rowCount() == 25 and screen.model.canFetchMore(screen.model.index(-1, -1))
    screen.model.fetchMore(screen.model.index(-1, -1))
    assert screen.model.rowCount() == 50
    screen.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 120, timeout=5000)
    references = [r.reference for r in _rows(screen)]
    assert references == sorted(references) and len(set(references)) == 120
    # The selected audit stays selected through a sort the other way round.
    chosen = _rows(screen)[7]
    screen.table.selectRow(7)
    screen.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    references = [r.reference for r in _rows(screen)]
    assert references == sorted(references, reverse=True)
    (selected,) = screen.table.selectionModel().selectedRows()
    assert screen.model.row_at(selected.row()).id == chosen.id and selected.row() == 120 - 1 - 7
