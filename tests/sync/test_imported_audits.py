"""A historic import pushes: its audits, answers and grades (written in bulk straight through
the driver) and the teams, cases and people it created reach the central database as they
are, and another laptop's first sync holds the same rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


def test_an_imported_file_pushes_and_another_laptop_holds_the_same_rows(
    central: Central, laptops: Laptops
) -> None:
    qa = laptops("qa", central.add_login("qa", "qa-person", ["qa_team"]))
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
    imported = pending(qa.store)
    assert imported > 3 + 9 + 3

    report = qa.sync()

    assert pending(qa.store) == 0, report
    with qa.store.reader() as s:
        assert s.scalar(select(func.count()).select_from(m.SyncRefused)) == 0
    with central.admin_connection() as conn:
        counts = dict(
            conn.execute(
                "SELECT table_name, count(*) FROM qa_central.rows "
                "WHERE table_name = ANY(%s) GROUP BY table_name",
                (list(TABLES[:3]),),
            ).fetchall()
        )
    assert counts == {"audits": 3, "answers": 9, "section_reviews": 3}
    other = laptops("other", central.add_login("other", "qa-person", ["qa_team"]))
    other.sync()
    assert _rows(other.store) == _rows(qa.store)
