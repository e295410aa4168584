"""Observation of practice: a manager records an observed visit or meeting on its short form
(with the family's consent), grades the observed practice and gives feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.forms import AnswerType, FormDefinition
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.roles import Role
from qa_desktop.errors import PermissionRefused, ValidationError
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock
from qa_desktop.services.programme.forms import form_from_source
from qa_desktop.services.published import read_rights
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder

OBSERVATION_FORM = "observation-of-practice"


class Setting(StrEnum):
    HOME_VISIT = "home_visit"
    MEETING = "meeting"
    DIRECT_WORK = "direct_work"

    @property
    def label(self) -> str:
        return {
            "home_visit": "Home visit",
            "meeting": "Meeting",
            "direct_work": "Direct work session",
        }[self.value]


@dataclass(frozen=True)
class ObservationForm:
    form_version_id: str
    form: FormDefinition


@dataclass(frozen=True)
class ObservationEntry:
    practitioner_id: str
    setting: Setting
    observed_on: date
    consent_given: bool
    answers: dict[str, str]  # question id -> yes/partly/no/na, a number, or text
    grade: Grade | None
    case_reference: str = ""


@dataclass(frozen=True)
class ObservationRow:
    id: str
    observed_on: date
    observer: str
    practitioner: str
    team: str
    setting: Setting
    grade: Grade | None


def may_observe(actor: Actor) -> bool:
    return actor.person.role.is_manager or actor.person.role is Role.QA_OFFICER


def manages_team_of(session: Session, observer_id: str, practitioner_id: str) -> bool:
    """Whether the observer manages the practitioner's own team: its team manager (the same
    team), or a senior manager over it (the team's service or area)."""
    observer = session.get(m.Person, observer_id)
    practitioner = session.get(m.Person, practitioner_id)
    if observer is None or practitioner is None or practitioner.team_id is None:
        return False
    team = session.get(m.Team, practitioner.team_id)
    assert team is not None
    if observer.team_id is not None:
        return observer.team_id == team.id
    return (observer.service_id is not None and observer.service_id == team.service_id) or (
        observer.area_id is not None and observer.area_id == team.area_id
    )


class ObservationService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def form(self) -> ObservationForm:
        with self._store.reader() as session:
            found = session.execute(
                select(m.FormVersion.id, m.FormVersion.source)
                .join(m.Form, m.Form.id == m.FormVersion.form_id)
                .where(m.Form.key == OBSERVATION_FORM)
                .order_by(m.FormVersion.version.desc())
                .limit(1)
            ).first()
        if found is None:
            raise ValidationError("The observation of practice form is not in this store.")
        return ObservationForm(found[0], form_from_source(found[1], OBSERVATION_FORM))

    @writes(Change.OBSERVATIONS)
    def record(self, entry: ObservationEntry, actor: Actor) -> str:
        if not may_observe(actor):
            raise PermissionRefused("Observations of practice are recorded by managers.")
        if entry.practitioner_id == actor.id:
            raise ValidationError("You cannot record an observation of your own practice.")
        if not entry.consent_given:
            raise ValidationError(
                "An observation is recorded only with the family's consent. Ask for it first."
            )
        observation = self.form()
        questions = {q.id: q for q in observation.form.questions()}
        for question_id, value in entry.answers.items():
            question = questions.get(question_id)
            if question is None:
                raise ValidationError(
                    "Question {question} is not on the observation form.", question=question_id
                )
            if not value:
                continue
            if question.answer_type is AnswerType.YES_NO:
                try:
                    Answer(value)
                except ValueError:
                    raise ValidationError(
                        "'{value}' is not an answer to question {question}.",
                        value=value,
                        question=question_id,
                    ) from None
            if question.answer_type is AnswerType.SCALE and not (
                value.isdigit() and question.scale_min <= int(value) <= question.scale_max
            ):
                raise ValidationError(
                    "Question {question} takes a number from {low} to {high}.",
                    question=question_id,
                    low=question.scale_min,
                    high=question.scale_max,
                )
        with self._store.session() as session:
            # Published by the QA team: managers observe their own team's practitioners only
            # (the QA team, who run the programme, observe any).
            if (
                read_rights(session).observations_by_own_managers
                and actor.person.role.is_manager
                and not manages_team_of(session, actor.id, entry.practitioner_id)
            ):
                raise PermissionRefused(
                    "Observations of practice are made by managers of the practitioner's own "
                    "team, as the QA team has published."
                )
            case_id = None
            if entry.case_reference.strip():
                case_id = session.scalar(
                    select(m.Case.id).where(m.Case.reference == entry.case_reference.strip())
                )
                if case_id is None:
                    raise ValidationError(
                        "There is no case {reference} in this store.",
                        reference=entry.case_reference.strip(),
                    )
            recorder = Recorder(session, actor.id, self._clock())
            row = recorder.insert(
                m.Observation,
                form_version_id=observation.form_version_id,
                observer_id=actor.id,
                practitioner_id=entry.practitioner_id,
                case_id=case_id,
                setting=entry.setting.value,
                observed_on=entry.observed_on,
                consent_given=True,
                grade=entry.grade.value if entry.grade else None,
                created_at=recorder.now,
            )
            session.flush()  # the parent row first: answers refer to it
            for question_id, value in entry.answers.items():
                if value.strip():
                    recorder.insert(
                        m.ObservationAnswer,
                        observation_id=row.id,
                        question_id=question_id,
                        value=value.strip(),
                    )
            return row.id

    def list(self) -> tuple[ObservationRow, ...]:
        observer, practitioner = aliased(m.Person), aliased(m.Person)
        with self._store.reader() as session:
            rows = session.execute(
                select(m.Observation, observer.name, practitioner.name, m.Team.name)
                .join(observer, observer.id == m.Observation.observer_id)
                .join(practitioner, practitioner.id == m.Observation.practitioner_id)
                .outerjoin(m.Team, m.Team.id == practitioner.team_id)
                .where(m.Observation.deleted_at.is_(None))
                .order_by(m.Observation.observed_on.desc())
            ).all()
        return tuple(
            ObservationRow(
                o.id,
                o.observed_on,
                obs,
                prac,
                team or "",
                Setting(o.setting),
                Grade(o.grade) if o.grade else None,
            )
            for o, obs, prac, team in rows
        )
