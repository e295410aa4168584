"""Benchmark: importing a 50,000-row historic audit file with every learning-audit column
(32 answers and five area grades per row) into a fresh store.

    python benchmarks/bench_import.py [--rows N] [--folder DIR]

Prints the time to read and check the file, to write it (all rows go through the Recorder's
bulk insert, with history and sync capture), and the rows per second, beside two baselines
measured in the same run: parsing the same file with the csv module alone, and the floor,
the same rows' answers inserted with the driver alone into a fresh store of the same schema
(no history, no outbox, no report triggers, the import's page cache), then committed. One
more line adds to the floor an outbox row per file row carrying its answers, as the import
captures them (one change per audit, a bundle): what sync capture costs SQLite whatever the
Python above it does.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import text

from qa_desktop.domain.answers import Answer
from qa_desktop.formdefs import FORMS_DIR, load_form_text
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.imports.historic_audits import CHUNK, HistoricImport
from qa_desktop.services.programme.forms import publish_sources, shipped_sources
from qa_desktop.store import models as m
from qa_desktop.store.engine import open_store
from qa_desktop.store.page_cache import larger_page_cache
from qa_desktop.store.recorder import Recorder

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
FIELDS = ("id", "audit_id", "question_id", "value")  # an answer's snapshot in its outbox row


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


def _snap(answer: tuple[str, ...]) -> dict[str, str]:
    return dict(zip(FIELDS, answer[: len(FIELDS)], strict=True))


def floor(data: bytes, folder: Path, *, outbox: bool) -> float:
    """Seconds to insert the file's answers (as the import stores them: id, audit, question,
    value and the two empty defaults) with the driver alone into a fresh store, and commit;
    ``outbox``: with one outbox row per audit carrying its answers, as the import captures
    them. Foreign keys are off
    (there are no audits to point at) and so are the report triggers."""
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    header = next(reader)
    questions = [(i, name) for i, name in enumerate(header) if not name.startswith("grade:")][6:]
    rows = list(reader)
    at = NOW.strftime("%Y-%m-%d %H:%M:%S.%f")
    snapshot = json.JSONEncoder(ensure_ascii=False).encode
    given = [
        [(q, Answer.parse(cells[i]).value) for i, q in questions if cells[i]] for cells in rows
    ]
    # Ids made as the import makes them: one ascending run for the file, taken chunk by chunk.
    audit_ids = m.IdRun(len(given))
    answer_ids = m.IdRun(sum(len(g) for g in given))
    change_ids = m.IdRun(len(given))
    answers: list[tuple[str, str, str, str, str, str]] = []
    changes: list[tuple[str, str, None, str, str, str, None, str, None]] = []
    for start in range(0, len(given), CHUNK):
        chunk = given[start : start + CHUNK]
        ids = iter(answer_ids.take(sum(len(g) for g in chunk)))
        for audit_id, change_id, g in zip(
            audit_ids.take(len(chunk)), change_ids.take(len(chunk)), chunk, strict=True
        ):
            made = [(next(ids), audit_id, q, value, "", "") for q, value in g]
            answers += made
            bundle = {"answers": [_snap(a) for a in made]}
            changes.append(
                (change_id, at, None, "audits", audit_id, m.BUNDLE, None, snapshot(bundle), None)
            )
    store = open_store(folder / f"floor-{int(outbox)}.qadb", create=True)
    try:
        with store.session() as session:
            connection = session.connection()
            driver = connection.connection.driver_connection
            assert driver is not None and not driver.in_transaction
            driver.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction
            with larger_page_cache(connection):
                driver.execute("BEGIN")
                for (name,) in connection.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                ).all():
                    driver.execute(f'DROP TRIGGER "{name}"')
                started = time.perf_counter()
                driver.executemany(
                    "INSERT INTO answers (id, audit_id, question_id, value, na_reason, evidence) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    answers,
                )
                if outbox:
                    driver.executemany(
                        "INSERT INTO outbox (change_id, at, actor_id, table_name, row_id, op, "
                        "field, value, base_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        changes,
                    )
                driver.commit()
                return time.perf_counter() - started
    finally:
        store.close()


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
    bare = floor(data, folder, outbox=False)
    captured = floor(data, folder, outbox=True)
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
    audits = result.audits
    print(f"baseline  csv parse only:        {baseline:7.2f} s")
    print(
        f"floor     answers, driver alone: {bare:7.2f} s ({audits / bare:,.0f} rows/s); "
        f"with an outbox row per audit: {captured:.2f} s ({audits / captured:,.0f} rows/s)"
    )
    print(
        f"import    {audits} audits, {result.answers} answers, {result.created} created: "
        f"{seconds:7.1f} s ({audits / seconds:,.0f} rows/s, {seconds / baseline:,.0f}x csv parse, "
        f"{seconds / bare:.1f}x the floor, {seconds / captured:.1f}x the floor with outbox)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
