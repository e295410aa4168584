"""The demo county: seed data that stands for records that already exist, not a service.

`county.build_demo` fills an open store; `build_demo_store` makes a new store file and fills
it, leaving nothing behind if the build fails; `prepare_demo` is the first launch's "try the
demo county".
"""

from __future__ import annotations

import logging
from pathlib import Path

from qa_desktop.demo.county import DemoSummary, build_demo
from qa_desktop.services.clock import Clock
from qa_desktop.services.setup.first_run import PreparedStore
from qa_desktop.store.engine import open_store

log = logging.getLogger(__name__)

DEMO_AUDITS = 600
DEMO_SEED = 1


def build_demo_store(path: Path, clock: Clock, *, audits: int, seed: int) -> DemoSummary:
    """A new store at ``path`` holding the demo county. On any failure the half-built file
    (and its WAL) is removed, so a retry starts clean."""
    store = open_store(path, create=True)
    try:
        summary = build_demo(store, audits=audits, seed=seed, clock=clock)
    except BaseException:
        store.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    store.close()
    return summary


def prepare_demo(path: Path, clock: Clock, *, audits: int = DEMO_AUDITS) -> PreparedStore:
    """The demo county at ``path``, built first if it is not there yet."""
    if path.exists():
        return PreparedStore(path, None, built=False)
    build_demo_store(path, clock, audits=audits, seed=DEMO_SEED)
    log.info("first launch: built the demo county (%d audits)", audits)
    return PreparedStore(path, None, built=True)
