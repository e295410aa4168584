"""Loading the PDF library ahead of the first document: reportlab's modules, the embedded
fonts, the DRAFT watermark and the code paths of a first layout. The app calls
:func:`preload` on its background runner once a start is done, so that the first export of a
session takes what every later one takes (``benchmarks/bench_documents.py``)."""

from __future__ import annotations

from qa_desktop.domain.grades import Grade
from qa_desktop.reports.pdf.parts import Chip, DocumentInfo


def preload() -> None:
    """Build one small document in memory with every part the audit record uses, and throw
    it away."""
    from qa_desktop.reports import audit_record, meeting_notes  # noqa: F401  (their modules)
    from qa_desktop.reports.pdf.document import DocumentBuilder

    builder = DocumentBuilder(
        DocumentInfo(title="Preload", subject="Preload", author="QA Desktop", draft=True)
    )
    builder.title_block("Preload", "Preload", kicker="Preload")
    builder.key_values([("Grade", Chip(Grade.GOOD)), ("Date", "1 January 2026")])
    builder.heading("1. Preload", chip=Chip(Grade.INADEQUATE))
    builder.heading("Preload", level=2)
    builder.labelled_text("Preload", "Preload")
    builder.table(["What", "Who"], [["Preload", "Preload"]], widths=[0.5, 0.5], empty="")
    builder.note("Preload", tone="warning", label="Preload")
    builder.build()
