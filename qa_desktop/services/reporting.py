"""Reporting: the dashboard's figures, the tables behind them and the audits behind each
figure. The store counts (SQL aggregates, :mod:`qa_desktop.store.reporting.queries`); this
service reads the forms to name and weigh what was counted."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.calendar import FinancialQuarter, Period
from qa_desktop.domain.compliance import AnswerCounts
from qa_desktop.domain.dashboard import (
    OVERALL,
    ActionFigures,
    AreaTrend,
    AuditorAgreement,
    Before,
    Dashboard,
    GradeRow,
    InadequateFigures,
    ModerationFigures,
    PlanFigures,
    QuestionCompliance,
    TrendPoint,
    VoiceFigures,
    monthly_target_applies,
)
from qa_desktop.domain.forms import AnswerType, FormDefinition, LegalStatus
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.published_settings import COMPLIANCE_STANDARD, MONTHLY_TARGET
from qa_desktop.domain.report_periods import (
    ReportSlice,
    comparison_period,
    trend_quarters,
)
from qa_desktop.domain.report_tables import ReportTable
from qa_desktop.domain.roles import Capability
from qa_desktop.domain.targets import (
    TARGET_HISTORY,
    Targets,
    parse_target_history,
    write_target_history,
)
from qa_desktop.domain.thematic import AgeBand
from qa_desktop.domain.themes import ThemeDefinition, parse_themes, themes
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.formdefs import FORMS_DIR
from qa_desktop.reports import exports
from qa_desktop.reports.quarterly import INDICATORS, QuarterlyReportData, build_quarterly_report
from qa_desktop.services.actors import Actor, Caller, SystemActor, require
from qa_desktop.services.audit.listing import AuditList
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock, today
from qa_desktop.services.programme.forms import form_from_source
from qa_desktop.services.published import read_setting, write_setting
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.page_cache import larger_page_cache
from qa_desktop.store.queries import audits as queries
from qa_desktop.store.queries.audits import Choice, FilterOptions
from qa_desktop.store.recorder import Recorder
from qa_desktop.store.reporting import queries as rq
from qa_desktop.store.reporting.queries import Drill

COUNTY = ReportSlice()
_log = logging.getLogger(__name__)

__all__ = [
    "COUNTY",
    "INDICATORS",
    "Dashboard",
    "Drill",
    "ReportSlice",
    "ReportingService",
    "SliceOptions",
]


@dataclass(frozen=True)
class SliceOptions:
    """What a report can be sliced by."""

    organisation: FilterOptions
    workers: tuple[Choice, ...]
    audit_types: tuple[Choice, ...]  # id is the stored value
    legal_statuses: tuple[Choice, ...] = tuple(Choice(s.value, s.label) for s in LegalStatus)
    age_bands: tuple[Choice, ...] = tuple(Choice(b.value, b.label) for b in AgeBand)


class ReportingService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # -- the dashboard ------------------------------------------------------------------------

    def dashboard(self, period: Period, slc: ReportSlice, actor: Caller) -> Dashboard:
        """Every figure of the dashboard for a period and a slice (compared with the period of
        the same length just before). A practitioner's slice is their own team's audits that
        they may read (:func:`readable_slice`)."""
        slc = readable_slice(actor, slc)
        day = today(self._clock)
        previous = comparison_period(period)
        # Its queries read the period's report rows over and over: kept in a larger cache for
        # the refresh, they are decrypted once, not once per query.
        with self._store.reader() as session, larger_page_cache(session.connection()):
            standard = read_setting(session, COMPLIANCE_STANDARD)
            targets = _targets(session)
            forms = _Forms(session)
            compliance = self._compliance(session, forms, period, previous, slc)
            grades = self._grades(session, forms, period, slc)
            trend = self._trend(session, period, slc)
            area_trend = self._area_trend(session, forms, period, slc)
            completed, due, due_completed = rq.plan_counts(session, period, slc)
            agreement = rq.agreement_by_auditor(session, period, slc)
            inadequate, reaudited, moved_up = rq.inadequate_counts(session, period, slc)
            meetings = rq.meeting_counts(session, period, slc, day)
            reaudits = rq.reaudit_counts(session, period, slc, day)
            actions = rq.action_counts(session, period, slc, day)
            voice_completed, _ = rq.voice_counts(session, period, slc)
            voice = _voice(forms, compliance, voice_completed)
            comments = rq.even_better_if_texts(session, period, slc)
            before = _before(session, previous, slc, day)
        return Dashboard(
            period=period,
            previous_period=previous,
            slice=slc,
            standard=standard,
            compliance=compliance,
            grades=grades,
            trend=trend,
            plan=PlanFigures(
                target=targets.planned_for(period) if monthly_target_applies(slc) else 0,
                completed=completed,
                due=due,
                due_completed=due_completed,
            ),
            moderation=ModerationFigures(
                completed=completed,
                moderated=sum(a.moderated for a in agreement),
                by_auditor=tuple(
                    AuditorAgreement(
                        a.auditor_id,
                        a.auditor,
                        a.completed,
                        a.moderated,
                        a.overall_agreed,
                        a.area_decisions,
                        a.area_agreed,
                    )
                    for a in agreement
                ),
            ),
            inadequate=InadequateFigures(inadequate, reaudited, moved_up, *meetings, *reaudits),
            actions=ActionFigures(*actions),
            voice=voice,
            themes=tuple(themes(comments, theme_definitions())),
            area_trend=area_trend,
            as_of=day,
            before=before,
        )

    def compliance(
        self, period: Period, slc: ReportSlice, actor: Caller
    ) -> tuple[QuestionCompliance, ...]:
        may_report(actor)
        with self._store.reader() as session:
            return self._compliance(
                session, _Forms(session), period, comparison_period(period), slc
            )

    def grades(self, period: Period, slc: ReportSlice, actor: Caller) -> tuple[GradeRow, ...]:
        may_report(actor)
        with self._store.reader() as session:
            return self._grades(session, _Forms(session), period, slc)

    def targets(self) -> Targets:
        """The monthly target as it stood each month (the months' plans, the published
        history, today's target)."""
        with self._store.reader() as session:
            return _targets(session)

    @writes(Change.REPORTS)
    def record_target(self, month: str, target: int, actor: Caller) -> Targets:
        """Record that the monthly target was ``target`` from ``month`` (YYYY-MM) on, for
        months planned before QA Desktop: the QA team's published target history."""
        require(actor, Capability.MANAGE_PROGRAMME, "Only the QA team can record targets.")
        try:
            history = parse_target_history(f"{month}: {target}")
        except ValueError as exc:
            raise ValidationError("{problem}.", problem=str(exc)) from None
        with self._store.session() as session:
            recorder = Recorder(session, actor.id, self._clock())
            try:
                known = parse_target_history(read_setting(session, TARGET_HISTORY))
            except ValueError:
                known = {}
            write_setting(recorder, TARGET_HISTORY, write_target_history({**known, **history}))
        return self.targets()

    def standard(self) -> float:
        with self._store.reader() as session:
            return read_setting(session, COMPLIANCE_STANDARD)

    def audits_behind(
        self,
        period: Period,
        slc: ReportSlice,
        drill: Drill,
        actor: Caller,
        limit: int = 5000,
    ) -> AuditList:
        """The audits a figure counts (the newest ``limit`` of them, and how many in all)."""
        slc = readable_slice(actor, slc)
        with self._store.reader() as session:
            try:
                rows, total = rq.drill_audits(
                    session, period, slc, drill, today(self._clock), limit
                )
            except ValueError as exc:
                raise ValidationError("{problem}.", problem=str(exc)) from None
        return AuditList(rows, total)

    # -- the quarterly report ------------------------------------------------------------------

    def commentary(self, quarter: FinancialQuarter) -> dict[str, str]:
        """The commentary written for each indicator of a quarter's report."""
        with self._store.reader() as session:
            rows = session.execute(
                select(m.ReportCommentary.indicator, m.ReportCommentary.text).where(
                    m.ReportCommentary.period == quarter.label
                )
            )
            return {indicator: text for indicator, text in rows}

    @writes(Change.REPORTS)
    def save_commentary(
        self, quarter: FinancialQuarter, texts: Mapping[str, str], actor: Caller
    ) -> dict[str, str]:
        """Keep the commentary for a quarter (only what changed is written, with history)."""
        may_report(actor)
        known = dict(INDICATORS)
        with self._store.session() as session:
            recorder = Recorder(session, actor.id, self._clock())
            stored = {
                row.indicator: row
                for row in session.scalars(
                    select(m.ReportCommentary).where(m.ReportCommentary.period == quarter.label)
                )
            }
            for key, text in texts.items():
                if key not in known:
                    raise ValidationError("There is no indicator '{key}'.", key=key)
                row = stored.get(key)
                if row is None:
                    if text.strip():
                        recorder.insert(
                            m.ReportCommentary,
                            period=quarter.label,
                            indicator=key,
                            text=text,
                            author_id=actor.id,
                            updated_at=recorder.now,
                        )
                elif row.text != text:
                    recorder.update(
                        row,
                        text=text,
                        author_id=actor.id,
                        updated_at=recorder.now,
                    )
        return self.commentary(quarter)

    def quarterly_report(
        self,
        quarter: FinancialQuarter,
        path: Path,
        slc: ReportSlice,
        actor: Caller,
    ) -> Path:
        """The quarterly QA report as PDF: each indicator, this quarter beside the last, with
        charts and the QA team's commentary."""
        may_report(actor)
        this = self.dashboard(Period.quarter(quarter), slc, actor)
        last = self.dashboard(Period.quarter(quarter.previous()), slc, actor)
        data = QuarterlyReportData(
            quarter=quarter.label,
            previous_quarter=quarter.previous().label,
            this=this,
            last=last,
            scope=describe_slice(slc, self.slice_options()),
            author="QA team" if isinstance(actor, SystemActor) else actor.person.name,
            commentary=self.commentary(quarter),
        )
        return writing(path, lambda: (build_quarterly_report(data, path), path)[1])

    # -- exports -----------------------------------------------------------------------------

    def export_csv(self, table: ReportTable, path: Path) -> Path:
        """One table as CSV (UTF-8 with a byte-order mark, for Excel)."""
        return writing(path, lambda: exports.write_csv(table, path))

    def export_excel(self, tables: Sequence[ReportTable], path: Path, heading: str = "") -> Path:
        """Tables as one Excel workbook, a sheet per table."""
        return writing(path, lambda: exports.write_excel(tables, path, heading))

    # -- slices -------------------------------------------------------------------------------

    def slice_options(self) -> SliceOptions:
        with self._store.reader() as session:
            organisation = queries.filter_options(session)
            workers = tuple(
                Choice(pid, name)
                for pid, name in session.execute(
                    select(m.Person.id, m.Person.name)
                    .where(m.Person.id.in_(select(m.Audit.practitioner_id)))
                    .order_by(m.Person.name)
                )
            )
        return SliceOptions(
            organisation, workers, tuple(Choice(t.value, t.label) for t in AuditType)
        )

    def slice_named(
        self,
        *,
        team: str | None = None,
        service: str | None = None,
        area: str | None = None,
        form: str | None = None,
        legal_status: str | None = None,
        age_band: str | None = None,
    ) -> ReportSlice:
        """A slice from names as people type them (the command line); ValidationError naming
        what is not known."""
        every = self.slice_options()
        options = every.organisation

        def find(kind: str, name: str | None, choices: tuple[Choice, ...]) -> str | None:
            if name is None:
                return None
            wanted = name.strip().lower()
            for choice in choices:
                if choice.name.lower() == wanted or choice.id.lower() == wanted:
                    return choice.id
            raise ValidationError(
                "There is no {kind} called '{name}' in this store.", kind=kind, name=name
            )

        teams = tuple(Choice(t.id, t.name) for t in options.teams)
        return ReportSlice(
            team_id=find("team", team, teams),
            service_id=find("service", service, options.services),
            area_id=find("area", area, options.areas),
            form_key=find("form", form, options.forms),
            legal_status=find("legal status", legal_status, every.legal_statuses),
            age_band=find("age band", age_band, every.age_bands),
        )

    # -- parts --------------------------------------------------------------------------------

    def _compliance(
        self,
        session: Session,
        forms: _Forms,
        period: Period,
        previous: Period,
        slc: ReportSlice,
    ) -> tuple[QuestionCompliance, ...]:
        tallies = rq.answer_tallies(session, period, previous, slc)
        per_version = rq.audits_per_version(session, period, slc)
        forms.load({t.form_version_id for t in tallies} | set(per_version))
        # Counts per question id and per form (each form weighs Partly by its own rule).
        current: dict[str, dict[str, AnswerCounts]] = defaultdict(dict)
        before: dict[str, dict[str, AnswerCounts]] = defaultdict(dict)
        answered_by_form: dict[str, int] = defaultdict(int)
        for tally in tallies:
            form_key = forms.key_of(tally.form_version_id)
            for target, counts in ((current, tally.current), (before, tally.previous)):
                per_form = target[tally.question_id]
                per_form[form_key] = per_form.get(form_key, AnswerCounts()) + AnswerCounts(*counts)
            answered_by_form[form_key] += sum(tally.current)
        asked: dict[str, int] = defaultdict(int)
        for version_id, count in per_version.items():
            for question in forms.form(version_id).questions():
                asked[question.id] += count
        newest = {f.key: f for f in forms.newest_first_by_title()}
        # The form with most answers names the sections and questions; others add theirs.
        ordered = sorted(newest.values(), key=lambda f: (-answered_by_form[f.key], f.title))
        rows: list[QuestionCompliance] = []
        seen: set[str] = set()
        for form in ordered:
            for section in form.sections:
                for question in section.questions:
                    qid = question.id
                    if (
                        question.answer_type is not AnswerType.YES_NO
                        or qid in seen
                        or (qid not in current and qid not in asked)
                    ):
                        continue
                    seen.add(qid)
                    now = current.get(qid, {})
                    then = before.get(qid, {})
                    asking = [f for f in ordered if f.key in now or f.key in then] or [form]
                    rows.append(
                        QuestionCompliance(
                            question_id=qid,
                            section_id=section.id,
                            section_title=section.title,
                            text=" ".join(question.text.split()),
                            key=question.key,
                            forms=tuple(f.title for f in asking),
                            current=tuple(
                                (newest[k].partly_counts, c) for k, c in sorted(now.items())
                            ),
                            before=tuple(
                                (newest[k].partly_counts, c) for k, c in sorted(then.items())
                            ),
                            unanswered=max(
                                0, asked.get(qid, 0) - sum(c.answered for c in now.values())
                            ),
                            measure=form.measure_of(question),
                        )
                    )
        return tuple(rows)

    def _grades(
        self, session: Session, forms: _Forms, period: Period, slc: ReportSlice
    ) -> tuple[GradeRow, ...]:
        sections = rq.section_grade_counts(session, period, slc)
        overall = rq.overall_grade_counts(session, period, slc)
        forms.load({row[0] for row in sections} | {row[0] for row in overall})
        counts: dict[tuple[str, str], dict[Grade, int]] = defaultdict(dict)
        for version_id, section_id, grade, count in sections:
            key = (forms.key_of(version_id), section_id)
            counts[key][Grade(grade)] = counts[key].get(Grade(grade), 0) + count
        for version_id, grade, count in overall:
            key = (forms.key_of(version_id), OVERALL)
            counts[key][Grade(grade)] = counts[key].get(Grade(grade), 0) + count
        rows: list[GradeRow] = []
        for form in forms.newest_first_by_title():
            for section in form.graded_sections():
                if (form.key, section.id) in counts:
                    rows.append(
                        GradeRow(
                            form.key,
                            form.title,
                            section.id,
                            section.title,
                            counts[(form.key, section.id)],
                        )
                    )
            if (form.key, OVERALL) in counts:
                rows.append(
                    GradeRow(form.key, form.title, OVERALL, "Overall", counts[(form.key, OVERALL)])
                )
        return tuple(rows)

    def _area_trend(
        self, session: Session, forms: _Forms, period: Period, slc: ReportSlice
    ) -> tuple[AreaTrend, ...]:
        """Each practice area's confirmed grades in the four quarters up to the period's
        (areas matched by section id across forms, as the trend compares like with like)."""
        quarters = trend_quarters(period)
        periods = [Period.quarter(q) for q in quarters]
        counts: dict[str, list[dict[Grade, int]]] = defaultdict(lambda: [{} for _ in periods])
        for index, span in enumerate(periods):
            rows = rq.section_grade_counts(session, span, slc)
            forms.load({row[0] for row in rows})
            for _version, section_id, grade, count in rows:
                slot = counts[section_id][index]
                slot[Grade(grade)] = slot.get(Grade(grade), 0) + count
        return tuple(
            AreaTrend(
                section_id,
                title,
                tuple(
                    TrendPoint(q.label, p, counts[section_id][i])
                    for i, (q, p) in enumerate(zip(quarters, periods, strict=True))
                ),
            )
            for section_id, title in _area_order(forms)
            if section_id in counts
        )

    def _trend(self, session: Session, period: Period, slc: ReportSlice) -> tuple[TrendPoint, ...]:
        quarters = trend_quarters(period)
        periods = [Period.quarter(q) for q in quarters]
        counts: dict[int, dict[Grade, int]] = defaultdict(dict)
        for index, grade, count in rq.overall_grade_trend(session, periods, slc):
            counts[index][Grade(grade)] = counts[index].get(Grade(grade), 0) + count
        return tuple(
            TrendPoint(q.label, p, counts.get(i, {}))
            for i, (q, p) in enumerate(zip(quarters, periods, strict=True))
        )


def _before(session: Session, previous: Period, slc: ReportSlice, day: date) -> Before:
    """The headline counts of the period compared with, for each tile's change."""
    completed, _due, _due_completed = rq.plan_counts(session, previous, slc)
    agreement = rq.agreement_by_auditor(session, previous, slc)
    inadequate, reaudited, moved_up = rq.inadequate_counts(session, previous, slc)
    overdue = rq.action_counts(session, previous, slc, day)[3]
    return Before(
        completed=completed,
        moderated=sum(a.moderated for a in agreement),
        agreed=sum(a.overall_agreed for a in agreement),
        inadequate=inadequate,
        reaudited=reaudited,
        moved_up=moved_up,
        overdue=overdue,
    )


def _voice(
    forms: _Forms, compliance: tuple[QuestionCompliance, ...], completed: int
) -> VoiceFigures:
    """The voice of the child from the answers to the questions the forms mark for it."""
    ids = forms.voice_question_ids()
    rows = [q for q in compliance if q.question_id in ids]
    return VoiceFigures(
        completed,
        tuple(q.question_id for q in rows),
        tuple(part for q in rows for part in q.current),
    )


def _area_order(forms: _Forms) -> list[tuple[str, str]]:
    """(section id, title) of every graded practice area of the forms met, in form order."""
    seen: dict[str, str] = {}
    for form in forms.newest_first_by_title():
        for section in form.graded_sections():
            seen.setdefault(section.id, section.title)
    return list(seen.items())


class _Forms:
    """The form versions a report met, read once from their stored sources."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._versions: dict[str, tuple[rq.FormVersionSource, FormDefinition]] = {}

    def load(self, ids: set[str]) -> None:
        missing = [i for i in ids if i not in self._versions]
        for version in rq.form_versions(self._session, missing):
            form = form_from_source(version.source, f"{version.title} v{version.version}")
            self._versions[version.id] = (version, form)

    def form(self, version_id: str) -> FormDefinition:
        return self._versions[version_id][1]

    def key_of(self, version_id: str) -> str:
        return self._versions[version_id][0].key

    def voice_question_ids(self) -> set[str]:
        """The questions any form met marks as measuring the voice of the child."""
        return {
            q.id
            for _, form in self._versions.values()
            for q in form.questions()
            if q.voice_of_child
        }

    def newest_first_by_title(self) -> list[FormDefinition]:
        """The newest version met of each form, ordered by title."""
        newest: dict[str, tuple[int, FormDefinition]] = {}
        for version, form in self._versions.values():
            if version.key not in newest or newest[version.key][0] < version.version:
                newest[version.key] = (version.version, form)
        return sorted((f for _, f in newest.values()), key=lambda f: f.title)


def _targets(session: Session) -> Targets:
    """Every month's target: its own plan, else the published history, else today's."""
    try:
        history = parse_target_history(read_setting(session, TARGET_HISTORY))
    except ValueError:
        _log.warning("the published target history cannot be read; it is left out")
        history = {}
    plans = {
        date.fromisoformat(f"{month}-01"): target
        for month, target in session.execute(select(m.MonthlyPlan.month, m.MonthlyPlan.target))
    }
    return Targets(read_setting(session, MONTHLY_TARGET), history, plans)


THEMES_FILE = FORMS_DIR / "themes.csv"


@cache
def theme_definitions(path: Path = THEMES_FILE) -> tuple[ThemeDefinition, ...]:
    """The "even better if" themes the QA team keeps (``forms/themes.csv``), read once."""
    try:
        return parse_themes(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(
            "The list of themes ({file}) cannot be read ({reason}).",
            file=path.name,
            reason=str(exc),
        ) from None


def writing(path: Path, write: Callable[[], Path]) -> Path:
    try:
        return write()
    except OSError as exc:
        raise ValidationError(
            "{path} could not be written ({reason}). Choose another folder or file name.",
            path=str(path),
            reason=exc.strerror or type(exc).__name__,
        ) from None


def describe_slice(slc: ReportSlice, options: SliceOptions) -> str:
    """The slice in words, for headings: "County", or "Team: West Early Help; Form: ..."."""
    org = options.organisation
    parts: list[str] = []
    for label, wanted, choices in (
        ("Area", slc.area_id, org.areas),
        ("Service", slc.service_id, org.services),
        ("Team", slc.team_id, tuple(Choice(t.id, t.name) for t in org.teams)),
        ("Worker", slc.worker_id, options.workers),
        ("Form", slc.form_key, org.forms),
        ("Audit type", slc.audit_type, options.audit_types),
        ("Legal status", slc.legal_status, options.legal_statuses),
        ("Age band", slc.age_band, options.age_bands),
    ):
        if wanted:
            name = next((c.name for c in choices if c.id == wanted), wanted)
            parts.append(f"{label}: {name}")
    return "; ".join(parts) or "County"


def may_report(actor: Caller) -> None:
    require(actor, Capability.REPORT, "Only managers and the QA team can see reports.")


def readable_slice(actor: Caller, slc: ReportSlice) -> ReportSlice:
    """The slice ``actor`` may have counted: any, for managers and the QA team; for a
    practitioner, their own team's audits that the rights let them read, which are the audits
    of their own cases (``rights.AUDIT_READERS``: a practitioner reads an audit as its
    practitioner; the central database sends them no other child's). Any other team, area,
    service or worker is refused."""
    if actor.can(Capability.REPORT):
        return slc
    person = actor.person if isinstance(actor, Actor) else None
    if person is None or not actor.can(Capability.TEAM_REPORT) or person.team_id is None:
        raise PermissionRefused(
            "Reports are for managers, the QA team and practitioners in a team."
        )
    team = person.team_id
    if (
        slc.area_id is not None
        or slc.service_id is not None
        or slc.team_id not in (None, team)
        or slc.worker_id not in (None, person.id)
    ):
        raise PermissionRefused(
            "A practitioner's reports are of their own team, counted from their own cases."
        )
    return replace(slc, team_id=team, worker_id=person.id)


def period_label(period: Period) -> str:
    return f"{period.start:%d %b %Y} to {period.end:%d %b %Y}"
