"""Importing the case list: updates, closes, never touches audits; bad files change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from qa_desktop.errors import ValidationError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.imports.cases import CaseImportService, CaseListError
from qa_desktop.store import models as m
from tests.services.programme.helpers import HEADER, case_lines, csv_bytes, table_counts


def audits_snapshot(store) -> list[tuple]:
    with store.reader() as session:
        return [
            (a.id, a.case_id, a.state, a.overall_grade, a.due_on, a.auditor_id)
            for a in session.scalars(select(m.Audit).order_by(m.Audit.id))
        ]


def case(store, reference: str) -> m.Case:
    with store.reader() as session:
        found = session.scalar(select(m.Case).where(m.Case.reference == reference))
        assert found is not None
        return found


@pytest.mark.parametrize(
    ("ending", "bom"), [("\n", False), ("\r\n", True), ("\r", False), ("\r\n", False)]
)
def test_line_endings_and_bom_are_accepted(demo_store, clock, ending: str, bom: bool) -> None:
    lines = case_lines(demo_store)
    summary = CaseImportService(demo_store, clock).import_bytes(
        csv_bytes(lines, ending=ending, bom=bom), "cases.csv", SYSTEM
    )
    assert summary.listed == len(lines)
    assert (summary.added, summary.updated, summary.closed) == (0, 0, 0)


def test_reimport_updates_adds_and_closes_without_touching_audits(demo_store, clock) -> None:
    lines = case_lines(demo_store)
    before = audits_snapshot(demo_store)
    with demo_store.reader() as session:
        audited = set(session.scalars(select(m.Audit.case_id)))
        dropped_ref = session.scalar(
            select(m.Case.reference).where(m.Case.id.in_(audited)).order_by(m.Case.reference)
        )
    kept = [line for line in lines if not line.startswith(f"{dropped_ref},")]
    first = kept[0].split(",")
    first[1], first[2] = "ZZ", "unborn"
    kept[0] = ",".join(first)
    team = first[4]
    kept.append(f"NEW0001,ab,7,Child in need,{team},")
    summary = CaseImportService(demo_store, clock).import_bytes(
        csv_bytes(kept), "cases.csv", SYSTEM
    )
    assert (summary.added, summary.updated, summary.closed) == (1, 1, 1)
    changed = case(demo_store, first[0])
    assert (changed.initials, changed.unborn, changed.age_years) == ("ZZ", True, None)
    assert case(demo_store, dropped_ref).is_open is False
    new = case(demo_store, "NEW0001")
    assert (new.initials, new.age_years, new.legal_status, new.practitioner_id) == (
        "AB",
        7,
        "child_in_need",
        None,
    )
    assert audits_snapshot(demo_store) == before
    # Listed again, the closed case opens again.
    summary = CaseImportService(demo_store, clock).import_bytes(
        csv_bytes(lines), "cases.csv", SYSTEM
    )
    assert case(demo_store, dropped_ref).is_open is True
    assert summary.closed == 1  # NEW0001 is no longer listed


def test_import_writes_history_and_outbox(demo_store, clock) -> None:
    lines = case_lines(demo_store, 3)
    before = table_counts(demo_store)
    CaseImportService(demo_store, clock).import_bytes(csv_bytes(lines), "cases.csv", SYSTEM)
    after = table_counts(demo_store)
    assert after["history"] > before["history"]
    assert after["outbox"] > before["outbox"]


def refused(store, clock, data: bytes) -> ValidationError:
    before = table_counts(store)
    with pytest.raises(ValidationError) as raised:
        CaseImportService(store, clock).import_bytes(data, "cases.csv", SYSTEM)
    assert table_counts(store) == before
    return raised.value


def test_duplicate_references_are_refused_naming_both_rows(demo_store, clock) -> None:
    lines = case_lines(demo_store, 5)
    error = refused(demo_store, clock, csv_bytes([*lines, lines[1]]))
    assert isinstance(error, CaseListError)
    text = str(error)
    assert "Row 7, column case_ref" in text and "first on row 3" in text
    assert "nothing has been changed" in text


def test_unknown_team_is_refused_naming_row_and_column(demo_store, clock) -> None:
    lines = case_lines(demo_store, 4)
    bad = lines[2].split(",")
    bad[4] = "Northern Lights Team"
    lines[2] = ",".join(bad)
    error = refused(demo_store, clock, csv_bytes(lines))
    assert "Row 4, column team: there is no team called 'Northern Lights Team'" in str(error)


def test_every_problem_is_listed(demo_store, clock) -> None:
    lines = case_lines(demo_store, 3)
    lines.append("R9,,forty,adopted,Nowhere,Nobody Known")
    error = refused(demo_store, clock, csv_bytes(lines))
    assert isinstance(error, CaseListError)
    assert [(p.row, p.column) for p in error.problems] == [
        (5, "initials"),
        (5, "age"),
        (5, "legal_status"),
        (5, "team"),
        (5, "practitioner"),
    ]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf\r\n \r\n", "is empty"),
        (HEADER.encode() + b"\r\n", "no cases"),
        (b"case_ref,initials,age\n", "column legal_status: this column is missing"),
        (b"\xff\xfe\x00c", "not UTF-8"),
    ],
)
def test_empty_and_malformed_files_are_refused(demo_store, clock, data: bytes, words: str) -> None:
    assert words in str(refused(demo_store, clock, data))


def test_only_the_qa_team_may_import(demo_store, clock) -> None:
    from qa_desktop.domain.roles import Role
    from qa_desktop.services.setup.people import DirectoryService

    directory = DirectoryService(demo_store)
    practitioner = next(p for p in directory.people() if p.role is Role.PRACTITIONER)
    officer = next(p for p in directory.people() if p.role is Role.QA_OFFICER)
    data = csv_bytes(case_lines(demo_store, 2))
    with pytest.raises(ValidationError, match="Only the QA team"):
        CaseImportService(demo_store, clock).import_bytes(
            data, "c.csv", directory.actor(practitioner.id)
        )
    summary = CaseImportService(demo_store, clock).import_bytes(
        data, "c.csv", directory.actor(officer.id)
    )
    assert summary.listed == 2
