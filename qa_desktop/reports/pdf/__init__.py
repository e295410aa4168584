"""PDF documents with one house style (reportlab), built from plain data. No Qt, no SQL.

:mod:`.document` holds the common builder every document uses (page furniture, protective
marking, page numbers, metadata, fingerprint, DRAFT mark); :mod:`.fonts` the embedded fonts and
the replacement of characters they lack; :mod:`.style` colours and paragraph styles;
:mod:`.formats` how dates read.

A new document (Back to the Floor, thematic, quarterly, family feedback) is a function that
takes its own frozen plain data and calls the builder::

    builder = DocumentBuilder(
        DocumentInfo(
            title="Back to the Floor report: Hillside Family Safeguarding",
            subject="Back to the Floor inspection, October 2026",
            author="Marcus Ellery",
            reference="BTF-2026-07",  # right of the running header
            form_version="Back to the Floor team form, version 2",  # footer
            draft=not data.signed_off,  # DRAFT watermark and header
        )
    )
    builder.title_block("Back to the Floor report", "Hillside · 14 to 16 October 2026",
                        kicker="Children's social care · Quality assurance")
    builder.key_values([("Team", "Hillside"), ("Overall", Chip(Grade.GOOD))])
    builder.heading("1. Assessment", chip=Chip(Grade.REQUIRES_IMPROVEMENT))
    builder.labelled_text("What is working well", data.working_well)  # "Not recorded" if empty
    builder.table(["What", "Who", "By when"], rows, widths=[0.6, 0.25, 0.15],
                  empty="No actions were agreed.")
    builder.note(text, tone="warning", label="Recorded disagreement")
    pdf_bytes = builder.build(path)  # path optional

Pass plain text: the builder escapes it, replaces characters the fonts lack and keeps line
breaks. Everything given to a helper counts in the footer's fingerprint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qa_desktop.reports.pdf.parts import Cell, Chip, DocumentInfo, Styled

if TYPE_CHECKING:
    from qa_desktop.reports.pdf.document import DocumentBuilder

__all__ = ["Cell", "Chip", "DocumentBuilder", "DocumentInfo", "Styled"]


def __getattr__(name: str) -> Any:
    """``DocumentBuilder`` loads reportlab: only when a document is built, not at start."""
    if name == "DocumentBuilder":
        from qa_desktop.reports.pdf.document import DocumentBuilder

        return DocumentBuilder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
