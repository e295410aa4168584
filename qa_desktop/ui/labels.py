"""Translated words for the domain's values (grades, states, roles...), and grade colours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from qa_desktop.domain.audit_types import AuditType
from qa_desktop.domain.grades import Grade
from qa_desktop.domain.lifecycle import AuditState
from qa_desktop.domain.roles import Role


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def grade_label(grade: Grade | None) -> str:
    return _t(grade.label) if grade else ""


def state_label(state: AuditState) -> str:
    return _t(state.label)


def role_label(role: Role) -> str:
    return _t(role.label)


def audit_type_label(value: str) -> str:
    try:
        return _t(AuditType(value).label)
    except ValueError:
        return value


# Colour-blind-safe pairs (background, text) for grade chips; text also says the grade.
GRADE_COLOURS = {
    Grade.OUTSTANDING: ("#1b5e20", "#ffffff"),
    Grade.GOOD: ("#c8e6c9", "#1b3d1f"),
    Grade.REQUIRES_IMPROVEMENT: ("#ffe0b2", "#5d3200"),
    Grade.INADEQUATE: ("#b71c1c", "#ffffff"),
}


def grade_colours(grade: Grade | None) -> tuple[QColor, QColor] | None:
    if grade is None:
        return None
    background, text = GRADE_COLOURS[grade]
    return QColor(background), QColor(text)
