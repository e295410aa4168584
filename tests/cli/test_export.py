"""`qa-desktop export audit|meeting`: PDFs from the command line, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from qa_desktop.domain.roles import Role
from qa_desktop.services.clock import Clock
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from tests.cli.test_cli import run
from tests.reports.pdfread import KICKER, flowing_text, pages_text


def _reference(store: Store, *conditions: object) -> str:
    with store.reader() as session:
        found = session.scalar(
            select(m.Audit.reference).where(*conditions).order_by(m.Audit.reference).limit(1)  # type: ignore[arg-type]
        )
    assert found is not None
    return found


def test_export_audit_writes_the_record(
    capsys: pytest.CaptureFixture[str], demo_store: Store, tmp_path: Path
) -> None:
    reference = _reference(demo_store, m.Audit.state == "closed")
    target = tmp_path / "record.pdf"
    code, out, err = run(
        capsys,
        "export",
        "audit",
        "--store",
        str(demo_store.path),
        "--audit",
        reference,
        "-o",
        str(target),
    )
    assert (code, err) == (0, "")
    assert f"Wrote {target}" in out
    text = flowing_text(target)
    assert text.startswith("CHILDREN'S SOCIAL CARE · QUALITY ASSURANCE Audit record")
    assert f"Audit {reference} State Closed" in text
    pages = pages_text(target)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_export_meeting_writes_the_notes(
    capsys: pytest.CaptureFixture[str], demo_store: Store, tmp_path: Path
) -> None:
    with demo_store.reader() as session:
        audit_id = session.scalar(
            select(m.Meeting.audit_id).where(m.Meeting.held_on.is_not(None)).limit(1)
        )
    reference = _reference(demo_store, m.Audit.id == audit_id)
    target = tmp_path / "notes.pdf"
    code, _, err = run(
        capsys,
        "export",
        "meeting",
        "--store",
        str(demo_store.path),
        "--audit",
        reference,
        "-o",
        str(target),
    )
    assert (code, err) == (0, "")
    text = flowing_text(target)
    assert text.startswith(f"{KICKER} Reflective meeting notes After audit {reference}")


def test_an_unknown_reference_is_refused_clearly(
    capsys: pytest.CaptureFixture[str], demo_store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "x.pdf"
    code, _, err = run(
        capsys,
        "export",
        "audit",
        "--store",
        str(demo_store.path),
        "--audit",
        "QA-ZZZZZZZ",
        "-o",
        str(target),
    )
    assert code == 1
    assert "There is no audit QA-ZZZZZZZ in this store" in err
    assert not target.exists()


def test_an_audit_without_a_meeting_is_refused_clearly(
    capsys: pytest.CaptureFixture[str], demo_store: Store, tmp_path: Path
) -> None:
    reference = _reference(demo_store, m.Audit.id.not_in(select(m.Meeting.audit_id)))
    target = tmp_path / "x.pdf"
    code, _, err = run(
        capsys,
        "export",
        "meeting",
        "--store",
        str(demo_store.path),
        "--audit",
        reference,
        "-o",
        str(target),
    )
    assert code == 1
    assert f"Audit {reference} has no reflective meeting" in err
    assert not target.exists()


def test_a_missing_argument_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], demo_store: Store
) -> None:
    code, _, err = run(
        capsys, "export", "audit", "--store", str(demo_store.path), "--audit", "QA-1"
    )
    assert code == 2
    assert "-o/--output" in err


def test_export_audit_leaves_the_family_feedback_out(
    capsys: pytest.CaptureFixture[str], demo_store: Store, clock: Clock, tmp_path: Path
) -> None:
    """The command line has no signed-in person, so nothing a family said goes into its copy."""
    from tests.services.audit.test_audit_record_feedback import (
        THE_FAMILYS_WORDS,
        _closed_audit,
        _person,
        _record_feedback,
    )

    audit_id, _worker = _closed_audit(demo_store)
    _record_feedback(demo_store, clock, audit_id, _person(demo_store, Role.QA_OFFICER))
    with demo_store.reader() as session:
        reference = session.scalar(select(m.Audit.reference).where(m.Audit.id == audit_id))
    target = tmp_path / "record.pdf"
    code, _out, err = run(
        capsys,
        "export",
        "audit",
        "--store",
        str(demo_store.path),
        "--audit",
        str(reference),
        "-o",
        str(target),
    )
    assert (code, err) == (0, "")
    text = flowing_text(target)
    assert "History of this audit" in text
    assert "Family feedback" not in text
    assert not any(words in text for words in THE_FAMILYS_WORDS)
