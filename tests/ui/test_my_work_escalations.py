"""A live safeguarding escalation in the team manager's My work: it appears as soon as the
auditor ticks it in the workspace, is counted in the navigation, and opens the audit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from qa_desktop.domain.roles import Role
from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.my_work import WorkKind
from qa_desktop.store import models as m
from qa_desktop.ui.screens.workspace import WorkspaceWindow
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.main_window import NAV_MY_WORK
from tests.services.audit.workspace_helpers import an_assignment
from tests.store_access import store_of

NOTE = "Child disclosed new injuries; duty team told"


def _team_manager_of(application, audit_id: str):
    with store_of(application.services).reader() as session:
        audit = session.get(m.Audit, audit_id)
        team_id = session.get(m.Case, audit.case_id).team_id
        manager_id = session.scalar(
            select(m.Person.id).where(
                m.Person.role == Role.TEAM_MANAGER.value, m.Person.team_id == team_id
            )
        )
        reference = audit.reference
    return application.services.directory.actor(manager_id), reference


def test_the_tick_shows_in_the_managers_my_work_at_once_and_opens_the_audit(
    application, qtbot, isolated_home
) -> None:
    services = application.services
    a = an_assignment(store_of(services))
    services.workspace.start_assignment(a.audit_id, a.auditor)  # the tick is not its first edit
    manager, reference = _team_manager_of(application, a.audit_id)
    window = application.show_window(manager)
    qtbot.addWidget(window)
    my_work = window.my_work
    escalations = my_work.models[WorkKind.ESCALATION]
    table = my_work.tables[WorkKind.ESCALATION]
    assert escalations.rowCount() == 0
    # Safeguarding comes first for the people it goes to.
    assert my_work.tabs.indexOf(table) == 0
    assert my_work.tabs.tabText(0) == "Safeguarding escalations (0)"
    assert not my_work.escalation_banner.isVisibleTo(window)
    before = my_work.work.count

    # The auditor ticks it in the workspace (sharing this runner): no sign-off needed.
    workspace = WorkspaceWindow(
        services.workspace.load(a.audit_id, a.auditor),
        services.workspace,
        application.runner,
        a.auditor,
        AppSettings(isolated_home / "auditor.ini"),
        lambda: services.clock().date(),
    )
    qtbot.addWidget(workspace)
    with qtbot.waitSignal(my_work.loaded, timeout=3000):
        workspace.closing.escalation.click()
    qtbot.keyClicks(workspace.closing.escalation_note, NOTE)
    with qtbot.waitSignal(my_work.loaded, timeout=3000):
        workspace.flush()

    assert escalations.rowCount() == 1
    texts = [escalations.data(escalations.index(0, c)) for c in range(escalations.columnCount())]
    with store_of(services).reader() as session:
        case_ref = session.get(m.Case, session.get(m.Audit, a.audit_id).case_id).reference
    assert texts == [
        services.clock().strftime("%d %b %Y %H:%M"),
        a.auditor.person.name,
        case_ref,
        reference,
        escalations.row_at(0).team,
        "In progress",
        NOTE,
    ]
    assert my_work.tabs.tabText(0) == "Safeguarding escalations (1)"
    assert my_work.escalation_banner.isVisibleTo(window)
    assert my_work.escalation_banner.accessibleName() == (
        "A live safeguarding escalation needs your attention."
    )
    assert my_work.work.count == before + 1
    assert window.nav.item(NAV_MY_WORK).text() == f"My work ({before + 1})"

    details = escalations.index(0, escalations.columnCount() - 1)
    assert escalations.data(details, Qt.ItemDataRole.ToolTipRole) == NOTE

    # The banner's link leads to the list; Enter on the row opens the audit (read-only for
    # the manager), escalation and all.
    my_work.tabs.setCurrentWidget(my_work.tables[WorkKind.ACTION])
    my_work.escalation_banner.linkActivated.emit("#escalations")
    assert my_work.tabs.currentWidget() is table
    assert table.currentIndex().row() == 0
    qtbot.keyClick(table, Qt.Key.Key_Return)
    viewer = window.viewer
    assert viewer is not None and viewer.view.record.row.id == a.audit_id
    assert NOTE in viewer.browser.toPlainText()
    viewer.close()


def test_people_it_does_not_go_to_have_no_escalations_tab(application, qtbot) -> None:
    services = application.services
    a = an_assignment(store_of(services))
    services.workspace.save(a.audit_id, a.auditor, FieldRef.audit("escalation"), True)
    window = application.show_window(a.practitioner)
    qtbot.addWidget(window)
    assert WorkKind.ESCALATION not in window.my_work.tables
    assert window.my_work.work.escalations == ()
