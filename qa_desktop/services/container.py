"""The services one open store offers, built once at start (in ``app.py`` or the CLI)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qa_desktop.services.audits import AuditService
from qa_desktop.services.clock import Clock
from qa_desktop.services.credentials import Credentials
from qa_desktop.services.people import DirectoryService
from qa_desktop.services.sync import SyncService
from qa_desktop.store.engine import Store


@dataclass
class Services:
    store: Store
    clock: Clock
    directory: DirectoryService
    audits: AuditService
    sync: SyncService  # issue 5

    @property
    def store_path(self) -> Path | None:
        return self.store.path

    def close(self) -> None:
        self.store.close()


def build_services(store: Store, clock: Clock) -> Services:
    return Services(
        store=store,
        clock=clock,
        directory=DirectoryService(store),
        audits=AuditService(store),
        sync=SyncService(store, clock, Credentials()),
    )
