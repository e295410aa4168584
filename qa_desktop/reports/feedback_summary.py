"""The family feedback summary: the share of audits with feedback from the family against the
council's aim (every audit), by team, what families said by team, and each questionnaire
beside its audit's grade. Fed by plain data (:class:`FeedbackSummaryData`); no Qt, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qa_desktop.reports.pdf import DocumentInfo
from qa_desktop.reports.pdf.formats import long_date, short_date


@dataclass(frozen=True)
class CoverageLine:
    team: str  # "" for every team together
    audits: int
    with_feedback: int
    declined: int
    share_percent: float | None


@dataclass(frozen=True)
class TeamFeedbackLine:
    team: str
    questionnaires: int
    declined: int
    positive_percent: float | None


@dataclass(frozen=True)
class QuestionnaireLine:
    audit_reference: str
    team: str
    grade: str  # in words: "Good", "Not graded yet"
    respondent: str  # "Parent or carer", "Child"
    consent_given: bool
    recorded_on: date
    positive_percent: float | None


@dataclass(frozen=True)
class FeedbackSummaryData:
    period_start: date | None  # None: every date
    period_end: date | None
    team: str  # "" for every team
    produced_on: date
    produced_by: str
    aim_percent: float
    coverage: tuple[CoverageLine, ...]  # by team, the whole ("") last
    teams: tuple[TeamFeedbackLine, ...]
    questionnaires: tuple[QuestionnaireLine, ...]
    # Shown when the reader is kept from some audits (their own as allocated worker).
    withheld_note: str = ""


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


def period_words(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return "Every date"
    return f"{long_date(start)} to {long_date(end)}"


def build_feedback_summary(data: FeedbackSummaryData, path: Path | None = None) -> bytes:
    """The summary as PDF bytes (written to ``path`` too when given)."""
    from qa_desktop.reports.pdf.document import DocumentBuilder  # loads reportlab

    period = period_words(data.period_start, data.period_end)
    scope = data.team or "Every team"
    builder = DocumentBuilder(
        DocumentInfo(
            title="Family feedback summary",
            subject=f"Family feedback: {period}, {scope}",
            author=data.produced_by,
            reference=f"FF {data.produced_on.isoformat()}",
            form_version="Family feedback questionnaires",
            keywords=f"Family feedback, {scope}",
        )
    )
    builder.title_block("Family feedback summary", f"{period} · {scope}")
    whole = data.coverage[-1] if data.coverage else CoverageLine("", 0, 0, 0, None)
    met = whole.share_percent is not None and whole.share_percent >= data.aim_percent
    builder.key_values(
        [
            ("Period (audits signed off)", period),
            ("Teams", scope),
            ("Audits", str(whole.audits)),
            ("With family feedback", f"{whole.with_feedback} ({_percent(whole.share_percent)})"),
            ("Asked, declined", str(whole.declined)),
            ("The aim", f"{data.aim_percent:.0f}% of audits"),
            ("Produced", f"{long_date(data.produced_on)} by {data.produced_by}"),
        ],
        columns=2,
    )
    if whole.audits == 0:
        builder.note("No audits were signed off in this period.", label="No audits")
    elif met:
        builder.note(
            f"{_percent(whole.share_percent)} of audits have family feedback: the aim of "
            f"{data.aim_percent:.0f}% is met.",
            label="Aim met",
        )
    else:
        builder.note(
            f"{_percent(whole.share_percent)} of audits have family feedback, against an aim "
            f"of {data.aim_percent:.0f}%: {whole.audits - whole.with_feedback} audit(s) have "
            "none yet.",
            tone="warning",
            label="Aim not met",
        )
    if data.withheld_note:
        builder.paragraph(data.withheld_note)

    builder.heading("Audits with family feedback, by team")
    builder.table(
        ["Team", "Audits", "With feedback", "Declined", "Share"],
        [
            [
                c.team or "All teams",
                str(c.audits),
                str(c.with_feedback),
                str(c.declined),
                _percent(c.share_percent),
            ]
            # The whole last, when there is more than one team to add up.
            for c in (data.coverage if len(data.coverage) > 2 else data.coverage[:-1])
        ],
        [0.4, 0.15, 0.15, 0.15, 0.15],
        empty="No audits were signed off in this period.",
    )
    builder.heading("What families said, by team")
    builder.table(
        ["Team", "Questionnaires", "Declined", "Positive answers"],
        [
            [t.team, str(t.questionnaires), str(t.declined), _percent(t.positive_percent)]
            for t in data.teams
        ],
        [0.4, 0.2, 0.2, 0.2],
        empty="No family feedback was recorded in this period.",
    )
    builder.heading("Each questionnaire, beside the audit's grade")
    builder.table(
        ["Audit", "Team", "Audit grade", "Who answered", "Consent", "Recorded", "Positive"],
        [
            [
                q.audit_reference,
                q.team,
                q.grade,
                q.respondent,
                "Given" if q.consent_given else "Declined",
                short_date(q.recorded_on),
                _percent(q.positive_percent),
            ]
            for q in data.questionnaires
        ],
        [0.16, 0.24, 0.14, 0.14, 0.11, 0.11, 0.1],
        empty="No family feedback was recorded in this period.",
    )
    return builder.build(path)
