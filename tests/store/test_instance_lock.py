"""One QA Desktop per store: a second start is told the store is open, and where."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from qa_desktop.errors import StoreLost
from qa_desktop.store.backups import make_daily_backup, restore_backup
from qa_desktop.store.engine import open_store
from qa_desktop.store.instance_lock import StoreInUse, lock_path

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys
from pathlib import Path
from qa_desktop.store.engine import open_store
store = open_store(Path(sys.argv[1]), create=True, exclusive=True)
print("open", flush=True)
sys.stdin.read()  # until the test closes our input
store.close()
"""


def test_two_instances_on_one_store(tmp_path: Path) -> None:
    path = tmp_path / "store.qadb"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "open"
        with pytest.raises(StoreInUse) as caught:
            open_store(path, exclusive=True)
        message = str(caught.value)
        assert "already open in QA Desktop" in message
        assert str(path) in message and f"process {child.pid}" in message
        assert not isinstance(caught.value, StoreLost)  # no backup offered over a live store
        with pytest.raises(StoreInUse):  # nor can a backup be put in its place meanwhile
            restore_backup(path, path, datetime(2026, 11, 20, 9, 0))
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)
    open_store(path, exclusive=True).close()  # once it has closed, the store opens
    assert oct(lock_path(path).stat().st_mode & 0o777) == "0o600"


def test_a_crashed_instance_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "store.qadb"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "open"
    child.kill()  # no clean shutdown
    child.wait(timeout=30)
    assert child.stdin is not None
    child.stdin.close()
    store = open_store(path, exclusive=True)
    assert make_daily_backup(store, datetime(2026, 11, 20).date()) is not None
    store.close()


def test_in_one_process_the_second_open_is_refused_until_the_first_closes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.qadb"
    first = open_store(path, create=True, exclusive=True)
    with pytest.raises(StoreInUse):
        open_store(path, exclusive=True)
    first.close()
    open_store(path, exclusive=True).close()
