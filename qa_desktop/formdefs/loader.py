"""Form files: YAML that the QA team can edit, checked strictly, with errors that name the
file, the line and the field (for example ``learning-audit.yaml, line 41,
sections[0].questions[2].type: 'maybe' is not an answer type``).

The format is documented in ``forms/README.md``. The file is read with PyYAML's node API
rather than ``safe_load`` so that every value keeps its line number and so that YAML 1.1's
surprises (``no`` read as false) cannot change an answer value.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

import yaml

from qa_desktop.domain.forms import (
    AnswerType,
    CapRule,
    FormDefinition,
    FormKind,
    GradeRules,
    LegalStatus,
    Option,
    PartlyCounts,
    Question,
    Section,
    StandardMeasure,
)
from qa_desktop.domain.grades import Grade
from qa_desktop.errors import FormError


def _forms_dir() -> Path:
    """The shipped forms: beside the package in a checkout, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "forms"
    return Path(__file__).resolve().parents[2] / "forms"


FORMS_DIR = _forms_dir()
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,31}$")
_BOOL_TRUE = {"true", "yes", "on"}
_BOOL_FALSE = {"false", "no", "off"}
E = TypeVar("E")
K = TypeVar("K", bound=StrEnum)


def shipped_form_files(folder: Path = FORMS_DIR) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def load_form_file(path: Path) -> FormDefinition:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FormError(
            "{file}: cannot be read ({reason}).", file=str(path), reason=exc.strerror
        ) from exc
    except UnicodeDecodeError as exc:
        raise FormError("{file}: is not UTF-8 text.", file=str(path)) from exc
    return load_form_text(text, path.name)


def load_form_text(text: str, source: str) -> FormDefinition:
    """Read one form from YAML text; ``source`` names it in error messages."""
    return _Reader(source).form(text)


def check_paths(paths: Iterable[Path]) -> tuple[list[FormDefinition], list[FormError]]:
    """Read every ``.yaml`` file named (folders are searched); return forms and errors."""
    forms: list[FormDefinition] = []
    errors: list[FormError] = []
    seen: dict[tuple[str, int], Path] = {}
    for path in paths:
        files = shipped_form_files(path) if path.is_dir() else [path]
        if path.is_dir() and not files:
            errors.append(FormError("{file}: holds no .yaml form files.", file=str(path)))
        for file in files:
            try:
                form = load_form_file(file)
            except FormError as exc:
                errors.append(exc)
                continue
            forms.append(form)
            ident = (form.key, form.version)
            if ident in seen:
                errors.append(
                    FormError(
                        "{file}: {key} version {version} is already defined in {first}.",
                        file=str(file),
                        key=form.key,
                        version=form.version,
                        first=str(seen[ident]),
                    )
                )
            else:
                seen[ident] = file
    return forms, errors


@dataclass
class _Reader:
    source: str

    # -- errors -------------------------------------------------------------------------------

    def fail(self, node: yaml.Node | None, field: str, problem: str) -> FormError:
        line = node.start_mark.line + 1 if node is not None else 1
        return FormError(
            "{file}, line {line}, {field}: {problem}",
            file=self.source,
            line=line,
            field=field or "(top)",
            problem=problem,
        )

    # -- primitive readers --------------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, field: str, allowed: set[str], required: set[str]
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, field, "should be a set of 'name: value' lines")
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            where = f"{field}.{key}" if field else str(key)
            if not isinstance(key, str):
                raise self.fail(key_node, field, "field names must be plain words")
            if key in result:
                raise self.fail(key_node, where, "is given twice")
            if key not in allowed:
                raise self.fail(
                    key_node, where, f"is not a known field (known: {', '.join(sorted(allowed))})"
                )
            result[key] = value_node
        missing = sorted(required - result.keys())
        if missing:
            raise self.fail(node, field, f"'{missing[0]}' is missing")
        return result

    def sequence(self, node: yaml.Node, field: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, field, "should be a list (lines starting with '- ')")
        return list(node.value)

    def text(self, node: yaml.Node, field: str, *, required: bool = True) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, field, "should be text")
        value = (
            " ".join(str(node.value).split()) if node.style in (None, "", '"', "'") else node.value
        )
        value = str(value).strip()
        if required and not value:
            raise self.fail(node, field, "is empty")
        return value

    def ident(self, node: yaml.Node, field: str) -> str:
        value = self.text(node, field)
        if not _ID.match(value):
            raise self.fail(
                node, field, f"'{value}' is not a usable id (letters, digits, - _ . ; up to 32)"
            )
        return value

    def boolean(self, node: yaml.Node, field: str) -> bool:
        value = self.text(node, field).lower()
        if value in _BOOL_TRUE:
            return True
        if value in _BOOL_FALSE:
            return False
        raise self.fail(node, field, f"'{value}' should be true or false")

    def number(self, node: yaml.Node, field: str, *, whole: bool = False) -> float:
        value = self.text(node, field)
        try:
            return int(value) if whole else float(value)
        except ValueError:
            kind = "a whole number" if whole else "a number"
            raise self.fail(node, field, f"'{value}' should be {kind}") from None

    def enum(self, node: yaml.Node, field: str, kind: type[K], what: str) -> K:
        value = self.text(node, field)
        try:
            return kind(value)
        except ValueError:
            known = ", ".join(m.value for m in kind)
            raise self.fail(node, field, f"'{value}' is not {what} (use one of: {known})") from None

    def grade(self, node: yaml.Node, field: str) -> Grade:
        value = self.text(node, field)
        try:
            return Grade.parse(value)
        except ValueError as exc:
            raise self.fail(node, field, str(exc)) from None

    def optional(
        self,
        fields: dict[str, yaml.Node],
        name: str,
        read: Callable[[yaml.Node, str], E],
        default: E,
        where: str,
    ) -> E:
        node = fields.get(name)
        return default if node is None else read(node, f"{where}.{name}" if where else name)

    # -- the form -----------------------------------------------------------------------------

    def form(self, text: str) -> FormDefinition:
        try:
            root = _compose(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "unreadable"
            if exc.context_mark and mark and mark.index >= len(text.rstrip()):
                # An unclosed quote or bracket is only noticed at the end of the file: name the
                # line where it began instead.
                mark = exc.context_mark
                problem = f"{exc.context}, {exc.problem}" if exc.context else problem
            line = mark.line + 1 if mark else 1
            raise FormError(
                "{file}, line {line}: this is not valid YAML ({problem}).",
                file=self.source,
                line=line,
                problem=problem,
            ) from None
        except yaml.YAMLError as exc:
            raise FormError(
                "{file}: this is not valid YAML ({problem}).", file=self.source, problem=str(exc)
            ) from None
        if root is None:
            raise FormError("{file}: the file is empty.", file=self.source)
        top = self.mapping(
            root,
            "",
            {
                "key",
                "version",
                "title",
                "kind",
                "description",
                "partly_counts",
                "grade_rules",
                "overall",
                "sections",
                "standard_measure",
            },
            {"key", "version", "title", "kind", "sections"},
        )
        key = self.ident(top["key"], "key")
        version = int(self.number(top["version"], "version", whole=True))
        if version < 1:
            raise self.fail(top["version"], "version", "should be 1 or more")
        title = self.text(top["title"], "title")
        kind = self.enum(top["kind"], "kind", FormKind, "a form kind")
        description = self.optional(top, "description", self._free_text, "", "")
        partly = self.optional(
            top,
            "partly_counts",
            lambda n, f: self.enum(n, f, PartlyCounts, "a way to count Partly"),
            PartlyCounts.HALF,
            "",
        )
        overall = self.optional(top, "overall", self.boolean, True, "")
        measure = self.optional(
            top, "standard_measure", self._measure, StandardMeasure.APPLICABLE, ""
        )
        section_nodes = self.sequence(top["sections"], "sections")
        if not section_nodes:
            raise self.fail(top["sections"], "sections", "a form needs at least one section")
        sections: list[Section] = []
        section_ids: set[str] = set()
        question_ids: set[str] = set()
        for index, node in enumerate(section_nodes):
            section = self.section(node, f"sections[{index}]", question_ids)
            if section.id in section_ids:
                raise self.fail(
                    node, f"sections[{index}].id", f"section id '{section.id}' is used twice"
                )
            section_ids.add(section.id)
            sections.append(section)
        questions = {q.id: q for s in sections for q in s.questions}
        rules = self.optional(
            top, "grade_rules", lambda n, f: self.rules(n, f, questions), GradeRules(), ""
        )
        return FormDefinition(
            key=key,
            version=version,
            title=title,
            kind=kind,
            sections=tuple(sections),
            description=description,
            partly_counts=partly,
            rules=rules,
            has_overall=overall,
            standard_measure=measure,
        )

    def _measure(self, node: yaml.Node, field: str) -> StandardMeasure:
        return self.enum(node, field, StandardMeasure, "a standard measure")

    def _free_text(self, node: yaml.Node, field: str) -> str:
        return self.text(node, field, required=False)

    def section(self, node: yaml.Node, where: str, question_ids: set[str]) -> Section:
        fields = self.mapping(
            node,
            where,
            {"id", "title", "description", "graded", "questions", "descriptors"},
            {"id", "title", "questions"},
        )
        section_id = self.ident(fields["id"], f"{where}.id")
        descriptors: tuple[tuple[Grade, str], ...] = self.optional(
            fields, "descriptors", self.descriptors, (), where
        )
        questions: list[Question] = []
        for index, q_node in enumerate(self.sequence(fields["questions"], f"{where}.questions")):
            q_where = f"{where}.questions[{index}]"
            question = self.question(q_node, q_where)
            if question.id in question_ids:
                raise self.fail(
                    q_node, f"{q_where}.id", f"question id '{question.id}' is used twice"
                )
            question_ids.add(question.id)
            questions.append(question)
        return Section(
            id=section_id,
            title=self.text(fields["title"], f"{where}.title"),
            questions=tuple(questions),
            graded=self.optional(fields, "graded", self.boolean, True, where),
            description=self.optional(fields, "description", self._free_text, "", where),
            descriptors=descriptors,
        )

    def descriptors(self, node: yaml.Node, where: str) -> tuple[tuple[Grade, str], ...]:
        """What each grade looks like in this area: all four grades, each described."""
        names = {g.value for g in Grade}
        fields = self.mapping(node, where, names, names)
        return tuple(
            (grade, self.text(fields[grade.value], f"{where}.{grade.value}"))
            for grade in Grade.best_first()
        )

    def question(self, node: yaml.Node, where: str) -> Question:
        fields = self.mapping(
            node,
            where,
            {
                "id",
                "text",
                "help",
                "type",
                "key",
                "key_for",
                "na_allowed",
                "options",
                "scale",
                "standard_measure",
                "voice_of_child",
            },
            {"id", "text"},
        )
        answer_type = self.optional(
            fields,
            "type",
            lambda n, f: self.enum(n, f, AnswerType, "an answer type"),
            AnswerType.YES_NO,
            where,
        )
        key_for: tuple[LegalStatus, ...] = ()
        if "key_for" in fields:
            key_for = tuple(
                self.enum(n, f"{where}.key_for[{i}]", LegalStatus, "a legal status")
                for i, n in enumerate(self.sequence(fields["key_for"], f"{where}.key_for"))
            )
        key = self.optional(fields, "key", self.boolean, bool(key_for), where)
        if key and answer_type is not AnswerType.YES_NO:
            name = "key" if "key" in fields else "key_for"  # key_for alone also makes it key
            raise self.fail(
                fields[name], f"{where}.{name}", "only Yes / Partly / No questions can be key"
            )
        voice = self.optional(fields, "voice_of_child", self.boolean, False, where)
        for name in ("standard_measure", "voice_of_child"):
            if name in fields and answer_type is not AnswerType.YES_NO:
                raise self.fail(
                    fields[name], f"{where}.{name}", "only Yes / Partly / No questions have it"
                )
        options: tuple[Option, ...] = ()
        if answer_type is AnswerType.CHOICE:
            if "options" not in fields:
                raise self.fail(node, where, "a choice question needs 'options'")
            options = self.options(fields["options"], f"{where}.options")
        elif "options" in fields:
            raise self.fail(
                fields["options"], f"{where}.options", "only a choice question has options"
            )
        scale_min, scale_max = 0, 10
        if "scale" in fields:
            if answer_type is not AnswerType.SCALE:
                raise self.fail(
                    fields["scale"], f"{where}.scale", "only a scale question has a scale"
                )
            scale = self.mapping(fields["scale"], f"{where}.scale", {"min", "max"}, {"min", "max"})
            scale_min = int(self.number(scale["min"], f"{where}.scale.min", whole=True))
            scale_max = int(self.number(scale["max"], f"{where}.scale.max", whole=True))
            if scale_min >= scale_max:
                raise self.fail(fields["scale"], f"{where}.scale", "min should be below max")
        return Question(
            id=self.ident(fields["id"], f"{where}.id"),
            text=self.text(fields["text"], f"{where}.text"),
            help=self.optional(fields, "help", self._free_text, "", where),
            answer_type=answer_type,
            key=key,
            key_for=key_for,
            na_allowed=self.optional(fields, "na_allowed", self.boolean, True, where),
            options=options,
            scale_min=scale_min,
            scale_max=scale_max,
            standard_measure=self.optional(fields, "standard_measure", self._measure, None, where),
            voice_of_child=voice,
        )

    def options(self, node: yaml.Node, where: str) -> tuple[Option, ...]:
        result: list[Option] = []
        for index, item in enumerate(self.sequence(node, where)):
            fields = self.mapping(item, f"{where}[{index}]", {"value", "label"}, {"value", "label"})
            value = self.ident(fields["value"], f"{where}[{index}].value")
            if any(o.value == value for o in result):
                raise self.fail(
                    item, f"{where}[{index}].value", f"option '{value}' is listed twice"
                )
            result.append(Option(value, self.text(fields["label"], f"{where}[{index}].label")))
        if len(result) < 2:
            raise self.fail(node, where, "a choice needs at least two options")
        return tuple(result)

    def rules(self, node: yaml.Node, where: str, questions: dict[str, Question]) -> GradeRules:
        fields = self.mapping(
            node, where, {"good_at", "requires_improvement_at", "key_no_cap", "caps"}, set()
        )
        good_at = self.optional(fields, "good_at", self.number, 90.0, where)
        ri_at = self.optional(fields, "requires_improvement_at", self.number, 60.0, where)
        for name, value in (("good_at", good_at), ("requires_improvement_at", ri_at)):
            if not 0 <= value <= 100:
                raise self.fail(
                    fields[name], f"{where}.{name}", "should be a percentage from 0 to 100"
                )
        if ri_at > good_at:
            raise self.fail(node, where, "requires_improvement_at should not be above good_at")
        caps: list[CapRule] = []
        if "caps" in fields:
            for index, item in enumerate(self.sequence(fields["caps"], f"{where}.caps")):
                c_where = f"{where}.caps[{index}]"
                cap_fields = self.mapping(
                    item, c_where, {"question", "answer", "cap"}, {"question", "answer", "cap"}
                )
                question_id = self.text(cap_fields["question"], f"{c_where}.question")
                if question_id not in questions:
                    raise self.fail(
                        cap_fields["question"],
                        f"{c_where}.question",
                        f"names question '{question_id}', which the form does not have",
                    )
                if questions[question_id].answer_type is not AnswerType.YES_NO:
                    raise self.fail(
                        cap_fields["question"],
                        f"{c_where}.question",
                        f"question '{question_id}' is not a Yes / Partly / No question",
                    )
                answer = self.text(cap_fields["answer"], f"{c_where}.answer").lower()
                if answer not in {"yes", "partly", "no"}:
                    raise self.fail(
                        cap_fields["answer"],
                        f"{c_where}.answer",
                        f"'{answer}' should be yes, partly or no",
                    )
                caps.append(
                    CapRule(question_id, answer, self.grade(cap_fields["cap"], f"{c_where}.cap"))
                )
        return GradeRules(
            good_at=good_at,
            requires_improvement_at=ri_at,
            key_no_cap=self.optional(
                fields, "key_no_cap", self.grade, Grade.REQUIRES_IMPROVEMENT, where
            ),
            caps=tuple(caps),
        )


def _compose(text: str) -> yaml.Node | None:
    """The YAML node tree: libyaml's parser when present (the same line marks, about twenty
    times faster); on an error, the pure Python parser again, whose messages people read."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)
