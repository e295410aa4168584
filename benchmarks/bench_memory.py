"""Memory: the app's resident size with a 10,000-audit store open after visiting every screen
(and opening an audit in its workspace, Help > About, and exporting the audit record and a
meeting's notes as PDF), against a bare PySide6 window measured in the same run. Target: at
most 300 MB resident, with a sync done.

    python benchmarks/bench_memory.py [--audits 10000] [--work DIR]
        [--url postgresql+psycopg://postgres@127.0.0.1:5432/test]

Measured twice: on the demo county, and with a sync done: the county is loaded into a new
central database on the server at ``--url`` (as ``qa-desktop central load`` does; dropped
afterwards), a QA officer's first sync makes a new store in the app's own process (as joining
does), the app opens on it, goes through the same steps and then syncs again.

Each is measured in its own new process with Qt offscreen; figures are the resident set
(VmRSS) at the end and its peak (VmHWM), from /proc (Linux).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's qa_desktop, not an installed one
sys.path.insert(0, str(ROOT / "benchmarks"))


def _memory() -> dict[str, float]:
    figures = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            figures[key] = int(value.split()[0]) / 1024
    return figures


def _settle(app, runner) -> None:  # type: ignore[no-untyped-def]
    """Let the background runner finish and the window redraw (polling is fine here)."""
    deadline = time.monotonic() + 300
    while runner.pending and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()


def child_app(store_path: Path, home: Path, central: str | None, person_id: str | None) -> None:
    """``central``: first sync a new store from there as ``person_id`` (instead of opening
    ``store_path``), and sync again at the end."""
    import gc

    from PySide6.QtCore import QCoreApplication
    from sqlalchemy import text

    from qa_desktop.app import Application, _qapplication
    from qa_desktop.domain.roles import Role
    from qa_desktop.services.clock import system_clock
    from qa_desktop.services.container import build_services
    from qa_desktop.store.engine import open_store
    from qa_desktop.ui.settings import AppSettings
    from qa_desktop.ui.widgets.audit_table import ROW_ROLE

    qt_app = _qapplication()
    if central is not None:
        from qa_desktop.sync.client import SyncClient
        from qa_desktop.sync.connection import CentralAddress

        store_path = home / "joined.qadb"
        for leftover in home.glob("joined.qadb*"):
            leftover.unlink()
        joined = open_store(store_path, create=True)
        pulled = SyncClient(joined, CentralAddress.parse(central), None, now=system_clock).sync()
        joined.close()
        print(f"pulled {pulled.applied}")
    store = open_store(store_path)
    services = build_services(store, system_clock)
    application = Application(services, AppSettings(home / "settings.ini"))
    person = next(
        p
        for p in services.directory.people()
        if p.id == person_id or (person_id is None and p.role is Role.QA_OFFICER)
    )
    actor = services.directory.actor(person.id)
    window = application.show_window(actor)
    runner = application.runner
    _settle(qt_app, runner)
    for index in range(window.stack.count()):
        window.go_to(index)
        _settle(qt_app, runner)
    proxy = window.audits.proxy
    audits = proxy.rowCount()
    first = proxy.data(proxy.index(0, 0), ROW_ROLE)
    window.open_audit(first.id)
    _settle(qt_app, runner)
    window.show_about()
    _settle(qt_app, runner)
    with store.reader() as session:
        met = session.scalar(text("SELECT audit_id FROM meetings ORDER BY audit_id LIMIT 1"))
    services.documents.export_audit(first.id, home / "audit.pdf", actor)
    services.documents.export_meeting(met, home / "meeting.pdf", actor)
    if central is not None:
        services.sync.sync_now(central)
    _settle(qt_app, runner)
    gc.collect()
    QCoreApplication.processEvents()
    figures = _memory()
    print(f"listed {audits}")
    print(f"rss_mb {figures['VmRSS']:.1f}")
    print(f"peak_mb {figures['VmHWM']:.1f}")
    application.shutdown()


def child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("bare"))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    figures = _memory()
    print(f"rss_mb {figures['VmRSS']:.1f}")
    print(f"peak_mb {figures['VmHWM']:.1f}")


def _run_child(args: list[str], env: dict[str, str]) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"the measurement failed:\n{result.stderr}")
    return dict(line.rsplit(" ", 1) for line in result.stdout.splitlines() if " " in line)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--audits", type=int, default=10_000)
    parser.add_argument("--work", type=Path, help="folder for the store (kept between runs)")
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0] == "bare":
            child_bare()
        else:
            central = args.child[3:5] or [None, None]
            child_app(Path(args.child[1]), Path(args.child[2]), central[0], central[1])
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="qa-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    store = work / f"demo-{args.audits}.qadb"
    home = work / "home"
    home.mkdir(exist_ok=True)
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), QA_DESKTOP_HOME=str(home)
    )
    if not store.exists():
        print(f"building a {args.audits}-audit demo store in {store} ...", flush=True)
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "qa_desktop",
                "demo",
                "--store",
                str(store),
                "--audits",
                str(args.audits),
            ],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    bare = _run_child(["bare"], env)
    app = _run_child(["app", str(store), str(home)], env)
    from common import loaded_central

    from qa_desktop.store.engine import open_store

    county = open_store(store)
    with loaded_central(args.url, county) as (address, person):
        county.close()
        synced = _run_child(["app", str(store), str(home), address.display(), person], env)
    print(f"store: {args.audits} audits ({app['listed']} listed for a QA officer), Qt offscreen")
    print(
        f"bare PySide6 window:  {float(bare['rss_mb']):6.0f} MB resident (peak {float(bare['peak_mb']):.0f})"
    )
    for label, figures in (
        ("the demo county", app),
        (f"after a first sync of {int(synced['pulled']):,} rows and a sync", synced),
    ):
        rss = float(figures["rss_mb"])
        print(
            f"QA Desktop, {label}: every screen visited, an audit, About and both PDFs: "
            f"{rss:6.0f} MB resident (peak {float(figures['peak_mb']):.0f}); "
            f"{rss / float(bare['rss_mb']):.2f} x the bare window; target <= 300 MB: "
            f"{'met' if rss <= 300 else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
