"""Shared fixtures: every test gets its own home folder (settings, logs, stores), an
in-memory keyring holding the tests' store key, Qt on the offscreen platform, and a fixed clock.

Programs the tests start (the command line, the bundle) have no such keyring: they get the
same store key from ``QA_DESKTOP_STORE_KEY`` and keyring's "fail" backend, so that a test
never reads or writes the developer's own keyring.

PostgreSQL tests use the server at 127.0.0.1:5432 (database ``test``). Where there is no
server they are skipped with the reason; in CI (``CI`` set) a missing server fails them.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QA_DESKTOP_STORE_KEY"] = "5e" * 32  # the tests' store key, for programs they start
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from qa_desktop.demo.county import build_demo
from qa_desktop.services.clock import Clock, fixed_clock
from qa_desktop.store import keys
from qa_desktop.store.engine import Store, open_store

POSTGRES_URL = os.environ.get(
    "QA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)  # a Friday
TEST_STORE_KEY = os.environ["QA_DESKTOP_STORE_KEY"]  # synthetic, like everything in the tests


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in memory: no prompts, nothing on disk."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh home for settings, logs and stores; the developer's own are never touched."""
    home = tmp_path / "home"
    monkeypatch.setenv("QA_DESKTOP_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    backend.set_password(keys.KEYRING_SERVICE, keys.KEYRING_ACCOUNT, TEST_STORE_KEY)
    keyring.set_keyring(backend)
    keys.hold(None)
    yield backend
    keys.hold(None)
    keyring.set_keyring(previous)


@pytest.fixture
def clock() -> Clock:
    return fixed_clock(NOW)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A new, empty, migrated store."""
    opened = open_store(tmp_path / "store.qadb", create=True)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo store built once per test run (120 audits); tests copy it."""
    path = tmp_path_factory.mktemp("demo") / "demo.qadb"
    built = open_store(path, create=True)
    build_demo(built, audits=120, seed=7, clock=fixed_clock(NOW))
    built.engine.dispose()
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh copy of the demo store, for a test to change as it likes."""
    import shutil

    copy = tmp_path / "demo.qadb"
    shutil.copy(demo_template, copy)
    opened = open_store(copy)
    yield opened
    opened.close()


def _postgres_reachable() -> str | None:
    try:
        import psycopg

        with psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3
        ):
            return None
    except Exception as exc:
        return f"no PostgreSQL server at 127.0.0.1:5432 ({type(exc).__name__}: {exc})"


@pytest.fixture(scope="session")
def postgres_url() -> str:
    problem = _postgres_reachable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests, but there is {problem}")
        pytest.skip(problem)
    return POSTGRES_URL


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "postgres_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """In CI a skipped PostgreSQL test is a failure: it proves nothing."""
    if os.environ.get("CI") and report.skipped and "postgres" in report.keywords:
        report.outcome = "failed"
