"""Saving the family feedback summary as PDF where a person asked (all or nothing).

Apart from :mod:`.feedback` because writing a document needs the documents module, which
itself reads family feedback for the audit record."""

from __future__ import annotations

from pathlib import Path

from qa_desktop.domain.calendar import Period
from qa_desktop.reports.feedback_summary import build_feedback_summary
from qa_desktop.services.audit.documents import ExportedDocument
from qa_desktop.services.audit.feedback import FeedbackService
from qa_desktop.services.programme.documents import write_pdf
from qa_desktop.services.setup.people import Actor


def export_feedback_summary(
    feedback: FeedbackService,
    path: Path,
    actor: Actor,
    period: Period | None = None,
    team_id: str | None = None,
) -> ExportedDocument:
    """Write the summary ``actor`` may read (:meth:`FeedbackService.summary`) to ``path``."""
    data = feedback.summary_report_data(actor, period, team_id)
    return write_pdf(path, build_feedback_summary(data))
