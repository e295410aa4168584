"""The demo county: a realistic, entirely synthetic organisation with a year of audits.

Reproducible: the same seed and the same "today" build the same store, ids included.
Three areas, the five services, 21 teams, about 150 people, about 2,000 cases, and the
requested number of audits spread over the last four quarters, and the story the council's
own reports tell (the shares are asserted in tests/demo):

- mostly Requires Improvement, improving over the year (less Inadequate, more Good);
- question compliance spread from about 30% to 99% (each question has its own base rate);
- initial grading tends to be over-generous: moderators grade lower about a quarter of the
  time, and sometimes higher;
- about 80% of Inadequate audits move up at re-audit, not all;
- some meetings and actions late, some actions still overdue; every date that is due falls on
  a working day (weekends and bank holidays left out), and the work itself is done on them;
- from 300 audits (the app's 600), the rest of the programme: monthly plans, dip samples, Back
  to the Floor visits, family feedback, thematic audits, observations and learning reviews
  (``demo.programme``); smaller stores, as tests build, are learning audits only.

The demo builder writes seed data: it stands for records that already exist, so rows carry no
per-row history and nothing waits to be pushed; one history row records the build itself.
Names come from lists of common first names and surnames, combined at random: no real person.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import NormalDist

from sqlalchemy import insert, inspect, select

from qa_desktop.demo.programme import PROGRAMME_FROM, Sizes, build_programme
from qa_desktop.demo.seed import (
    WORKING_WELL,
    WORRIED,
    _at,
    _Builder,
    _Case,
    _Done,
    _events,
    _on_or_before,
    _Person,
    _Team,
    _working_days_back,
)
from qa_desktop.domain.answers import Answer
from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.calendar import add_working_days, next_working_day
from qa_desktop.domain.follow_up import meeting_due_on, reaudit_due_on
from qa_desktop.domain.forms import FormDefinition, LegalStatus
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.moderation import moderation_reason
from qa_desktop.domain.published_settings import (
    MEETING_WORKING_DAYS,
    MODERATION_SEED,
    MODERATION_SHARE_PERCENT,
    REAUDIT_WEEKS,
)
from qa_desktop.domain.references import audit_reference
from qa_desktop.domain.roles import Role
from qa_desktop.domain.suggestion import suggest_overall, suggest_section
from qa_desktop.errors import ValidationError
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import Clock, local_day
from qa_desktop.services.programme.forms import form_from_source, publish_sources, shipped_sources
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store

log = logging.getLogger(__name__)

AREAS = ("West", "Central", "East")
SERVICES = (
    "Early Help",
    "Assessment and Intervention",
    "Family Safeguarding",
    "Children we Care for",
    "Care Leavers",
)
# Larger areas have second teams in some services (21 teams in all).
EXTRA_TEAMS = {"West": (1,), "Central": (1, 2), "East": (1, 2, 3)}
STATUS_BY_SERVICE = {
    "Early Help": ((LegalStatus.EARLY_HELP, 1.0),),
    "Assessment and Intervention": (
        (LegalStatus.CHILD_IN_NEED, 0.7),
        (LegalStatus.CHILD_PROTECTION, 0.3),
    ),
    "Family Safeguarding": ((LegalStatus.CHILD_PROTECTION, 0.6), (LegalStatus.CHILD_IN_NEED, 0.4)),
    "Children we Care for": ((LegalStatus.CHILD_WE_CARE_FOR, 1.0),),
    "Care Leavers": ((LegalStatus.CARE_LEAVER, 1.0),),
}
FIRST_NAMES = [
    "Aisha",
    "Alex",
    "Amara",
    "Ben",
    "Bethan",
    "Callum",
    "Chloe",
    "Dan",
    "Deepa",
    "Eleanor",
    "Ellis",
    "Erin",
    "Fatima",
    "Finn",
    "Gemma",
    "Grace",
    "Hannah",
    "Harriet",
    "Imran",
    "Isla",
    "Jack",
    "Jade",
    "Jamal",
    "Joe",
    "Kate",
    "Kieran",
    "Laura",
    "Leah",
    "Liam",
    "Lucy",
    "Maya",
    "Megan",
    "Mohammed",
    "Nadia",
    "Nathan",
    "Niamh",
    "Oliver",
    "Olivia",
    "Owen",
    "Priya",
    "Rachel",
    "Rhys",
    "Rosie",
    "Ryan",
    "Sam",
    "Sara",
    "Sophie",
    "Tariq",
    "Tom",
    "Zara",
    "Yusuf",
    "Wendy",
    "Victor",
    "Ursula",
    "Theo",
    "Stella",
    "Rowan",
    "Quinn",
    "Pippa",
]
SURNAMES = [
    "Ashdown",
    "Barlow",
    "Birch",
    "Brook",
    "Carver",
    "Dale",
    "Denton",
    "Ellwood",
    "Fairbrook",
    "Fenwick",
    "Garside",
    "Hadley",
    "Hartwell",
    "Holloway",
    "Ingram",
    "Kendal",
    "Larkin",
    "Linley",
    "Marsden",
    "Merrow",
    "Norland",
    "Oakley",
    "Pennant",
    "Radley",
    "Redfern",
    "Rowntree",
    "Sedley",
    "Stanton",
    "Thornbury",
    "Tillman",
    "Underwood",
    "Varley",
    "Wakefield",
    "Whitlock",
    "Yardley",
    "Ambrose",
    "Bexley",
    "Calder",
    "Drayton",
    "Eastwood",
    "Farrow",
    "Gresley",
    "Hollis",
    "Ivory",
    "Jessop",
    "Keswick",
    "Lowther",
    "Mayhew",
    "Nettleton",
    "Orwell",
    "Prescott",
    "Quarry",
    "Ravel",
    "Selby",
    "Tolland",
]
EVEN_BETTER_IF = (
    "Make the plan SMART: owners, dates and a contingency for each action.",
    "Record the child's lived experience after every visit.",
    "Update the chronology and case summary before the next review.",
    "Use direct-work tools to gather the child's wishes and feelings.",
    "Record management oversight at each key decision.",
)
REFLECTIONS = (
    "I agree the plan needs tightening; caseload pressure has delayed updates.",
    "Seeing the chronology laid out helped me notice a pattern I had missed.",
    "I will bring the child's voice more clearly into my recording.",
    "The family's situation changed quickly and the plan did not keep up.",
    "I am proud of the direct work; I will record it more fully.",
)
RATIONALES = {
    Grade.OUTSTANDING: "Exceptional, sustained impact: the child's circumstances have changed "
    "markedly through creative, persistent work.",
    Grade.GOOD: "The child is seen, heard and understood; the work is timely and the plan "
    "is making a measurable difference.",
    Grade.REQUIRES_IMPROVEMENT: "The child is safe, but quality is inconsistent: some delay "
    "and a plan that is not specific enough.",
    Grade.INADEQUATE: "Serious weaknesses leave the child at risk: the risks were not "
    "analysed and management oversight did not notice the drift.",
}
NA_REASONS = (
    "No review due in the period",
    "Too young to be seen alone",
    "Not allocated in the period",
)
ACTIONS = (
    "Update the chronology and case summary",
    "Hold a review of the plan with the family and partners",
    "See the child alone and record their views",
    "Complete direct work on the child's wishes and feelings",
    "Record management oversight of the step-down decision",
    "Refresh the assessment with the new information",
)


# The programme's tables, parents before children (written after the audits they refer to).
PROGRAMME_TABLES: tuple[type[m.Base], ...] = (
    m.MonthlyPlan,
    m.PlanItem,
    m.DipSample,
    m.DipSampleCase,
    m.BttfVisit,
    m.BttfMember,
    m.BttfCase,
    m.BttfFinding,
    m.BttfAction,
    m.FamilyFeedback,
    m.FeedbackAnswer,
    m.Observation,
    m.ObservationAnswer,
    m.ThematicAudit,
    m.ThematicTerms,
    m.ThematicAction,
    m.ThematicActionProgress,
    m.LearningReview,
    m.LearningReviewFinding,
    m.LearningReviewAction,
)


@dataclass(frozen=True)
class DemoSummary:
    areas: int
    services: int
    teams: int
    people: int
    cases: int
    audits: int
    reaudits: int
    meetings: int
    actions: int
    moderated: int


def build_demo(
    store: Store,
    *,
    audits: int = 600,
    seed: int = 1,
    clock: Clock,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill an empty store with the demo county. Refuses a store that already has people."""
    if audits < 0:
        raise ValidationError("The number of audits cannot be negative.")
    with store.reader() as session:
        if session.scalar(select(m.Person.id).limit(1)) is not None:
            raise ValidationError(
                "This store already holds data; the demo county is built only into a new store."
            )
    say = progress or (lambda _text: None)
    now = clock()
    b = _Builder(random.Random(seed), local_day(now), now)
    with store.session() as session:
        say("Publishing the shipped forms")
        publish_sources(session, shipped_sources(), clock, SYSTEM)
        session.flush()
        versions = {
            key: (vid, source)
            for key, vid, source in session.execute(
                select(m.Form.key, m.FormVersion.id, m.FormVersion.source)
                .join(m.FormVersion, m.FormVersion.form_id == m.Form.id)
                # The year's audits were done on each form's first version (the last kept).
                .order_by(m.Form.key, m.FormVersion.version.desc())
            )
        }
    if "learning-audit" not in versions:
        raise ValidationError("The learning audit form is missing from forms/.")
    version_id, source = versions["learning-audit"]
    form = form_from_source(source, "learning-audit.yaml")

    say("Building the organisation")
    teams, people = _organisation(b)
    say("Building cases")
    cases = _cases(b, teams, people)
    say("Building audits")
    # Dip-sample and Back to the Floor cases are audits too: they count in ``audits``.
    programme = audits >= PROGRAMME_FROM
    sizes = Sizes.of(audits) if programme else Sizes(0, 0)
    counts = _audits(b, form, version_id, cases, teams, people, audits - sizes.audits)
    say("Building the rest of the programme")
    others = {
        key: (vid, form_from_source(text, f"{key}.yaml"))
        for key, (vid, text) in versions.items()
        if key != "learning-audit"
    }
    if programme:
        build_programme(b, others, teams, people, cases, sizes)
    counts["audits"] = len(b.rows.get(m.Audit, []))

    say("Writing the store")
    with store.session() as session:
        tables = set(inspect(session.connection()).get_table_names())
        models: tuple[type[m.Base], ...] = (
            m.Area,
            m.Service,
            m.Team,
            m.Person,
            m.Case,
            m.Audit,
            m.Answer,
            m.SectionReview,
            m.Participant,
            m.Meeting,
            m.Action,
            m.Moderation,
            m.AuditEvent,
            m.ReauditOutcome,
            *PROGRAMME_TABLES,
        )
        for model in models:
            batch = b.rows.get(model, [])
            if model in PROGRAMME_TABLES and model.__tablename__ not in tables:
                continue  # a store kept at an older schema (tests of migrations) lacks it
            for start in range(0, len(batch), 20000):
                session.execute(insert(model), batch[start : start + 20000])
        session.add(
            m.History(
                at=now,
                actor_id=SYSTEM.id,
                table_name="store",
                row_id="demo",
                field="*",
                old_value=None,
                new_value=f'"demo county built with seed {seed} and {audits} audits"',
            )
        )
    return DemoSummary(
        areas=len(AREAS),
        services=len(SERVICES),
        teams=len(teams),
        people=len(people),
        cases=len(cases),
        audits=counts["audits"],
        reaudits=counts["reaudits"],
        meetings=len(b.rows.get(m.Meeting, [])),
        actions=len(b.rows.get(m.Action, [])),
        moderated=counts["moderated"],
    )


def _name(b: _Builder, used: set[str]) -> str:
    while True:
        name = f"{b.pick(FIRST_NAMES)} {b.pick(SURNAMES)}"
        if name not in used:
            used.add(name)
            return name


def _organisation(b: _Builder) -> tuple[list[_Team], list[_Person]]:
    area_ids = {name: b.add(m.Area, name=name) for name in AREAS}
    service_ids = {name: b.add(m.Service, name=name) for name in SERVICES}
    teams: list[_Team] = []
    for area in AREAS:
        for index, service in enumerate(SERVICES):
            copies = 2 if index in EXTRA_TEAMS.get(area, ()) else 1
            for copy in range(copies):
                name = f"{area} {service}" + (f" {'AB'[copy]}" if copies > 1 else "")
                team_id = b.add(
                    m.Team, name=name, area_id=area_ids[area], service_id=service_ids[service]
                )
                teams.append(_Team(team_id, name, area, service))
    used: set[str] = set()
    people: list[_Person] = []

    def person(
        role: Role,
        team: _Team | None = None,
        service: str | None = None,
        area: str | None = None,
        auditor: bool = False,
        moderator: bool = False,
    ) -> _Person:
        p = _Person(
            b.uid(),
            _name(b, used),
            role,
            team.id if team else None,
            team.service if team else service,
            auditor,
            moderator,
        )
        b.add(
            m.Person,
            id=p.id,
            name=p.name,
            role=role.value,
            team_id=p.team_id,
            service_id=service_ids[service] if service and not team else None,
            area_id=area_ids[area] if area and not team else None,
            is_auditor=auditor,
            is_moderator=moderator,
            active=True,
        )
        people.append(p)
        return p

    for team in teams:
        team.manager = person(Role.TEAM_MANAGER, team, auditor=True)
        team.practitioners = [person(Role.PRACTITIONER, team) for _ in range(5)]
    for service in SERVICES:
        person(Role.HEAD_OF_SERVICE, service=service, auditor=True, moderator=True)
    for area in AREAS:
        for service in (SERVICES[0], SERVICES[2]):
            person(Role.SERVICE_MANAGER, service=service, area=area, auditor=True, moderator=True)
    person(Role.ASSISTANT_DIRECTOR, service=SERVICES[2], auditor=True, moderator=True)
    person(Role.ASSISTANT_DIRECTOR, service=SERVICES[3], auditor=True, moderator=True)
    for index in range(4):
        person(Role.QA_OFFICER, service=SERVICES[1], auditor=True, moderator=index == 0)
    for _ in range(3):
        person(Role.ADULT_WORKER, service=SERVICES[2])
    for _ in range(3):
        person(Role.REVIEWING_OFFICER, service=SERVICES[3])
    return teams, people


def _cases(b: _Builder, teams: list[_Team], people: list[_Person]) -> list[_Case]:
    cases: list[_Case] = []
    references = b.rng.sample(range(100000, 999999), 95 * len(teams))
    for index, reference in enumerate(references):
        team = teams[index % len(teams)]
        statuses = STATUS_BY_SERVICE[team.service]
        status = b.rng.choices([s for s, _ in statuses], [w for _, w in statuses])[0]
        if status is LegalStatus.CARE_LEAVER:
            age: int | None = b.rng.randint(18, 21)
        else:
            age = b.rng.randint(0, 17)
        unborn = status is LegalStatus.CHILD_PROTECTION and b.rng.random() < 0.04
        practitioner = b.pick(team.practitioners)
        case = _Case(b.uid(), f"CR{reference}", status, unborn, team, practitioner)
        b.add(
            m.Case,
            id=case.id,
            reference=case.reference,
            initials=b.pick("ABCDEFGHJKLMNPRSTW") + b.pick("ABCDEFGHJKLMNPRSTW"),
            age_years=None if unborn else age,
            unborn=unborn,
            legal_status=status.value,
            team_id=team.id,
            practitioner_id=practitioner.id,
            is_open=True,
        )
        cases.append(case)
    return cases


_NORMAL = NormalDist()
_CORRELATION = 0.3  # how much the answers of one audit go together
_TREND = 1.2  # how much weaker the year's oldest audits are than its newest
_SPREAD = 0.8  # how much one audit differs from another of its time


def _base_rates(b: _Builder, form: FormDefinition) -> dict[str, float]:
    """Each question's own compliance rate, so that the questions spread from about 30% to
    99% met, as the council's do. The weak questions are dealt out one section at a time, so
    that no area is weak throughout; key questions (a No caps the area) are well met."""
    rates: dict[str, float] = {}
    dealt: list[str] = []
    sections = [[q.id for q in s.questions if not q.key] for s in form.graded_sections()]
    for questions in sections:
        b.rng.shuffle(questions)
    while any(sections):
        for questions in sections:
            if questions:
                dealt.append(questions.pop())
    # Two weak questions in each area (30% to 70% met), the rest well met (86% to 99%): the
    # weak ones make most audits Requires Improvement, as the council's are.
    weak = 2 * len(sections)
    for index, question_id in enumerate(dealt):
        if index < weak:
            rates[question_id] = 0.30 + 0.40 * index / max(1, weak - 1)
        else:
            rates[question_id] = 0.86 + 0.13 * (index - weak) / max(1, len(dealt) - weak - 1)
    key = [q.id for q in form.questions() if q.key]
    b.rng.shuffle(key)
    for index, question_id in enumerate(key):
        rates[question_id] = 0.80 + 0.17 * index / max(1, len(key) - 1)
    for question in form.questions():
        rates.setdefault(question.id, 0.9)  # a question outside the graded areas
    return rates


def _audits(
    b: _Builder,
    form: FormDefinition,
    version_id: str,
    cases: list[_Case],
    teams: list[_Team],
    people: list[_Person],
    wanted: int,
) -> dict[str, int]:
    auditors = [p for p in people if p.is_auditor]
    moderators = [p for p in people if p.is_moderator]
    heads = {p.service: p for p in people if p.role is Role.HEAD_OF_SERVICE}
    adults = [p for p in people if p.role is Role.ADULT_WORKER]
    reviewers = [p for p in people if p.role is Role.REVIEWING_OFFICER]
    counts = {"audits": 0, "reaudits": 0, "moderated": 0}
    planned = max(1, wanted // 30) if wanted >= 30 else 0
    rates = _base_rates(b, form)
    while counts["audits"] < wanted:
        case = b.pick(cases)
        auditor = b.pick([a for a in auditors if a.team_id != case.team.id])
        if counts["audits"] < planned:
            due = next_working_day(b.today + timedelta(days=b.rng.randint(3, 30)))
            b.planned.append(_planned_audit(b, version_id, case, auditor, due))
            counts["audits"] += 1
            continue
        # A few audits started this week are still being written; the rest spread over the year.
        recent = counts["audits"] < planned + max(1, wanted // 40)
        day = _on_or_before(b.today - timedelta(days=b.rng.randint(0, 6 if recent else 360)))
        outcome = _audit(
            b, form, rates, version_id, case, auditor, moderators, adults, reviewers, day
        )
        counts["audits"] += 1
        counts["moderated"] += outcome.moderated
        if outcome.confirmed_inadequate_on and counts["audits"] < wanted:
            held = _meeting(b, outcome, case, heads[case.team.service], auditor)
            if held is None:
                continue
            due = reaudit_due_on(held, REAUDIT_WEEKS.default)
            # Most re-audits on time; some a week or two late.
            late = b.rng.random() < 0.15
            reaudit_day = (
                add_working_days(due, b.rng.randint(1, 10))
                if late
                else _working_days_back(due, b.rng.randint(0, 3))
            )
            if reaudit_day > b.today - timedelta(days=3):
                continue
            # About four in five Inadequate audits move up at re-audit, not all.
            improves = b.rng.random() < 0.8
            again = _audit(
                b,
                form,
                rates,
                version_id,
                case,
                auditor,
                moderators,
                adults,
                reviewers,
                reaudit_day,
                reaudit_of=outcome.audit_id,
                lift=0.6 if improves else -0.8,
                improves=improves,
            )
            counts["audits"] += 1
            counts["reaudits"] += 1
            counts["moderated"] += again.moderated
            if again.closed_on and again.confirmed:
                b.add(
                    m.ReauditOutcome,
                    reaudit_id=again.audit_id,
                    original_id=outcome.audit_id,
                    original_grade=Grade.INADEQUATE.value,
                    reaudit_grade=again.confirmed.value,
                    recorded_on=again.closed_on,
                )
    return counts


def _planned_audit(b: _Builder, version_id: str, case: _Case, auditor: _Person, due: date) -> str:
    audit_id = b.uid()
    b.add(
        m.Audit,
        id=audit_id,
        reference=audit_reference(audit_id),
        case_id=case.id,
        form_version_id=version_id,
        audit_type=AuditType.ROUTINE.value,
        state=AuditState.PLANNED.value,
        auditor_id=auditor.id,
        practitioner_id=case.practitioner.id,
        due_on=due,
        created_at=b.now,
    )
    return audit_id


@dataclass
class _Outcome:
    audit_id: str
    moderated: bool
    confirmed_inadequate_on: date | None
    confirmed: Grade | None = None
    closed_on: date | None = None


def _answers(
    b: _Builder, form: FormDefinition, rates: dict[str, float], case: _Case, weakness: float
) -> dict[str, Answer]:
    """The answers of one audit. A question is met when its draw falls under its own rate;
    the draws of one audit share its ``weakness`` (a Gaussian copula), so that a weak case is
    weak across the form and a strong one strong: each question keeps its own compliance, and
    the grades come out as the council's (mostly Requires Improvement) rather than as the
    coin-tossing of independent answers."""
    answers: dict[str, Answer] = {}
    spread = (1 - _CORRELATION**2) ** 0.5
    looked_after = case.status in (LegalStatus.CHILD_WE_CARE_FOR, LegalStatus.CARE_LEAVER)
    for question in form.questions():
        if (
            (question.id == "B7" and not looked_after)
            or (case.unborn and question.id in ("A2", "C5"))
            or b.rng.random() < 0.03
        ):
            answers[question.id] = Answer.NA
            continue
        draw = _NORMAL.cdf(_CORRELATION * weakness + spread * b.rng.gauss(0, 1))
        met = rates[question.id]
        if draw < met:
            answers[question.id] = Answer.YES
        elif draw < met + (1 - met) * 0.25:
            answers[question.id] = Answer.PARTLY
        else:
            answers[question.id] = Answer.NO
    return answers


def _one_better(grade: Grade) -> Grade:
    better = [g for g in Grade if g.rank == grade.rank + 1]
    return better[0] if better else grade


def _one_worse(grade: Grade) -> Grade:
    worse = [g for g in Grade if g.rank == grade.rank - 1]
    return worse[0] if worse else grade


def _audit(
    b: _Builder,
    form: FormDefinition,
    rates: dict[str, float],
    version_id: str,
    case: _Case,
    auditor: _Person,
    moderators: list[_Person],
    adults: list[_Person],
    reviewers: list[_Person],
    day: date,
    *,
    reaudit_of: str | None = None,
    lift: float = 0.0,
    improves: bool | None = None,
) -> _Outcome:
    """One audit carried out on ``day`` (its state follows from how long ago that was).
    ``improves`` (re-audits only) says whether the re-audit moves up from Inadequate."""
    age_days = (b.today - day).days
    # Practice improves over the year: older audits are weaker.
    weakness = b.rng.gauss(_TREND * (age_days / 365 - 0.5) - lift, _SPREAD)
    answers = _answers(b, form, rates, case, weakness)
    audit_id = b.uid()
    in_progress = age_days < 8  # the last week's audits are still being written
    state = AuditState.IN_PROGRESS if in_progress else AuditState.CLOSED
    for question in form.questions():
        if in_progress and b.rng.random() < 0.4:
            continue
        answer = answers[question.id]
        b.add(
            m.Answer,
            audit_id=audit_id,
            question_id=question.id,
            value=answer.value,
            na_reason=b.pick(NA_REASONS) if answer is Answer.NA else "",
            evidence=""
            if b.rng.random() < 0.5
            else "Seen on the case record: "
            + b.pick(WORKING_WELL if answer is Answer.YES else WORRIED).lower(),
        )
    area_grades: list[Grade] = []
    key_failed = False
    for section in form.graded_sections():
        suggestion = suggest_section(form, section, answers, legal_status=case.status)
        key_failed |= suggestion.key_failed
        suggested = suggestion.grade or Grade.REQUIRES_IMPROVEMENT
        grade = suggested
        if b.rng.random() < 0.2:
            grade = _one_better(grade)  # initial grading tends to be generous
        area_grades.append(grade)
        b.add(
            m.SectionReview,
            audit_id=audit_id,
            section_id=section.id,
            grade=None if in_progress else grade.value,
            suggested_grade=suggested.value,
            rationale="" if in_progress else RATIONALES[grade],
            working_well=b.pick(WORKING_WELL),
            worried=b.pick(WORRIED),
            even_better_if=b.pick(EVEN_BETTER_IF),
            practitioner_reflection=b.pick(REFLECTIONS),
            reflection_author_id=case.practitioner.id,
            unmanaged_risk=False,
        )
    overall_suggested = (
        suggest_overall(area_grades, key_failed=key_failed) or Grade.REQUIRES_IMPROVEMENT
    )
    overall = overall_suggested if b.rng.random() > 0.15 else _one_better(overall_suggested)
    if improves is True and overall is Grade.INADEQUATE:
        overall = Grade.REQUIRES_IMPROVEMENT
    elif improves is False:
        overall = Grade.INADEQUATE
    disputes = not in_progress and b.rng.random() < 0.03
    # The product's own selection rule, with the published share and seed as shipped.
    selected = not in_progress and (
        moderation_reason(
            audit_id,
            overall,
            disputed=disputes,
            share_percent=MODERATION_SHARE_PERCENT.default,
            seed=MODERATION_SEED.default,
            area_grades=area_grades,
        )
        is not None
    )
    submitted = day
    # Moderation is due in ten working days; some take longer.
    decided = add_working_days(submitted, b.rng.randint(2, 14))
    moderated_done = selected and decided < b.today
    if selected and not moderated_done:
        state = AuditState.IN_MODERATION
    closed_on = None
    confirmed = overall
    if moderated_done:
        moderator = b.pick([p for p in moderators if p.id != auditor.id])
        closed_on = decided
        for section, grade in zip(form.graded_sections(), area_grades, strict=True):
            _moderate(b, audit_id, section.id, moderator, grade, decided, 0.25, 0.07)
        # A re-audit's overall grade stands as the auditor gave it (its movement is the story).
        confirmed = _moderate(
            b,
            audit_id,
            m.OVERALL,
            moderator,
            overall,
            decided,
            0.0 if reaudit_of else 0.22,
            0.0 if reaudit_of else 0.05,
        )
    elif not selected and not in_progress:
        closed_on = submitted
    audit_type = (
        AuditType.REAUDIT
        if reaudit_of
        else AuditType.THEMATIC
        if b.rng.random() < 0.05
        else AuditType.ROUTINE
    )
    b.add(
        m.Audit,
        id=audit_id,
        reference=audit_reference(audit_id),
        case_id=case.id,
        form_version_id=version_id,
        audit_type=audit_type.value,
        state=state.value,
        auditor_id=auditor.id,
        practitioner_id=case.practitioner.id,
        due_on=next_working_day(day + timedelta(days=b.rng.randint(0, 10))),
        started_on=day,
        submitted_on=None if in_progress else submitted,
        completed_on=None if in_progress else submitted,
        closed_on=closed_on,
        overall_grade=None if in_progress else overall.value,
        overall_suggested=overall_suggested.value,
        overall_rationale="" if in_progress else RATIONALES[overall],
        voice_of_child=""
        if in_progress
        else "The child says they like their social worker and want to stay at their school.",
        impact="" if in_progress else RATIONALES[confirmed],
        outstanding_practice=overall is Grade.OUTSTANDING,
        escalation=False,
        auditor_signed_at=None if in_progress else _at(submitted, 15),
        practitioner_signed_at=None if in_progress else _at(submitted, 16),
        practitioner_disagrees=disputes,
        practitioner_disagreement="I think the grade does not reflect the direct work."
        if disputes
        else "",
        reaudit_of_id=reaudit_of,
        created_at=_at(day, 9),
    )
    b.add(
        m.Participant,
        audit_id=audit_id,
        person_id=case.practitioner.id,
        role=Role.PRACTITIONER.value,
    )
    if case.team.manager and case.team.manager.id != auditor.id and b.rng.random() < 0.5:
        b.add(
            m.Participant,
            audit_id=audit_id,
            person_id=case.team.manager.id,
            role=Role.TEAM_MANAGER.value,
        )
    if adults and b.rng.random() < 0.08:
        b.add(
            m.Participant,
            audit_id=audit_id,
            person_id=b.pick(adults).id,
            role=Role.ADULT_WORKER.value,
        )
    if reviewers and b.rng.random() < 0.08:
        b.add(
            m.Participant,
            audit_id=audit_id,
            person_id=b.pick(reviewers).id,
            role=Role.REVIEWING_OFFICER.value,
        )
    _events(b, audit_id, auditor, day, state, submitted, closed_on, selected)
    if not in_progress:
        for _ in range(b.rng.randint(1, 3)):
            owner = (
                case.practitioner
                if b.rng.random() < 0.7
                else (case.team.manager or case.practitioner)
            )
            _action(b, owner, submitted, audit_id=audit_id)
    if closed_on and audit_type is AuditType.ROUTINE:
        b.closed.append(_Done(audit_id, case, auditor, closed_on, confirmed))
    inadequate_on = None
    if confirmed is Grade.INADEQUATE and not in_progress and (closed_on or not selected):
        inadequate_on = closed_on or submitted
    return _Outcome(
        audit_id,
        moderated_done,
        inadequate_on,
        None if in_progress else confirmed,
        closed_on,
    )


def _moderate(
    b: _Builder,
    audit_id: str,
    section_id: str,
    moderator: _Person,
    grade: Grade,
    decided: date,
    lower: float,
    higher: float,
) -> Grade:
    """One moderation decision: usually agreed, sometimes one grade lower (initial grading
    tends to be generous), now and then one higher. Returns the grade."""
    roll = b.rng.random()
    final, reason = grade, "Agreed."
    if roll < lower and grade is not Grade.INADEQUATE:
        final = _one_worse(grade)
        reason = "Evidence supports a lower grade: " + b.pick(WORRIED).lower()
    elif lower <= roll < lower + higher and grade is not Grade.OUTSTANDING:
        final = _one_better(grade)
        reason = "Evidence supports a higher grade: " + b.pick(WORKING_WELL).lower()
    b.add(
        m.Moderation,
        audit_id=audit_id,
        section_id=section_id,
        moderator_id=moderator.id,
        auditor_grade=grade.value,
        moderated_grade=final.value,
        reason=reason,
        decided_at=_at(decided),
    )
    return final


def _action(
    b: _Builder,
    owner: _Person,
    start: date,
    *,
    audit_id: str | None = None,
    meeting_id: str | None = None,
) -> None:
    """An action due on a working day: most done on time, some done late, some overdue."""
    due = next_working_day(start + timedelta(days=b.rng.randint(14, 56)))
    status, completed = "open", None
    if due < b.today and b.rng.random() < 0.8:
        status = "done"
        if b.rng.random() < 0.2:  # done, but late
            completed = min(b.today, add_working_days(due, b.rng.randint(1, 15)))
        else:
            completed = max(start, _working_days_back(due, b.rng.randint(0, 8)))
    elif due >= b.today and b.rng.random() < 0.3:
        status = "done"
        completed = min(b.today, add_working_days(start, b.rng.randint(3, 10)))
    b.add(
        m.Action,
        audit_id=audit_id,
        meeting_id=meeting_id,
        description=b.pick(ACTIONS),
        owner_id=owner.id,
        due_on=due,
        status=status,
        completed_on=completed,
        created_at=_at(start, 12),
    )


def _meeting(
    b: _Builder, outcome: _Outcome, case: _Case, head: _Person, auditor: _Person
) -> date | None:
    """The reflective meeting for an Inadequate audit; returns the day it was held, if it was."""
    confirmed_on = outcome.confirmed_inadequate_on
    assert confirmed_on is not None
    due = meeting_due_on(confirmed_on, MEETING_WORKING_DAYS.default)
    held: date | None
    if due > b.today:
        held = None if b.rng.random() < 0.7 else _on_or_before(b.today)
    elif b.rng.random() < 0.15:  # held late
        held = add_working_days(due, b.rng.randint(1, 5))
    else:
        held = _working_days_back(due, b.rng.randint(0, 3))
    if held is not None:
        held = min(max(held, confirmed_on), _on_or_before(b.today))
    meeting_id = b.add(
        m.Meeting,
        audit_id=outcome.audit_id,
        head_of_service_id=head.id,
        due_on=due,
        held_on=held,
        attendees=", ".join(
            [head.name, auditor.name, case.practitioner.name]
            + ([case.team.manager.name] if case.team.manager else [])
        )
        if held
        else "",
        barriers="High caseloads and a change of worker delayed the plan." if held else "",
        lived_experience="The child has moved school twice and says no one explains what is "
        "happening."
        if held
        else "",
        signed_off_at=_at(held, 17) if held else None,
        reaudit_due_on=reaudit_due_on(held, REAUDIT_WEEKS.default) if held else None,
    )
    if held:
        _action(b, case.team.manager or case.practitioner, held, meeting_id=meeting_id)
    return held
