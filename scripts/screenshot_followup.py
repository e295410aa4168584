"""Developer tool: the follow-up screens (My work, Moderation, Meetings) as a person sees them.

    xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/screenshot_followup.py STORE OUT.png \
        [--size 1366x768] [--screen 0] [--role service_manager] [--tab 0] [--open-first]
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
from qa_desktop.ui.shell.main_window import NAV_MEETINGS, NAV_MODERATION, NAV_MY_WORK


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--screen", type=int, default=NAV_MY_WORK)
    parser.add_argument("--role", default="service_manager")
    parser.add_argument("--tab", type=int, default=0)
    parser.add_argument("--open-first", action="store_true")
    parser.add_argument("--busiest", action="store_true", help="the person with most work")
    args = parser.parse_args()
    qt_app = _qapplication()
    services = build_services(open_store(args.store), system_clock)
    application = Application(services, AppSettings(args.out.with_suffix(".ini")), immediate=True)
    people = [p for p in services.directory.people() if p.role is Role(args.role)]
    if args.busiest:
        people.sort(
            key=lambda p: -services.my_work.for_person(services.directory.actor(p.id)).count
        )
    window = application.show_window(services.directory.actor(people[0].id))
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.go_to(args.screen)
    if args.screen == NAV_MY_WORK:
        window.my_work.tabs.setCurrentIndex(args.tab)
    if args.screen == NAV_MODERATION:
        window.moderation.tabs.setCurrentIndex(args.tab)
        panel_tab = args.tab == window.moderation.panel_index
        if args.open_first and window.moderation.queue_model.rows() and not panel_tab:
            window.moderation.open_case(window.moderation.queue_model.rows()[0].audit_id)
        if panel_tab and args.open_first:
            panel = window.moderation.panel
            for i in range(min(3, panel.choice.count())):
                panel.choice.item(i).setCheckState(panel.choice.item(i).checkState().Checked)
            panel.begin()
    if args.screen == NAV_MEETINGS:
        window.meetings.show_which.setCurrentIndex(args.tab)
        rows = window.meetings.model.rows()
        if args.open_first and rows:
            window.meetings.open_meeting(rows[0].id)
            window.meetings.add_action_row()

    def shoot() -> None:
        QApplication.processEvents()
        window.grab().save(str(args.out))
        qt_app.quit()

    QTimer.singleShot(800, shoot)
    qt_app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
