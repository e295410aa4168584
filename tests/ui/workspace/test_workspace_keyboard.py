"""A complete audit done with the keyboard alone, through the real workspace window, and what
is in the store afterwards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QRadioButton
from sqlalchemy import select

from qa_desktop.store import models as m
from tests.store_access import store_of
from tests.ui.workspace.workspace_fixtures import open_workspace

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def focus():
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focus(), text)


def test_a_whole_audit_with_the_keyboard_only(application, qtbot) -> None:
    _window, ws, a = open_workspace(application, qtbot)
    store = store_of(application.services)
    assert "Planned" in ws.header.text()
    # The window opens with the focus on the first question's answer.
    assert isinstance(focus(), QRadioButton) and ws.current_row is ws.areas[0].rows[0]
    # The question the keys apply to is outlined for both people to see.
    assert ws.areas[0].rows[0].property("current") is True

    for index, page in enumerate(ws.areas):
        assert ws.pages.currentWidget() is page
        for number, row in enumerate(page.rows):
            assert ws.current_row is row
            if index == 0 and number == 0:
                press(qtbot, Qt.Key.Key_4)  # N/A: the reason field appears and takes the focus
                assert focus() is row.na_reason
                type_text(qtbot, "Unborn at the time")
                assert "In progress" in ws.header.text()  # the first answer started it
            elif number == 1:
                press(qtbot, Qt.Key.Key_P, ALT)  # Partly, by the window shortcut
            else:
                press(qtbot, Qt.Key.Key_1)  # Yes
            if number == 0:
                press(qtbot, Qt.Key.Key_Tab)
                if focus() is row.na_reason:
                    press(qtbot, Qt.Key.Key_Tab)
                assert focus() is row.evidence
                type_text(qtbot, f"Evidence for {row.question.id}")
            press(qtbot, Qt.Key.Key_Down, CTRL)
            if number + 1 < len(page.rows):
                assert row.property("current") is False
        # Progress and the suggested grade follow the answers.
        total = len(page.rows)
        assert ws.nav.item(index).text().endswith(f"{total}/{total}")
        assert page.progress.text().startswith(f"{total} of {total} answered")
        assert page.suggested.text() != "Suggested: none yet"
        # The practitioner's reflection, the summaries, the rationale then the grade.
        press(qtbot, Qt.Key.Key_F, ALT)
        assert focus() is page.reflection
        type_text(qtbot, f"My reflection on {page.section.title}")
        for key, box in (
            (Qt.Key.Key_W, page.text_fields["working_well"]),
            (Qt.Key.Key_O, page.text_fields["worried"]),
            (Qt.Key.Key_E, page.text_fields["even_better_if"]),
        ):
            press(qtbot, key, ALT)
            assert focus() is box
            type_text(qtbot, f"Notes {key.name}")
        if index == 0:
            # Grade first: Good is not accepted until the rationale is written.
            press(qtbot, Qt.Key.Key_G, ALT)
            assert isinstance(focus(), QComboBox)
            press(qtbot, Qt.Key.Key_G)
            assert page.notice.isVisible()
            press(qtbot, Qt.Key.Key_R, ALT)
            with qtbot.waitSignals([ws.saved, ws.saved], timeout=3000):
                type_text(qtbot, "Clear analysis of risk.")
            assert not page.notice.isVisible()
        else:
            press(qtbot, Qt.Key.Key_R, ALT)
            assert focus() is page.rationale
            type_text(qtbot, "Consistent evidence.")
            press(qtbot, Qt.Key.Key_G, ALT)
            press(qtbot, Qt.Key.Key_G)
        press(qtbot, Qt.Key.Key_PageDown, CTRL)

    assert ws.pages.currentWidget() is ws.closing
    closing = ws.closing
    press(qtbot, Qt.Key.Key_V, ALT)
    assert focus() is closing.voice
    type_text(qtbot, "The child said they feel listened to.")
    press(qtbot, Qt.Key.Key_I, ALT)
    type_text(qtbot, "Safer at home, attending school.")
    press(qtbot, Qt.Key.Key_R, ALT)
    type_text(qtbot, "Good across all areas.")
    press(qtbot, Qt.Key.Key_G, ALT)
    press(qtbot, Qt.Key.Key_G)
    press(qtbot, Qt.Key.Key_W, ALT)
    assert focus() is closing.description
    type_text(qtbot, "Update the chronology")
    press(qtbot, Qt.Key.Key_Return)
    assert closing.table.rowCount() == 1

    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert ws.pages.currentWidget() is ws.signoff
    assert ws.signoff.missing.item(0).text() == "Nothing is missing."
    assert ws.signoff.auditor_button.isEnabled()
    with qtbot.waitSignal(ws.reloaded):
        press(qtbot, Qt.Key.Key_S, ALT)
    assert ws.ws.state.value == "submitted"
    # The practitioner, beside the auditor, signs off.
    with qtbot.waitSignal(ws.reloaded):
        qtbot.keyClick(ws.signoff.agree_button, Qt.Key.Key_G, ALT)
    assert ws.ws.state.value in ("closed", "in_moderation")
    # Submitted: read-only for everyone.
    assert not ws.areas[0].rows[2].choice.buttons["no"].isEnabled()
    assert ws.areas[0].reflection.isReadOnly()

    with store.reader() as session:
        audit = session.get(m.Audit, a.audit_id)
        assert audit.overall_grade == "good" and audit.overall_rationale
        assert audit.voice_of_child == "The child said they feel listened to."
        assert audit.auditor_signed_at is not None and audit.practitioner_signed_at is not None
        answers = {
            x.question_id: x
            for x in session.scalars(select(m.Answer).where(m.Answer.audit_id == a.audit_id))
        }
        assert len(answers) == 32
        assert answers["A1"].value == "na" and answers["A1"].na_reason == "Unborn at the time"
        assert answers["A2"].value == "partly" and answers["A3"].value == "yes"
        assert answers["B1"].evidence == "Evidence for B1"
        reviews = {
            r.section_id: r
            for r in session.scalars(
                select(m.SectionReview).where(m.SectionReview.audit_id == a.audit_id)
            )
        }
        assert {r.grade for r in reviews.values()} == {"good"}
        assert reviews["A"].rationale == "Clear analysis of risk."
        assert reviews["C"].practitioner_reflection == "My reflection on Intervention"
        assert {r.reflection_author_id for r in reviews.values()} == {a.practitioner.id}
        actions = session.scalars(select(m.Action).where(m.Action.audit_id == a.audit_id)).all()
        assert [(x.description, x.owner_id) for x in actions] == [
            ("Update the chronology", a.practitioner.id)
        ]
        row_ids = [x.id for x in answers.values()] + [r.id for r in reviews.values()]
        authors = set(
            session.scalars(select(m.History.actor_id).where(m.History.row_id.in_(row_ids)))
        )
        assert authors == {a.auditor.id}
        events = session.scalars(
            select(m.AuditEvent.to_state).where(m.AuditEvent.audit_id == a.audit_id)
        ).all()
        assert events[:2] == ["in_progress", "submitted"]


def test_every_control_has_a_name_and_tab_leaves_tables(application, qtbot) -> None:
    _window, ws, _a = open_workspace(application, qtbot)
    unnamed = []
    for widget in (
        ws.findChildren(QLineEdit) + ws.findChildren(QPlainTextEdit) + ws.findChildren(QRadioButton)
    ):
        if isinstance(widget.parent(), QComboBox) or widget.objectName().startswith("qt_"):
            continue
        if not widget.accessibleName() and not (isinstance(widget, QRadioButton) and widget.text()):
            unnamed.append(widget)
    assert unnamed == []
    from PySide6.QtWidgets import QLabel, QTableWidget

    buddies = {label.buddy() for label in ws.findChildren(QLabel) if label.buddy() is not None}
    combos = [c for c in ws.findChildren(QComboBox)]
    assert combos and all(c in buddies for c in combos)
    assert all(not t.tabKeyNavigation() for t in ws.findChildren(QTableWidget))


def test_f1_lists_the_audit_windows_own_keys(application, qtbot) -> None:
    from qa_desktop.ui.widgets.shortcuts import ShortcutsDialog

    _window, ws, _a = open_workspace(application, qtbot)
    ws.shortcuts_action.trigger()
    dialogs = ws.findChildren(ShortcutsDialog)
    assert len(dialogs) == 1
    table = dialogs[0].table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Answer Yes"] == "Alt+Y"
    assert rows["Next question"] == "Ctrl+Down"
    assert rows["History of this field"] == "Ctrl+H"
    assert rows["Keyboard shortcuts"] == "F1"
    assert "" not in rows  # every key has a name a person can read
