"""Developer tool: start on a store as a person of a role, and save PNGs of the window at the
moment of the quick fill (My work from the quick start, the services still coming) and once
the services are in.

    xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/screenshot_quick_start.py STORE \
        OUT_DIR [--size 1366x768] [--role auditor] [--click-audits]
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
from qa_desktop.ui.shell.main_window import NAV_AUDITS


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--role", default="team_manager")
    parser.add_argument("--click-audits", action="store_true", help="Audits before the services")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    qt_app = _qapplication()
    looked_up = build_services(open_store(args.store), system_clock)
    person = next(p for p in looked_up.directory.people() if p.role is Role(args.role))
    looked_up.close()
    settings = AppSettings(args.out / "screenshot.ini")
    settings.remember_identity(args.store, person.id)
    application = Application(None, settings)
    window = application.new_window(args.store)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)

    def quick_fill() -> None:
        if args.click_audits:
            window.go_to(NAV_AUDITS)
        QApplication.processEvents()
        window.grab().save(str(args.out / "quick-fill.png"))
        print("services ready at the quick fill:", window.is_ready)

    def loaded() -> None:
        if not (window.is_ready and not application.runner.pending):
            QTimer.singleShot(100, loaded)
            return
        QApplication.processEvents()
        window.grab().save(str(args.out / "services-in.png"))
        qt_app.quit()

    window.usable.connect(quick_fill)
    window.ready.connect(loaded)
    application.open_store(args.store)
    qt_app.exec()
    application.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
