"""Form editing for the QA team: change a form's questions, help text, answer types and grade
rules in the app. Saving makes a new version, published to everyone; audits keep the version
they were started on.

Question ids are stable: an edited question keeps its id, and a new question gets an id that
no version of the form has ever used, so that reports compare like with like across versions.
Thematic forms are made the same way, by picking questions (with their ids) from other forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from qa_desktop.domain.forms import AnswerType, FormDefinition
from qa_desktop.domain.roles import Capability
from qa_desktop.errors import FormError, PermissionRefused, ValidationError
from qa_desktop.formdefs import load_form_text
from qa_desktop.services.changes import Change, writes
from qa_desktop.services.clock import Clock
from qa_desktop.services.programme.forms import (
    FormVersionInfo,
    form_from_source,
    latest_versions,
    publish_sources,
)
from qa_desktop.services.setup.people import Actor
from qa_desktop.store import models as m
from qa_desktop.store.engine import Store

_ID = re.compile(r"^([A-Za-z]*)(\d+)$")
EDITABLE_TYPES = (AnswerType.YES_NO, AnswerType.TEXT, AnswerType.SCALE, AnswerType.NUMBER)


@dataclass(frozen=True)
class QuestionEdit:
    """One question as it should be in the new version. ``id`` empty: a new question."""

    section_id: str
    text: str
    help: str = ""
    answer_type: AnswerType = AnswerType.YES_NO
    key: bool = False
    id: str = ""


@dataclass(frozen=True)
class RulesEdit:
    good_at: float
    requires_improvement_at: float


@dataclass(frozen=True)
class EditableForm:
    key: str
    version: int
    form: FormDefinition
    used_ids: frozenset[str]  # every question id any version has used


@dataclass(frozen=True)
class SavedVersion:
    key: str
    version: int
    new_ids: tuple[str, ...]


def _all_sources(session: Session, key: str) -> list[tuple[int, str]]:
    return [
        (version, source)
        for version, source in session.execute(
            select(m.FormVersion.version, m.FormVersion.source)
            .join(m.Form, m.Form.id == m.FormVersion.form_id)
            .where(m.Form.key == key)
            .order_by(m.FormVersion.version)
        )
    ]


def _used_ids(sources: list[tuple[int, str]], key: str) -> frozenset[str]:
    return frozenset(
        q.id for version, source in sources for q in form_from_source(source, key).questions()
    )


def _every_form_id(session: Session) -> frozenset[str]:
    """Every question id any version of any form has used."""
    return frozenset(
        q.id
        for key, source in session.execute(
            select(m.Form.key, m.FormVersion.source).join(
                m.FormVersion, m.FormVersion.form_id == m.Form.id
            )
        )
        for q in form_from_source(source, key).questions()
    )


def next_id(prefix: str, used: set[str]) -> str:
    """The next id with ``prefix`` that has never been used (A7 after A1..A6)."""
    highest = 0
    for existing in used:
        match = _ID.match(existing)
        if match and match.group(1) == prefix:
            highest = max(highest, int(match.group(2)))
    return f"{prefix}{highest + 1}"


def _prefix(section_id: str) -> str:
    return section_id.upper() if re.fullmatch(r"[A-Za-z]{1,3}", section_id) else "Q"


def rewrite_source(
    source: str,
    version: int,
    questions: tuple[QuestionEdit, ...],
    used: frozenset[str],
    rules: RulesEdit | None = None,
    *,
    key: str | None = None,
    title: str | None = None,
    kind: str | None = None,
    picked: frozenset[str] = frozenset(),
    reserved: frozenset[str] = frozenset(),
) -> tuple[str, tuple[str, ...]]:
    """The form's YAML with the questions (and rules) replaced; returns it and the new ids.

    Every scalar is read as text (``yes`` stays the word yes), so options keep their values.
    ``picked`` ids are questions copied from other forms: they keep their ids. New ids avoid
    ``used`` and ``reserved`` (the ids of every other form: reports match answers by id).
    """
    data: dict[str, Any] = yaml.load(source, Loader=yaml.BaseLoader)  # every scalar as text
    data["version"] = str(version)
    if key is not None:
        data["key"] = key
    if title is not None:
        data["title"] = title
    if kind is not None:
        data["kind"] = kind
    if rules is not None:
        data.setdefault("grade_rules", {})
        data["grade_rules"]["good_at"] = str(rules.good_at)
        data["grade_rules"]["requires_improvement_at"] = str(rules.requires_improvement_at)
    old: dict[str, dict[str, Any]] = {}
    prefixes: dict[str, str] = {}
    for section in data.get("sections", []):
        for question in section.get("questions", []):
            old[question["id"]] = question
            match = _ID.match(question["id"])
            if match and match.group(1):
                prefixes.setdefault(section["id"], match.group(1))
        section["questions"] = []
    sections = {s["id"]: s for s in data.get("sections", [])}
    taken = set(used) | reserved
    new_ids: list[str] = []
    seen: set[str] = set()
    for edit in questions:
        section = sections.get(edit.section_id)
        if section is None:
            raise ValidationError(
                "There is no section {section} on this form.", section=edit.section_id
            )
        if not edit.text.strip():
            raise ValidationError("A question needs its text.")
        question_id = edit.id
        if not question_id:
            prefix = prefixes.get(edit.section_id) or _prefix(edit.section_id)
            question_id = next_id(prefix, taken)
            new_ids.append(question_id)
        elif question_id not in old and question_id in used and question_id not in picked:
            raise ValidationError(
                "Question id {question} was used by an earlier version for another question; "
                "a question that comes back keeps its old id only if it is the same question.",
                question=question_id,
            )
        if question_id in seen:
            raise ValidationError("Question {question} is on the form twice.", question=question_id)
        seen.add(question_id)
        taken.add(question_id)
        entry: dict[str, Any] = dict(old.get(question_id, {}))
        entry["id"] = question_id
        entry["text"] = " ".join(edit.text.split())
        if edit.help.strip():
            entry["help"] = " ".join(edit.help.split())
        else:
            entry.pop("help", None)
        if edit.answer_type is AnswerType.YES_NO:
            entry.pop("type", None)
        else:
            entry["type"] = edit.answer_type.value
        if edit.answer_type in (AnswerType.YES_NO, AnswerType.CHOICE):
            entry["key"] = "true" if edit.key else "false"
        else:
            entry.pop("key", None)
            entry.pop("key_for", None)
        section["questions"].append(entry)
    data["sections"] = [s for s in data.get("sections", []) if s["questions"]]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=96), tuple(new_ids)


class FormEditingService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def forms(self) -> tuple[FormVersionInfo, ...]:
        with self._store.reader() as session:
            return tuple(latest_versions(session))

    def load(self, key: str) -> EditableForm:
        with self._store.reader() as session:
            sources = _all_sources(session, key)
        if not sources:
            raise ValidationError("There is no form {key} in this store.", key=key)
        version, source = sources[-1]
        return EditableForm(key, version, form_from_source(source, key), _used_ids(sources, key))

    @writes(Change.FORMS)
    def save(
        self,
        key: str,
        base_version: int,
        questions: tuple[QuestionEdit, ...],
        actor: Actor,
        rules: RulesEdit | None = None,
    ) -> SavedVersion:
        """Publish the edited form as the next version (all or nothing)."""
        if not actor.can(Capability.MANAGE_PROGRAMME):
            raise PermissionRefused("Only the QA team can change forms.")
        with self._store.session() as session:
            sources = _all_sources(session, key)
            if not sources:
                raise ValidationError("There is no form {key} in this store.", key=key)
            latest, source = sources[-1]
            if latest != base_version:
                raise ValidationError(
                    "{key} has been changed since you opened it (it is now version {latest}). "
                    "Open it again and make your changes on the newest version.",
                    key=key,
                    latest=latest,
                )
            text, new_ids = rewrite_source(
                source,
                latest + 1,
                questions,
                _used_ids(sources, key),
                rules,
                reserved=_every_form_id(session),
            )
            self._check(text, key)
            publish_sources(session, [(f"{key} v{latest + 1}", text)], self._clock, actor)
        return SavedVersion(key, latest + 1, new_ids)

    @writes(Change.FORMS)
    def create(
        self,
        key: str,
        title: str,
        template_key: str,
        questions: tuple[QuestionEdit, ...],
        actor: Actor,
    ) -> SavedVersion:
        """A new form (version 1) made from a template form's sections, e.g. a thematic form."""
        if not actor.can(Capability.MANAGE_PROGRAMME):
            raise PermissionRefused("Only the QA team can make forms.")
        if not re.fullmatch(r"[a-z][a-z0-9-]{2,39}", key):
            raise ValidationError(
                "'{key}' cannot be a form key: use 3 to 40 lower-case letters, digits and "
                "hyphens, starting with a letter.",
                key=key,
            )
        with self._store.session() as session:
            if session.scalar(select(m.Form.id).where(m.Form.key == key)):
                raise ValidationError("There is already a form {key}.", key=key)
            sources = _all_sources(session, template_key)
            if not sources:
                raise ValidationError("There is no form {key} in this store.", key=template_key)
            picked = frozenset(q.id for q in questions if q.id)
            text, new_ids = rewrite_source(
                sources[-1][1],
                1,
                questions,
                _used_ids(sources, template_key) | picked,
                key=key,
                title=title,
                picked=picked,
                reserved=_every_form_id(session),
            )
            self._check(text, key)
            publish_sources(session, [(f"{key} v1", text)], self._clock, actor)
        return SavedVersion(key, 1, new_ids)

    @staticmethod
    def _check(text: str, key: str) -> None:
        try:
            load_form_text(text, key)
        except FormError as exc:
            raise ValidationError(
                "The changed form is not valid, so it has not been saved: {problem}",
                problem=str(exc),
            ) from exc
