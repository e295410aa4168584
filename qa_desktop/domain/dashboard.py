"""The figures of the reporting dashboard, as plain data, and the tables they make.

The store counts (SQL aggregates); these classes hold the counts and do the arithmetic that
turns them into percentages, so that the same rules serve the screen, the exports, the
command line and the quarterly report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from qa_desktop.domain.calendar import Period
from qa_desktop.domain.compliance import (
    AnswerCounts,
    CouncilShares,
    change,
    compliance_percent,
    council_shares,
    meets_standard,
    rounded_to_100,
)
from qa_desktop.domain.forms import PartlyCounts, StandardMeasure
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.report_periods import ReportSlice, counted_to
from qa_desktop.domain.report_tables import ReportTable, one_place, share
from qa_desktop.domain.themes import Theme

OVERALL = "overall"


RuledCounts = tuple[tuple[PartlyCounts, AnswerCounts], ...]


def combined_percent(parts: RuledCounts) -> float | None:
    """Compliance of answers that come from forms which may count Partly differently (a dip
    sample's A1 and the learning audit's A1 are the same question): each form's answers are
    weighed by its own rule, then pooled. With one form this is ``compliance_percent``."""
    numerator = 0.0
    denominator = 0
    for partly, counts in parts:
        weight = partly.weight
        if weight is None:
            numerator += counts.yes
            denominator += counts.yes + counts.no
        else:
            numerator += counts.yes + weight * counts.partly
            denominator += counts.yes + counts.partly + counts.no
    if len(parts) == 1:
        return compliance_percent(parts[0][1], parts[0][0])
    return None if denominator == 0 else 100.0 * numerator / denominator


def _total(parts: RuledCounts) -> AnswerCounts:
    total = AnswerCounts()
    for _, counts in parts:
        total += counts
    return total


@dataclass(frozen=True)
class QuestionCompliance:
    """One question's answers in the period and the period before. Questions are matched by
    id across forms (forms copy a question with its id to compare like with like)."""

    question_id: str
    section_id: str
    section_title: str
    text: str
    key: bool
    forms: tuple[str, ...]  # titles of the forms that asked it
    current: RuledCounts
    before: RuledCounts = ()
    unanswered: int = 0  # audits in the period that asked it and have no answer
    # Which figure the form holds against the standard: Yes / (Yes + No), or met of all cases.
    measure: StandardMeasure = StandardMeasure.APPLICABLE

    @property
    def counts(self) -> AnswerCounts:
        return _total(self.current)

    @property
    def previous(self) -> AnswerCounts:
        return _total(self.before)

    @property
    def percent(self) -> float | None:
        return combined_percent(self.current)

    @property
    def previous_percent(self) -> float | None:
        return combined_percent(self.before)

    @property
    def change(self) -> float | None:
        return change(self.percent, self.previous_percent)

    @property
    def shares(self) -> CouncilShares | None:
        """The council's layout: met, not met, N/A as shares of all audited cases."""
        return council_shares(self.counts)

    @property
    def previous_shares(self) -> CouncilShares | None:
        return council_shares(self.previous)

    @property
    def held(self) -> float | None:
        """The figure held against the standard, as the form says."""
        if self.measure is StandardMeasure.ALL_CASES:
            return None if self.shares is None else self.shares.met
        return self.percent

    @property
    def previous_held(self) -> float | None:
        if self.measure is StandardMeasure.ALL_CASES:
            return None if self.previous_shares is None else self.previous_shares.met
        return self.previous_percent

    @property
    def held_change(self) -> float | None:
        return change(self.held, self.previous_held)

    def meets(self, standard: float) -> bool | None:
        return meets_standard(self.held, standard)


@dataclass(frozen=True)
class GradeRow:
    """How many audits got each grade in one practice area (or overall) of one form."""

    form_key: str
    form_title: str  # what people call the form ("Learning audit"), never its key
    section_id: str  # OVERALL for the overall grade
    section_title: str
    counts: Mapping[Grade, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, grade: Grade) -> int:
        return self.counts.get(grade, 0)

    def share(self, grade: Grade) -> float | None:
        return share(self.count(grade), self.total)


@dataclass(frozen=True)
class TrendPoint:
    """The overall grades of one financial quarter."""

    quarter: str  # "2026/27-Q2"
    period: Period
    counts: Mapping[Grade, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, grade: Grade) -> float | None:
        return share(self.counts.get(grade, 0), self.total)


@dataclass(frozen=True)
class AreaTrend:
    """One practice area's confirmed grades over financial quarters (oldest first): the
    headline chart of Inadequate falling and Good rising, per area."""

    section_id: str
    section_title: str
    points: tuple[TrendPoint, ...]


def monthly_target_applies(slc: ReportSlice) -> bool:
    """The monthly target plans the whole county's programme of routine audits, so only a
    county-wide slice (any form or audit type, no area, service, team or worker) has one."""
    return not any((slc.area_id, slc.service_id, slc.team_id, slc.worker_id))


@dataclass(frozen=True)
class PlanFigures:
    target: int  # what the monthly target plans for the period
    completed: int  # audits completed in the period
    due: int  # audits due in the period (planned by the programme)
    due_completed: int  # of those, how many are completed

    @property
    def percent_of_target(self) -> float | None:
        return share(self.completed, self.target)

    @property
    def percent_of_due(self) -> float | None:
        return share(self.due_completed, self.due)


@dataclass(frozen=True)
class AuditorAgreement:
    auditor_id: str
    auditor: str
    completed: int  # the auditor's audits completed in the period
    moderated: int  # audits with an overall moderation decision
    overall_agreed: int
    area_decisions: int
    area_agreed: int

    @property
    def coverage(self) -> float | None:
        return share(self.moderated, self.completed)

    @property
    def overall_percent(self) -> float | None:
        return share(self.overall_agreed, self.moderated)

    @property
    def area_percent(self) -> float | None:
        return share(self.area_agreed, self.area_decisions)


@dataclass(frozen=True)
class ModerationFigures:
    completed: int
    moderated: int
    by_auditor: tuple[AuditorAgreement, ...] = ()

    @property
    def coverage(self) -> float | None:
        return share(self.moderated, self.completed)

    @property
    def agreement(self) -> float | None:
        return share(sum(a.overall_agreed for a in self.by_auditor), self.moderated)


@dataclass(frozen=True)
class InadequateFigures:
    inadequate: int  # audits completed in the period whose confirmed grade is Inadequate
    reaudited: int  # of those, how many have a completed re-audit
    moved_up: int  # of those re-audited, how many were graded better
    meetings_due: int  # reflective meetings due in the period
    meetings_on_time: int
    meetings_late: int  # held after the due date
    meetings_overdue: int  # not held and past due
    reaudits_due: int  # re-audits due in the period
    reaudits_on_time: int
    reaudits_late: int
    reaudits_overdue: int

    @property
    def moved_up_percent(self) -> float | None:
        return share(self.moved_up, self.reaudited)

    @property
    def meetings_on_time_percent(self) -> float | None:
        return share(self.meetings_on_time, self.meetings_due)

    @property
    def reaudits_on_time_percent(self) -> float | None:
        return share(self.reaudits_on_time, self.reaudits_due)


@dataclass(frozen=True)
class ActionFigures:
    due: int  # actions due in the period
    done_on_time: int
    done_late: int
    overdue: int  # not done and past due (as at today)
    not_yet_due: int

    @property
    def on_time_percent(self) -> float | None:
        return share(self.done_on_time, self.due)


@dataclass(frozen=True)
class VoiceFigures:
    """The voice of the child, measured from the Yes / No question(s) the forms mark
    ``voice_of_child`` (an answer that can be No), never from the compulsory closing text,
    which every signed-off audit has. Yes is recorded; Partly counts as the form says."""

    completed: int  # audits completed in the period
    question_ids: tuple[str, ...] = ()  # the questions that measure it
    parts: RuledCounts = ()

    @property
    def counts(self) -> AnswerCounts:
        return _total(self.parts)

    @property
    def asked(self) -> int:
        """Audits that answered the question Yes, Partly or No."""
        return self.counts.yes + self.counts.partly + self.counts.no

    @property
    def recorded(self) -> int:
        return self.counts.yes

    @property
    def not_recorded(self) -> int:
        return self.counts.partly + self.counts.no

    @property
    def percent(self) -> float | None:
        return combined_percent(self.parts) if self.parts else None


@dataclass(frozen=True)
class Before:
    """The headline counts of the period a dashboard is compared with (its compliance and
    voice of the child come with the answers, ``QuestionCompliance.before``)."""

    completed: int
    moderated: int
    agreed: int  # overall grades the moderator agreed
    inadequate: int
    reaudited: int
    moved_up: int
    overdue: int  # actions due in that period and not done

    @property
    def coverage(self) -> float | None:
        return share(self.moderated, self.completed)

    @property
    def agreement(self) -> float | None:
        return share(self.agreed, self.moderated)

    @property
    def moved_up_percent(self) -> float | None:
        return share(self.moved_up, self.reaudited)


@dataclass(frozen=True)
class Dashboard:
    period: Period
    previous_period: Period
    slice: ReportSlice
    standard: float
    compliance: tuple[QuestionCompliance, ...]
    grades: tuple[GradeRow, ...]
    trend: tuple[TrendPoint, ...]
    plan: PlanFigures
    moderation: ModerationFigures
    inadequate: InadequateFigures
    actions: ActionFigures
    voice: VoiceFigures
    themes: tuple[Theme, ...] = field(default=())
    area_trend: tuple[AreaTrend, ...] = field(default=())
    as_of: date | None = None  # the day the figures were worked out
    before: Before | None = None  # the headline counts of ``previous_period``

    @property
    def counted_to(self) -> date | None:
        """The last day counted when the period is not over yet (figures so far), else None."""
        return None if self.as_of is None else counted_to(self.period, self.as_of)

    @property
    def questions_meeting_standard(self) -> int:
        return sum(1 for q in self.compliance if q.meets(self.standard))

    @property
    def questions_meeting_standard_before(self) -> int:
        return sum(1 for q in self.compliance if meets_standard(q.previous_held, self.standard))

    @property
    def voice_before(self) -> float | None:
        """The voice of the child recorded in the period compared with."""
        parts = tuple(
            part
            for q in self.compliance
            if q.question_id in self.voice.question_ids
            for part in q.before
        )
        return combined_percent(parts) if parts else None

    def tables(self) -> tuple[ReportTable, ...]:
        return (
            compliance_table(self.compliance, self.standard),
            grades_table(self.grades),
            trend_table(self.trend),
            plan_table(self.plan),
            moderation_table(self.moderation),
            inadequate_table(self.inadequate),
            actions_table(self.actions),
            voice_table(self.voice),
            themes_table(self.themes),
            area_trend_table(self.area_trend),
        )


GRADE_ORDER = Grade.best_first()
COMPLIANCE_HEADERS = (
    "question_id",
    "section",
    "question",
    "yes",
    "partly",
    "no",
    "na",
    "compliance_pct",
)


MEASURE_NAMES = {
    StandardMeasure.APPLICABLE: "yes of yes and no",
    StandardMeasure.ALL_CASES: "met of all cases",
}


def council_layout(shares: CouncilShares | None) -> tuple[float | None, float | None, float | None]:
    """Met, not met and N/A to one place, adding to exactly 100 (blank with no cases)."""
    if shares is None:
        return (None, None, None)
    met, not_met, na = rounded_to_100((shares.met, shares.not_met, shares.na), 1)
    return (met, not_met, na)


def compliance_table(rows: tuple[QuestionCompliance, ...], standard: float) -> ReportTable:
    """Each question in both layouts: the counts, Yes / (Yes + No), the council's met / not met
    / N/A of all cases, which of the two the standard is held to, and against the period
    before."""
    return ReportTable(
        "compliance",
        "Compliance per question",
        (
            *COMPLIANCE_HEADERS,
            "unanswered",
            "met_pct",
            "not_met_pct",
            "na_pct",
            "held_to",
            "held_pct",
            "standard_pct",
            "meets_standard",
            "previous_held_pct",
            "change_pts",
            "previous_pct",
            "forms",
        ),
        tuple(
            (
                q.question_id,
                q.section_title,
                q.text,
                q.counts.yes,
                q.counts.partly,
                q.counts.no,
                q.counts.na,
                one_place(q.percent),
                q.unanswered,
                *council_layout(q.shares),
                MEASURE_NAMES[q.measure],
                one_place(q.held),
                standard,
                _yes_no(q.meets(standard)),
                one_place(q.previous_held),
                one_place(q.held_change),
                one_place(q.previous_percent),
                ", ".join(q.forms),
            )
            for q in rows
        ),
    )


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def grades_table(rows: tuple[GradeRow, ...]) -> ReportTable:
    return ReportTable(
        "grades",
        "Grades per practice area and overall",
        ("form", "section", *(g.label for g in GRADE_ORDER), "total"),
        tuple(
            (r.form_title, r.section_title, *(r.count(g) for g in GRADE_ORDER), r.total)
            for r in rows
        ),
    )


def trend_table(points: tuple[TrendPoint, ...]) -> ReportTable:
    return ReportTable(
        "grade_trend",
        "Overall grades by quarter",
        (
            "quarter",
            *(g.label for g in GRADE_ORDER),
            "total",
            *(f"{g.label} %" for g in GRADE_ORDER),
        ),
        tuple(
            (
                p.quarter,
                *(p.counts.get(g, 0) for g in GRADE_ORDER),
                p.total,
                *(one_place(p.share(g)) for g in GRADE_ORDER),
            )
            for p in points
        ),
    )


def area_trend_table(areas: tuple[AreaTrend, ...]) -> ReportTable:
    return ReportTable(
        "area_trend",
        "Grades per practice area by quarter",
        (
            "section",
            "quarter",
            *(g.label for g in GRADE_ORDER),
            "total",
            *(f"{g.label} %" for g in GRADE_ORDER),
        ),
        tuple(
            (
                area.section_title,
                p.quarter,
                *(p.counts.get(g, 0) for g in GRADE_ORDER),
                p.total,
                *(one_place(p.share(g)) for g in GRADE_ORDER),
            )
            for area in areas
            for p in area.points
        ),
    )


def plan_table(plan: PlanFigures) -> ReportTable:
    return ReportTable(
        "plan",
        "Audits completed against plan",
        ("measure", "value"),
        (
            ("Audits planned by the monthly target", plan.target),
            ("Audits completed", plan.completed),
            ("Completed as % of target", one_place(plan.percent_of_target)),
            ("Audits due in the period", plan.due),
            ("Due audits completed", plan.due_completed),
            ("Due audits completed %", one_place(plan.percent_of_due)),
        ),
    )


def moderation_table(figures: ModerationFigures) -> ReportTable:
    rows: list[tuple[str | int | float | None, ...]] = [
        (
            "All auditors",
            figures.completed,
            figures.moderated,
            one_place(figures.coverage),
            sum(a.overall_agreed for a in figures.by_auditor),
            one_place(figures.agreement),
            sum(a.area_decisions for a in figures.by_auditor),
            one_place(
                share(
                    sum(a.area_agreed for a in figures.by_auditor),
                    sum(a.area_decisions for a in figures.by_auditor),
                )
            ),
        )
    ]
    for a in figures.by_auditor:
        rows.append(
            (
                a.auditor,
                a.completed,
                a.moderated,
                one_place(a.coverage),
                a.overall_agreed,
                one_place(a.overall_percent),
                a.area_decisions,
                one_place(a.area_percent),
            )
        )
    return ReportTable(
        "moderation",
        "Moderation coverage and agreement by auditor",
        (
            "auditor",
            "completed",
            "moderated",
            "coverage_pct",
            "overall_agreed",
            "overall_agreement_pct",
            "area_decisions",
            "area_agreement_pct",
        ),
        tuple(rows),
    )


def inadequate_table(f: InadequateFigures) -> ReportTable:
    return ReportTable(
        "inadequate",
        "Inadequate audits, re-audits and timeliness",
        ("measure", "value"),
        (
            ("Inadequate audits", f.inadequate),
            ("Re-audited", f.reaudited),
            ("Moved up at re-audit", f.moved_up),
            ("Moved up %", one_place(f.moved_up_percent)),
            ("Reflective meetings due", f.meetings_due),
            ("Meetings held on time", f.meetings_on_time),
            ("Meetings held late", f.meetings_late),
            ("Meetings overdue", f.meetings_overdue),
            ("Meetings on time %", one_place(f.meetings_on_time_percent)),
            ("Re-audits due", f.reaudits_due),
            ("Re-audits on time", f.reaudits_on_time),
            ("Re-audits late", f.reaudits_late),
            ("Re-audits overdue", f.reaudits_overdue),
            ("Re-audits on time %", one_place(f.reaudits_on_time_percent)),
        ),
    )


def actions_table(f: ActionFigures) -> ReportTable:
    return ReportTable(
        "actions",
        "Actions due in the period",
        ("measure", "value"),
        (
            ("Actions due", f.due),
            ("Done on time", f.done_on_time),
            ("Done late", f.done_late),
            ("Overdue", f.overdue),
            ("Not yet due", f.not_yet_due),
            ("Done on time %", one_place(f.on_time_percent)),
        ),
    )


def voice_table(f: VoiceFigures) -> ReportTable:
    return ReportTable(
        "voice",
        "Voice of the child",
        ("measure", "value"),
        (
            ("Audits completed", f.completed),
            ("Measured by question", ", ".join(f.question_ids)),
            ("Audits asked", f.asked),
            ("Voice of the child recorded", f.recorded),
            ("Not or partly recorded", f.not_recorded),
            ("Voice of the child recorded %", one_place(f.percent)),
        ),
    )


def themes_table(themes: tuple[Theme, ...]) -> ReportTable:
    return ReportTable(
        "themes",
        "Even better if: themes",
        ("theme", "comments"),
        tuple((t.phrase, t.comments) for t in themes),
    )
