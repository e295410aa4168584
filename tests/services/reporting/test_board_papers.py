"""The boards' papers read back as text: the monthly board pack and scorecard carry the
month's figures beside the month before, and the audits flagged as outstanding practice; a
team's weekly Required Actions report lists what is due in five working days or overdue."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from qa_desktop.errors import ValidationError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.board_papers import BoardPapersService
from qa_desktop.services.reporting import ReportingService
from qa_desktop.store import models as m
from tests.services.reporting.reporting_world import World


def text_of(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def papers(store, clock) -> BoardPapersService:  # type: ignore[no-untyped-def]
    return BoardPapersService(store, clock, ReportingService(store, clock))


def flag_outstanding(store, audit_id: str) -> str:  # type: ignore[no-untyped-def]
    with store.session() as session:
        audit = session.get(m.Audit, audit_id)
        audit.outstanding_practice = True
        return audit.reference


@pytest.fixture
def month_world(store, clock) -> tuple[World, str]:  # type: ignore[no-untyped-def]
    world = World(store, clock)
    world.audit(date(2026, 10, 5), {"A1": "yes"}, sections={"A": "good"})
    world.audit(date(2026, 11, 3), {"A1": "yes"}, sections={"A": "good"}, grade="outstanding")
    world.audit(date(2026, 11, 4), {"A1": "no"}, team="east", grade="requires_improvement")
    bad = world.audit(date(2026, 11, 5), {"A1": "no"}, grade="inadequate")
    world.meeting(bad, date(2026, 11, 12), None, None)
    world.action(bad, date(2026, 11, 10))
    outstanding = world.audit(date(2026, 11, 6), {"A1": "yes"}, team="east", grade="good")
    return world, flag_outstanding(store, outstanding)


def test_board_pack_has_each_subject_and_lists_the_outstanding_practice(
    store, clock, month_world, tmp_path: Path
) -> None:
    _world, reference = month_world
    service = papers(store, clock)
    data = service.monthly("2026-11", SYSTEM)
    assert data.this.plan.completed == 4 and data.last.plan.completed == 1
    text = text_of(service.board_pack("2026-11", tmp_path / "pack.pdf", SYSTEM))
    assert "Performance board pack: November 2026" in text
    assert "compared with October 2026" in text
    for subject in (
        "Completion against plan",
        "Compliance against the standard",
        "Grades",
        "Moderation agreement",
        "Inadequate audits: follow-up on time",
        "Overdue actions",
        "Even better if: themes",
        "Outstanding practice",
    ):
        assert subject in text
    assert "Audits completed 4 1 +3" in text
    # the Inadequate audit's meeting is overdue, and its action too
    assert "Not held and overdue 1 0 +1" in text
    assert "Overdue (not done) 1 0 +1" in text
    # the flagged audit, with its team, area and auditor (the other flagged nothing)
    assert f"{reference} East Early Help East Ann Auditor" in text
    assert "No “even better if” comments in November 2026." in text  # an empty part says so


def test_scorecard_is_one_page_of_key_figures(store, clock, month_world, tmp_path: Path) -> None:
    service = papers(store, clock)
    path = service.scorecard("2026-11", tmp_path / "card.pdf", SYSTEM)
    assert len(PdfReader(path).pages) == 1
    text = text_of(path)
    assert "Monthly scorecard: November 2026" in text
    assert "Audits completed 4 1 +3" in text
    assert "Actions overdue 1 0 +1 0 Not met" in text
    assert "Flagged as outstanding practice 1 0 +1" in text


def test_a_bad_month_is_refused_with_the_reason(store, clock, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="not a month"):
        papers(store, clock).board_pack("2026-13", tmp_path / "x.pdf", SYSTEM)
    assert not (tmp_path / "x.pdf").exists()


def test_a_month_with_nothing_completed_or_due_is_refused(store, clock, month_world, tmp_path):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="No audits were completed or due in August 2026"):
        papers(store, clock).scorecard("2026-08", tmp_path / "x.pdf", SYSTEM)
    assert not (tmp_path / "x.pdf").exists()


def test_required_actions_lists_what_is_due_in_five_working_days_or_overdue(
    store, clock, tmp_path: Path
) -> None:
    world = World(store, clock)
    # Friday 20 November 2026: five working days on is Friday 27 November.
    soon = world.audit(None, state="planned", grade=None, due_on=date(2026, 11, 27))
    world.audit(None, state="planned", grade=None, due_on=date(2026, 11, 30))  # too far
    world.audit(None, state="planned", grade=None, due_on=date(2026, 11, 25), team="east")
    bad = world.audit(date(2026, 11, 2), grade="inadequate")
    world.meeting(bad, date(2026, 11, 16), None, None)
    world.action(bad, date(2026, 11, 26))
    world.action(bad, date(2026, 11, 19), status="done", completed_on=date(2026, 11, 18))
    service = papers(store, clock)
    report = service.required_actions("West Early Help", date(2026, 11, 20), SYSTEM)
    assert report.horizon == date(2026, 11, 27)
    assert [(i.kind.value, i.due_on, i.overdue) for i in report.items] == [
        ("audit", date(2026, 11, 27), False),
        ("meeting", date(2026, 11, 16), True),
        ("action", date(2026, 11, 26), False),
    ]
    pdf, table = service.required_actions_report(
        "west early help", date(2026, 11, 20), tmp_path / "w.pdf", tmp_path / "w.csv", SYSTEM
    )
    text = text_of(pdf)
    assert "Required actions: West Early Help" in text
    with store.reader() as session:
        soon_ref = session.get(m.Audit, soon).reference
        bad_ref = session.get(m.Audit, bad).reference
    assert "Routine (monthly) audit Ann Auditor 27 Nov 2026 Due" in text
    assert "Hold the reflective meeting Bob Auditor 16 Nov 2026 Overdue" in text
    packed = text.replace(" ", "")
    assert soon_ref in packed and bad_ref in packed  # a reference may wrap in its cell
    assert "Moderation (0) Nothing of this kind is due" in text
    rows = list(csv.DictReader(table.open(encoding="utf-8-sig")))
    assert [r["kind"] for r in rows] == ["audit", "meeting", "action"]
    assert rows[2]["responsible"] == "Pat Worker" and rows[2]["due_on"] == "2026-11-26"
    assert rows[1]["overdue"] == "yes"
    (only_csv,) = service.required_actions_report(
        "West Early Help", date(2026, 11, 20), None, tmp_path / "only.csv", SYSTEM
    )
    assert only_csv.read_bytes() == table.read_bytes()
    with pytest.raises(ValidationError, match="PDF, CSV or both"):
        service.required_actions_report("West Early Help", None, None, None, SYSTEM)


def test_an_unknown_team_is_named(store, clock) -> None:
    World(store, clock)
    with pytest.raises(ValidationError, match="no team called 'Nowhere'"):
        papers(store, clock).required_actions("Nowhere", None, SYSTEM)
