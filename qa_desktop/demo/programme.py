"""The rest of the demo county's audit programme, around its learning audits: the monthly
plans, dip samples, Back to the Floor visits, family feedback, thematic audits, observations of
practice and learning reviews. Seed data written as rows (as the county's audits are), drawn
from the same random generator, so the same seed builds the same programme.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from qa_desktop.demo.seed import (
    WORKING_WELL,
    WORRIED,
    _at,
    _Builder,
    _Case,
    _events,
    _on_or_before,
    _Person,
    _Team,
)
from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.bttf import DEFAULT_CASE_SAMPLE, PRACTICE_AREAS
from qa_desktop.domain.calendar import add_working_days, next_working_day
from qa_desktop.domain.forms import AnswerType, FormDefinition
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.learning_reviews import ActionStatus
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.moderation import moderation_reason
from qa_desktop.domain.published_settings import MODERATION_SEED, MODERATION_SHARE_PERCENT
from qa_desktop.domain.references import audit_reference
from qa_desktop.domain.roles import Role
from qa_desktop.domain.thematic import ThemeTrigger
from qa_desktop.store import models as m

# The monthly target as it stood: 40 a month, then 50 from six months ago.
EARLY_TARGET, TARGET = 40, 50
THEMES = (
    (
        "Neglect: is cumulative harm recognised?",
        ThemeTrigger.PRACTICE_PRIORITY,
        "Three learning audits found chronologies that missed a pattern of neglect.",
    ),
    (
        "Children missing from education",
        ThemeTrigger.NATIONAL_FOCUS,
        "A national focus on children missing from education this year.",
    ),
)
LEARNING_EVENTS = (
    "A child was admitted to hospital with an unexplained injury.",
    "A young person went missing for three days and was found out of the county.",
    "A baby on a child protection plan was found in unsafe sleeping arrangements.",
)
FEEDBACK_COMMENTS = (
    "The social worker listened and explained what would happen next.",
    "I did not always know who to ring when our worker was away.",
    "Things got better once the plan was clear.",
)


MAX_DIP_CASES = 250


@dataclass(frozen=True)
class Sizes:
    """How many of the county's audits are dip-sample cases and Back to the Floor cases."""

    dip_cases: int  # per dip sample (there are three)
    visits: int  # Back to the Floor visits, each with its case sample

    @classmethod
    def of(cls, audits: int) -> Sizes:
        """The programme's share of ``audits``. A dip sample stops at 250 cases: a county
        of 100,000 audits has fewer cases in one sample's teams than a fortieth of them."""
        return cls(min(audits // 40, MAX_DIP_CASES), max(1, audits // 120))

    @property
    def audits(self) -> int:
        return 3 * self.dip_cases + self.visits * DEFAULT_CASE_SAMPLE


# A demo of fewer audits (the small stores tests build) is learning audits only: the rest of
# the programme comes with a county of a realistic size, such as the app's 600.
PROGRAMME_FROM = 300


def build_programme(
    b: _Builder,
    forms: dict[str, tuple[str, FormDefinition]],
    teams: list[_Team],
    people: list[_Person],
    cases: list[_Case],
    sizes: Sizes,
) -> None:
    """Every part of the programme, for a county whose learning audits ``b`` already holds.
    A part whose shipped form is missing is left out (the learning audits do not need it)."""
    qa = [p for p in people if p.role is Role.QA_OFFICER]
    heads = [p for p in people if p.role is Role.HEAD_OF_SERVICE]
    seniors = [
        p for p in people if p.role in (Role.SERVICE_MANAGER, Role.ASSISTANT_DIRECTOR)
    ] + heads
    _plans(b, qa[0] if qa else None)
    if "dip-sample" in forms:
        _dip_samples(b, *forms["dip-sample"], qa, cases, sizes.dip_cases)
    if "bttf-case" in forms:
        _bttf(b, *forms["bttf-case"], teams, seniors, cases, sizes.visits)
    _feedback(b, forms, qa)
    if "observation-of-practice" in forms:
        _observations(b, *forms["observation-of-practice"], teams, cases)
    _thematic(b, heads, qa)
    _learning_reviews(b, heads, cases)


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _plans(b: _Builder, planner: _Person | None) -> None:
    """A plan for each month of the year's audits (and this month's planned ones), each
    holding its month's routine audits."""
    by_month: dict[str, list[str]] = defaultdict(list)
    for done in b.closed:
        by_month[_month(done.closed_on)].append(done.audit_id)
    by_month[_month(b.today)].extend(b.planned)
    change = _month(b.today - timedelta(days=182))
    for month in sorted(by_month):
        plan_id = b.add(
            m.MonthlyPlan,
            month=month,
            target=EARLY_TARGET if month < change else TARGET,
            seed=b.rng.randrange(1, 10_000),
            exclude_months=6,
            created_by_id=planner.id if planner else None,
            created_at=_at(date(int(month[:4]), int(month[5:]), 1), 9),
        )
        for audit_id in by_month[month]:
            b.add(m.PlanItem, plan_id=plan_id, audit_id=audit_id)


def _closed_audit(
    b: _Builder,
    version_id: str,
    audit_type: AuditType,
    case: _Case,
    auditor: _Person,
    day: date,
    grade: Grade | None,
    moderator: _Person | None = None,
) -> str:
    """A closed audit of another kind than the learning audit. A graded one goes through the
    product's moderation selection like any other: chosen, it was moderated (and agreed) by
    ``moderator`` on the day."""
    audit_id = b.uid()
    selected = (
        grade is not None
        and moderator is not None
        and moderation_reason(
            audit_id,
            grade,
            disputed=False,
            share_percent=MODERATION_SHARE_PERCENT.default,
            seed=MODERATION_SEED.default,
            area_grades=[],
        )
        is not None
    )
    _events(b, audit_id, auditor, day, AuditState.CLOSED, day, day, selected)
    if selected and moderator is not None and grade is not None:
        b.add(
            m.Moderation,
            audit_id=audit_id,
            section_id=m.OVERALL,
            moderator_id=moderator.id,
            auditor_grade=grade.value,
            moderated_grade=grade.value,
            reason="Agreed.",
            decided_at=_at(day, 17),
        )
    b.add(
        m.Audit,
        id=audit_id,
        reference=audit_reference(audit_id),
        case_id=case.id,
        form_version_id=version_id,
        audit_type=audit_type.value,
        state=AuditState.CLOSED.value,
        auditor_id=auditor.id,
        practitioner_id=case.practitioner.id,
        due_on=day,
        started_on=day,
        submitted_on=day,
        completed_on=day,
        closed_on=day,
        overall_grade=grade.value if grade else None,
        created_at=_at(day, 9),
    )
    return audit_id


def _yes_no(b: _Builder, met: float) -> str:
    roll = b.rng.random()
    return "yes" if roll < met else "na" if roll > 0.97 else "no"


def _dip_samples(
    b: _Builder,
    version_id: str,
    form: FormDefinition,
    qa: list[_Person],
    cases: list[_Case],
    size: int,
) -> None:
    """Three finished dip samples across the year, each checking the form's questions on
    ``size`` cases across several teams."""
    if size <= 0:
        return
    questions = [q.id for q in form.questions()]
    for index, title in enumerate(
        ("Assessments up to date", "Plans reviewed in timescale", "Children seen alone")
    ):
        auditor = qa[index % len(qa)]
        started = _on_or_before(b.today - timedelta(days=300 - 110 * index))
        finished = add_working_days(started, 10)
        dip_id = b.add(
            m.DipSample,
            title=title,
            form_version_id=version_id,
            question_ids=",".join(questions),
            auditor_id=auditor.id,
            created_on=started,
            finished_on=finished,
            created_at=_at(started, 9),
        )
        for position, case in enumerate(b.rng.sample(cases, min(size, len(cases)))):
            audit_id = _closed_audit(
                b, version_id, AuditType.DIP_SAMPLE, case, auditor, finished, None
            )
            b.add(m.DipSampleCase, dip_sample_id=dip_id, audit_id=audit_id, position=position)
            met = 0.55 + 0.15 * index
            for question_id in questions:
                b.add(
                    m.Answer,
                    audit_id=audit_id,
                    question_id=question_id,
                    value=_yes_no(b, met),
                    na_reason="",
                    evidence="",
                )


def _bttf(
    b: _Builder,
    version_id: str,
    form: FormDefinition,
    teams: list[_Team],
    seniors: list[_Person],
    cases: list[_Case],
    visits: int,
) -> None:
    """This year's Back to the Floor visits so far (``visits`` teams), each by three senior
    leaders, with a case sample, findings per practice area and an action plan."""
    visited = b.rng.sample(teams, min(visits, len(teams)))
    for index, team in enumerate(visited):
        day = next_working_day(b.today - timedelta(days=330 - 25 * index))
        visit_day = min(day, _on_or_before(b.today))
        team_cases = [c for c in cases if c.team.id == team.id]
        members = b.rng.sample(seniors, 3)
        judgement = b.rng.choices(
            (Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE), (3, 6, 1)
        )[0]
        visit_id = b.add(
            m.BttfVisit,
            team_id=team.id,
            year=visit_day.year,
            planned_on=visit_day,
            lead_id=members[0].id,
            judgement=judgement.value,
            judgement_rationale="The team knows its children well; plans are not yet specific "
            "enough and management oversight is uneven.",
            created_at=_at(visit_day - timedelta(days=28), 9),
        )
        for member in members:
            b.add(m.BttfMember, visit_id=visit_id, person_id=member.id)
        for case in b.rng.sample(team_cases, min(DEFAULT_CASE_SAMPLE, len(team_cases))):
            grade = b.rng.choices(
                (Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE), (3, 6, 1)
            )[0]
            auditor, moderator = b.rng.sample(members, 2)
            audit_id = _closed_audit(
                b,
                version_id,
                AuditType.BACK_TO_THE_FLOOR,
                case,
                auditor,
                visit_day,
                grade,
                moderator,
            )
            b.add(m.BttfCase, visit_id=visit_id, audit_id=audit_id)
            for question in form.questions():
                if question.answer_type is AnswerType.TEXT:
                    value = b.pick(WORKING_WELL if b.rng.random() < 0.5 else WORRIED)
                else:
                    value = _yes_no(b, 0.7)
                b.add(
                    m.Answer,
                    audit_id=audit_id,
                    question_id=question.id,
                    value=value,
                    na_reason="",
                    evidence="",
                )
        for area in b.rng.sample(PRACTICE_AREAS, 3):
            b.add(
                m.BttfFinding,
                visit_id=visit_id,
                area=area,
                strengths=b.pick(WORKING_WELL),
                improvements=b.pick(WORRIED),
            )
        owner = team.manager or members[0]
        b.add(
            m.BttfAction,
            visit_id=visit_id,
            description="Review every plan in the team against the SMART standard.",
            owner_id=owner.id,
            due_on=add_working_days(visit_day, 30),
            created_at=_at(visit_day, 16),
        )


def _feedback(b: _Builder, forms: dict[str, tuple[str, FormDefinition]], qa: list[_Person]) -> None:
    """Family feedback on about one closed audit in eight, from the adult or the child,
    collected by the QA team (never the allocated worker), with consent."""
    for done in b.closed:
        if b.rng.random() >= 0.125:
            continue
        respondent = "child" if b.rng.random() < 0.35 else "adult"
        key = f"family-feedback-{respondent}"
        if key not in forms:
            continue
        version_id, form = forms[key]
        day = min(add_working_days(done.closed_on, b.rng.randint(3, 15)), b.today)
        feedback_id = b.add(
            m.FamilyFeedback,
            audit_id=done.audit_id,
            form_version_id=version_id,
            respondent=respondent,
            recorded_by_id=b.pick(qa).id,
            consent_given=True,
            consent_note="Consent given on the phone.",
            method="phone" if b.rng.random() < 0.7 else "visit",
            recorded_on=_on_or_before(day),
            created_at=_at(_on_or_before(day), 14),
        )
        for question in form.questions():
            if question.answer_type is AnswerType.CHOICE:
                options = [o.value for o in question.options]
                # Families mostly positive, as the council's are; the first option the warmest.
                weights = [5, 3, 2, 1, 1][: len(options)]
                value = b.rng.choices(options, weights)[0]
            else:
                value = b.pick(FEEDBACK_COMMENTS)
            b.add(
                m.FeedbackAnswer,
                feedback_id=feedback_id,
                question_id=question.id,
                value=value,
                comment="",
            )


def _observations(
    b: _Builder, version_id: str, form: FormDefinition, teams: list[_Team], cases: list[_Case]
) -> None:
    """Each team manager observes two of their practitioners in the year."""
    by_team: dict[str, list[_Case]] = defaultdict(list)
    for case in cases:
        by_team[case.team.id].append(case)
    for team in teams:
        if team.manager is None:
            continue
        for _ in range(2):
            case = b.pick(by_team[team.id])
            day = _on_or_before(b.today - timedelta(days=b.rng.randint(7, 350)))
            grade = b.rng.choices(
                (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE),
                (1, 4, 5, 1),
            )[0]
            observation_id = b.add(
                m.Observation,
                form_version_id=version_id,
                observer_id=team.manager.id,
                practitioner_id=case.practitioner.id,
                case_id=case.id,
                setting=b.pick(("home_visit", "meeting", "direct_work")),
                observed_on=day,
                consent_given=True,
                grade=grade.value,
                created_at=_at(day, 15),
            )
            for question in form.questions():
                if question.answer_type is AnswerType.SCALE:
                    value = str(b.rng.randint(question.scale_min + 4, question.scale_max))
                elif question.answer_type is AnswerType.TEXT:
                    value = b.pick(WORKING_WELL)
                else:
                    value = _yes_no(b, 0.8)
                b.add(
                    m.ObservationAnswer,
                    observation_id=observation_id,
                    question_id=question.id,
                    value=value,
                )


def _action_state(b: _Builder, due: date) -> tuple[ActionStatus, date | None]:
    if due < b.today and b.rng.random() < 0.7:
        late = b.rng.random() < 0.25
        done = add_working_days(due, b.rng.randint(1, 10)) if late else due
        return ActionStatus.DONE, min(done, _on_or_before(b.today))
    if b.rng.random() < 0.4:
        return ActionStatus.IN_PROGRESS, None
    return ActionStatus.OPEN, None


def _thematic(b: _Builder, heads: list[_Person], qa: list[_Person]) -> None:
    """Two thematic audits: one reported, one under way; terms agreed, action plans owned
    by the lead head of service."""
    for index, (theme, trigger, detail) in enumerate(THEMES):
        lead = heads[index % len(heads)]
        starts = next_working_day(b.today - timedelta(days=240 - 150 * index))
        reports = add_working_days(starts, 40)
        thematic_id = b.add(
            m.ThematicAudit,
            theme=theme,
            questions_to_answer="How well do we recognise and act on it?",
            scope="Open cases across the county.",
            sample="Twenty cases drawn at random across the teams.",
            lead_id=lead.id,
            auditor_ids=",".join(p.id for p in qa[:2]),
            starts_on=starts,
            reports_on=reports,
            governance="Reported to the Quality Assurance Board.",
            form_key="learning-audit",
            findings="Chronologies seldom analysed the impact of repeated incidents."
            if reports < b.today
            else "",
            created_at=_at(starts - timedelta(days=14), 9),
        )
        b.add(
            m.ThematicTerms,
            thematic_id=thematic_id,
            trigger=trigger.value,
            trigger_detail=detail,
            legal_statuses="",
            service_ids="",
            team_ids="",
            age_bands="",
            agreed_by_id=lead.id,
            agreed_at=_at(starts - timedelta(days=7), 11),
        )
        if reports >= b.today:
            continue
        for description in (
            "Brief every team on analysing cumulative harm in the chronology.",
            "Add a neglect screening tool to the assessment template.",
        ):
            due = add_working_days(reports, b.rng.randint(20, 60))
            action_id = b.add(
                m.ThematicAction,
                thematic_id=thematic_id,
                description=description,
                owner_id=lead.id,
                due_on=due,
                created_at=_at(reports, 15),
            )
            status, completed = _action_state(b, due)
            if status is not ActionStatus.OPEN:
                b.add(
                    m.ThematicActionProgress,
                    action_id=action_id,
                    status=status.value,
                    completed_on=completed,
                )


def _learning_reviews(b: _Builder, heads: list[_Person], cases: list[_Case]) -> None:
    """Three learning reviews after significant events: two complete, one under way."""
    for index, event in enumerate(LEARNING_EVENTS):
        case = b.pick(cases)
        event_on = _on_or_before(b.today - timedelta(days=300 - 110 * index))
        completed = add_working_days(event_on, 45)
        done = completed < b.today
        review_id = b.add(
            m.LearningReview,
            event=event,
            event_on=event_on,
            case_id=case.id,
            lead_id=heads[index % len(heads)].id,
            learning="Partners held information that was not brought together in time."
            if done
            else "",
            completed_on=completed if done else None,
            created_at=_at(add_working_days(event_on, 2), 10),
        )
        for area in b.rng.sample(PRACTICE_AREAS, 2):
            b.add(
                m.LearningReviewFinding,
                review_id=review_id,
                area=area,
                findings=b.pick(WORRIED),
            )
        if not done:
            continue
        owner = case.team.manager or case.practitioner
        due = add_working_days(completed, 20)
        status, finished = _action_state(b, due)
        b.add(
            m.LearningReviewAction,
            review_id=review_id,
            description="Share the review's learning at the team's next practice meeting.",
            owner_id=owner.id,
            due_on=due,
            status=status.value,
            completed_on=finished,
            created_at=_at(completed, 16),
        )
