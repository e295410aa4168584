"""Developer tool: every screen and every tab on it, for one person, saved as PNGs.

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshot_all.py STORE OUTDIR \
        [--role qa_officer]
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/screenshot_all.py ...

The window takes the screen's available size (at 200% on 1920x1080 that is 960x540), as a
person's would, so what does not fit shows. Files are named <role>-<screen>-<tab>.png.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTabWidget

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
    parser.add_argument("--role", default="qa_officer")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    qt_app = _qapplication()
    services = build_services(open_store(args.store), system_clock)
    settings = AppSettings(args.out / f"{args.role}.ini")
    application = Application(services, settings, immediate=True)
    person = next(p for p in services.directory.people() if p.role is Role(args.role))
    window = application.show_window(services.directory.actor(person.id))
    window.setGeometry(window.screen().availableGeometry())
    entries = [i for i in range(window.stack.count()) if not window.nav.item(i).isHidden()]
    shots: list[tuple[int, int]] = []
    for index in entries:
        shots.append((index, -1))

    def settle() -> None:
        for _ in range(20):
            QApplication.processEvents()

    def shoot_all() -> None:
        for index, _ in shots:
            window.go_to(index)
            settle()
            screen = window.stack.currentWidget()
            tabs = screen.findChild(QTabWidget)
            name = window.nav.item(index).text().split()[0].lower()
            count = tabs.count() if tabs is not None else 1
            for tab in range(count):
                if tabs is not None:
                    tabs.setCurrentIndex(tab)
                QTimer.singleShot(0, settle)
                settle()
                window.grab().save(str(args.out / f"{args.role}-{index}{name}-{tab}.png"))
        qt_app.quit()

    QTimer.singleShot(1500, shoot_all)
    qt_app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
