"""Historic import: a clean file; files with a missing column, an unknown question id, a bad
date, a bad grade; a BOM; Windows line endings; 50,000 rows. All or nothing."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select, text

from qa_desktop.domain.calendar import Period
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.imports.historic_audits import HistoricImport, ImportRefused
from qa_desktop.services.reporting import COUNTY, ReportingService
from qa_desktop.store import models as m
from qa_desktop.store.recorder import bundle_rows
from tests.services.reporting.reporting_world import World

HEADER = "audit_ref,case_ref,team,completed_on,overall_grade,auditor,practitioner,grade:A,A1,A2"
CLEAN = (
    HEADER
    + "\nH-001,CR-west,West Early Help,2019-05-01,Good,Ann Auditor,Pat Worker,g,yes,no"
    + "\nH-002,CR-east,east early help,2019-06-30,ri,,,Requires Improvement,partly,"
    + "\nH-003,CR-east,East Early Help,2019-07-01,I,,,O,N/A,yes\n"
)


@pytest.fixture
def world(store, clock) -> World:
    return World(store, clock)


@pytest.fixture
def importer(store, clock) -> HistoricImport:
    return HistoricImport(store, clock)


def count(store, model) -> int:  # type: ignore[no-untyped-def]
    with store.reader() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def refused(importer: HistoricImport, text: str | bytes, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    data = text if isinstance(text, bytes) else text.encode()
    with pytest.raises(ImportRefused) as caught:
        importer.import_bytes(data, SYSTEM, **kwargs)
    return [p.line() for p in caught.value.problems]


def test_a_clean_file_imports_closed_audits(world: World, importer, store, clock) -> None:
    result = importer.import_bytes(CLEAN.encode(), SYSTEM)
    assert (result.audits, result.answers, result.created) == (3, 5, 0)
    with store.reader() as session:
        audits = {
            a.reference: a
            for a in session.scalars(select(m.Audit).where(m.Audit.reference.like("H-%")))
        }
        assert audits["H-001"].state == "closed"
        assert audits["H-001"].completed_on == date(2019, 5, 1)
        assert audits["H-001"].closed_on == date(2019, 5, 1)
        assert audits["H-002"].overall_grade == "requires_improvement"
        assert audits["H-003"].overall_grade == "inadequate"
        assert audits["H-003"].practitioner_id is None
        grades = dict(
            session.execute(
                select(m.Audit.reference, m.SectionReview.grade).join(
                    m.SectionReview, m.SectionReview.audit_id == m.Audit.id
                )
            ).all()
        )
        assert grades == {"H-001": "good", "H-002": "requires_improvement", "H-003": "outstanding"}
        # Every row went through the Recorder: history and the sync outbox, one history row
        # and one outbox change (a bundle of its rows) per audit.
        history = session.scalar(
            select(func.count()).select_from(m.History).where(m.History.table_name == "audits")
        )
        bundles = session.execute(
            select(m.OutboxChange.table_name, m.OutboxChange.value)
            .where(m.OutboxChange.op == m.BUNDLE)
            .order_by(m.OutboxChange.seq)
        ).all()
        assert history == 3 and {t for t, _ in bundles} == {"audits"}
        assert [
            [t for t, _row in bundle_rows(json.loads(v))] for _, v in bundles
        ] == [  # the audit first, then its answers and grades, file order
            ["audits", *["answers"] * n, "section_reviews"] for n in (2, 1, 2)
        ]
        assert (
            session.scalar(
                select(func.count())
                .select_from(m.OutboxChange)
                .where(m.OutboxChange.table_name.in_(["answers", "section_reviews"]))
            )
            == 0
        )
    rows = ReportingService(store, clock).compliance(
        Period(date(2019, 4, 1), date(2019, 9, 30)), COUNTY, SYSTEM
    )
    a1 = next(r for r in rows if r.question_id == "A1")
    assert (a1.counts.yes, a1.counts.partly, a1.counts.na) == (1, 1, 1)
    a2 = next(r for r in rows if r.question_id == "A2")
    assert a2.unanswered == 1


def test_a_missing_column_imports_nothing(world: World, importer, store) -> None:
    text = CLEAN.replace("completed_on,", "").replace("2019-05-01,", "")
    problems = refused(importer, text)
    assert problems == ["row 1, column completed_on: this required column is missing"]
    assert count(store, m.Audit) == 0


def test_an_unknown_question_id_is_named(world: World, importer, store) -> None:
    text = CLEAN.replace(",A2", ",Z9", 1)
    problems = refused(importer, text)
    assert len(problems) == 1 and problems[0].startswith("row 1, column Z9: unknown column")
    assert count(store, m.Audit) == 0


def test_every_bad_date_and_grade_is_listed_with_row_and_column(
    world: World, importer, store
) -> None:
    text = (
        HEADER
        + "\nH-001,CR-west,West Early Help,01/05/2019,Good,,,,yes,no"
        + "\nH-002,CR-west,West Early Help,2019-02-30,Excellent,,,Great,maybe,"
        + "\nH-003,CR-west,West Early Help,2019-05-01,Good,,,,yes,no"  # fine, still not kept
        + "\nH-004,CR-west,West Early Help,2030-01-01,Good,,,,,\n"
    )
    problems = refused(importer, text)
    assert problems == [
        "row 2, column completed_on: '01/05/2019' is not a date written YYYY-MM-DD",
        "row 3, column completed_on: '2019-02-30' is not a date written YYYY-MM-DD",
        "row 3, column overall_grade: 'Excellent' is not a grade (use Outstanding, Good, "
        "Requires Improvement, Inadequate, or O, G, RI, I)",
        "row 3, column grade:A: 'Great' is not a grade (use Outstanding, Good, "
        "Requires Improvement, Inadequate, or O, G, RI, I)",
        "row 3, column A1: 'maybe' is not an answer (use yes, partly, no or na)",
        "row 5, column completed_on: 2030-01-01 is in the future",
    ]
    assert count(store, m.Audit) == 0 and count(store, m.Answer) == 0


def test_a_byte_order_mark_and_windows_line_endings(world: World, importer, store) -> None:
    data = b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode()
    assert importer.import_bytes(data, SYSTEM).audits == 3
    with store.reader() as session:
        refs = set(session.scalars(select(m.Audit.reference)))
        values = set(session.scalars(select(m.Answer.value)))
    assert refs == {"H-001", "H-002", "H-003"}
    assert values == {"yes", "no", "partly", "na"}  # no stray "\r" in the last column


def test_windows_1252_text_from_excel(world: World, importer, store) -> None:
    text = CLEAN.replace("Pat Worker", "Zoë Worker")
    assert importer.import_bytes(text.encode("cp1252"), SYSTEM, create_missing=True).created == 1
    with store.reader() as session:
        assert session.scalar(select(m.Person.id).where(m.Person.name == "Zoë Worker"))


def test_unknown_teams_cases_and_people(world: World, importer, store) -> None:
    text = HEADER + "\nH-009,CR-new,Nowhere Team,2019-05-01,G,New Auditor,New Worker,,,\n"
    problems = refused(importer, text)
    assert [p.split(":")[0] for p in problems] == [
        "row 2, column team",
        "row 2, column case_ref",
        "row 2, column auditor",
        "row 2, column practitioner",
    ]
    result = importer.import_bytes(text.encode(), SYSTEM, create_missing=True)
    assert (result.audits, result.created) == (1, 4)
    with store.reader() as session:
        case = session.scalar(select(m.Case).where(m.Case.reference == "CR-new"))
        team = session.get(m.Team, case.team_id)
        assert team.name == "Nowhere Team"
    # Importing the same file again is refused: the references are already there.
    again = refused(importer, text, create_missing=True)
    assert again == [
        "row 2, column audit_ref: an audit with this reference is already in the store"
    ]


def test_duplicate_references_and_missing_cells(world: World, importer) -> None:
    text = (
        HEADER
        + "\nH-001,CR-west,West Early Help,2019-05-01,Good,,,,,"
        + "\nh-001,,West Early Help,2019-05-01,,,,,,\n"
    )
    assert refused(importer, text) == [
        "row 3, column case_ref: this cell is empty",
        "row 3, column audit_ref: the same reference is on row 2",
        "row 3, column overall_grade: this cell is empty",
    ]


def test_empty_and_non_csv_files(world: World, importer) -> None:
    assert refused(importer, b"") == ["row 1: the file is empty"]
    assert refused(importer, "audit_ref\n")[0].startswith("row 1, column case_ref")


@pytest.mark.slow  # about 35 s
def test_fifty_thousand_rows(world: World, importer, store) -> None:
    lines = [HEADER]
    grades = ("O", "G", "RI", "I")
    for i in range(50_000):
        day = date(2018 + i % 6, 1 + i % 12, 1 + i % 28).isoformat()
        lines.append(
            f"H-{i:06d},CR-west,West Early Help,{day},{grades[i % 4]},,,{grades[(i + 1) % 4]},"
            f"{('yes', 'no', 'partly', 'na')[i % 4]},yes"
        )
    result = importer.import_bytes("\r\n".join(lines).encode(), SYSTEM)
    assert result.audits == 50_000 and result.answers == 100_000
    assert count(store, m.Audit) == 50_000
    print(f"50,000 rows imported in {result.seconds:.1f} s")


def _many(rows: int, bad_row: int | None = None) -> bytes:
    lines = [HEADER]
    for i in range(rows):
        day = "2019-13-01" if i == bad_row else f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}"
        lines.append(f"B-{i:05d},CR-west,West Early Help,{day},Good,,,g,yes,no")
    return ("\n".join(lines) + "\n").encode()


def _triggers(store) -> int:  # type: ignore[no-untyped-def]
    with store.reader() as session:
        query = text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
        return int(session.execute(query).scalar_one())


def test_a_large_file_writes_in_bulk_with_one_history_row_per_audit(
    world: World, importer, store, clock
) -> None:
    triggers = _triggers(store)
    result = importer.import_bytes(_many(600), SYSTEM)
    assert (result.audits, result.answers) == (600, 1200)
    with store.reader() as session:
        history = session.execute(
            select(m.History.table_name, m.History.new_value).where(
                m.History.table_name.in_(("audits", "answers", "section_reviews"))
            )
        ).all()
    assert {table for table, _ in history} == {"audits"} and len(history) == 600
    snapshot = json.loads(history[0][1])
    assert snapshot["answers"] == {"A1": "yes", "A2": "no"} and snapshot["grades"] == {"A": "good"}
    # The report triggers came back and the counts were rebuilt once: the figures see them all.
    assert _triggers(store) == triggers
    rows = ReportingService(store, clock).compliance(
        Period(date(2019, 1, 1), date(2019, 12, 31)), COUNTY, SYSTEM
    )
    assert next(r for r in rows if r.question_id == "A1").counts.yes == 600


def test_a_large_file_with_one_bad_row_writes_nothing(world: World, importer, store) -> None:
    triggers, audits = _triggers(store), count(store, m.Audit)
    lines = refused(importer, _many(600, bad_row=599))
    assert len(lines) == 1 and "601" in lines[0]
    assert count(store, m.Audit) == audits and _triggers(store) == triggers


def _stored(session, table: str, where: str, **params: object) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Rows as the store holds them: each column's value and its SQLite type."""
    columns = [c for (_, c, *_rest) in session.execute(text(f"PRAGMA table_info({table})"))]
    picked = ", ".join(f"{c}, typeof({c})" for c in columns)
    return [
        {c: (row[2 * i], row[2 * i + 1]) for i, c in enumerate(columns)}
        for row in session.execute(text(f"SELECT {picked} FROM {table} WHERE {where}"), params)
    ]


def test_imported_rows_are_stored_as_the_orm_would_store_them(
    world: World, importer, store
) -> None:
    """The import writes through the driver: every column, the defaults included, holds what
    the same rows written through the ORM hold, and their outbox changes are as before."""
    importer.import_bytes(CLEAN.encode(), SYSTEM)
    given = {  # what the import gives each table; the rest comes from the models' defaults
        "audits": (
            "reference", "case_id", "form_version_id", "audit_type", "state", "auditor_id",
            "practitioner_id", "started_on", "submitted_on", "completed_on", "closed_on",
            "overall_grade", "created_at",
        ),
        "answers": ("audit_id", "question_id", "value"),
        "section_reviews": ("audit_id", "section_id", "grade"),
    }  # fmt: skip
    models = {"audits": m.Audit, "answers": m.Answer, "section_reviews": m.SectionReview}
    with store.session() as session:
        imported = {
            table: _stored(
                session,
                table,
                "audit_id IN (SELECT id FROM audits WHERE reference LIKE 'H-%')"
                if table != "audits"
                else "reference LIKE 'H-%'",
            )
            for table in given
        }
        assert [len(imported[t]) for t in given] == [3, 5, 3]
        # The same rows through the ORM, then read back raw (rolled back afterwards).
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        orm_audits = {
            row["id"][0]: m.Audit(
                id=f"orm-{i}",
                **{f: _typed(m.Audit, f, row[f][0]) for f in given["audits"]},
            )
            for i, row in enumerate(imported["audits"])
        }
        for audit in orm_audits.values():
            audit.reference = "O" + audit.reference[1:]
        session.add_all(orm_audits.values())
        for table in ("answers", "section_reviews"):
            session.add_all(
                models[table](
                    id=f"orm-{i}",
                    **{f: row[f][0] for f in given[table] if f != "audit_id"},
                    audit_id=orm_audits[str(row["audit_id"][0])].id,
                )
                for i, row in enumerate(imported[table])
            )
        session.flush()
        ours = {a.id: key for key, a in orm_audits.items()}  # the ORM's audit -> imported one
        for table in given:
            by_orm = _stored(session, table, "id LIKE 'orm-%'")
            for row in by_orm:
                if table == "audits":
                    row["reference"] = ("H" + str(row["reference"][0])[1:], "text")
                else:
                    row["audit_id"] = (ours[str(row["audit_id"][0])], "text")
            assert _without_ids(imported[table]) == _without_ids(by_orm), table
        # Defaults are in the rows themselves, not left NULL.
        assert {r["na_reason"] for r in imported["answers"]} == {("", "text")}
        assert {r["unmanaged_risk"] for r in imported["section_reviews"]} == {(0, "integer")}
        assert {r["escalation"] for r in imported["audits"]} == {(0, "integer")}
        # Each answer is in its audit's outbox change with the fields the import gave, as its
        # own change carried them before.
        answer = imported["answers"][0]
        value = session.scalar(
            select(m.OutboxChange.value).where(
                m.OutboxChange.row_id == answer["audit_id"][0], m.OutboxChange.op == m.BUNDLE
            )
        )
        assert value is not None and {
            "id": answer["id"][0],
            "audit_id": answer["audit_id"][0],
            "question_id": answer["question_id"][0],
            "value": answer["value"][0],
        } in [row for table, row in bundle_rows(json.loads(value)) if table == "answers"]
        session.rollback()


def _without_ids(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return sorted(({k: v for k, v in r.items() if k != "id"} for r in rows), key=repr)


def _typed(model: type[m.Base], field: str, stored: object) -> object:
    """A stored value back as the model's Python type (dates and times are text in SQLite)."""
    kind = model.__table__.c[field].type.python_type
    if isinstance(stored, str) and kind is date:
        return date.fromisoformat(stored)
    if isinstance(stored, str) and kind is datetime:
        return datetime.fromisoformat(stored)
    return stored


def test_the_report_tables_are_rebuilt_only_for_a_file_that_outweighs_the_store(
    world: World, importer, store, monkeypatch
) -> None:
    """A rebuild costs what the whole store holds, the triggers what the file adds: from
    BULK audits (three here) and half the audits the store holds, the tables are rebuilt
    once; a file of three into a store of ten keeps them row by row. Both agree with
    counting the audits themselves."""
    from qa_desktop.services.imports import historic_audits
    from tests.services.reporting.kept_counts_check import assert_kept_counts_agree

    monkeypatch.setattr(historic_audits, "BULK", 3)
    rebuilds: list[int] = []
    real = historic_audits.tables.rebuilt_once

    def counted(connection):  # type: ignore[no-untyped-def]
        rebuilds.append(1)
        return real(connection)

    monkeypatch.setattr(historic_audits.tables, "rebuilt_once", counted)

    def file(first: int, rows: int) -> bytes:
        lines = [HEADER] + [
            f"H-{i:03d},CR-west,West Early Help,2019-05-01,Good,Ann Auditor,,g,yes,no"
            for i in range(first, first + rows)
        ]
        return "\n".join(lines).encode()

    importer.import_bytes(file(100, 10), SYSTEM)  # ten into an empty store: rebuilt
    assert len(rebuilds) == 1
    importer.import_bytes(file(200, 3), SYSTEM)  # three into ten: kept row by row
    assert len(rebuilds) == 1
    importer.import_bytes(file(300, 7), SYSTEM)  # seven into thirteen: rebuilt
    assert len(rebuilds) == 2
    assert count(store, m.Audit) == 20
    assert_kept_counts_agree(store, figures=False)
