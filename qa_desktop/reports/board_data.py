"""What the monthly board papers are made from (the month's dashboard beside the month
before, the audits flagged as outstanding practice) and the key figures that both the board
pack (:mod:`.board_pack`) and the one-page scorecard (:mod:`.scorecard`) show, each against
its target or standard."""

from __future__ import annotations

from dataclasses import dataclass

from qa_desktop.domain.board_papers import OutstandingPractice
from qa_desktop.domain.dashboard import Dashboard
from qa_desktop.reports.measures import asked, diff, good_or_better, overall_share, pct, pts


@dataclass(frozen=True)
class MonthlyPapersData:
    month: str  # "November 2026"
    previous_month: str  # "October 2026"
    this: Dashboard
    last: Dashboard
    outstanding: tuple[OutstandingPractice, ...]
    outstanding_last: int  # how many the month before flagged
    author: str


@dataclass(frozen=True)
class KeyFigure:
    measure: str
    this: str
    last: str
    change: str
    target: str  # what it is held to ("" where nothing is set)
    met: bool | None  # against the target (None: nothing to hold it to, or no figure)


def _at_least(value: float | None, target: float) -> bool | None:
    return None if value is None else value >= target


def key_figures(data: MonthlyPapersData) -> list[KeyFigure]:
    this, last = data.this, data.last
    standard = this.standard
    target_text = f"{standard:.0f}%"
    met_this, met_last = this.questions_meeting_standard, last.questions_meeting_standard
    good, good_before = good_or_better(this), good_or_better(last)
    inadequate = overall_share(this, "inadequate")
    inadequate_before = overall_share(last, "inadequate")
    p1, p0 = this.plan, last.plan
    m1, m0 = this.moderation, last.moderation
    i1, i0 = this.inadequate, last.inadequate
    a1, a0 = this.actions, last.actions
    return [
        KeyFigure(
            "Audits completed",
            str(p1.completed),
            str(p0.completed),
            diff(p1.completed, p0.completed),
            f"{p1.target} planned" if p1.target else "",
            p1.completed >= p1.target if p1.target else None,
        ),
        KeyFigure(
            "Completed against plan",
            pct(p1.percent_of_target),
            pct(p0.percent_of_target),
            pts(p1.percent_of_target, p0.percent_of_target),
            "100%",
            _at_least(p1.percent_of_target, 100),
        ),
        KeyFigure(
            "Due audits completed",
            pct(p1.percent_of_due),
            pct(p0.percent_of_due),
            pts(p1.percent_of_due, p0.percent_of_due),
            "100%",
            _at_least(p1.percent_of_due, 100),
        ),
        KeyFigure(
            f"Questions at the {standard:.0f}% standard",
            f"{met_this} of {asked(this)}",
            f"{met_last} of {asked(last)}",
            diff(met_this, met_last),
            f"all at {target_text}",
            met_this == asked(this) if asked(this) else None,
        ),
        KeyFigure(
            "Good or better overall", pct(good), pct(good_before), pts(good, good_before), "", None
        ),
        KeyFigure(
            "Inadequate overall",
            pct(inadequate),
            pct(inadequate_before),
            pts(inadequate, inadequate_before),
            "",
            None,
        ),
        KeyFigure(
            "Audits moderated",
            pct(m1.coverage),
            pct(m0.coverage),
            pts(m1.coverage, m0.coverage),
            "",
            None,
        ),
        KeyFigure(
            "Moderation agreement (overall grade)",
            pct(m1.agreement),
            pct(m0.agreement),
            pts(m1.agreement, m0.agreement),
            target_text,
            _at_least(m1.agreement, standard),
        ),
        KeyFigure(
            "Reflective meetings on time",
            pct(i1.meetings_on_time_percent),
            pct(i0.meetings_on_time_percent),
            pts(i1.meetings_on_time_percent, i0.meetings_on_time_percent),
            target_text,
            _at_least(i1.meetings_on_time_percent, standard),
        ),
        KeyFigure(
            "Re-audits on time",
            pct(i1.reaudits_on_time_percent),
            pct(i0.reaudits_on_time_percent),
            pts(i1.reaudits_on_time_percent, i0.reaudits_on_time_percent),
            target_text,
            _at_least(i1.reaudits_on_time_percent, standard),
        ),
        KeyFigure(
            "Actions done on time",
            pct(a1.on_time_percent),
            pct(a0.on_time_percent),
            pts(a1.on_time_percent, a0.on_time_percent),
            target_text,
            _at_least(a1.on_time_percent, standard),
        ),
        KeyFigure(
            "Actions overdue",
            str(a1.overdue),
            str(a0.overdue),
            diff(a1.overdue, a0.overdue),
            "0",
            a1.overdue == 0,
        ),
        KeyFigure(
            "Voice of the child recorded",
            pct(this.voice.percent),
            pct(last.voice.percent),
            pts(this.voice.percent, last.voice.percent),
            target_text,
            _at_least(this.voice.percent, standard),
        ),
        KeyFigure(
            "Flagged as outstanding practice",
            str(len(data.outstanding)),
            str(data.outstanding_last),
            diff(len(data.outstanding), data.outstanding_last),
            "",
            None,
        ),
    ]


def verdict(figure: KeyFigure) -> str:
    """Against the target, in words (never colour alone)."""
    if figure.met is None:
        return ""
    return "Met" if figure.met else "Not met"
