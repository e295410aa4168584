"""A historic import pushes: its audits, answers and grades (written in bulk straight through
the driver) and the teams, cases and people it created reach the central database as they
are, and another laptop's first sync holds the same rows."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select, text

from qa_desktop.formdefs import FORMS_DIR, load_form_text
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import fixed_clock
from qa_desktop.services.imports.historic_audits import HistoricImport
from qa_desktop.services.programme.forms import publish_sources
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder
from qa_desktop.sync.connection import CentralAddress
from tests.conftest import NOW
from tests.sync.conftest import Central, Laptop
from tests.sync.world import pending

Laptops = Callable[[str, CentralAddress], Laptop]
TABLES = ("audits", "answers", "section_reviews", "teams", "people", "cases")


def _file() -> bytes:
    """Three synthetic historic audits on the learning audit: one on the world's case and
    auditor, two on a case, a team and an auditor the import creates."""
    path = FORMS_DIR / "learning-audit.yaml"
    form = load_form_text(path.read_text(encoding="utf-8"), path.name)
    questions = [q.id for q in form.questions()][:4]
    section = form.graded_sections()[0].id
    header = ["audit_ref", "case_ref", "team", "completed_on", "overall_grade", "auditor"]
    lines = [",".join([*header, f"grade:{section}", *questions])]
    for ref, case, team, auditor in (
        ("HX-001", "C-0001", "West Early Help 1", "Test Auditor"),
        ("HX-002", "C-H0001", "Historic Team Nine", "Historic Auditor Nine"),
        ("HX-003", "C-H0001", "Historic Team Nine", ""),
    ):
        answers = ["yes", "partly", "no", ""][: len(questions)]
        lines.append(",".join([ref, case, team, "2020-03-02", "Good", auditor, "ri", *answers]))
    return ("\r\n".join(lines) + "\r\n").encode()


def _rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    with store.reader() as s:
        return {
            name: sorted((tuple(r) for r in s.execute(text(f'SELECT * FROM "{name}"'))), key=repr)
            for name in TABLES
        }


def _imported(central: Central, laptops: Laptops, roles: list[str]) -> Laptop:
    """A laptop whose login has ``roles``, synced, then the file imported on it."""
    qa = laptops("qa", central.add_login("qa", "qa-person", roles))
    clock = fixed_clock(NOW)
    source = (FORMS_DIR / "learning-audit.yaml").read_text(encoding="utf-8")
    with qa.store.session() as s:
        s.execute(text("PRAGMA defer_foreign_keys = ON"))  # the ORM's flush order is its own
        r = Recorder(s, None, NOW)
        area = r.insert(m.Area, name="West").id
        service = r.insert(m.Service, name="Early Help").id
        team = r.insert(m.Team, name="West Early Help 1", area_id=area, service_id=service).id
        r.insert(m.Person, name="Test Auditor", role="team_manager", team_id=team, is_auditor=True)
        r.insert(
            m.Case, reference="C-0001", initials="AB", legal_status="child_in_need", team_id=team
        )
        publish_sources(s, [("learning-audit.yaml", source)], clock, SYSTEM)
    qa.sync()
    assert pending(qa.store) == 0
    result = HistoricImport(qa.store, clock).import_bytes(_file(), SYSTEM, create_missing=True)
    assert (result.audits, result.answers) == (3, 9) and result.created > 0
    return qa


def _bundles(store: Store) -> int:
    """The outbox changes that are bundles (one per imported audit)."""
    return _waiting(store, bundles=True)


def test_an_imported_file_pushes_and_another_laptop_holds_the_same_rows(
    central: Central, laptops: Laptops
) -> None:
    qa = _imported(central, laptops, ["qa_team"])
    # Each audit waits as one change carrying its answers and grades; the created teams,
    # cases and people as one each.
    assert _bundles(qa.store) == 3 and pending(qa.store) == 3 + result_created(qa.store)

    report = qa.sync()

    assert pending(qa.store) == 0, report
    with qa.store.reader() as s:
        assert s.scalar(select(func.count()).select_from(m.SyncRefused)) == 0
    assert _central_counts(central, "rows") == {"audits": 3, "answers": 9, "section_reviews": 3}
    other = laptops("other", central.add_login("other", "qa-person", ["qa_team"]))
    other.sync()
    assert _rows(other.store) == _rows(qa.store)


def result_created(store: Store) -> int:
    """The outbox changes that are not bundles (the rows the import created)."""
    return _waiting(store, bundles=False)


def _waiting(store: Store, *, bundles: bool) -> int:
    kind = m.OutboxChange.op == m.BUNDLE if bundles else m.OutboxChange.op != m.BUNDLE
    with store.reader() as s:
        return s.scalar(select(func.count()).select_from(m.OutboxChange).where(kind)) or 0


def _central_counts(central: Central, table: str) -> dict[str, int]:
    """The central database's rows (or logged changes) of the audits, answers and grades."""
    with central.admin_connection() as conn:
        found = conn.execute(
            f"SELECT table_name, count(*) FROM qa_central.{table} "
            "WHERE table_name = ANY(%s) GROUP BY table_name",
            (list(TABLES[:3]),),
        ).fetchall()
    return {str(name): int(n) for name, n in found}


class Cut(Exception):
    """The network dropped after the server committed a batch."""


def test_an_imported_audit_is_never_split_and_a_cut_sends_no_row_twice(
    central: Central, laptops: Laptops
) -> None:
    """Batches of at most five wire changes: the six rows the import created go in two
    (five, then one: an audit's five rows do not fit beside it), then each audit (itself,
    three answers, a grade) whole in one. A cut after the server committed the first audit's
    batch, then a sync, leaves every row once at the central database, nothing refused or in
    conflict."""
    qa = _imported(central, laptops, ["qa_team"])
    assert (result_created(qa.store), _bundles(qa.store)) == (6, 3)
    commits = 0

    def cut_first_audit(step: str) -> None:
        nonlocal commits
        if step == "after_server_commit":
            commits += 1
            if commits == 3:
                raise Cut

    with pytest.raises(Cut):
        qa.client(cut_first_audit, push_batch=5).sync()
    # The created rows were answered for; the first audit was committed at the central
    # database but its answer never came back, so it waits with the others.
    assert (result_created(qa.store), _bundles(qa.store)) == (0, 3)
    report = qa.client(push_batch=5).sync()

    assert pending(qa.store) == 0 and report.refused == 0 and report.conflicts_made == 0
    assert report.pushed == report.accepted > 0
    logged = _central_counts(central, "changes")  # each row applied once, never twice
    assert logged == {"audits": 3, "answers": 9, "section_reviews": 3}


def test_a_refused_import_keeps_each_row_as_its_own_refused_insert(
    central: Central, laptops: Laptops
) -> None:
    """A login whose rights do not cover the import: every row of each audit is refused
    and kept, one by one, as the insert it was; nothing is left waiting or lost."""
    laptop = _imported(central, laptops, ["practitioner"])
    with laptop.store.reader() as s:
        before = s.scalar(select(func.count()).select_from(m.SyncRefused))  # its first sync's
    report = laptop.sync()
    assert pending(laptop.store) == 0
    with laptop.store.reader() as s:
        refused = s.execute(
            select(m.SyncRefused.table_name, m.SyncRefused.op, m.SyncRefused.value).where(
                m.SyncRefused.table_name.in_(TABLES[:3])
            )
        ).all()
    counts = Counter(table for table, _op, _value in refused)
    assert counts == {"audits": 3, "answers": 9, "section_reviews": 3}
    assert {op for _t, op, _v in refused} == {"insert"}
    answers = [json.loads(v) for t, _op, v in refused if t == "answers"]
    assert {a["value"] for a in answers} == {"yes", "partly", "no"}
    with laptop.store.reader() as s:
        kept = s.scalar(select(func.count()).select_from(m.SyncRefused))
    assert report.refused == kept - before and report.accepted == 0
