"""The audit record PDF, built from plain data and read back."""

from __future__ import annotations

import re
import time
from dataclasses import replace

from qa_desktop.reports.audit_record import build_audit_record
from tests.reports.pdfread import flowing_text, pages_text, reader
from tests.reports.samples import audit_record, words


def test_it_reads_from_header_to_sign_off_in_order() -> None:
    text = flowing_text(build_audit_record(audit_record()))
    order = [
        "Audit record Learning audit · case CR400123 (JB) · Hillside Family Safeguarding",
        "Audit QA-7K2M9QF State Closed",
        "Case CR400123 (JB) Child 8 years, Child protection",
        "Form Learning audit, version 3 Audit type Routine (monthly)",
        "Auditor Dana Whitfield Practitioner Tom Ashgrove",
        "Due 10 November 2026 Completed 9 November 2026",
        "Closed 18 November 2026 Re-audit of Not a re-audit",
        "Team Hillside Family Safeguarding",
        "Service and area Family Safeguarding, West",
        "Participants Tom Ashgrove (Practitioner); Rhea Mallory (Team manager)",
        "Grades at a glance",
        "1. Assessment Good Good Not moderated",
        "Overall Good Good Requires Improvement Changed by Priya Castellano",
        "1. Assessment Good Question Answer",
        "A1 Question 1 about assessment? Key question Evidence: Seen on the case record. Yes",
        "A3 Question 3 about assessment? Why not applicable: Pre-birth Evidence: Seen on the "
        "case record. N/A",
        "What is working well Visits are purposeful.",
        "What we are worried about Drift between reviews.",
        "Even better if Use direct-work tools.",
        "Practitioner's reflection (Tom Ashgrove) The plan did not keep up.",
        "Auditor's rationale Consistent practice.",
        "2. Planning Requires Improvement Question Answer",
        "5. Supervision and Management Oversight Good Question Answer",
        "Overall judgement",
        "Voice of the child and family The child says they feel listened to.",
        "Impact on the child School attendance has improved.",
        "Auditor's rationale Good overall.",
        "Agreed actions",
        "Action 0: update the plan. Rhea Mallory 1 Dec 2026 Open",
        "Sign-off",
        "The practitioner disagrees with this audit The grade does not reflect the work.",
        "History of this audit",
    ]
    missing = [piece for piece in order if piece not in text]
    assert not missing
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)


def test_the_moderation_outcome_stands_beside_the_auditors_grade() -> None:
    text = flowing_text(build_audit_record(audit_record(moderated=True)))
    glance = text[text.index("Grades at a glance") : text.index("A1 Question 1")]
    assert "2. Planning Good Good Requires Improvement Changed by Priya Castellano" in glance
    assert "1. Assessment Good Good Not moderated" in glance
    planning = text[text.index("P1 Question 1") : text.index("I1 Question 1")]
    assert "Auditor's grade Good" in planning
    assert "Moderated grade Requires Improvement" in planning
    assert "Priya Castellano, 18 Nov 2026 (grade changed)" in planning
    assert "Moderator's reason Plans are not specific enough for Good." in planning


def test_draft_until_moderation_is_complete() -> None:
    draft = build_audit_record(audit_record(moderated=False, state="In moderation"))
    final = build_audit_record(audit_record(moderated=True))
    draft_pages, final_pages = pages_text(draft), pages_text(final)
    assert all("DRAFT" in page for page in draft_pages)
    assert "This audit is in moderation: a moderator may still change its grades." in flowing_text(
        draft
    )
    assert "Awaiting moderation" in flowing_text(draft)
    assert not any("DRAFT" in page or "Draft" in page for page in final_pages)


def test_metadata_and_page_numbers() -> None:
    data = build_audit_record(audit_record())
    meta = reader(data).metadata
    assert meta is not None
    assert meta.title == "Audit record QA-7K2M9QF"
    assert meta.author == "Dana Whitfield"
    assert meta.subject == "Learning audit of case CR400123 (JB), Hillside Family Safeguarding"
    pages = pages_text(data)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert page.count("OFFICIAL-SENSITIVE") == 2
        assert "Learning audit, version 3" in page


def test_a_long_audit_breaks_across_pages_with_no_text_lost_or_cut() -> None:
    record = audit_record(long=260)
    data = build_audit_record(record)
    pages = pages_text(data)
    assert len(pages) > 15
    text = flowing_text(data)
    tags = ["voice", "impact", "ovrat", "ovmod", "modreason", "escal", "disagree"]
    for area in range(1, 6):
        tags += [f"well{area}x", f"worry{area}x", f"ebi{area}x", f"refl{area}x", f"rat{area}x"]
        tags += [f"ev{area}q{q}x" for q in range(1, 4)] + [f"na{area}q3x"]
    tags += [f"act{n}x" for n in range(3)]
    for tag in tags:
        found = re.findall(rf"\b{tag}\d{{4}}\b", text)
        # Every word of every field, in order (the moderator's reason shows in area 2 only).
        assert found == words(tag, 260).split(), tag
    # No page is left nearly empty by a block that would not split.
    for page in pages[:-1]:
        assert len([line for line in page.splitlines() if line.strip()]) > 12


def test_unusual_characters_are_readable_or_named() -> None:
    record = audit_record()
    area = replace(
        record.areas[0],
        working_well="“She’s settled” – said Zoë; Łucja’s café… 👍🏽 ✅",
    )
    data = build_audit_record(
        replace(record, areas=(area, *record.areas[1:]), auditor="Siobhán Ní Bhriain")
    )
    text = flowing_text(data)
    assert (
        "“She’s settled” – said Zoë; Łucja’s café… [thumbs up sign] [white heavy check mark]"
        in text
    )
    assert "Siobhán Ní Bhriain" in text
    assert "\ufffd" not in text


def test_a_typical_record_builds_quickly() -> None:
    record = audit_record()
    build_audit_record(record)
    started = time.perf_counter()
    build_audit_record(record)
    # The target is 250 ms (benchmarks/bench_documents.py); this guards against gross slips.
    assert time.perf_counter() - started < 2.0
