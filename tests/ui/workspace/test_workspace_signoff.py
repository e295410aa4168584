"""The sign-off page: the checklist jumps to what is missing, a submitted audit is read-only,
and a closed audit reopens only with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from qa_desktop.domain.published_settings import MODERATION_SHARE_PERCENT
from qa_desktop.services.published import write_setting
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from tests.services.audit.workspace_helpers import complete
from tests.store_access import store_of
from tests.ui.workspace.workspace_fixtures import open_workspace

CTRL = Qt.KeyboardModifier.ControlModifier


def _go_to_signoff(ws, qtbot) -> None:
    with qtbot.waitSignal(ws.reloaded):
        ws.nav.setCurrentRow(ws.nav.count() - 1)


def test_checklist_item_jumps_to_the_field(application, qtbot) -> None:
    _window, ws, _a = open_workspace(application, qtbot)
    _go_to_signoff(ws, qtbot)
    missing = ws.signoff.missing
    assert missing.count() > 30 and missing.item(0).text() == "A1: the question is not answered"
    assert not ws.signoff.auditor_button.isEnabled()
    missing.setFocus()
    missing.setCurrentRow(0)
    qtbot.keyClick(missing, Qt.Key.Key_Return)
    assert ws.pages.currentWidget() is ws.areas[0]
    assert QApplication.focusWidget() in ws.areas[0].rows[0].choice.buttons.values()
    _go_to_signoff(ws, qtbot)
    grade_row = next(
        i for i in range(missing.count()) if missing.item(i).text().startswith("Planning:")
    )
    missing.setCurrentRow(grade_row)
    qtbot.keyClick(missing, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is ws.areas[1].grade


def test_closed_audit_is_read_only_and_reopens_with_a_reason(application, qtbot, clock) -> None:
    store = store_of(application.services)
    with store.session() as session:
        write_setting(Recorder(session, None, clock()), MODERATION_SHARE_PERCENT, 0.0)
    _window, ws, a = open_workspace(application, qtbot)
    service = application.services.workspace
    complete(service, a, clock().date())
    service.sign_off_as_auditor(a.audit_id, a.auditor)
    service.sign_off_as_practitioner(a.audit_id, a.auditor)
    _go_to_signoff(ws, qtbot)
    assert ws.ws.state.value == "closed"
    assert not any(b.isEnabled() for b in ws.areas[0].rows[0].choice.buttons.values())
    assert ws.closing.voice.isReadOnly() and not ws.closing.add_button.isEnabled()
    page = ws.signoff
    assert page.reopen_box.isVisible() and page.reopen_button.isEnabled()
    # No reason: refused through the one error path, nothing changes.
    page.reopen_button.click()
    assert "reason" in application.errors.last_message
    assert ws.ws.state.value == "closed"
    page.reopen_reason.setFocus()
    qtbot.keyClicks(page.reopen_reason, "The chronology was found incomplete")
    with qtbot.waitSignal(ws.reloaded):
        page.reopen_button.click()
    assert ws.ws.state.value == "in_progress"
    assert not ws.closing.voice.isReadOnly()
    with store.reader() as session:
        event = session.scalars(
            select(m.AuditEvent).where(
                m.AuditEvent.audit_id == a.audit_id, m.AuditEvent.from_state == "closed"
            )
        ).one()
        assert event.reason == "The chronology was found incomplete"
        assert event.actor_id == a.auditor.id


def test_practitioner_records_disagreement_with_a_reason(application, qtbot, clock) -> None:
    _window, ws, a = open_workspace(application, qtbot)
    service = application.services.workspace
    complete(service, a, clock().date())
    service.sign_off_as_auditor(a.audit_id, a.auditor)
    _go_to_signoff(ws, qtbot)
    page = ws.signoff
    assert page.practitioner_box.isEnabled() and not page.auditor_button.isEnabled()
    page.reason.setFocus()
    # Alt+D presses "Practitioner disagrees" (a button's mnemonic clicks after a short flash).
    with qtbot.waitSignal(page.practitioner_sign_off):
        qtbot.keyClick(page.reason, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert "why" in application.errors.last_message  # no reason yet: refused
    assert ws.ws.state.value == "submitted"
    qtbot.keyClicks(page.reason, "The grade misses the direct work")
    with qtbot.waitSignal(ws.reloaded):
        qtbot.keyClick(page.reason, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert ws.ws.state.value == "in_moderation"  # a disputed audit is always moderated
    assert ws.ws.practitioner_disagreement == "The grade misses the direct work"
    assert "disagrees" in page.state.text()


def test_signing_off_asks_first_with_a_summary_of_what_is_signed(application, qtbot, clock) -> None:
    _window, ws, a = open_workspace(application, qtbot)
    complete(application.services.workspace, a, clock().date())
    _go_to_signoff(ws, qtbot)
    asked: list[str] = []

    def not_yet(box) -> bool:
        asked.append(box.plain_text())
        assert box.defaultButton() is box.cancel_button  # Enter never signs by accident
        box.cancel_button.click()
        return box.clickedButton() is box.sign_button

    ws.confirm = not_yet
    ws.signoff.auditor_button.click()
    assert ws.ws.state.value == "in_progress"  # "Not yet": nothing signed
    (text,) = asked
    assert f"Sign off audit {ws.ws.reference} as its auditor?" in text
    assert "Assessment: Good, rationale written" in text
    assert "Overall: Good, rationale written" in text
    assert "Action: " in text or "No actions agreed." in text
    assert f"Signed by {a.auditor.person.name}" in text
    assert "cannot be undone" in text and "reopen" in text

    def sign(box) -> bool:
        box.sign_button.click()
        return box.clickedButton() is box.sign_button

    ws.confirm = sign
    with qtbot.waitSignal(ws.reloaded):
        ws.signoff.auditor_button.click()
    assert ws.ws.state.value == "submitted"

    # The practitioner's sign-off asks too, naming them as the one who signs.
    practitioner_asked: list[str] = []

    def practitioner_not_yet(box) -> bool:
        practitioner_asked.append(box.plain_text())
        return False

    ws.confirm = practitioner_not_yet
    ws.signoff.agree_button.click()
    assert ws.ws.state.value == "submitted"
    assert f"Signed by {a.practitioner.person.name}" in practitioner_asked[0]
    assert "agrees with the audit" in practitioner_asked[0]


def test_after_the_auditor_signs_off_the_reflection_says_why_it_cannot_change(
    application, qtbot, clock
) -> None:
    a_window, ws, a = open_workspace(application, qtbot)
    service = application.services.workspace
    complete(service, a, clock().date())
    ws.close()
    window = application.show_window(a.practitioner)
    qtbot.addWidget(window)
    window.open_audit(a.audit_id)
    mine = window.opener.workspaces[a.audit_id]
    qtbot.addWidget(mine)
    page = mine.areas[0]
    assert not page.reflection.isReadOnly()  # in progress: the practitioner may write
    assert page.reflection.accessibleDescription() == ""
    service.sign_off_as_auditor(a.audit_id, a.auditor)
    mine.reload()
    assert page.reflection.isReadOnly()
    why = page.reflection.accessibleDescription()
    assert "auditor has signed this audit off" in why and "reopen" in why
    assert page.reflection.toolTip() == why
    assert page.reflection_note.text() == why  # said on screen, under the box
    # The auditor's fields say why to the practitioner as well.
    evidence = page.rows[0].evidence
    assert evidence.isReadOnly() and evidence.accessibleDescription()
    del a_window
