"""Run as a child process by test_workspace_crash: save one answer through the workspace
service, say "saved", then keep working until killed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from qa_desktop.services.audit.workspace import WorkspaceService
from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.services.clock import system_clock
from qa_desktop.services.setup.people import DirectoryService
from qa_desktop.store.engine import open_store


def main(store_path: str, audit_id: str, auditor_id: str, evidence: str) -> None:
    store = open_store(Path(store_path))
    service = WorkspaceService(store, system_clock)
    actor = DirectoryService(store).actor(auditor_id)
    service.save(audit_id, actor, FieldRef.answer("A1"), "partly")
    service.save(audit_id, actor, FieldRef.answer("A1", "evidence"), evidence)
    print("saved", flush=True)
    while True:  # still "editing" when the power goes
        time.sleep(0.05)


if __name__ == "__main__":
    main(*sys.argv[1:5])
