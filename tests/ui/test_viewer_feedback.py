"""Family feedback inside the read-only audit viewer: who gave it, when, with what consent and
what they said, for managers and the QA team; an empty state when there is none; nothing of
it for the allocated worker."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QPixmap, QTextDocument
from sqlalchemy import select

from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Role
from qa_desktop.services.audit.feedback import (
    FeedbackAnswerEntry,
    FeedbackEntry,
    Method,
    Respondent,
    may_read_feedback,
)
from qa_desktop.store import models as m
from qa_desktop.ui.screens.audit_viewer import AuditViewer
from tests.store_access import store_of


def _closed_audit(store) -> tuple[str, str]:
    """A closed demo audit (read-only for everyone) and its practitioner."""
    with store.reader() as session:
        audit_id, practitioner_id = session.execute(
            select(m.Audit.id, m.Audit.practitioner_id)
            .where(m.Audit.state == AuditState.CLOSED.value, m.Audit.practitioner_id.isnot(None))
            .order_by(m.Audit.reference)
        ).first()
    return audit_id, practitioner_id


def _person(services, role: Role):
    person = next(p for p in services.directory.people() if p.role is role)
    return services.directory.actor(person.id)


def _record_feedback(services, audit_id: str, qa) -> None:
    services.feedback.record(
        FeedbackEntry(
            audit_id=audit_id,
            respondent=Respondent.ADULT,
            consent_given=True,
            consent_note="Agreed by phone",
            method=Method.PHONE,
            answers=(
                FeedbackAnswerEntry("FA1", "yes"),
                FeedbackAnswerEntry("FA2", "not_really", "She rushed the last visit"),
                FeedbackAnswerEntry("FA10", "The weekly visits"),
            ),
        ),
        qa,
    )
    services.feedback.record(
        FeedbackEntry(
            audit_id=audit_id,
            respondent=Respondent.CHILD,
            consent_given=True,
            consent_note="",
            method=Method.IN_PERSON,
            answers=(FeedbackAnswerEntry("FC1", "happy", "She plays cards with me"),),
        ),
        qa,
    )
    services.feedback.record(
        FeedbackEntry(
            audit_id=audit_id,
            respondent=Respondent.CHILD,
            consent_given=False,
            consent_note="Did not want to talk today",
            method=Method.IN_PERSON,
            answers=(),
        ),
        qa,
    )


def _viewer(window, qtbot, audit_id: str) -> AuditViewer:
    window.open_audit(audit_id)
    viewer = window.viewer
    assert viewer is not None and viewer.view.record.row.id == audit_id
    qtbot.addWidget(viewer)
    return viewer


def _viewer_text(window, qtbot, audit_id: str) -> str:
    return _viewer(window, qtbot, audit_id).browser.toPlainText()


def test_the_viewer_shows_what_the_family_said(application, qtbot) -> None:
    services = application.services
    audit_id, _practitioner = _closed_audit(store_of(services))
    qa = _person(services, Role.QA_OFFICER)
    _record_feedback(services, audit_id, qa)
    window = application.show_window(_person(services, Role.HEAD_OF_SERVICE))
    qtbot.addWidget(window)

    viewer = _viewer(window, qtbot, audit_id)
    text = viewer.browser.toPlainText()
    section = text[text.index("Family feedback") :]
    assert "Parent or carer, 20 November 2026" in section
    assert f"By phone, recorded by {qa.person.name}. Consent given (Agreed by phone)." in section
    assert "Did you feel listened to?" in section and "Not really" in section
    assert "“She rushed the last visit”" in section
    assert "What has been most helpful?" in section and "The weekly visits" in section
    # Questions not asked are not listed.
    assert "Were you treated with respect" not in section
    assert "Child, 20 November 2026" in section
    # The child's face is drawn, not taken from an emoji font.
    assert "Does your social worker listen to you?" in section and "🙂" not in section
    assert "“She plays cards with me”" in section
    html = viewer.browser.toHtml()
    assert "qa-face:happy" in html
    face = viewer.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl("qa-face:happy")
    )
    assert isinstance(face, QPixmap) and not face.isNull()
    assert "Consent declined: nothing they said is recorded (Did not want to talk today)" in section
    # The section sits before the audit's history.
    assert text.index("Family feedback") < text.index("History of this audit")


def test_an_audit_without_feedback_says_so(application, qtbot) -> None:
    services = application.services
    audit_id, _practitioner = _closed_audit(store_of(services))
    window = application.show_window(_person(services, Role.QA_OFFICER))
    qtbot.addWidget(window)
    text = _viewer_text(window, qtbot, audit_id)
    assert "Family feedback" in text
    assert "No family feedback has been recorded for this audit yet." in text


def test_the_allocated_worker_does_not_read_the_familys_words(application, qtbot) -> None:
    services = application.services
    audit_id, practitioner_id = _closed_audit(store_of(services))
    _record_feedback(services, audit_id, _person(services, Role.QA_OFFICER))
    worker = services.directory.actor(practitioner_id)
    view = services.audits.view(audit_id, worker)
    assert view.feedback is None
    viewer = AuditViewer(view)
    qtbot.addWidget(viewer)
    text = viewer.browser.toPlainText()
    assert "Family feedback" not in text and "She rushed the last visit" not in text
    # Nor a manager who is the allocated worker, nor a practitioner who only takes part.
    manager = _person(services, Role.TEAM_MANAGER)
    assert not may_read_feedback(manager, frozenset({manager.id}))
    assert may_read_feedback(manager, frozenset({practitioner_id}))
    assert not may_read_feedback(_person(services, Role.PRACTITIONER), frozenset())
