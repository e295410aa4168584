"""The reflective meeting notes PDF, built from plain data and read back."""

from __future__ import annotations

import re

from qa_desktop.reports.meeting_notes import build_meeting_notes
from tests.reports.pdfread import flowing_text, pages_text, reader
from tests.reports.samples import meeting_notes, words


def test_the_notes_read_in_order_with_everything_the_meeting_records() -> None:
    text = flowing_text(build_meeting_notes(meeting_notes()))
    order = [
        "Reflective meeting notes After audit QA-7K2M9QF · case CR400123 (JB)",
        "The audit this meeting follows",
        "Audit QA-7K2M9QF Confirmed grade Inadequate",
        "Auditor's grade Requires Improvement",
        "The meeting",
        "Chaired by Marcus Ellery",
        "Date 13 November 2026",
        "Attendees Marcus Ellery Dana Whitfield Tom Ashgrove",
        "Barriers and challenges High caseloads and a change of worker delayed the plan.",
        "The child's lived experience The child has moved school twice.",
        "Agreed actions What Who By when Status Hold a family network meeting. Tom Ashgrove "
        "27 Nov 2026 Open",
        "Sign-off and re-audit",
        "Signed off by Marcus Ellery",
        "Signed off 13 Nov 2026, 17:00",
        "Re-audit due 25 December 2026",
    ]
    missing = [piece for piece in order if piece not in text]
    assert not missing
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)


def test_draft_until_signed_off() -> None:
    draft = pages_text(build_meeting_notes(meeting_notes(signed=False)))
    final = pages_text(build_meeting_notes(meeting_notes(signed=True)))
    assert all("DRAFT" in page for page in draft)
    assert "not yet signed off" in " ".join(" ".join(draft).split())
    assert not any("DRAFT" in page for page in final)


def test_metadata_marking_and_numbering() -> None:
    data = build_meeting_notes(meeting_notes())
    meta = reader(data).metadata
    assert meta is not None
    assert meta.title == "Reflective meeting notes QA-7K2M9QF"
    assert meta.author == "Marcus Ellery"
    assert meta.subject.startswith("Reflective meeting after audit QA-7K2M9QF")
    pages = pages_text(data)
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2
        assert f"Page {number} of {len(pages)}" in page


def test_long_notes_lose_nothing() -> None:
    data = build_meeting_notes(meeting_notes(long=900))
    assert len(pages_text(data)) >= 3
    text = flowing_text(data)
    for tag in ("barrier", "lived", "mact"):
        assert re.findall(rf"\b{tag}\d{{4}}\b", text) == words(tag, 900).split()
