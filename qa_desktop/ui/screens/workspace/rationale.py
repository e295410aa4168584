"""The rationale gate: a grade that needs a written rationale (PRODUCT.md section 3: every
Outstanding, Good or Inadequate, and any grade that differs from the suggested one) is held
back, not saved, until its rationale is written. Plain Python, no Qt: the edit buffer asks it,
the window only shows what the buffer holds."""

from __future__ import annotations

from qa_desktop.domain.grades import Grade, rationale_required
from qa_desktop.services.audit.workspace_data import (
    GRADE_FIELDS,
    FieldRef,
    Suggestions,
    Target,
    Value,
)


def is_grade(ref: FieldRef) -> bool:
    return ref.field in GRADE_FIELDS


def rationale_of(grade: FieldRef) -> FieldRef:
    """The rationale field that goes with a grade field (an area's, or the overall one)."""
    if grade.target is Target.AREA:
        return FieldRef.area(grade.key, "rationale")
    return FieldRef.audit("overall_rationale")


def grade_of(rationale: FieldRef) -> FieldRef | None:
    """The grade field a rationale field explains (None for any other field)."""
    if rationale.target is Target.AREA and rationale.field == "rationale":
        return FieldRef.area(rationale.key, "grade")
    if rationale.target is Target.AUDIT and rationale.field == "overall_rationale":
        return FieldRef.audit("overall_grade")
    return None


class RationaleGate:
    """Says whether a grade may be saved with the rationale written so far, against the
    grades the answers suggest now."""

    def __init__(self, suggestions: Suggestions | None = None) -> None:
        self._areas: dict[str, Grade | None] = {}
        self._overall: Grade | None = None
        if suggestions is not None:
            self.update(suggestions)

    def update(self, suggestions: Suggestions) -> None:
        self._areas = {key: p.suggested for key, p in suggestions.areas.items()}
        self._overall = suggestions.overall

    def suggested(self, grade: FieldRef) -> Grade | None:
        if grade.target is Target.AREA:
            return self._areas.get(grade.key)
        return self._overall

    def needs_rationale(self, grade: FieldRef, value: Value) -> bool:
        """Whether this grade needs a written rationale at all ("Not graded" never does)."""
        if not value:
            return False
        return rationale_required(Grade(str(value)), self.suggested(grade))

    def admits(self, grade: FieldRef, value: Value, rationale: Value) -> bool:
        """Whether the grade may be saved now, with ``rationale`` as written."""
        return not self.needs_rationale(grade, value) or bool(str(rationale or "").strip())
