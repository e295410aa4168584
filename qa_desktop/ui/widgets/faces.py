"""Faces for the child-friendly questionnaire, drawn rather than taken from an emoji font
(many desktop fonts lack the emoji, which would show as empty boxes)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

FACE_COLOURS = {"happy": "#2e7d32", "okay": "#b26a00", "sad": "#c62828"}


def face_pixmap(value: str, size: int = 40) -> QPixmap:
    """A round face: smiling for ``happy``, straight for ``okay``, frowning for ``sad``."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(FACE_COLOURS.get(value, "#3d4a5c"))
    pen = QPen(colour, max(2.0, size / 14))
    painter.setPen(pen)
    painter.setBrush(QColor("#fff8e1"))
    margin = size * 0.08
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.setBrush(colour)
    eye = size * 0.06
    painter.drawEllipse(QPointF(size * 0.36, size * 0.4), eye, eye)
    painter.drawEllipse(QPointF(size * 0.64, size * 0.4), eye, eye)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    mouth = QRectF(size * 0.3, size * 0.45, size * 0.4, size * 0.3)
    if value == "happy":
        painter.drawArc(mouth, 200 * 16, 140 * 16)
    elif value == "sad":
        painter.drawArc(mouth.translated(0, size * 0.2), 20 * 16, 140 * 16)
    else:
        painter.drawLine(QPointF(size * 0.33, size * 0.66), QPointF(size * 0.67, size * 0.66))
    painter.end()
    return pixmap


def face_icon(value: str, size: int = 40) -> QIcon:
    return QIcon(face_pixmap(value, size))
