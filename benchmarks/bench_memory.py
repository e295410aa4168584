"""Memory: the app's resident size with a 10,000-audit store open after visiting every screen
(and opening an audit in its workspace, Help > About, and exporting the audit record and a
meeting's notes as PDF), against a bare PySide6 window measured in the same run. Target: at
most 300 MB resident, with a sync done.

    python benchmarks/bench_memory.py [--audits 10000] [--work DIR]
        [--url postgresql+psycopg://postgres@127.0.0.1:5432/test]

Measured on the demo county, then with a sync done: the county is loaded into a new central
database on the server at ``--url`` (as ``qa-desktop central load`` does; dropped afterwards)
and the app, as one of its QA officers, goes through the same steps on a store a first sync
made before (in another process) and then syncs; and again with the store joined by the app
first, as the welcome joins (``join_central``), then working on without a restart.

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


def child_app(
    store_path: Path, home: Path, central: str | None, person_id: str | None, join: bool
) -> None:
    """``central``: sync with it at the end, as ``person_id``; ``join``: first make the store
    by a first sync from it, here (instead of opening ``store_path``), as joining does."""
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
    if join:
        from qa_desktop.services.credentials import Credentials
        from qa_desktop.services.setup.joining import JoinRequest, join_central
        from qa_desktop.sync.connection import CentralAddress

        store_path = home / "joined.qadb"
        for leftover in home.glob("joined.qadb*"):
            leftover.unlink()
        assert central is not None
        login = CentralAddress.parse(central).user
        # The welcome's own call (there on the background runner; here before the window).
        joined = join_central(store_path, JoinRequest(central, login), system_clock, Credentials())
        print(f"pulled {joined.pulled}")
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
    proxy = window.audits.model
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
            central = args.child[3:6] or [None, None, ""]
            child_app(
                Path(args.child[1]),
                Path(args.child[2]),
                central[0],
                central[1],
                central[2] == "join",
            )
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

    from qa_desktop.services.clock import system_clock
    from qa_desktop.store.engine import open_store
    from qa_desktop.sync.client import SyncClient

    county = open_store(store)
    with loaded_central(args.url, county) as (address, person):
        county.close()
        central = [address.display(), person]
        joining = _run_child(["app", str(store), str(home), *central, "join"], env)
        joined = work / "joined.qadb"
        for leftover in work.glob("joined.qadb*"):
            leftover.unlink()
        made = open_store(joined, create=True)
        SyncClient(made, address, None, now=system_clock).sync()
        made.close()
        synced = _run_child(["app", str(joined), str(home), *central, "open"], env)
    print(f"store: {args.audits} audits ({app['listed']} listed for a QA officer), Qt offscreen")
    print(
        f"bare PySide6 window:  {float(bare['rss_mb']):6.0f} MB resident (peak {float(bare['peak_mb']):.0f})"
    )
    rows = int(joining["pulled"])
    for label, figures in (
        ("the demo county", app),
        (f"a store joined before ({rows:,} rows), with a sync", synced),
        (f"joined here (a first sync of {rows:,} rows), with a sync", joining),
    ):
        rss = float(figures["rss_mb"])
        print(
            f"QA Desktop, {label}: every screen visited, an audit, About and both PDFs: "
            f"{rss:6.1f} MB resident (peak {float(figures['peak_mb']):.1f}); "
            f"{rss / float(bare['rss_mb']):.2f} x the bare window; target <= 300 MB: "
            f"{'met' if rss <= 300 else 'NOT met'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
