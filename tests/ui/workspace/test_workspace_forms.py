"""Every shipped form opens in the workspace, and a non-Yes/No answer saves as typed."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from qa_desktop.domain.forms import AnswerType
from qa_desktop.services.audit.workspace_data import FieldRef, NewAudit
from qa_desktop.ui.screens.workspace import WorkspaceWindow
from tests.services.audit.workspace_helpers import an_assignment
from tests.store_access import store_of


def test_every_shipped_form_opens(application, qtbot, clock) -> None:
    today = clock().date()
    a = an_assignment(store_of(application.services))
    service = application.services.workspace
    options = service.start_options(a.auditor)
    case = service.search_cases("")[0]
    typed = 0
    for form in options.forms:
        audit_id = service.create(
            a.auditor, NewAudit(case.id, form.version_id, "thematic", case.practitioner_id)
        )
        ws = service.load(audit_id, a.auditor)
        window = WorkspaceWindow(
            ws, service, application.runner, a.auditor, application.settings, lambda: today
        )
        qtbot.addWidget(window)
        assert window.nav.count() == len(ws.form.sections) + 2
        for page in window.areas:
            for row in page.rows:
                if row.question.answer_type is AnswerType.YES_NO:
                    continue
                field = row.value_binding.focus_widget()
                assert isinstance(field, QLineEdit)
                field.setFocus()
                qtbot.keyClicks(field, "3")
                window.flush()
                assert (
                    service.load(audit_id, a.auditor).value(FieldRef.answer(row.question.id)) == "3"
                )
                typed += 1
                break
    assert len(options.forms) >= 5 and typed >= 1
