"""Recording family feedback on an audit through the real dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from qa_desktop.domain.roles import Role
from qa_desktop.services.audit.feedback import (
    FeedbackAnswerEntry,
    FeedbackEntry,
    Method,
    Respondent,
)
from qa_desktop.store import models as m
from qa_desktop.store.recorder import Recorder
from qa_desktop.ui.shell.main_window import NAV_PROGRAMME
from tests.store_access import store_of
from tests.ui.conftest import open_window_as


def graded_reference(store) -> tuple[str, str]:
    with store.reader() as session:
        audit = session.scalar(
            select(m.Audit).where(m.Audit.overall_grade.is_not(None)).order_by(m.Audit.reference)
        )
        assert audit is not None
        return audit.reference, audit.overall_grade


def _audit(store, reference: str) -> m.Audit:
    with store.reader() as session:
        audit = session.scalar(select(m.Audit).where(m.Audit.reference == reference))
        assert audit is not None
        return audit


def test_record_family_feedback_on_an_audit(application, qtbot) -> None:
    reference, grade = graded_reference(store_of(application.services))
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.feedback
    window.programme.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.reference, reference.lower())
    with qtbot.waitSignal(tab.dialog_opened) as opened:
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert reference in dialog.windowTitle()
    assert not dialog.stack.isEnabled()  # no answers before consent
    qtbot.mouseClick(dialog.child, Qt.MouseButton.LeftButton)
    assert dialog.respondent is Respondent.CHILD
    qtbot.keyClick(dialog.consent, Qt.Key.Key_Space)  # the keyboard way to tick it
    assert dialog.stack.isEnabled()
    qtbot.keyClicks(dialog.consent_note, "Child and carer agreed")
    page = dialog.page
    for question, value in (("FC1", "happy"), ("FC2", "okay"), ("FC6", "sad")):
        qtbot.mouseClick(page.choose(question, value), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.comments["FC7"], "Taking me to football")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    with qtbot.waitSignal(dialog.saved), qtbot.waitSignal(tab.loaded):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    row = tab.rows_table.texts(0)
    assert row[0] == reference
    assert row[3].lower().replace(" ", "_") == grade  # the audit's grade beside the feedback
    assert row[4] == "Child" and row[5] == "Given" and row[8] == "33%"
    with store_of(application.services).reader() as session:
        answers = dict(
            session.execute(select(m.FeedbackAnswer.question_id, m.FeedbackAnswer.value)).all()
        )
    assert answers == {"FC1": "happy", "FC2": "okay", "FC6": "sad", "FC7": "Taking me to football"}
    assert tab.teams_table.texts(0)[1] == "1"
    # The summary by team: another team has none.
    other = next(i for i in range(1, tab.team.count()) if tab.team.itemText(i) != row[2])
    with qtbot.waitSignal(tab.loaded):
        tab.team.setCurrentIndex(other)
    assert tab.rows_table.rowCount() == 0
    with qtbot.waitSignal(tab.loaded):
        tab.team.setCurrentIndex(tab.team.findText(row[2]))
    assert tab.rows_table.rowCount() == 1


def test_an_unknown_reference_is_answered_clearly(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.feedback
    qtbot.keyClicks(tab.reference, "QA-0000000")
    qtbot.keyClick(tab.reference, Qt.Key.Key_Return)
    assert tab.dialog is None
    assert "There is no audit QA-0000000" in (application.errors.last_message or "")


def _feedback_tab(window, qtbot):
    window.go_to(NAV_PROGRAMME)
    tab = window.programme.feedback
    with qtbot.waitSignal(tab.loaded):
        window.programme.tabs.setCurrentWidget(tab)
    return tab


def _record_on(services, audit: m.Audit) -> None:
    qa = next(p for p in services.directory.people() if p.role is Role.QA_OFFICER)
    services.feedback.record(
        FeedbackEntry(
            audit_id=audit.id,
            respondent=Respondent.ADULT,
            consent_given=True,
            consent_note="",
            method=Method.PHONE,
            answers=(FeedbackAnswerEntry("FA1", "yes"), FeedbackAnswerEntry("FA2", "no")),
        ),
        services.directory.actor(qa.id),
    )


def _audits_of_two_cases_in_one_team(store) -> tuple[m.Audit, m.Audit]:
    with store.reader() as session:
        audits = session.scalars(select(m.Audit).order_by(m.Audit.reference)).all()
        teams = dict(session.execute(select(m.Case.id, m.Case.team_id)).all())
    for first in audits:
        for second in audits:
            if first.case_id != second.case_id and teams[first.case_id] == teams[second.case_id]:
                return first, second
    raise AssertionError("the demo county has no team with two audited cases")


def test_a_practitioner_is_told_why_there_is_no_summary(application, qtbot) -> None:
    services = application.services
    reference, _grade = graded_reference(store_of(services))
    _record_on(services, _audit(store_of(services), reference))
    window = open_window_as(application, qtbot, Role.PRACTITIONER)
    tab = _feedback_tab(window, qtbot)
    assert tab.withheld.isVisible()
    assert "managers and the QA team only" in tab.withheld.text()
    assert not tab.summary.isVisible() and tab.rows_table.rowCount() == 0
    # Recording stays open to them, for audits where they are not the allocated worker.
    assert tab.record_button.isVisible() and tab.record_button.isEnabled()


def test_a_manager_sees_the_summary_without_their_own_cases(application, qtbot) -> None:
    services = application.services
    own, other = _audits_of_two_cases_in_one_team(store_of(services))
    _record_on(services, own)
    _record_on(services, other)
    manager = next(p for p in services.directory.people() if p.role is Role.TEAM_MANAGER)
    with store_of(services).session() as session:
        case = session.get(m.Case, own.case_id)
        Recorder(session, None, application.services.clock()).update(
            case, practitioner_id=manager.id
        )
    window = open_window_as(application, qtbot, Role.TEAM_MANAGER)
    tab = _feedback_tab(window, qtbot)
    assert not tab.withheld.isVisible() and tab.summary.isVisible()
    assert [tab.rows_table.texts(r)[0] for r in range(tab.rows_table.rowCount())] == [
        other.reference
    ]
    assert tab.teams_table.rowCount() == 1
    assert tab.teams_table.texts(0)[1:] == ["1", "0", "50%"]  # counted from the row they see
    assert tab.own_audits_note.isVisible() and not tab.nothing.isVisible()


def test_a_period_with_nothing_to_show_says_so(application, qtbot) -> None:
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    tab = _feedback_tab(window, qtbot)
    assert tab.rows_table.rowCount() == 0
    assert tab.nothing.isVisible()
    assert tab.nothing.text() == "There is no family feedback to show for this period and team."


def test_the_share_of_audits_with_feedback_and_the_summary_pdf(
    application, qtbot, tmp_path
) -> None:
    from tests.reports.pdfread import flowing_text

    services = application.services
    store = store_of(services)
    counted_ids = _counted_ids(store)
    with store.reader() as session:
        first, second = session.scalars(
            select(m.Audit).where(m.Audit.id.in_(counted_ids)).order_by(m.Audit.reference)
        ).all()[:2]
    _record_on(services, first)
    _record_on(services, second)
    window = open_window_as(application, qtbot, Role.QA_OFFICER)
    tab = _feedback_tab(window, qtbot)
    assert tab.period.currentData() is None  # any time
    whole = services.feedback.summary(window.actor).overall
    assert whole.audits == len(counted_ids) > 2
    counted = {first.id, second.id}
    assert whole.with_feedback == len(counted)
    share = tab.share.text()
    assert f"{len(counted)} of {whole.audits} audits signed off have family feedback" in share
    assert "the aim is 100%" in share and f"{whole.audits - len(counted)} audit(s)" in share
    last = tab.coverage_table.texts(tab.coverage_table.rowCount() - 1)
    assert last[:3] == ["All teams", str(whole.audits), str(len(counted))]

    target = tmp_path / "feedback.pdf"
    tab.export_bar.choose_path = lambda _title, _suggested: target
    with qtbot.waitSignal(tab.export_bar.exported):
        qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    text = flowing_text(target)
    assert "Family feedback summary" in text and "Aim not met" in text
    assert f"With family feedback {len(counted)} (" in text
    assert first.reference in text and second.reference in text
    assert "Audits with family feedback, by team" in text
    assert f"All teams {whole.audits} {len(counted)} 0 {whole.share_percent:.0f}%" in text


def _counted_ids(store) -> set[str]:
    with store.reader() as session:
        return set(
            session.scalars(
                select(m.Audit.id).where(
                    m.Audit.completed_on.is_not(None),
                    m.Audit.state.in_(("submitted", "in_moderation", "closed")),
                    m.Audit.audit_type != "dip_sample",
                )
            )
        )
