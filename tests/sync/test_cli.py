"""The command line against a real central PostgreSQL: init (twice: it migrates, never
rebuilds), add-user, load, and one sync that prints what moved."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from qa_desktop.cli import main
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from tests.sync.conftest import Central
from tests.sync.world import add_audit, build_world, edit


def test_init_add_user_load_and_sync(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = central.admin.display()
    assert main(["central", "init", "--url", admin]) == 0  # again: already at head
    assert "is ready" in capsys.readouterr().out

    source = open_store(tmp_path / "qa-team.qadb", create=True)
    world = build_world(source)
    audit_id = add_audit(source, world, "QA-0000001")
    source.close()
    assert main(["central", "load", "--url", admin, "--store", str(tmp_path / "qa-team.qadb")]) == 0
    assert "Loaded 14 records" in capsys.readouterr().out

    login = f"{central.database}_cli"
    central.logins.append(login)
    code = main(
        [
            "central", "add-user", "--url", admin, "--login", login,
            "--person", world.auditor, "--role", "auditor", "--no-password",
        ]
    )  # fmt: skip
    assert code == 0
    assert f"The login {login} can now sync (auditor)" in capsys.readouterr().out

    laptop = tmp_path / "laptop.qadb"
    open_store(laptop, create=True).close()
    url = central.admin.with_user(login).display()
    assert main(["sync", "--store", str(laptop), "--central", url]) == 0
    out = capsys.readouterr().out
    assert "Pushed 0 changes" in out and "pulled 14 (14 applied" in out

    store = open_store(laptop)
    edit(store, world.auditor, m.Audit, audit_id, impact="From the command line")
    store.close()
    assert main(["sync", "--store", str(laptop), "--central", url]) == 0
    out = capsys.readouterr().out
    assert "Pushed 1 changes (1 accepted" in out and "Waiting: 0" in out
    store = open_store(laptop)
    with store.reader() as s:
        assert s.scalar(select(m.Audit.impact)) == "From the command line"
    store.close()


def test_sync_with_no_server_says_offline_and_keeps_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = tmp_path / "laptop.qadb"
    store = open_store(laptop, create=True)
    build_world(store)
    store.close()
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    assert main(["sync", "--store", str(laptop), "--central", url]) == 1
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "kept on this computer" in err
    store = open_store(laptop)
    with store.reader() as s:
        assert len(s.scalars(select(m.OutboxChange)).all()) == 13
    store.close()
