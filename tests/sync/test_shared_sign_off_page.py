"""The sign-off page on the auditor's laptop (the shared laptop): where the store syncs, the
practitioner's sign-off asks for their own central password (hidden as typed) before it can
be made, and hands it over once; the practitioner's own box follows the snapshot's rights."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from tests.services.audit.workspace_helpers import complete
from tests.ui.conftest import application  # noqa: F401 (the GUI fixture)
from tests.ui.workspace.workspace_fixtures import open_workspace


def test_the_shared_laptop_asks_for_the_practitioners_password(application, qtbot, clock) -> None:  # noqa: F811
    _window, ws, a = open_workspace(application, qtbot)
    service = application.services.workspace
    complete(service, a, clock().date())
    service.sign_off_as_auditor(a.audit_id, a.auditor)
    ws.reload()
    page = ws.signoff
    qtbot.waitUntil(lambda: page.practitioner_box.isEnabled())
    assert not ws.ws.may_sign_off_as_practitioner  # the rulebook: not the auditor's own
    assert page.shared
    # A store that does not sync (this demo one): recorded with the practitioner present.
    assert page.password.isHidden() and page.agree_button.isEnabled()
    # A store that syncs: their password first.
    page.set_confirmation_needed(True)
    assert page.password.isVisibleTo(page) and page.password_label.isVisibleTo(page)
    assert page.password.echoMode() is QLineEdit.EchoMode.Password
    assert not page.agree_button.isEnabled() and not page.disagree_button.isEnabled()
    qtbot.keyClicks(page.password, "their own secret")
    assert page.agree_button.isEnabled() and page.disagree_button.isEnabled()
    assert page.take_password() == "their own secret"
    assert page.password.text() == "" and not page.agree_button.isEnabled()

    # The practitioner's own workspace: their right, no password asked.
    practitioner_ws = service.load(a.audit_id, a.practitioner)
    assert practitioner_ws.may_sign_off_as_practitioner
