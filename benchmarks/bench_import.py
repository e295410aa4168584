"""Benchmark: importing a 50,000-row historic audit file with every learning-audit column
(32 answers and five area grades per row) into a fresh store.

    python benchmarks/bench_import.py [--rows N] [--folder DIR]

Prints the time to read and check the file, to write it (all rows go through the Recorder's
bulk insert, with history and sync capture), and the rows per second, beside a baseline
measured in the same run: parsing the same file with the csv module alone.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from qa_desktop.formdefs import FORMS_DIR, load_form_text
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.imports.historic_audits import HistoricImport
from qa_desktop.services.programme.forms import publish_sources, shipped_sources
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from qa_desktop.store.recorder import Recorder

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def make_file(rows: int) -> bytes:
    path = FORMS_DIR / "learning-audit.yaml"
    form = load_form_text(path.read_text(encoding="utf-8"), path.name)
    questions = [q.id for q in form.questions()]
    sections = [s.id for s in form.graded_sections()]
    header = ["audit_ref", "case_ref", "team", "completed_on", "overall_grade", "auditor"]
    header += [f"grade:{s}" for s in sections] + questions
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    grades = ("Outstanding", "G", "ri", "Inadequate")
    answers = ("yes", "yes", "partly", "no", "na", "")
    for i in range(rows):
        day = date(2018 + i % 7, 1 + i % 12, 1 + i % 28).isoformat()
        writer.writerow(
            [
                f"HIST-{i:07d}",
                f"CR-H{i % 2000:05d}",
                f"Historic Team {i % 21}",
                day,
                grades[i % 4],
                f"Historic Auditor {i % 40}",
            ]
            + [grades[(i + k) % 4] for k in range(len(sections))]
            + [answers[(i * 7 + k) % len(answers)] for k in range(len(questions))]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="qa-import-bench-"))
    data = make_file(args.rows)
    started = time.perf_counter()
    rows = sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    baseline = time.perf_counter() - started
    store = open_store(folder / "import.qadb", create=True)
    clock = fixed_clock(NOW)
    with store.session() as session:
        publish_sources(session, shipped_sources(), clock, SYSTEM)
        session.flush()
        recorder = Recorder(session, None, clock())
        recorder.insert_many(m.Area, [{"id": "area", "name": "Historic"}])
        recorder.insert_many(m.Service, [{"id": "service", "name": "Historic"}])
    started = time.perf_counter()
    result = HistoricImport(store, clock).import_bytes(data, SYSTEM, create_missing=True)
    seconds = time.perf_counter() - started
    store.close()
    print(f"file: {rows - 1} rows, {len(data) / 1e6:.1f} MB")
    print(f"baseline  csv parse only:        {baseline:7.2f} s")
    print(
        f"import    {result.audits} audits, {result.answers} answers, {result.created} created: "
        f"{seconds:7.1f} s ({result.audits / seconds:,.0f} rows/s, {seconds / baseline:,.0f}x baseline)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
