"""Developer tool: open the audit workspace on a planned audit of a store (as its auditor),
with some answers filled in, and save a PNG of the window.

    xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/screenshot_workspace.py STORE OUT.png \
        [--size 1366x768] [--presentation] [--page N] [--live choice|mark]

``--live`` shows live side by side as if the practitioner had the audit open on their laptop
(presence is heard as the link would hear it) and saved their reflection: with ``choice`` the
auditor was typing in that box (the "also changed by" choice), with ``mark`` not (the
"changed by" mark). Their save is written to the same store, then the window reloads as after
a sync.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from qa_desktop.app import Application, _qapplication
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Capability
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.listing import AuditFilter
from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.clock import system_clock
from qa_desktop.services.container import build_services
from qa_desktop.services.live import Presence
from qa_desktop.store.engine import open_store
from qa_desktop.ui.settings import PRESENTATION_MODE, AppSettings


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--presentation", action="store_true")
    parser.add_argument("--page", type=int, default=0)
    parser.add_argument("--dialog", choices=("history", "new"), default=None)
    parser.add_argument("--live", choices=("choice", "mark"), default=None)
    args = parser.parse_args()
    qt_app = _qapplication()
    services = build_services(open_store(args.store), system_clock)
    settings = AppSettings(args.out.with_suffix(".ini"))
    settings.set(PRESENTATION_MODE, args.presentation)
    application = Application(services, settings, immediate=True)
    rows = services.audits.list(
        AuditFilter(states=(AuditState.PLANNED, AuditState.IN_PROGRESS)), SYSTEM
    ).rows
    for row in rows:
        ws_actor = None
        for person in services.directory.people():
            if person.name == row.auditor:
                ws_actor = services.directory.actor(person.id)
        if ws_actor is not None and ws_actor.can(Capability.AUDIT):
            break
    assert ws_actor is not None
    audit_id = row.id
    ws = services.workspace.load(audit_id, ws_actor)
    if ws.state is AuditState.PLANNED:
        for question, value in zip(
            ws.form.sections[0].questions[:5], ("yes", "partly", "yes", "no", "na"), strict=False
        ):
            services.workspace.save(audit_id, ws_actor, FieldRef.answer(question.id), value)
        for text in ("Seen alone at school", "Seen alone at school on 4 Nov"):
            services.workspace.save(audit_id, ws_actor, FieldRef.answer("A2", "evidence"), text)
        services.workspace.save(
            audit_id, ws_actor, FieldRef.answer("A5", "na_reason"), "Transfer-in assessment"
        )
        services.workspace.save(
            audit_id,
            ws_actor,
            FieldRef.area("A", "practitioner_reflection"),
            "I would record the child's own words more often, and share the assessment "
            "with the family sooner.",
        )
    window = application.show_window(ws_actor)
    window.open_audit(audit_id)
    workspace = window.opener.workspaces[audit_id]
    width, height = (int(v) for v in args.size.split("x"))
    workspace.resize(width, height)
    workspace.nav.setCurrentRow(args.page)
    workspace.areas[0].rows[1].help_button.setChecked(True)
    if args.live and ws.practitioner is not None and window.opener.live is not None:
        practitioner = services.directory.actor(ws.practitioner.id)
        section = ws.form.sections[0].id
        window.opener.live.heard.emit(Presence(audit_id, practitioner.id, section, True))
        reflection = FieldRef.area(section, "practitioner_reflection")
        if args.live == "choice":
            workspace.timer.setInterval(60_000)  # still typing
            workspace.bindings[reflection].set_value("Typed here while they wrote")
            workspace.edited(reflection, "Typed here while they wrote")
        services.workspace.save(
            audit_id, practitioner, reflection, "I will share the plan with the family sooner."
        )
        workspace.reload()

    def shoot() -> None:
        target = workspace
        if args.dialog == "history":
            workspace.show_field_history(FieldRef.answer("A2", "evidence"))
            target = workspace.history_dialog
        elif args.dialog == "new":
            window.opener.new_audit()
            assert window.opener.new_audit_dialog is not None
            window.opener.new_audit_dialog.search.setText("CR4")
            target = window.opener.new_audit_dialog
        QApplication.processEvents()
        target.grab().save(str(args.out))
        qt_app.quit()

    QTimer.singleShot(800, shoot)
    qt_app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
