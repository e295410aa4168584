"""The rationale gate, without a window: which grades wait for a written rationale."""

from __future__ import annotations

from qa_desktop.domain.grades import Grade
from qa_desktop.services.audit.workspace_data import FieldRef, Progress, Suggestions
from qa_desktop.ui.screens.workspace.rationale import (
    RationaleGate,
    grade_of,
    is_grade,
    rationale_of,
)

AREA = FieldRef.area("B", "grade")
OVERALL = FieldRef.audit("overall_grade")


def gate(area: Grade | None, overall: Grade | None = None) -> RationaleGate:
    return RationaleGate(Suggestions({"B": Progress(3, 5, 60.0, area, False)}, overall))


def test_each_grade_pairs_with_its_own_rationale() -> None:
    assert rationale_of(AREA) == FieldRef.area("B", "rationale")
    assert rationale_of(OVERALL) == FieldRef.audit("overall_rationale")
    assert grade_of(FieldRef.area("B", "rationale")) == AREA
    assert grade_of(FieldRef.audit("overall_rationale")) == OVERALL
    assert grade_of(FieldRef.area("B", "worried")) is None
    assert is_grade(AREA) and is_grade(OVERALL) and not is_grade(FieldRef.area("B", "rationale"))


def test_outstanding_good_and_inadequate_always_need_a_rationale() -> None:
    g = gate(Grade.GOOD)
    for grade in ("outstanding", "good", "inadequate"):
        assert g.needs_rationale(AREA, grade)
        assert not g.admits(AREA, grade, "")
        assert g.admits(AREA, grade, "Seen in the plan.")


def test_requires_improvement_needs_one_only_against_the_suggestion() -> None:
    assert not gate(Grade.REQUIRES_IMPROVEMENT).needs_rationale(AREA, "requires_improvement")
    assert not gate(None).needs_rationale(AREA, "requires_improvement")  # nothing suggested yet
    assert gate(Grade.GOOD).needs_rationale(AREA, "requires_improvement")
    assert not gate(None).needs_rationale(AREA, None)  # "Not graded"


def test_the_suggestions_move_the_gate() -> None:
    g = gate(Grade.GOOD, overall=Grade.REQUIRES_IMPROVEMENT)
    assert g.needs_rationale(AREA, "requires_improvement")
    assert not g.needs_rationale(OVERALL, "requires_improvement")
    g.update(Suggestions({"B": Progress(5, 5, 70.0, Grade.REQUIRES_IMPROVEMENT, False)}, None))
    assert not g.needs_rationale(AREA, "requires_improvement")
    assert g.admits(AREA, "requires_improvement", "   ")
    assert not g.admits(AREA, "good", "   ")  # white space is no rationale
