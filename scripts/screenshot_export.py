"""Developer tool: open an audit that has a reflective meeting in the read-only viewer, export
its record as PDF (to a folder you name), and save a PNG of the viewer after the export.

    xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/screenshot_export.py STORE OUT.png OUTDIR
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from qa_desktop.app import Application, _qapplication
from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import system_clock
from qa_desktop.services.container import build_services
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from qa_desktop.ui.settings import AppSettings


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    qt_app = _qapplication()
    store = open_store(args.store)
    services = build_services(store, system_clock)
    application = Application(services, AppSettings(args.out.with_suffix(".ini")), immediate=True)
    person = next(p for p in services.directory.people() if p.role is Role.QA_OFFICER)
    window = application.show_window(services.directory.actor(person.id))
    window.resize(1366, 768)
    with store.reader() as session:
        audit_id = session.scalar(
            select(m.Meeting.audit_id).where(m.Meeting.held_on.is_not(None)).limit(1)
        )
    assert audit_id is not None
    window.open_audit(audit_id)
    viewer = window.viewer
    assert viewer is not None and viewer.export_bar is not None and viewer.export_audit
    viewer.export_bar.choose_path = lambda title, suggested: args.folder / suggested.name

    def shoot() -> None:
        assert viewer.export_audit is not None
        viewer.export_audit.click()
        QApplication.processEvents()
        viewer.grab().save(str(args.out))
        qt_app.quit()

    QTimer.singleShot(800, shoot)
    qt_app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
