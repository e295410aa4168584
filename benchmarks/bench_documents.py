"""How long the PDF documents take to build. Target: an audit record in 250 ms or less.

    python benchmarks/bench_documents.py [--audits 40] [--runs 15]

Builds a small demo county in a temporary folder (fixed clock and seed), then times:
- the FIRST export of a session (gathering the data and building the PDF), each in a fresh
  process with the store and services open as after a start: without the app's idle preload
  (reportlab, fonts and a first layout paid by the export) and after it (``--fresh`` runs),
- gathering an audit record's plain data from the store (the service's query),
- building the audit record PDF for a typical closed audit (median and slowest of the runs),
- building it for the same audit with every free-text field filled with long text,
- building the reflective meeting notes,
and, as the baseline measured in the same run on the same machine, reportlab laying out the
same words as plain paragraphs with a built-in font and no house style. The ratio says what the
house style (tables, chips, embedded fonts, page furniture) costs over bare reportlab.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate
from sqlalchemy import select

from qa_desktop.demo.county import build_demo
from qa_desktop.reports.audit_record import AuditRecordData, build_audit_record
from qa_desktop.reports.meeting_notes import build_meeting_notes
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.audit.documents import DocumentService
from qa_desktop.services.clock import fixed_clock
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store

TARGET_MS = 250.0
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def timings(work: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each run (CPU time is what the machine's other
    work cannot inflate)."""
    work()  # warm: fonts registered, modules imported
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def words_of(record: AuditRecordData) -> list[str]:
    """Every piece of text the record shows, for the plain-reportlab baseline."""
    texts = [record.reference, record.case_reference, record.team, record.auditor]
    for area in record.areas:
        texts.append(area.title)
        for q in area.questions:
            texts += [q.number, q.text, q.answer, q.na_reason, q.evidence]
        texts += [area.working_well, area.worried, area.even_better_if, area.reflection]
        texts.append(area.rationale)
    texts += [record.voice_of_child, record.impact, record.overall_rationale]
    texts += [a.description for a in record.actions]
    return [t for t in texts if t]


def baseline(record: AuditRecordData) -> bytes:
    out = io.BytesIO()
    style = getSampleStyleSheet()["BodyText"]
    doc = SimpleDocTemplate(out, pagesize=A4)
    doc.build(
        [Paragraph(t.replace("&", "&amp;").replace("<", "&lt;"), style) for t in words_of(record)]
    )
    return out.getvalue()


def long_version(record: AuditRecordData) -> AuditRecordData:
    text = " ".join(
        ["The practitioner has worked hard to build a relationship with the family."] * 12
    )
    areas = tuple(
        replace(
            a,
            working_well=text,
            worried=text,
            even_better_if=text,
            reflection=text,
            rationale=text,
            questions=tuple(replace(q, evidence=text[:400]) for q in a.questions),
        )
        for a in record.areas
    )
    return replace(record, areas=areas, voice_of_child=text, impact=text, overall_rationale=text)


def first_export(store_path: Path, audit_id: str, preload: bool) -> None:
    """In a fresh process (``--first-export``): the store and services open as after a
    start, the app's idle preload run or not, then one export timed; prints JSON."""
    from qa_desktop.services.container import build_services

    services = build_services(open_store(store_path), fixed_clock(NOW))
    if preload:
        from qa_desktop.app import preload_documents

        preload_documents()
    started, started_cpu = time.perf_counter(), time.process_time()
    data = services.documents.audit_record_data(audit_id, SYSTEM)
    gathered = time.perf_counter()
    build_audit_record(data)
    done, done_cpu = time.perf_counter(), time.process_time()
    print(
        json.dumps(
            {
                "gather": (gathered - started) * 1000,
                "build": (done - gathered) * 1000,
                "wall": (done - started) * 1000,
                "cpu": (done_cpu - started_cpu) * 1000,
            }
        )
    )
    services.close()


def fresh_runs(store_path: Path, audit_id: str, preload: bool, runs: int) -> list[dict[str, float]]:
    command = [sys.executable, __file__, "--first-export", str(store_path), audit_id]
    if preload:
        command.append("--preload")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled as installed, not from source each time
    results = []
    for _ in range(runs):
        out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def fresh_line(label: str, results: list[dict[str, float]]) -> str:
    def mmm(key: str) -> str:
        values = [r[key] for r in results]
        return f"{min(values):6.1f} / {statistics.median(values):6.1f} / {max(values):6.1f}"

    return (
        f"{label:<44} wall {mmm('wall')} ms (min / median / max; of which the PDF build "
        f"{statistics.median(r['build'] for r in results):.1f}), cpu median "
        f"{statistics.median(r['cpu'] for r in results):.1f} ms"
    )


def line(label: str, values: tuple[list[float], list[float]]) -> str:
    wall, cpu = values
    return (
        f"{label:<44} wall median {statistics.median(wall):6.1f} ms "
        f"(min {min(wall):6.1f}, max {max(wall):6.1f})   cpu median {statistics.median(cpu):6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--audits", type=int, default=40)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--fresh", type=int, default=5, help="fresh processes for a first export")
    parser.add_argument(
        "--first-export", nargs=2, metavar=("STORE", "AUDIT"), help=argparse.SUPPRESS
    )
    parser.add_argument("--preload", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_export:
        first_export(Path(args.first_export[0]), args.first_export[1], args.preload)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.qadb", create=True)
        build_demo(store, audits=args.audits, seed=3, clock=fixed_clock(NOW))
        documents = DocumentService(store)
        with store.reader() as session:
            closed = session.scalar(
                select(m.Audit.id).where(m.Audit.state == "closed").order_by(m.Audit.reference)
            )
            with_meeting = session.scalar(
                select(m.Meeting.audit_id).where(m.Meeting.held_on.is_not(None))
            )
        assert closed is not None
        record = documents.audit_record_data(closed, SYSTEM)
        long_record = long_version(record)
        store_path = Path(folder) / "bench.qadb"
        cold = fresh_runs(store_path, closed, preload=False, runs=args.fresh)
        preloaded = fresh_runs(store_path, closed, preload=True, runs=args.fresh)

        gather = timings(lambda: documents.audit_record_data(closed, SYSTEM), args.runs)
        typical = timings(lambda: build_audit_record(record), args.runs)
        bare = timings(lambda: baseline(record), args.runs)
        long = timings(lambda: build_audit_record(long_record), max(3, args.runs // 3))
        pages = build_audit_record(record).count(b"/Type /Page\n")
        long_pages = build_audit_record(long_record).count(b"/Type /Page\n")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"Documents benchmark ({args.runs} runs, demo county of {args.audits} audits; "
            f"{os.cpu_count()} CPUs, load average {load:.1f})"
        )
        print(fresh_line("first export of a process, no preload", cold))
        print(fresh_line("first export after the app's idle preload", preloaded))
        print(line("gather the audit record's data (store)", gather))
        print(line(f"audit record PDF, typical ({pages} pages)", typical))
        print(line(f"audit record PDF, long text ({long_pages} pages)", long))
        if with_meeting is not None:
            notes = documents.meeting_notes_data(with_meeting, SYSTEM)
            meeting = timings(lambda: build_meeting_notes(notes), args.runs)
            print(line("reflective meeting notes PDF", meeting))
        print(line("baseline: same words, bare reportlab", bare))
        wall, cpu = statistics.median(typical[0]), statistics.median(typical[1])
        print(
            f"ratio audit record / baseline: {wall / statistics.median(bare[0]):.1f}x wall, "
            f"{cpu / statistics.median(bare[1]):.1f}x cpu"
        )
        export = statistics.median(gather[0]) + wall
        for what, value in (("wall", wall), ("cpu", cpu)):
            verdict = "meets" if value <= TARGET_MS else "MISSES"
            print(
                f"audit record build, {what}: {value:.0f} ms {verdict} the {TARGET_MS:.0f} ms target"
            )
        print(f"a warmed export (store query and build) takes {export:.0f} ms wall")
        first = statistics.median(r["wall"] for r in preloaded)
        verdict = "meets" if first <= TARGET_MS else "MISSES"
        print(
            f"first export of a session, after the preload: {first:.0f} ms wall (median of "
            f"{args.fresh} fresh processes) {verdict} the {TARGET_MS:.0f} ms target; "
            f"without it {statistics.median(r['wall'] for r in cold):.0f} ms"
        )
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
