"""Opening an up-to-date store does not load alembic (about a sixth of the start-up time);
a store that needs migrating still goes through alembic as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from qa_desktop.store import engine as store_engine
from qa_desktop.store.engine import head_revision

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
from pathlib import Path
from qa_desktop.store.engine import open_store
store = open_store(Path(sys.argv[1]), create=True)
store.close()
print("alembic loaded" if "alembic" in sys.modules else "alembic not loaded")
"""


def _open_in_new_process(path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return result.stdout.strip()


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    assert store_engine._head_from_files() == head_revision()


def test_an_up_to_date_store_opens_without_alembic(tmp_path) -> None:
    path = tmp_path / "store.qadb"
    assert _open_in_new_process(path) == "alembic loaded"  # a new store is migrated
    assert _open_in_new_process(path) == "alembic not loaded"


def _migration(folder: Path, name: str, revision: str, down: str) -> None:
    (folder / name).write_text(f'revision: str = "{revision}"\ndown_revision = {down}\n')


def test_the_head_is_read_from_a_chain_and_left_to_alembic_when_unclear(
    tmp_path, monkeypatch
) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "__init__.py").write_text("")
    monkeypatch.setattr(store_engine, "MIGRATIONS", tmp_path)
    _migration(versions, "0001_first.py", "0001", "None")
    _migration(versions, "0009_packaging.py", "0009", '"0001"')
    assert store_engine._head_from_files() == "0009"
    _migration(versions, "0004_sync.py", "0004", '"0001"')  # two heads: not chained yet
    assert store_engine._head_from_files() is None
    _migration(versions, "0010_merge.py", "0010", '("0004", "0009")')  # a merge
    assert store_engine._head_from_files() is None
