"""The cost of encryption at rest: saving one row and opening a store, encrypted (SQLCipher
with a raw key from the keyring, as QA Desktop does) beside plain SQLite, in the same run,
interleaved so that both see the same disk and load.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_store.py [--commits 2000] [--opens 50]

It uses its own in-memory key, so it never touches the keyring.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text

from qa_desktop.store import keys
from qa_desktop.store.engine import open_store, sqlite_engine
from qa_desktop.store.keys import StoreKey

PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA busy_timeout = 5000",
)


def plain_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    def pragmas(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        for pragma in PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    event.listen(engine, "connect", pragmas)
    return engine


def commit_one(engine: Engine) -> Callable[[int], None]:
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)"))

    def save(i: int) -> None:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO t (value) VALUES (:v)"), {"v": f"v{i}"})

    return save


def timed_ms(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def describe(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    return (
        f"{name:<40} median {statistics.median(values):8.3f} ms   "
        f"p90 {ordered[int(len(ordered) * 0.9) - 1]:8.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--opens", type=int, default=50)
    args = parser.parse_args()
    keys.hold(StoreKey.generate())  # a raw 256-bit key, as the keyring gives
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sealed_engine = sqlite_engine(folder / "sealed.db")
        bare_engine = plain_engine(folder / "plain.db")
        sealed, bare = commit_one(sealed_engine), commit_one(bare_engine)
        sealed_saves: list[float] = []
        plain_saves: list[float] = []
        for i in range(args.commits):
            sealed_saves.append(timed_ms(lambda i=i: sealed(i)))
            plain_saves.append(timed_ms(lambda i=i: bare(i)))
        sealed_engine.dispose()
        bare_engine.dispose()

        # Opening a whole store (the app's start): schema check and migration state read.
        open_store(folder / "store.qadb", create=True).close()
        plain_store = folder / "plain-store.qadb"
        plain = plain_engine(plain_store)
        from qa_desktop.store.engine import migrate

        migrate(plain)
        plain.dispose()
        sealed_opens: list[float] = []
        plain_opens: list[float] = []
        for _ in range(args.opens):
            sealed_opens.append(timed_ms(lambda: open_store(folder / "store.qadb").close()))

            def open_plain() -> None:
                engine = plain_engine(plain_store)
                migrate(engine)
                engine.dispose()

            plain_opens.append(timed_ms(open_plain))
    print(f"{args.commits} single-row commits (WAL, synchronous=FULL), {args.opens} opens")
    print(describe("save one row, encrypted (SQLCipher)", sealed_saves))
    print(describe("save one row, plain SQLite (baseline)", plain_saves))
    print(f"{'':<40} ratio {statistics.median(sealed_saves) / statistics.median(plain_saves):.2f}x")
    print(describe("open the store, encrypted", sealed_opens))
    print(describe("open the store, plain SQLite (baseline)", plain_opens))
    print(f"{'':<40} ratio {statistics.median(sealed_opens) / statistics.median(plain_opens):.2f}x")


if __name__ == "__main__":
    main()
