"""Developer tool: a two-laptop conflict against a scratch central database, then PNGs of the
main window (sync status in the status bar) and of the conflicts list.

    xvfb-run -a -s "-screen 0 1920x1080x24" python scripts/screenshot_sync.py OUT_FOLDER
"""

from __future__ import annotations

import sys
import tempfile
import uuid
from pathlib import Path

import psycopg
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qa_desktop.app import Application, _qapplication
from qa_desktop.demo.county import build_demo
from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import system_clock
from qa_desktop.services.container import build_services
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from qa_desktop.store.recorder import Recorder
from qa_desktop.sync.central.admin import add_user, init_central, load_store
from qa_desktop.sync.client import SyncClient
from qa_desktop.sync.connection import CentralAddress
from qa_desktop.ui.screens.sync.conflicts import ConflictsDialog
from qa_desktop.ui.settings import AppSettings


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    name = f"qa_shot_{uuid.uuid4().hex[:6]}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=test", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    admin = CentralAddress("127.0.0.1", 5432, name, "postgres")
    try:
        init_central(admin)
        one = open_store(folder / "one.qadb", create=True)
        build_demo(one, audits=40, seed=3, clock=system_clock)
        load_store(admin, None, one)
        with one.reader() as s:
            qa = s.scalars(select(m.Person).where(m.Person.role == "qa_officer")).first()
            auditor = s.scalars(select(m.Person).where(m.Person.is_auditor)).first()
            audit_id = s.scalars(select(m.Audit.id)).first()
        assert qa and auditor and audit_id
        login = f"{name}_qa"
        add_user(admin, None, login=login, login_password=None, person_id=qa.id, roles=["qa_team"])
        address = admin.with_user(login)
        two = open_store(folder / "two.qadb", create=True)
        SyncClient(two, address, None, now=system_clock).sync()
        for store, actor, text in (
            (one, auditor.id, "Plans are reviewed monthly with the family."),
            (two, qa.id, "Plans are reviewed, but not with the family."),
        ):
            with store.session() as s:
                row = s.get(m.Audit, audit_id)
                assert row is not None
                Recorder(s, actor, system_clock()).update(row, impact=text)
        SyncClient(one, address, None, now=system_clock).sync()
        one.close()

        qt_app = _qapplication()
        services = build_services(two, system_clock)
        services.sync.save_settings(address.display(), login, None)
        services.sync.sync_now()
        with two.session() as s:
            row = s.get(m.Audit, audit_id)
            assert row is not None
            Recorder(s, qa.id, system_clock()).update(row, escalation_note="Waiting to sync")
        application = Application(services, AppSettings(folder / "s.ini"), immediate=True)
        person = next(p for p in services.directory.people() if p.role is Role.QA_OFFICER)
        window = application.show_window(services.directory.actor(person.id))
        window.resize(1366, 768)
        window.sync.refresh()

        def shoot() -> None:
            QApplication.processEvents()
            window.grab().save(str(out / "sync-status.png"))
            dialog = ConflictsDialog(services.sync, application.runner, person.id, window)
            dialog.show()
            QApplication.processEvents()
            dialog.grab().save(str(out / "conflicts.png"))
            qt_app.quit()

        QTimer.singleShot(800, shoot)
        qt_app.exec()
        two.close()
    finally:
        with psycopg.connect("host=127.0.0.1 user=postgres dbname=test", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in (f"{name}_qa", f"qa_client_{name}", f"qa_owner_{name}"):
                c.execute(f'DROP ROLE IF EXISTS "{role}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
