"""A larger page cache for one block of work on a connection, handed back afterwards.

The store is encrypted: every page that falls out of SQLite's page cache is read and decrypted
again when it is next needed. Work that reads or writes many pages at once (a dashboard
refresh over a county's quarter, a historic import, a first sync) keeps them in a larger
cache while it runs; afterwards the cache goes back to its size and its memory is handed
back, so a laptop's resident memory does not keep the peak of the day's biggest refresh.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

log = logging.getLogger(__name__)

# 64 MiB: a county quarter's report rows of 100,000 audits fit (a refresh took 1,204 ms with
# SQLite's default cache, 632 ms with 16 MiB, 366 ms with 32 MiB, 196 ms with 64), and the
# report tables of a 10,000-audit county rebuild in 9 s instead of 25.
LARGE_CACHE_KIB = 65536

# Every connection's own cache grows with its store, within a bound. With SQLCipher's 8,000
# KiB, the Audits list of a 100,000-audit county (a 2.2 GB store) lost a team's index pages
# to the count of every audit shown before it: the team's page took 19 ms from the store,
# where it takes 6 with 32 MiB. A store of 10,000 audits (240 MB) keeps the 8,000 KiB, and
# so its resident memory.
STEADY_CACHE_KIB = 8000  # SQLCipher's own
STEADY_CACHE_MAX_KIB = 32768
STEADY_CACHE_SHARE = 64  # a sixty-fourth of the store's size


def steady_cache_kib(store_bytes: int) -> int:
    """The page cache of a connection to a store of ``store_bytes``."""
    share = store_bytes // STEADY_CACHE_SHARE // 1024
    return max(STEADY_CACHE_KIB, min(STEADY_CACHE_MAX_KIB, share))


@contextmanager
def larger_page_cache(connection: Connection, kib: int = LARGE_CACHE_KIB) -> Iterator[None]:
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or 0)}")
        connection.exec_driver_sql("PRAGMA shrink_memory")
        release_memory()


def release_memory(*, collect: bool = False) -> None:
    """Give freed memory back to the system. The C library keeps what is freed for later use,
    so a large cache's pages or a first sync's batches would otherwise stay in the app's
    resident size for good (about 120 MB after a first sync of a 10,000-audit county, on
    Linux; elsewhere nothing is done). ``collect``: first free the objects only Python's
    cycle collector would (after a first sync; too slow for every dashboard refresh)."""
    if collect:
        gc.collect()
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        log.info("could not hand memory back to the system")
