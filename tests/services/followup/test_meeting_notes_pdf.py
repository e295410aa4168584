"""Reflective meeting notes as PDF: read back with pypdf, the text is there in reading order,
every page is marked OFFICIAL-SENSITIVE and numbered, the metadata names title and author, and
the fonts are embedded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from qa_desktop.domain.grades import Grade
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, UserError
from qa_desktop.services.followup.meetings import ActionDraft, MeetingNotes
from qa_desktop.services.followup.moderation import Decision
from tests.followup_helpers import actor_with, cast, in_moderation, meeting_for, services


@pytest.fixture
def signed_off(demo_store, clock):
    svc = services(demo_store, clock)
    audit_id = in_moderation(demo_store, clock, Grade.INADEQUATE)
    moderator = cast(svc, audit_id).moderator
    case = svc.moderation.case(audit_id, moderator)
    svc.moderation.moderate(
        audit_id, [Decision(a.section_id, a.auditor_grade) for a in case.areas], moderator
    )
    people = cast(svc, audit_id)
    meeting = meeting_for(demo_store, audit_id)
    actions = tuple(
        ActionDraft(
            f"Action number {n}: visit the child at school",
            people.practitioner.id,
            date(2026, 12, 1 + n),
        )
        for n in range(1, 26)
    )
    notes = MeetingNotes(
        held_on=date(2026, 11, 19),
        attendees="Head of service, auditor, practitioner",
        barriers="Three changes of worker & a long wait for <therapy>.",
        lived_experience="The child says nobody explains what is happening.",
        new_actions=actions,
    )
    svc.meetings.save(meeting.id, notes, people.head, sign_off=True)
    return svc, meeting.id, people


def test_the_notes_pdf_holds_the_meeting_marked_and_numbered(signed_off, tmp_path: Path) -> None:
    svc, meeting_id, people = signed_off
    out = svc.meetings.export_notes(meeting_id, tmp_path / "notes.pdf", people.head)
    reader = PdfReader(out)
    assert len(reader.pages) >= 2  # 25 actions run onto a second page
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == 2
        assert f"Page {number}" in text
    whole = "\n".join(texts)
    order = [
        "Reflective meeting notes",
        "Attendees",
        "Head of service\nauditor\npractitioner",
        "Barriers and challenges",
        "Three changes of worker & a long wait for <therapy>.",
        "The child's lived experience",
        "Agreed actions",
        "Action number 1:",
        "Action number 25:",
    ]
    positions = [whole.index(part) for part in order]
    assert positions == sorted(positions)
    assert "31 December 2026" in whole  # the re-audit is due six weeks after 19 November
    meta = reader.metadata
    assert meta.title.startswith("Reflective meeting notes QA-")
    assert meta.author == people.head.person.name
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    # TrueType subsets, each with its font file inside the document.
    assert fonts
    for font in fonts:
        assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_only_those_who_may_see_it_export_it(signed_off, tmp_path: Path) -> None:
    svc, meeting_id, _people = signed_off
    with pytest.raises(PermissionRefused):
        svc.meetings.export_notes(
            meeting_id, tmp_path / "x.pdf", actor_with(svc, Role.PRACTITIONER)
        )
    assert not (tmp_path / "x.pdf").exists()


def test_an_unwritable_place_gets_a_clear_message(signed_off, tmp_path: Path) -> None:
    svc, meeting_id, people = signed_off
    with pytest.raises(UserError, match="does not exist"):
        svc.meetings.export_notes(meeting_id, tmp_path / "missing" / "notes.pdf", people.head)
