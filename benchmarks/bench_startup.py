"""Start-up time: from launching the program to a usable My work (its rows in the table and
the navigation enabled), on a demo store (600 audits; ``--audits 10000``), against a bare
PySide6 window measured in the same run (target: at most 1.5 x).

    python benchmarks/bench_startup.py [--runs 7] [--audits 600] [--work DIR]

Both are started as new processes (``python -m qa_desktop --store S --smoke-test`` and a
script that shows an empty QMainWindow) with Qt offscreen; each moment is taken when the
process prints it: the window's frame shown, My work usable (``usable``), and every service
loaded with the background runner idle (``screens loaded``). Minimum, median and maximum
are printed; the ratio is of the medians of the usable moment. One more row times My work read
as the quick start reads it, in a process of its own with no Qt, from launch to exit: the
soonest a second process could hand My work to the window.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's qa_desktop, not an installed one
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1280, 800)
window.show()
def shown():
    print("qa-desktop: main window shown", flush=True)
    app.exit(0)
QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""
# My work read as the quick start reads it (the key, SQLCipher, the rules), in a process of its
# own with no Qt: the soonest a second process, beside the window's, could hand My work over.
QUICK_ALONE = """
import sys
from datetime import date
from pathlib import Path
from qa_desktop.store.quick_start import quick_start
quick = quick_start(Path(sys.argv[1]), date.today(), None, first_if_unknown=True)
sys.exit(0 if quick is not None else 1)
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float | None, float, float]:
    """Seconds from launch to 'main window shown', to 'usable' (or, from a program that does
    not print it, 'screens loaded'), to 'screens loaded' if printed, and the CPU seconds the
    whole run took (less sensitive than wall time to a busy machine)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    assert process.stdout is not None
    shown = usable = loaded = None
    for line in process.stdout:
        now = time.perf_counter() - start
        if "main window shown" in line:
            shown = now
        elif "usable" in line:
            usable = now
        elif "screens loaded" in line:
            loaded = now
    if process.wait() != 0 or shown is None:
        raise SystemExit(f"{command} failed (exit {process.returncode})")
    return shown, usable or loaded, loaded, _children_cpu() - cpu


def wall(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launch to exit."""
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--audits", type=int, default=600)
    parser.add_argument("--work", type=Path, help="folder for the store (kept between runs)")
    parser.add_argument(
        "--app", type=Path, help="time this program instead (a bundle: dist/qa-desktop/qa-desktop)"
    )
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="qa-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    store = work / f"demo-{args.audits}.qadb"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        QA_DESKTOP_HOME=str(work / "home"),
    )
    # As installed (pip compiles the bytecode): the untimed first run writes it, so no run
    # compiles the modules from source (a shell with PYTHONDONTWRITEBYTECODE would, each time).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not store.exists():
        print(f"building a {args.audits}-audit demo store in {store} ...", flush=True)
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
    program = [str(args.app.resolve())] if args.app else [sys.executable, "-m", "qa_desktop"]
    app = [*program, "--store", str(store), "--smoke-test"]
    bare = [sys.executable, "-c", BARE]
    quick_alone = [sys.executable, "-c", QUICK_ALONE, str(store)]
    timed(app, env)  # warm the disk cache and migrate once, untimed
    timed(bare, env)
    figures: dict[str, list[float]] = {
        "bare window shown": [],
        "QA Desktop frame shown": [],
        "QA Desktop My work usable": [],
        "QA Desktop all loaded": [],
        "My work read alone, no Qt": [],
    }
    app_cpu: list[float] = []
    bare_cpu: list[float] = []
    for _ in range(args.runs):  # interleaved, so load on the machine hits both alike
        shown, usable, loaded, cpu = timed(app, env)
        figures["QA Desktop frame shown"].append(shown)
        if usable is not None:
            figures["QA Desktop My work usable"].append(usable)
        if loaded is not None:
            figures["QA Desktop all loaded"].append(loaded)
        app_cpu.append(cpu)
        shown, _usable, _loaded, cpu = timed(bare, env)
        figures["bare window shown"].append(shown)
        bare_cpu.append(cpu)
        figures["My work read alone, no Qt"].append(wall(quick_alone, env))
    print(f"runs: {args.runs}, store: {args.audits} audits, Qt offscreen, app: {' '.join(program)}")
    print(f"load average before: {_load()}")
    print(f"{'':28} {'min':>7} {'median':>7} {'max':>7}  (ms)")
    for name, values in figures.items():
        if values:
            low, mid, high = (
                1000 * v for v in (min(values), statistics.median(values), max(values))
            )
            print(f"{name:28} {low:7.0f} {mid:7.0f} {high:7.0f}")
    bare_cpu_ms = statistics.median(bare_cpu) * 1000
    app_cpu_ms = statistics.median(app_cpu) * 1000
    print(
        f"CPU per whole run (start to exit): bare {bare_cpu_ms:.0f} ms, QA Desktop "
        f"{app_cpu_ms:.0f} ms ({app_cpu_ms / bare_cpu_ms:.2f} x)"
    )
    bare_ms = statistics.median(figures["bare window shown"])
    ratio = statistics.median(figures["QA Desktop My work usable"]) / bare_ms
    print(
        f"usable My work: {ratio:.2f} x the bare window (target <= 1.5 x): "
        f"{'met' if ratio <= 1.5 else 'NOT met'}"
    )
    alone = statistics.median(figures["My work read alone, no Qt"]) / bare_ms
    print(
        f"My work read alone in a process of its own: {alone:.2f} x the bare window, before "
        "any screen shows it"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
