"""The form files: every shipped form loads, and malformed files fail with messages that name
the file, the line and the field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from qa_desktop.domain.forms import AnswerType, FormDefinition, FormKind, LegalStatus, PartlyCounts
from qa_desktop.domain.grades import Grade
from qa_desktop.errors import FormError
from qa_desktop.formdefs import FORMS_DIR, check_paths, load_form_file, load_form_text

LEARNING_AUDIT_IDS = (
    [f"A{n}" for n in range(1, 9)]
    + [f"B{n}" for n in range(1, 8)]
    + [f"C{n}" for n in range(1, 7)]
    + [f"D{n}" for n in range(1, 7)]
    + [f"E{n}" for n in range(1, 6)]
)

# Lines 1 to 8 of every malformed form below; the questions start on line 9.
HEAD = """\
key: k
version: 1
title: T
kind: thematic
sections:
  - id: S1
    title: Section one
    questions:
"""

ONE_QUESTION = """\
      - id: Q1
        text: One
"""


def shipped() -> dict[str, FormDefinition]:
    forms, errors = check_paths([FORMS_DIR])
    assert [e.render() for e in errors] == []
    return {form.key: form for form in forms}


def load(text: str) -> FormDefinition:
    return load_form_text(textwrap.dedent(text), "bad.yaml")


def error_of(text: str) -> str:
    with pytest.raises(FormError) as info:
        load(text)
    return info.value.render()


# -- the shipped forms ---------------------------------------------------------------------------


def test_every_shipped_form_loads() -> None:
    files = sorted(path.name for path in FORMS_DIR.glob("*.yaml"))
    forms, errors = check_paths([FORMS_DIR])
    assert [e.render() for e in errors] == []
    assert len(forms) == len(files) >= 8
    assert {form.kind for form in forms} == set(FormKind)


def test_learning_audit_questions_and_sections() -> None:
    form = shipped()["learning-audit"]
    assert form.version == 1
    assert form.kind is FormKind.LEARNING_AUDIT
    assert form.title == "Learning audit"
    assert [q.id for q in form.questions()] == LEARNING_AUDIT_IDS
    assert len(LEARNING_AUDIT_IDS) == 32
    assert [(s.id, s.title) for s in form.sections] == [
        ("A", "Assessment"),
        ("B", "Planning"),
        ("C", "Intervention"),
        ("D", "Review"),
        ("E", "Supervision and Management Oversight"),
    ]
    assert all(s.graded for s in form.sections)
    assert all(s.questions[0].id.startswith(s.id) for s in form.sections)
    assert all(q.answer_type is AnswerType.YES_NO and q.text and q.help for q in form.questions())
    assert form.question("A1").text == "Was the child seen as part of the assessment?"
    assert form.question("B7").na_allowed


def test_learning_audit_key_questions() -> None:
    form = shipped()["learning-audit"]
    always_key = {"A1", "A3", "B1", "B3", "C1", "E4"}
    assert {q.id for q in form.questions() if q.key and not q.key_for} == always_key
    d1 = form.question("D1")
    assert d1.key_for == (LegalStatus.CHILD_PROTECTION, LegalStatus.CHILD_WE_CARE_FOR)
    assert d1.is_key_for(LegalStatus.CHILD_PROTECTION)
    assert d1.is_key_for(LegalStatus.CHILD_WE_CARE_FOR)
    assert not d1.is_key_for(LegalStatus.CHILD_IN_NEED)
    assert not d1.is_key_for(LegalStatus.CARE_LEAVER)
    for status in LegalStatus:
        keys = {q.id for q in form.questions() if q.is_key_for(status)}
        expected = always_key | ({"D1"} if status in d1.key_for else set())
        assert keys == expected


def test_learning_audit_grade_rules() -> None:
    form = shipped()["learning-audit"]
    assert form.partly_counts is PartlyCounts.HALF
    assert form.rules.good_at == 90
    assert form.rules.requires_improvement_at == 60
    assert form.rules.key_no_cap is Grade.REQUIRES_IMPROVEMENT
    assert form.has_overall


def test_dip_sample_reuses_learning_audit_questions() -> None:
    forms = shipped()
    dip, learning = forms["dip-sample"], forms["learning-audit"]
    assert dip.kind is FormKind.DIP_SAMPLE
    assert not dip.has_overall
    assert [s.title for s in dip.sections] == ["Dip sample"]
    assert [q.id for q in dip.questions()] == ["A1", "C1"]
    for question in dip.questions():
        original = learning.question(question.id)
        assert (question.text, question.help, question.answer_type) == (
            original.text,
            original.help,
            original.answer_type,
        )


def test_family_feedback_forms() -> None:
    forms = shipped()
    adult, child = forms["family-feedback-adult"], forms["family-feedback-child"]
    for form in (adult, child):
        assert form.kind is FormKind.FAMILY_FEEDBACK
        assert not form.has_overall
        assert not any(s.graded for s in form.sections)
    assert [q.id for q in adult.questions()] == [f"FA{n}" for n in range(1, 13)]
    assert [q.id for q in child.questions()] == [f"FC{n}" for n in range(1, 9)]
    text_ids = {q.id for q in adult.questions() if q.answer_type is AnswerType.TEXT}
    assert text_ids == {"FA10", "FA11"}
    for question in adult.questions():
        if question.answer_type is AnswerType.CHOICE:
            # "yes" and "no" stay text: YAML 1.1 would have read them as true and false.
            assert [(o.value, o.label) for o in question.options] == [
                ("yes", "Yes"),
                ("mostly", "Mostly"),
                ("not_really", "Not really"),
                ("no", "No"),
                ("dont_know", "Don't know"),
            ]
    assert [q.answer_type for q in child.questions()] == [AnswerType.CHOICE] * 6 + [
        AnswerType.TEXT
    ] * 2
    for question in child.questions()[:6]:
        assert [o.value for o in question.options] == ["happy", "okay", "sad"]
    assert [o.label for o in child.question("FC1").options] == ["🙂 Yes", "😐 Sort of", "🙁 No"]


def test_other_shipped_forms() -> None:
    forms = shipped()
    observation = forms["observation-of-practice"]
    types = {q.answer_type for q in observation.questions()}
    assert {AnswerType.YES_NO, AnswerType.SCALE, AnswerType.TEXT} <= types
    scale = next(q for q in observation.questions() if q.answer_type is AnswerType.SCALE)
    assert (scale.scale_min, scale.scale_max) == (0, 10)
    case = forms["bttf-case"]
    assert [q.id for q in case.questions()] == [f"BC{n}" for n in range(1, 8)]
    assert [s.graded for s in case.sections] == [True]
    team = forms["bttf-team"]
    assert not team.has_overall
    assert [s.title for s in team.sections] == [
        "Staff voice",
        "Observations",
        "Family feedback",
        "Summary",
    ]
    assert not any(s.graded for s in team.sections)
    thematic = forms["thematic-template"]
    assert thematic.kind is FormKind.THEMATIC
    assert [s.title for s in thematic.sections] == ["Theme"]
    assert all(q.id.startswith("TH") for q in thematic.questions())


# -- malformed forms: each message names the file, the line and the field ------------------------

MALFORMED = [
    pytest.param(
        HEAD + ONE_QUESTION + "      - id: Q2\n        text: Two\n        type: maybe\n",
        "bad.yaml, line 13, sections[0].questions[1].type: 'maybe' is not an answer type",
        id="unknown answer type",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "      - id: Q1\n        text: Again\n",
        "bad.yaml, line 11, sections[0].questions[1].id: question id 'Q1' is used twice",
        id="duplicate question id in a section",
    ),
    pytest.param(
        HEAD
        + ONE_QUESTION
        + "  - id: S2\n    title: Two\n    questions:\n      - id: Q1\n        text: Again\n",
        "bad.yaml, line 14, sections[1].questions[0].id: question id 'Q1' is used twice",
        id="duplicate question id across sections",
    ),
    pytest.param(
        HEAD
        + ONE_QUESTION
        + "  - id: S1\n    title: Again\n    questions:\n      - id: Q2\n        text: Two\n",
        "bad.yaml, line 11, sections[1].id: section id 'S1' is used twice",
        id="duplicate section id",
    ),
    pytest.param(
        HEAD + "      - id: Q1\n        help: What good looks like.\n",
        "bad.yaml, line 9, sections[0].questions[0]: 'text' is missing",
        id="missing question text",
    ),
    pytest.param(
        HEAD + '      - id: Q1\n        text: ""\n',
        "bad.yaml, line 10, sections[0].questions[0].text: is empty",
        id="empty text",
    ),
    pytest.param(
        HEAD + "      - id: Q1\n        text:\n",
        "bad.yaml, line 10, sections[0].questions[0].text: is empty",
        id="blank text",
    ),
    pytest.param(
        HEAD + "      - id: Q1\n        txt: One\n",
        "bad.yaml, line 10, sections[0].questions[0].txt: is not a known field (known: help, id,",
        id="unknown field",
    ),
    pytest.param(
        HEAD + ONE_QUESTION.replace("One\n", "One\n        text: Two\n"),
        "bad.yaml, line 11, sections[0].questions[0].text: is given twice",
        id="field given twice",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "titel: A typo\n",
        "bad.yaml, line 11, titel: is not a known field",
        id="unknown top-level field",
    ),
    pytest.param(
        HEAD.replace("title: T\n", ""),
        "bad.yaml, line 1, (top): 'title' is missing",
        id="missing title",
    ),
    pytest.param(
        "- key: k\n  version: 1\n",
        "bad.yaml, line 1, (top): should be a set of 'name: value' lines",
        id="top level is a list",
    ),
    pytest.param(
        HEAD.replace("version: 1", "version: 0") + ONE_QUESTION,
        "bad.yaml, line 2, version: should be 1 or more",
        id="version 0",
    ),
    pytest.param(
        HEAD.replace("version: 1", "version: one") + ONE_QUESTION,
        "bad.yaml, line 2, version: 'one' should be a whole number",
        id="version not a number",
    ),
    pytest.param(
        HEAD.replace("version: 1", "version: 1.5") + ONE_QUESTION,
        "bad.yaml, line 2, version: '1.5' should be a whole number",
        id="version not whole",
    ),
    pytest.param(
        HEAD.replace("kind: thematic", "kind: audit") + ONE_QUESTION,
        "bad.yaml, line 4, kind: 'audit' is not a form kind (use one of: learning_audit,",
        id="unknown kind",
    ),
    pytest.param(
        HEAD.replace("key: k", "key: my form") + ONE_QUESTION,
        "bad.yaml, line 1, key: 'my form' is not a usable id",
        id="key with a space",
    ),
    pytest.param(
        HEAD + "sections: []\n",
        "bad.yaml, line 9, sections: is given twice",
        id="sections given twice",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "        type: choice\n",
        "bad.yaml, line 9, sections[0].questions[0]: a choice question needs 'options'",
        id="choice without options",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "        type: choice\n        options: [{value: a, label: A}]\n",
        "bad.yaml, line 12, sections[0].questions[0].options: a choice needs at least two options",
        id="choice with one option",
    ),
    pytest.param(
        HEAD
        + ONE_QUESTION
        + "        type: choice\n        options:\n"
        + "          - {value: a, label: A}\n          - {value: a, label: Again}\n",
        "bad.yaml, line 14, sections[0].questions[0].options[1].value: option 'a' is listed twice",
        id="option listed twice",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "        options: [{value: a, label: A}, {value: b, label: B}]\n",
        "bad.yaml, line 11, sections[0].questions[0].options: only a choice question has options",
        id="options on a yes/no question",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "        type: scale\n        scale: {min: 5, max: 5}\n",
        "bad.yaml, line 12, sections[0].questions[0].scale: min should be below max",
        id="scale min equals max",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "        type: scale\n        scale: {min: 10, max: 0}\n",
        "bad.yaml, line 12, sections[0].questions[0].scale: min should be below max",
        id="scale min above max",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "        scale: {min: 0, max: 5}\n",
        "bad.yaml, line 11, sections[0].questions[0].scale: only a scale question has a scale",
        id="scale on a yes/no question",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "        key_for: [child_protection, looked_after]\n",
        "bad.yaml, line 11, sections[0].questions[0].key_for[1]: 'looked_after' is not a legal "
        "status (use one of: child_in_need, child_protection, child_we_care_for, care_leaver, "
        "early_help)",
        id="unknown legal status",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "        type: text\n        key: true\n",
        "bad.yaml, line 12, sections[0].questions[0].key: only Yes / Partly / No questions can be "
        "key",
        id="key on a text question",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "        type: text\n        key_for: [child_protection]\n",
        "bad.yaml, line 12, sections[0].questions[0].key_for: only Yes / Partly / No questions "
        "can be key",
        id="key_for on a text question",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "        key: perhaps\n",
        "bad.yaml, line 11, sections[0].questions[0].key: 'perhaps' should be true or false",
        id="key not true or false",
    ),
    pytest.param(
        HEAD + "      - id: 1st\n        text: One\n",
        "bad.yaml, line 9, sections[0].questions[0].id: '1st' is not a usable id",
        id="question id starting with a digit",
    ),
    pytest.param(
        HEAD + "      id: Q1\n      text: One\n",
        "bad.yaml, line 9, sections[0].questions: should be a list (lines starting with '- ')",
        id="questions not a list",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "grade_rules:\n  good_at: 70\n  requires_improvement_at: 80\n",
        "bad.yaml, line 12, grade_rules: requires_improvement_at should not be above good_at",
        id="requires improvement above good",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "grade_rules:\n  good_at: 150\n",
        "bad.yaml, line 12, grade_rules.good_at: should be a percentage from 0 to 100",
        id="percentage above 100",
    ),
    pytest.param(
        HEAD
        + ONE_QUESTION
        + "grade_rules:\n  caps:\n    - question: Q9\n      answer: no\n      cap: inadequate\n",
        "bad.yaml, line 13, grade_rules.caps[0].question: names question 'Q9', which the form "
        "does not have",
        id="cap rule naming an unknown question",
    ),
    pytest.param(
        HEAD
        + ONE_QUESTION
        + "grade_rules:\n  caps:\n    - question: Q1\n      answer: no\n      cap: terrible\n",
        "bad.yaml, line 15, grade_rules.caps[0].cap: 'terrible' is not a grade (use Outstanding,",
        id="cap that is not a grade",
    ),
    pytest.param(
        HEAD
        + ONE_QUESTION
        + "grade_rules:\n  caps:\n    - question: Q1\n      answer: maybe\n      cap: RI\n",
        "bad.yaml, line 14, grade_rules.caps[0].answer: 'maybe' should be yes, partly or no",
        id="cap answer that is not an answer",
    ),
    pytest.param(
        HEAD
        + ONE_QUESTION
        + "        type: text\n"
        + "grade_rules:\n  caps:\n    - question: Q1\n      answer: no\n      cap: RI\n",
        "bad.yaml, line 14, grade_rules.caps[0].question: question 'Q1' is not a Yes / Partly / "
        "No question",
        id="cap on a text question",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "grade_rules:\n  caps:\n    - question: Q1\n      cap: RI\n",
        "bad.yaml, line 13, grade_rules.caps[0]: 'answer' is missing",
        id="cap rule without an answer",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "partly_counts: double\n",
        "bad.yaml, line 11, partly_counts: 'double' is not a way to count Partly",
        id="unknown partly_counts",
    ),
    pytest.param(
        HEAD + ONE_QUESTION + "overall: sometimes\n",
        "bad.yaml, line 11, overall: 'sometimes' should be true or false",
        id="overall not true or false",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MALFORMED)
def test_malformed_form_is_refused_with_file_line_and_field(text: str, expected: str) -> None:
    assert error_of(text).startswith(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "key: k\nversion: 1\n  title: T\n",
            "bad.yaml, line 3: this is not valid YAML (mapping values are not allowed here).",
            id="bad indentation",
        ),
        pytest.param(
            "key: k\n\tversion: 1\n",
            "bad.yaml, line 2: this is not valid YAML (found character '\\t' that cannot start",
            id="tab",
        ),
        pytest.param(
            HEAD + '      - id: Q1\n        text: "Is the plan SMART?\n      - id: Q2\n',
            "bad.yaml, line 10: this is not valid YAML (while scanning a quoted scalar, found "
            "unexpected end of stream).",
            id="unclosed quote names the line where it starts",
        ),
        pytest.param(
            "key: k\n---\nkey: l\n",
            "bad.yaml, line 2: this is not valid YAML (but found another document).",
            id="two documents",
        ),
    ],
)
def test_invalid_yaml_names_the_line(text: str, expected: str) -> None:
    assert error_of(text).startswith(expected)


@pytest.mark.parametrize("text", ["", "\n\n", "# Only a comment\n"])
def test_empty_file(text: str) -> None:
    assert error_of(text) == "bad.yaml: the file is empty."


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes((HEAD + "      - id: Q1\n        text: Café\n").encode("latin-1"))
    with pytest.raises(FormError) as info:
        load_form_file(path)
    assert info.value.render() == f"{path}: is not UTF-8 text."
    forms, errors = check_paths([tmp_path])
    assert forms == []
    assert [e.render() for e in errors] == [f"{path}: is not UTF-8 text."]


def test_file_error_names_the_file_not_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "my-form.yaml"
    path.write_text(HEAD + "      - id: Q1\n        text: One\n        type: maybe\n", "utf-8")
    with pytest.raises(FormError) as info:
        load_form_file(path)
    assert info.value.render().startswith(
        "my-form.yaml, line 11, sections[0].questions[0].type: 'maybe' is not an answer type"
    )


def test_check_paths_reports_the_same_key_and_version_twice(tmp_path: Path) -> None:
    copy = HEAD.replace("title: T", "title: Copy")
    version_2 = HEAD.replace("version: 1", "version: 2")
    (tmp_path / "a.yaml").write_text(HEAD + ONE_QUESTION, "utf-8")
    (tmp_path / "b.yaml").write_text(copy + ONE_QUESTION, "utf-8")
    (tmp_path / "c.yaml").write_text(version_2 + ONE_QUESTION, "utf-8")
    forms, errors = check_paths([tmp_path])
    assert sorted((f.key, f.version, f.title) for f in forms) == [
        ("k", 1, "Copy"),
        ("k", 1, "T"),
        ("k", 2, "T"),
    ]
    assert [e.render() for e in errors] == [
        f"{tmp_path / 'b.yaml'}: k version 1 is already defined in {tmp_path / 'a.yaml'}."
    ]


def test_check_paths_reports_every_bad_file_and_an_empty_folder(tmp_path: Path) -> None:
    good, empty = tmp_path / "good", tmp_path / "empty"
    good.mkdir()
    empty.mkdir()
    (good / "ok.yaml").write_text(HEAD + ONE_QUESTION, "utf-8")
    (good / "bad.yaml").write_text(HEAD + "      - id: Q1\n", "utf-8")
    (good / "notes.txt").write_text("not a form", "utf-8")
    forms, errors = check_paths([good, empty, tmp_path / "missing.yaml"])
    assert [f.key for f in forms] == ["k"]
    messages = [e.render() for e in errors]
    assert messages[0] == "bad.yaml, line 9, sections[0].questions[0]: 'text' is missing"
    assert messages[1] == f"{empty}: holds no .yaml form files."
    assert messages[2].startswith(f"{tmp_path / 'missing.yaml'}: cannot be read")
    assert len(messages) == 3


# -- values that YAML 1.1 would change -----------------------------------------------------------


def test_answer_no_in_a_cap_rule_stays_the_word_no() -> None:
    form = load(
        HEAD
        + ONE_QUESTION
        + "      - id: Q2\n        text: Two\n"
        + "grade_rules:\n  caps:\n"
        + "    - {question: Q1, answer: no, cap: inadequate}\n"
        + "    - {question: Q2, answer: No, cap: RI}\n"
        + "    - {question: Q2, answer: yes, cap: good}\n"
    )
    assert [(c.question_id, c.answer, c.cap) for c in form.rules.caps] == [
        ("Q1", "no", Grade.INADEQUATE),
        ("Q2", "no", Grade.REQUIRES_IMPROVEMENT),
        ("Q2", "yes", Grade.GOOD),
    ]


def test_yes_and_no_option_values_and_labels_stay_words() -> None:
    form = load(
        HEAD
        + ONE_QUESTION
        + "        type: choice\n        options:\n"
        + "          - {value: yes, label: Yes}\n          - {value: no, label: No}\n"
        + "          - {value: off, label: Off}\n"
    )
    assert [(o.value, o.label) for o in form.question("Q1").options] == [
        ("yes", "Yes"),
        ("no", "No"),
        ("off", "Off"),
    ]


def test_defaults_and_folded_text() -> None:
    form = load(
        HEAD
        + "      - id: Q1\n        text: >\n          A long question\n          over two lines?\n"
        + "        help: '  Spaces   are   tidied.  '\n"
        + "      - id: Q2\n        text: Key for some\n"
        + "        key_for: [child_protection]\n"
    )
    q1, q2 = form.questions()
    assert q1.text == "A long question over two lines?"
    assert q1.help == "Spaces are tidied."
    assert (q1.answer_type, q1.key, q1.na_allowed) == (AnswerType.YES_NO, False, True)
    assert q2.key and q2.key_for == (LegalStatus.CHILD_PROTECTION,)
    assert form.partly_counts is PartlyCounts.HALF
    assert (form.rules.good_at, form.rules.requires_improvement_at) == (90, 60)
    assert form.rules.key_no_cap is Grade.REQUIRES_IMPROVEMENT
    assert form.has_overall
    assert form.sections[0].graded
