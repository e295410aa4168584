"""Benchmark: the quarterly QA report PDF, as a person waits for it (target: 3 s or less).

    python benchmarks/bench_quarterly.py [--work DIR] [--sizes 10000,100000] [--runs 3]

What a person waits for is the first export of a session: each run is a fresh Python process
that opens the demo store, builds the report of the last whole quarter for the county (both
quarters' figures, the charts, the commentary) and writes it, timed from the click (the
service call; reportlab is imported by it). The same process then exports once more (warm).
The baseline, in the same run, is a fresh process that imports reportlab and writes a
one-page document of plain paragraphs: what any PDF costs on this machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import DEFAULT_WORK, NOW, load_average, spread, store_path

TARGET_MS = 3000.0


def child_report(store_file: Path, out: Path) -> dict[str, float]:
    from qa_desktop.domain.calendar import FinancialQuarter
    from qa_desktop.domain.report_periods import ReportSlice
    from qa_desktop.services.actors import SYSTEM
    from qa_desktop.services.clock import fixed_clock
    from qa_desktop.services.reporting import ReportingService
    from qa_desktop.store.engine import open_store

    store = open_store(store_file)
    service = ReportingService(store, fixed_clock(NOW))
    quarter = FinancialQuarter.containing(NOW.date()).previous()
    times = {}
    for name in ("first", "warm"):
        started = time.perf_counter()
        service.quarterly_report(quarter, out, ReportSlice(), SYSTEM)
        times[name] = (time.perf_counter() - started) * 1000
    from pypdf import PdfReader

    times["pages"] = len(PdfReader(out).pages)
    return times


def child_bare(out: Path) -> dict[str, float]:
    started = time.perf_counter()
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["Normal"]
    words = "The quarterly report of the audits against the standard. " * 40
    SimpleDocTemplate(str(out), pagesize=A4).build([Paragraph(words, style)])
    return {"first": (time.perf_counter() - started) * 1000}


def in_child(*args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        paths = [Path(p) for p in rest]
        result = child_report(*paths) if kind == "report" else child_bare(*paths)
        print(json.dumps(result))
        return 0
    print(load_average())
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.pdf"
        bare = [in_child("bare", str(out))["first"] for _ in range(args.runs)]
        print(f"baseline: a fresh process, reportlab and one plain page  {spread(bare)}")
        for size in (int(s) for s in args.sizes.split(",")):
            store_file = store_path(args.work, size)
            runs = [in_child("report", str(store_file), str(out)) for _ in range(args.runs)]
            first, warm = [r["first"] for r in runs], [r["warm"] for r in runs]
            verdict = "ok" if max(first) <= TARGET_MS else "MISSED"
            print(f"{size} audits, county, last whole quarter ({runs[0]['pages']:.0f} pages)")
            print(f"  first export of a session  {spread(first)}  {verdict}")
            print(f"  the same again, warm       {spread(warm)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
