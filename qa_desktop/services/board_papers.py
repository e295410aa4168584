"""The boards' papers: the monthly performance board pack and the one-page scorecard (the
month's dashboard beside the month before, and the audits flagged as outstanding practice),
and a team's weekly Required Actions report (PDF and CSV). The figures are the reporting
service's; who may run them follows the rights for reports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.board_papers import (
    RequiredActions,
    RequiredItem,
    RequiredKind,
    month_period,
    previous_month,
    required_actions,
    required_horizon,
    required_item,
)
from qa_desktop.errors import ValidationError
from qa_desktop.reports.board_data import MonthlyPapersData
from qa_desktop.reports.board_pack import build_board_pack
from qa_desktop.reports.required_actions import (
    build_required_actions,
    write_required_actions_csv,
)
from qa_desktop.reports.scorecard import build_scorecard
from qa_desktop.services.actors import Caller, SystemActor
from qa_desktop.services.clock import Clock, today
from qa_desktop.services.followup.moderation import moderation_queue
from qa_desktop.services.programme.monthly_plan import parse_month
from qa_desktop.services.reporting import COUNTY, ReportingService, may_report, writing
from qa_desktop.store.engine import Store
from qa_desktop.store.queries import team_work
from qa_desktop.store.queries.audits import TeamChoice
from qa_desktop.store.reporting import queries as rq

__all__ = ["BoardPapersService", "TeamChoice"]

MODERATORS = "A moderator (not the auditor)"


class BoardPapersService:
    def __init__(self, store: Store, clock: Clock, reporting: ReportingService) -> None:
        self._store = store
        self._clock = clock
        self._reporting = reporting

    # -- the monthly papers --------------------------------------------------------------

    def monthly(self, month: str, actor: Caller) -> MonthlyPapersData:
        """The month's figures (YYYY-MM) beside the month before's, county-wide."""
        may_report(actor)
        start = parse_month(month)
        this_period, last_period = month_period(start), previous_month(start)
        this = self._reporting.dashboard(this_period, COUNTY, actor)
        if not (this.plan.completed or this.plan.due):
            raise ValidationError(
                "No audits were completed or due in {month}, so there is nothing to report. "
                "Choose a month with audits.",
                month=f"{this_period.start:%B %Y}",
            )
        last = self._reporting.dashboard(last_period, COUNTY, actor)
        with self._store.reader() as session:
            outstanding = rq.outstanding_practice(session, this_period, COUNTY)
            before = rq.outstanding_practice(session, last_period, COUNTY)
        return MonthlyPapersData(
            month=f"{this_period.start:%B %Y}",
            previous_month=f"{last_period.start:%B %Y}",
            this=this,
            last=last,
            outstanding=tuple(outstanding),
            outstanding_last=len(before),
            author="QA team" if isinstance(actor, SystemActor) else actor.person.name,
        )

    def board_pack(self, month: str, path: Path, actor: Caller) -> Path:
        """The monthly performance board pack as PDF."""
        data = self.monthly(month, actor)
        return writing(path, lambda: (build_board_pack(data, path), path)[1])

    def scorecard(self, month: str, path: Path, actor: Caller) -> Path:
        """The one-page monthly scorecard as PDF."""
        data = self.monthly(month, actor)
        return writing(path, lambda: (build_scorecard(data, path), path)[1])

    # -- the weekly Required Actions report ----------------------------------------------

    def teams(self) -> tuple[TeamChoice, ...]:
        return self._reporting.slice_options().organisation.teams

    def required_actions(self, team: str, week_of: date | None, actor: Caller) -> RequiredActions:
        """What the team's cases wait for (``team`` its name or id): due in the next five
        working days from ``week_of`` (today if None) or overdue."""
        may_report(actor)
        on = week_of or today(self._clock)
        found = self._team(team)
        horizon = required_horizon(on)
        items: list[RequiredItem | None] = []
        with self._store.reader() as session:
            for row, audit_type in team_work.open_audits(session, found.id, horizon):
                reaudit = audit_type == AuditType.REAUDIT.value
                kind = RequiredKind.REAUDIT if reaudit else RequiredKind.AUDIT
                what = "Re-audit" if reaudit else f"{AuditType(audit_type).label} audit"
                items.append(
                    required_item(
                        kind,
                        row.reference,
                        row.case_reference,
                        what,
                        row.responsible,
                        row.due_on,
                        on,
                    )
                )
            for queued in moderation_queue(session, on):
                if queued.team != found.name:
                    continue
                items.append(
                    required_item(
                        RequiredKind.MODERATION,
                        queued.reference,
                        queued.case_reference,
                        f"Moderate ({queued.reason.label})",
                        MODERATORS,
                        queued.due_on,
                        on,
                    )
                )
            for row in team_work.meetings_not_held(session, found.id, horizon):
                items.append(
                    required_item(
                        RequiredKind.MEETING,
                        row.reference,
                        row.case_reference,
                        "Hold the reflective meeting",
                        row.responsible,
                        row.due_on,
                        on,
                    )
                )
            for row in team_work.actions_not_done(session, found.id, horizon):
                items.append(
                    required_item(
                        RequiredKind.ACTION,
                        row.reference,
                        row.case_reference,
                        row.what,
                        row.responsible,
                        row.due_on,
                        on,
                    )
                )
        return required_actions(found.name, on, [i for i in items if i is not None])

    def required_actions_report(
        self,
        team: str,
        week_of: date | None,
        pdf: Path | None,
        csv: Path | None,
        actor: Caller,
    ) -> tuple[Path, ...]:
        """The weekly report as PDF, as CSV, or both (each written where it is given)."""
        if pdf is None and csv is None:
            raise ValidationError("Choose PDF, CSV or both for the Required Actions report.")
        data = self.required_actions(team, week_of, actor)
        written: list[Path] = []
        if pdf is not None:
            written.append(writing(pdf, lambda: (build_required_actions(data, pdf), pdf)[1]))
        if csv is not None:
            written.append(writing(csv, lambda: write_required_actions_csv(data, csv)))
        return tuple(written)

    def _team(self, team: str) -> TeamChoice:
        wanted = team.strip().lower()
        teams = self.teams()
        for choice in teams:
            if choice.id == team or choice.name.lower() == wanted:
                return choice
        raise ValidationError(
            "There is no team called '{name}' in this store. Teams: {teams}.",
            name=team,
            teams=", ".join(t.name for t in teams) or "none yet",
        )
