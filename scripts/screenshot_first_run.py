"""Developer tool: save PNGs of the first-launch welcome (both pages) and Help > About.

xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/screenshot_first_run.py STORE OUTDIR
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from qa_desktop.app import Application, _qapplication
from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import system_clock
from qa_desktop.services.container import build_services
from qa_desktop.store.engine import open_store
from qa_desktop.ui.runner import Runner
from qa_desktop.ui.settings import AppSettings
from qa_desktop.ui.shell.welcome import PAGE_SET_UP, WelcomeDialog


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    qt_app = _qapplication()
    scratch = Path(tempfile.mkdtemp())
    settings = AppSettings(scratch / "settings.ini")
    welcome = WelcomeDialog(
        Runner(print, immediate=True),
        settings,
        system_clock,
        demo_path=scratch / "demo.qadb",
        own_path=scratch / "store.qadb",
        on_error=print,
    )
    welcome.show()
    QApplication.processEvents()
    welcome.grab().save(str(args.out / "welcome.png"))
    welcome.pages.setCurrentIndex(PAGE_SET_UP)
    welcome.name.setText("Robin Ashworth")
    QApplication.processEvents()
    welcome.grab().save(str(args.out / "welcome-set-up.png"))
    welcome.close()

    services = build_services(open_store(args.store), system_clock)
    application = Application(services, settings, immediate=True)
    person = next(p for p in services.directory.people() if p.role is Role.QA_OFFICER)
    window = application.show_window(services.directory.actor(person.id))
    window.resize(1366, 768)
    window.show_about()
    QApplication.processEvents()
    assert window.about is not None
    window.about.grab().save(str(args.out / "about.png"))
    QApplication.processEvents()
    window.grab().save(str(args.out / "main.png"))
    application.shutdown()
    qt_app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
