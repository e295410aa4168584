"""The grade the tool suggests from the answers (FORMS-CONTENT.md section 5.1).

1. Applicable answers score Yes 1, Partly as the form says, No 0; N/A and unanswered are left
   out. The area's percentage at or above ``good_at`` suggests Good, at or above
   ``requires_improvement_at`` Requires Improvement, below it Inadequate.
2. Outstanding is never suggested.
3. A key question answered No caps the area (Requires Improvement by default); the auditor's
   "unmanaged risk" tick makes it Inadequate. Cap rules in the form can cap further.
4. Overall: Inadequate if any area is; otherwise the most common area grade (a tie goes to the
   lower grade), capped at Requires Improvement if any key question failed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from qa_desktop.domain.answers import Answer, score
from qa_desktop.domain.forms import FormDefinition, LegalStatus, Section
from qa_desktop.domain.grades import Grade


@dataclass(frozen=True)
class SectionSuggestion:
    grade: Grade | None
    percentage: float | None
    answered: int
    total: int
    key_failed: bool


def suggest_section(
    form: FormDefinition,
    section: Section,
    answers: Mapping[str, Answer],
    *,
    legal_status: LegalStatus | None = None,
    unmanaged_risk: bool = False,
) -> SectionSuggestion:
    """Suggest a grade for one section from the answers given so far."""
    scores: list[float] = []
    answered = 0
    key_failed = False
    cap: Grade | None = None
    for question in section.questions:
        answer = answers.get(question.id)
        if answer is None:
            continue
        answered += 1
        value = score(answer, form.partly_counts)
        if value is not None:
            scores.append(value)
        if answer is Answer.NO and question.is_key_for(legal_status):
            key_failed = True
            cap = _lower(cap, form.rules.key_no_cap)
        for rule in form.rules.caps:
            if rule.question_id == question.id and rule.answer == answer.value:
                cap = _lower(cap, rule.cap)
    percentage = 100.0 * sum(scores) / len(scores) if scores else None
    grade: Grade | None
    if unmanaged_risk:
        grade = Grade.INADEQUATE
    elif percentage is None:
        grade = None
    else:
        if percentage >= form.rules.good_at:
            grade = Grade.GOOD
        elif percentage >= form.rules.requires_improvement_at:
            grade = Grade.REQUIRES_IMPROVEMENT
        else:
            grade = Grade.INADEQUATE
        if cap is not None:
            grade = grade.capped_at(cap)
    return SectionSuggestion(grade, percentage, answered, len(section.questions), key_failed)


def suggest_overall(area_grades: list[Grade], *, key_failed: bool = False) -> Grade | None:
    """Suggest the overall grade from the area grades the auditor set (or the suggestions)."""
    if not area_grades:
        return None
    if Grade.INADEQUATE in area_grades:
        return Grade.INADEQUATE
    counts = Counter(area_grades)
    top = max(counts.values())
    grade = min((g for g, n in counts.items() if n == top), key=lambda g: g.rank)
    if grade is Grade.OUTSTANDING:
        # The tool never suggests Outstanding; the auditor may award it with evidence.
        grade = Grade.GOOD
    if key_failed:
        grade = grade.capped_at(Grade.REQUIRES_IMPROVEMENT)
    return grade


def _lower(current: Grade | None, cap: Grade) -> Grade:
    return cap if current is None else current.capped_at(cap)
