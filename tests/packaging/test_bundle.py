"""The bundle, built for real with PyInstaller from packaging/qa-desktop.spec (about two
minutes), then checked as IT would: it holds the forms, resources and fonts and the licence
text of every part it ships, and it starts on
a new demo store offscreen, with nothing from a Python installation around it, and shows its
main window; and it joins a real central database, its first sync in a process the bundle
starts for itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import check_bundle  # noqa: E402

from qa_desktop.licences import normalise  # noqa: E402
from qa_desktop.store import models as m  # noqa: E402
from qa_desktop.store.engine import open_store  # noqa: E402
from qa_desktop.sync.central.admin import load_store  # noqa: E402
from tests.sync.conftest import Central, central_database  # noqa: E402
from tests.sync.world import build_world  # noqa: E402

# Building the bundle takes 30 to 120 s: out of the quick loop, always in CI.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "packaging" / "qa-desktop.spec"),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return work / "dist" / "qa-desktop"


def test_the_bundle_holds_the_forms_resources_and_fonts(bundle: Path) -> None:
    assert check_bundle.executable(bundle).is_file()
    assert check_bundle.missing_parts(bundle) == []


def test_the_bundle_holds_the_licence_of_every_part_it_ships(bundle: Path) -> None:
    assert check_bundle.missing_licences(bundle) == []
    folder = check_bundle.data_root(bundle) / "licences"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    shipped = {normalise(entry["name"]) for entry in index}
    for part in ("pyside6-essentials", "pyside6-addons", "shiboken6", "psycopg-binary"):
        assert part in shipped
    for part in ("sqlalchemy", "sqlcipher3", "reportlab", "rl-accel", "keyring", "python"):
        assert part in shipped
    assert not shipped & {"pytest", "pyinstaller", "ruff", "qa-desktop"}
    qt = next(entry for entry in index if entry["name"] == "PySide6_Essentials")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (folder / qt["file"]).read_text("utf-8")


def test_the_bundle_starts_offscreen_on_the_demo_store_and_shows_its_window(
    bundle: Path,
) -> None:
    shown, output = check_bundle.smoke_test(bundle)
    assert shown, output
    assert "Built the demo county" in output and "screens loaded" in output


@pytest.fixture
def central(postgres_url: str) -> Iterator[Central]:
    yield from central_database(postgres_url, "qa_b_")


def test_the_bundle_joins_a_central_database_in_a_process_of_its_own(
    bundle: Path, central: Central, tmp_path: Path
) -> None:
    """``join`` from the bundle makes the store and its first sync in a process the bundle
    starts from its own executable (multiprocessing's spawn): that process runs the join's
    work, not a second app, and the store it leaves holds the login's first pull."""
    source = open_store(tmp_path / "qa-team.qadb", create=True)
    try:
        world = build_world(source)
        load_store(central.admin, None, source)
        with source.reader() as s:
            people = s.scalar(select(func.count()).select_from(m.Person))
    finally:
        source.close()
    login = central.add_login("moderator", world.moderator, ["moderator"]).user
    path = tmp_path / "laptop" / "mine.qadb"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", QA_DESKTOP_HOME=str(tmp_path / "home"))
    command = [str(check_bundle.executable(bundle)), "join", "--central"]
    command += [central.admin.display(), "--login", login, "--store", str(path)]
    result = subprocess.run(
        command, input="\n", env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Joined as Test Moderator (moderator)" in output
    joined = open_store(path)
    try:
        with joined.reader() as s:
            assert s.scalar(select(func.count()).select_from(m.Person)) == people > 0
    finally:
        joined.close()
