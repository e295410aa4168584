"""A thematic audit through the real widgets, from its terms of reference (trigger, scope) to
the lead head of service's agreement, the scoped sample, an action followed up in its
owner's My work, and the thematic report PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select

from qa_desktop.domain.roles import Role
from qa_desktop.domain.thematic import AgeBand, ThemeTrigger, age_band
from qa_desktop.services.my_work import WorkKind
from qa_desktop.store import models as m
from qa_desktop.ui.shell.main_window import NAV_MY_WORK, NAV_PROGRAMME
from tests.reports.pdfread import flowing_text
from tests.store_access import store_of
from tests.ui.conftest import open_window_as


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(listing, value) -> None:
    for index in range(listing.count()):
        item = listing.item(index)
        if item.data(Qt.ItemDataRole.UserRole) == value:
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(f"{value} is not in {listing.accessibleName()}")


def test_a_thematic_audit_from_terms_of_reference_to_report(
    application, qtbot, tmp_path: Path
) -> None:
    services = application.services
    people = services.directory.people()
    head = next(p for p in people if p.role is Role.HEAD_OF_SERVICE)
    owner = next(p for p in people if p.role is Role.TEAM_MANAGER)

    # The QA team writes the terms of reference, with the trigger and the scope.
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.thematic
    with qtbot.waitSignal(tab.loaded):
        window.programme.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.theme, "Babies and neglect")
    tab.trigger.setCurrentIndex(tab.trigger.findData(ThemeTrigger.PERFORMANCE_DATA))
    qtbot.keyClicks(tab.trigger_detail, "Re-referrals of under-ones rose in the year")
    qtbot.keyClicks(tab.scope, "Children under five on a plan")
    tick(tab.scope_statuses, "child_in_need")
    tick(tab.scope_statuses, "child_protection")
    tick(tab.scope_ages, AgeBand.UNBORN)
    tick(tab.scope_ages, AgeBand.UNDER_5)
    tick(tab.scope_ages, AgeBand.FROM_5_TO_10)
    tab.lead.setCurrentIndex(tab.lead.findData(head.id))
    for row in range(3):
        tab.auditors.item(row).setCheckState(Qt.CheckState.Checked)
    tab.reports_on.setDate(tab.starts_on.date().addMonths(3))
    with qtbot.waitSignal(tab.created), qtbot.waitSignal(tab.detail_shown):
        click(qtbot, tab.create_button)
    assert tab.table.texts(0)[6] == "Awaiting the lead"
    assert head.name in tab.agreement.text() and not tab.agree_button.isEnabled()
    qtbot.keyClicks(tab.new_questions, "Is neglect recognised early?")
    qtbot.keyClicks(tab.form_key, "thematic-babies")
    with qtbot.waitSignal(tab.detail_shown):
        click(qtbot, tab.make_form_button)
    assert not tab.draw_button.isEnabled()  # not before the lead agrees
    thematic_id = tab.detail.id
    window.close()

    # The lead head of service agrees the terms.
    window = open_window_as(application, qtbot, Role.HEAD_OF_SERVICE)
    assert window.actor.id == head.id
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.thematic
    with qtbot.waitSignal(tab.loaded):
        window.programme.tabs.setCurrentWidget(tab)
    # The form column names the theme's form by its title, not its key.
    assert tab.table.texts(0)[4] == "Thematic audit: Babies and neglect"
    with qtbot.waitSignal(tab.detail_shown):
        tab.table.selectRow(0)
    assert tab.agree_button.isEnabled()
    with qtbot.waitSignal(tab.detail_shown):
        click(qtbot, tab.agree_button)
    assert f"agreed by {head.name}" in tab.agreement.text()
    assert not tab.agree_button.isEnabled() and tab.table.texts(0)[6] == "Agreed"
    window.close()

    # The QA team draws the sample: every case within the scope.
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.thematic
    with qtbot.waitSignal(tab.loaded):
        window.programme.tabs.setCurrentWidget(tab)
    with qtbot.waitSignal(tab.detail_shown):
        tab.table.selectRow(0)
    assert tab.draw_button.isEnabled()
    tab.sample_size.selectAll()
    qtbot.keyClicks(tab.sample_size, "6")
    with qtbot.waitSignal(tab.detail_shown):
        click(qtbot, tab.draw_button)
    assert tab.progress.text() == "6 audits planned, 0 completed"
    with store_of(services).reader() as session:
        sampled = session.execute(
            select(m.Case.legal_status, m.Case.age_years, m.Case.unborn)
            .join(m.Audit, m.Audit.case_id == m.Case.id)
            .join(m.FormVersion, m.FormVersion.id == m.Audit.form_version_id)
            .join(m.Form, m.Form.id == m.FormVersion.form_id)
            .where(m.Form.key == "thematic-babies")
        ).all()
    assert len(sampled) == 6
    for legal, age, unborn in sampled:
        assert legal in ("child_in_need", "child_protection")
        assert age_band(age, unborn) in (AgeBand.UNBORN, AgeBand.UNDER_5, AgeBand.FROM_5_TO_10)

    # Findings and an action owned by a team manager, overdue from the start.
    qtbot.keyClicks(tab.findings, "Neglect of babies is recognised late")
    with qtbot.waitSignal(tab.detail_shown):
        click(qtbot, tab.save_findings_button)
    qtbot.keyClicks(tab.action_text, "Pre-birth assessments start at 20 weeks")
    tab.action_owner.setCurrentIndex(tab.action_owner.findData(owner.id))
    tab.action_due.setDate(tab.action_due.date().addDays(-1))
    with qtbot.waitSignal(tab.detail_shown):
        click(qtbot, tab.add_action_button)
    assert tab.action_plan.texts(0) == [
        "Pre-birth assessments start at 20 weeks",
        owner.name,
        tab.action_due.date().toString("dd MMM yyyy"),
        "Open (overdue)",
    ]
    window.close()

    # The owner finds it overdue in My work and marks it done there.
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    assert window.actor.id == owner.id
    window.go_to(NAV_MY_WORK)
    work = window.my_work
    table = work.tables[WorkKind.REVIEW]
    work.tabs.setCurrentWidget(table)
    rows = work.models[WorkKind.REVIEW].rows()
    (item,) = [i for i in rows if i.kind is WorkKind.THEMATIC_ACTION]
    assert item.overdue and item.reference == "Babies and neglect"
    assert "overdue" in work.tabs.tabText(work.tabs.currentIndex())
    table.selectRow(list(rows).index(item))
    with qtbot.waitSignal(work.loaded):
        click(qtbot, work.programme_done_button)
    assert all(i.kind is not WorkKind.THEMATIC_ACTION for i in work.models[WorkKind.REVIEW].rows())
    window.close()

    # The thematic report.
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    window.programme.show_item("thematic", thematic_id)
    tab = window.programme.thematic
    assert tab.detail is not None and tab.detail.id == thematic_id
    assert tab.action_plan.texts(0)[3] == "Done"
    target = tmp_path / "theme.pdf"
    tab.export_bar.choose_path = lambda _title, _suggested: target
    with qtbot.waitSignal(tab.export_bar.exported):
        click(qtbot, tab.export_button)
    text = flowing_text(target)
    for words in (
        "Thematic audit: Babies and neglect",
        "Performance data",
        "Re-referrals of under-ones rose in the year",
        head.name,
        "Child in need",
        "Child protection",
        "Unborn",
        "0 to 4",
        "5 to 10",
        "0 of 6 audits completed.",
        "Is neglect recognised early?",
        "Neglect of babies is recognised late",
        "Pre-birth assessments start at 20 weeks",
        owner.name,
        "Done",
    ):
        assert words in text, words
