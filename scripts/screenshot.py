"""Developer tool: open a store as someone, show a screen, and save a PNG of the window.

    xvfb-run -s "-screen 0 1920x1080x24" python scripts/screenshot.py STORE OUT.png \
        [--size 1366x768] [--screen 1] [--role auditor] [--open-first-audit]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from qa_desktop.app import Application, _qapplication
from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import system_clock
from qa_desktop.services.container import build_services
from qa_desktop.store.engine import open_store
from qa_desktop.ui.settings import AppSettings


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--screen", type=int, default=0)
    parser.add_argument("--role", default="team_manager")
    parser.add_argument("--open-first-audit", action="store_true")
    args = parser.parse_args()
    qt_app = _qapplication()
    services = build_services(open_store(args.store), system_clock)
    application = Application(services, AppSettings(args.out.with_suffix(".ini")), immediate=True)
    person = next(p for p in services.directory.people() if p.role is Role(args.role))
    window = application.show_window(services.directory.actor(person.id))
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.go_to(args.screen)

    def shoot() -> None:
        target = window
        if args.open_first_audit:
            window.audits.table.selectRow(0)
            window.audits._open_selected()
            target = window.viewer or window
        QApplication.processEvents()
        target.grab().save(str(args.out))
        qt_app.quit()

    QTimer.singleShot(800, shoot)
    qt_app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
