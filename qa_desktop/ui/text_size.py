"""The person's text size, applied to the whole application: every ``font-size: Npt`` of
the application's stylesheet and the application's own font are scaled, so every window,
open or opened later, follows at once. The standard stylesheet is kept on the application
(a property), so changing the size again never scales an already scaled sheet."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from qa_desktop.domain.personal_settings import TEXT_SIZE_DEFAULT, scaled_points

_POINTS = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)pt")
_STANDARD_SHEET = "qaStandardStyleSheet"
_STANDARD_POINTS = "qaStandardPointSize"
_TEXT_SIZE = "qaTextSize"


def scaled_stylesheet(sheet: str, text_size: int) -> str:
    """``sheet`` with each font size in points at ``text_size`` per cent."""
    if text_size == TEXT_SIZE_DEFAULT:
        return sheet

    def scale(match: re.Match[str]) -> str:
        points = scaled_points(float(match.group(1)), text_size)
        return f"font-size: {points:g}pt"

    return _POINTS.sub(scale, sheet)


def at_text_size(sheet: str) -> str:
    """A window's own stylesheet (the audit window's, its presentation layout's) at the text
    size the application is at now."""
    app = QApplication.instance()
    size = app.property(_TEXT_SIZE) if app is not None else None
    return scaled_stylesheet(sheet, size if isinstance(size, int) else TEXT_SIZE_DEFAULT)


def apply_text_size(app: QApplication, text_size: int) -> None:
    app.setProperty(_TEXT_SIZE, text_size)
    standard = app.property(_STANDARD_SHEET)
    if not isinstance(standard, str):
        standard = app.styleSheet()
        app.setProperty(_STANDARD_SHEET, standard)
    points = app.property(_STANDARD_POINTS)
    if not isinstance(points, float):
        points = app.font().pointSizeF()
        app.setProperty(_STANDARD_POINTS, points)
    font = app.font()
    if points > 0:
        font.setPointSizeF(scaled_points(points, text_size))
        app.setFont(font)
    app.setStyleSheet(scaled_stylesheet(standard, text_size))
