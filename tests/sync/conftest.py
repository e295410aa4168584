"""A fresh central database for each test (its own PostgreSQL database, roles named after it
and dropped afterwards), and laptops (local stores) that sync with it."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psycopg
import pytest

from qa_desktop.domain.identity import one_per_parent_id
from qa_desktop.store.engine import Store, open_store
from qa_desktop.sync.central.admin import add_user, init_central
from qa_desktop.sync.client import SyncClient, SyncReport, _no_fault
from qa_desktop.sync.connection import CentralAddress
from tests.conftest import NOW
from tests.sync.world import World, add_audit, build_world


@dataclass
class Central:
    admin: CentralAddress
    logins: list[str] = field(default_factory=list)

    @property
    def database(self) -> str:
        return self.admin.database

    def add_login(self, name: str, person_id: str, roles: list[str]) -> CentralAddress:
        login = f"{self.database}_{name}"
        add_user(
            self.admin, None, login=login, login_password=None, person_id=person_id, roles=roles
        )
        self.logins.append(login)
        return self.admin.with_user(login)

    def admin_connection(self) -> psycopg.Connection:
        return psycopg.connect(
            host=self.admin.host,
            port=self.admin.port,
            dbname=self.database,
            user="postgres",
            autocommit=True,
        )


def _server(postgres_url: str) -> psycopg.Connection:
    address = CentralAddress.parse(postgres_url)
    return psycopg.connect(
        host=address.host,
        port=address.port,
        dbname=address.database,
        user=address.user,
        autocommit=True,
    )


@pytest.fixture
def central(postgres_url: str) -> Iterator[Central]:
    yield from central_database(postgres_url, "qa_t_")


def central_database(postgres_url: str, prefix: str) -> Iterator[Central]:
    """A new central database named ``prefix`` and a random tail, dropped afterwards."""
    name = f"{prefix}{uuid.uuid4().hex[:10]}"
    with _server(postgres_url) as server:
        server.execute(f'CREATE DATABASE "{name}"')
        # Tests prove ordering and rights, not the disk: commits need not wait for fsync.
        server.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    admin = CentralAddress.parse(postgres_url).__class__(
        CentralAddress.parse(postgres_url).host,
        CentralAddress.parse(postgres_url).port,
        name,
        "postgres",
    )
    made = Central(admin)
    try:
        init_central(admin)
        yield made
    finally:
        with _server(postgres_url) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in [*made.logins, f"qa_client_{name}", f"qa_owner_{name}"]:
                server.execute(f'DROP ROLE IF EXISTS "{role}"')


@dataclass
class Laptop:
    """A local store and the login it syncs as."""

    name: str
    store: Store
    address: CentralAddress
    clock: Callable[[], datetime] = lambda: NOW

    def client(self, fault: Callable[[str], None] = _no_fault, **options: int) -> SyncClient:
        return SyncClient(self.store, self.address, None, now=self.clock, fault=fault, **options)

    def sync(self, fault: Callable[[str], None] = _no_fault) -> SyncReport:
        return self.client(fault).sync()


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[Callable[[str, CentralAddress], Laptop]]:
    opened: list[Store] = []

    def make(name: str, address: CentralAddress) -> Laptop:
        store = open_store(tmp_path / f"{name}.qadb", create=True)
        opened.append(store)
        return Laptop(name, store, address)

    yield make
    for store in opened:
        store.close()


@dataclass
class Pair:
    """An auditor's laptop and a practitioner's laptop on one audit (and the QA team's, which
    made the world), each syncing as its own person's login."""

    central: Central
    qa: Laptop
    auditor: Laptop
    practitioner: Laptop
    world: World
    audit_id: str

    def review_id(self, section: str) -> str:
        return one_per_parent_id("section_reviews", self.audit_id, section)

    def central_field(self, table: str, row_id: str, field: str) -> object:
        with self.central.admin_connection() as conn:
            row = conn.execute(
                "SELECT fields -> %s FROM qa_central.rows WHERE table_name = %s AND row_id = %s",
                (field, table, row_id),
            ).fetchone()
        return None if row is None else row[0]

    def sync_all(self) -> None:
        for laptop in (self.auditor, self.practitioner, self.auditor, self.practitioner):
            laptop.sync()


@pytest.fixture
def pair(central: Central, laptops: Callable[[str, CentralAddress], Laptop]) -> Pair:
    qa = laptops("qa", central.add_login("qa", "pending", ["qa_officer"]))
    world = build_world(qa.store)
    audit_id = add_audit(qa.store, world, "QA-0000001")
    qa.sync()
    auditor = laptops(
        "auditor", central.add_login("aud", world.auditor, ["team_manager", "auditor"])
    )
    practitioner = laptops(
        "practitioner", central.add_login("prac", world.practitioner, ["practitioner"])
    )
    auditor.sync()
    practitioner.sync()
    return Pair(central, qa, auditor, practitioner, world, audit_id)
