"""A small county built row by row for reporting tests: two teams in two areas, two
auditors, and audits with exactly the answers, grades and dates a test asks for."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from qa_desktop.domain.references import audit_reference
from qa_desktop.services.actors import SYSTEM
from qa_desktop.services.clock import Clock
from qa_desktop.services.programme.forms import publish_sources, shipped_sources
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store
from qa_desktop.store.recorder import Recorder

SECTIONS = ("A", "B", "C", "D", "E")


class World:
    def __init__(self, store: Store, clock: Clock, extra_forms: list[tuple[str, str]] = ()) -> None:  # type: ignore[assignment]
        self.store = store
        self.clock = clock
        with store.session() as session:
            publish_sources(session, [*shipped_sources(), *extra_forms], clock, SYSTEM)
            session.flush()
            self.versions = {
                key: vid
                for key, vid in session.execute(
                    select(m.Form.key, m.FormVersion.id).join(
                        m.FormVersion, m.FormVersion.form_id == m.Form.id
                    )
                )
            }
            r = self._recorder(session)
            self.areas = {n: r.insert(m.Area, name=n).id for n in ("West", "East")}
            session.flush()
            self.services = {"Early Help": r.insert(m.Service, name="Early Help").id}
            self.teams = {
                key: r.insert(
                    m.Team,
                    name=f"{area} Early Help",
                    area_id=self.areas[area],
                    service_id=self.services["Early Help"],
                ).id
                for key, area in (("west", "West"), ("east", "East"))
            }
            session.flush()
            self.people = {
                "ann": r.insert(
                    m.Person,
                    name="Ann Auditor",
                    role="team_manager",
                    team_id=self.teams["east"],
                    is_auditor=True,
                ).id,
                "bob": r.insert(
                    m.Person,
                    name="Bob Auditor",
                    role="qa_officer",
                    is_auditor=True,
                    is_moderator=True,
                ).id,
                "pat": r.insert(
                    m.Person, name="Pat Worker", role="practitioner", team_id=self.teams["west"]
                ).id,
                "sam": r.insert(
                    m.Person, name="Sam Worker", role="practitioner", team_id=self.teams["east"]
                ).id,
            }
            session.flush()
            worker = {"west": "pat", "east": "sam"}
            self.cases = {
                key: r.insert(
                    m.Case,
                    reference=f"CR-{key}",
                    initials="AB",
                    age_years=9,
                    legal_status="child_in_need",
                    team_id=self.teams[key],
                    practitioner_id=self.people[worker[key]],
                ).id
                for key in ("west", "east")
            }
        self._worker = worker

    def _recorder(self, session) -> Recorder:  # type: ignore[no-untyped-def]
        return Recorder(session, None, self.clock())

    def audit(
        self,
        completed_on: date | None,
        answers: dict[str, str] | None = None,
        *,
        team: str = "west",
        grade: str | None = "good",
        sections: dict[str, str] | None = None,
        state: str = "closed",
        audit_type: str = "routine",
        form: str = "learning-audit",
        auditor: str = "ann",
        reaudit_of: str | None = None,
        voice: str = "The child says they feel listened to.",
        even_better_if: str = "",
        due_on: date | None = None,
    ) -> str:
        with self.store.session() as session:
            r = self._recorder(session)
            audit_id = m.new_id()
            audit = r.insert(
                m.Audit,
                id=audit_id,
                reference=audit_reference(audit_id),
                case_id=self.cases[team],
                form_version_id=self.versions[form],
                audit_type=audit_type,
                state=state,
                auditor_id=self.people[auditor],
                practitioner_id=self.people[self._worker[team]],
                due_on=due_on,
                started_on=completed_on,
                submitted_on=completed_on,
                completed_on=completed_on,
                closed_on=completed_on if state == "closed" else None,
                overall_grade=grade,
                voice_of_child=voice,
                reaudit_of_id=reaudit_of,
                created_at=self.clock(),
            )
            session.flush()
            for question, value in (answers or {}).items():
                r.insert(m.Answer, audit_id=audit.id, question_id=question, value=value)
            for section, section_grade in (sections or {}).items():
                r.insert(
                    m.SectionReview,
                    audit_id=audit.id,
                    section_id=section,
                    grade=section_grade,
                    even_better_if=even_better_if,
                )
            if even_better_if and not sections:
                r.insert(
                    m.SectionReview,
                    audit_id=audit.id,
                    section_id="A",
                    even_better_if=even_better_if,
                )
            return audit.id

    def moderate(self, audit_id: str, section: str, auditor_grade: str, moderated: str) -> None:
        with self.store.session() as session:
            self._recorder(session).insert(
                m.Moderation,
                audit_id=audit_id,
                section_id=section,
                moderator_id=self.people["bob"],
                auditor_grade=auditor_grade,
                moderated_grade=moderated,
                decided_at=datetime(2026, 5, 1, tzinfo=UTC),
            )

    def meeting(
        self, audit_id: str, due_on: date, held_on: date | None, reaudit_due_on: date | None
    ) -> str:
        with self.store.session() as session:
            return (
                self._recorder(session)
                .insert(
                    m.Meeting,
                    audit_id=audit_id,
                    head_of_service_id=self.people["bob"],
                    due_on=due_on,
                    held_on=held_on,
                    reaudit_due_on=reaudit_due_on,
                )
                .id
            )

    def action(
        self, audit_id: str, due_on: date, status: str = "open", completed_on: date | None = None
    ) -> None:
        with self.store.session() as session:
            self._recorder(session).insert(
                m.Action,
                audit_id=audit_id,
                description="Update the chronology",
                owner_id=self.people["pat"],
                due_on=due_on,
                status=status,
                completed_on=completed_on,
                created_at=self.clock(),
            )
