"""A small badge beside a field. The conflict badge: the field has an open sync conflict (the
same field was changed on another computer while the two were apart); the badge, the field's
tooltip and its accessible description say what the other value is and where to settle it,
and it goes when the conflict is settled. The same badge, in other words and colours, marks a
field another laptop changed just now (``live_marks.py``).

The badge floats over the field's parent (the pages lay fields out in many ways): on the
top-right corner of a text box or list, just after the last answer button. A tick box, often
in a tight corner, carries it inline instead, as its icon.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QPlainTextEdit, QWidget

from qa_desktop.domain.answers import Answer
from qa_desktop.domain.forms import AnswerType, FormDefinition
from qa_desktop.domain.grades import Grade
from qa_desktop.services.audit.workspace_data import (
    BOOL_FIELDS,
    GRADE_FIELDS,
    FieldConflict,
    FieldRef,
    Target,
)
from qa_desktop.ui.labels import grade_label
from qa_desktop.ui.screens.workspace.bindings import Binding

_LONGEST = 80  # characters of the other value quoted in the message


def _t(text: str) -> str:
    return QCoreApplication.translate("ConflictBadge", text)


def value_text(ref: FieldRef, value: object, form: FormDefinition) -> str:
    """The other value as the person knows it: answer and grade labels, ticked or not."""
    if ref.field in BOOL_FIELDS:
        return _t("ticked") if value else _t("not ticked")
    if value in (None, ""):
        return _t("(empty)")
    text = str(value)
    if ref.field in GRADE_FIELDS:
        with contextlib.suppress(ValueError):
            return grade_label(Grade(text))
    if ref.target is Target.ANSWER and ref.field == "value":
        with contextlib.suppress(KeyError, ValueError):
            question = form.question(ref.key)
            if question.answer_type is AnswerType.YES_NO:
                return _t(Answer(text).label)
            if question.answer_type is AnswerType.CHOICE:
                return next((o.label for o in question.options if o.value == text), text)
    text = " ".join(text.split())
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _when(moment: str | None) -> str:
    return (moment or "").replace("T", " ")[:16]


def conflict_message(
    ref: FieldRef, conflict: FieldConflict, form: FormDefinition, actor_id: str
) -> str:
    """What the badge says, from the point of view of the person looking."""
    other = value_text(ref, conflict.other_value, form)
    if conflict.other_actor_id == actor_id and conflict.current_actor_id != actor_id:
        return _t(
            "Changed on another computer too, by {author}, and that value is shown. Yours, "
            "“{value}”, is kept; open Sync > Conflicts to settle it."
        ).format(author=conflict.current_author or _t("someone"), value=other)
    return _t(
        "Changed on another computer too: “{value}” ({author}, {when}). Yours is kept; open "
        "Sync > Conflicts to settle it."
    ).format(
        value=other,
        author=conflict.other_author or _t("someone"),
        when=_when(conflict.other_at),
    )


@dataclass(frozen=True)
class BadgeLook:
    """What kind of badge: its object name (the stylesheet's colours), the field's outline
    property, and the colours of the pill drawn on a tick box (outline, fill, text)."""

    name: str
    outline: str
    pill: tuple[str, str, str]


CONFLICT = BadgeLook("conflictBadge", "conflict", ("#b35c00", "#fff1e0", "#7a3a00"))


class FieldBadge(QLabel):
    """The badge of one field, following its anchor widget around."""

    def __init__(
        self,
        binding: Binding,
        text: str | None = None,
        accessible_name: str | None = None,
        look: BadgeLook = CONFLICT,
    ) -> None:
        widgets = binding.widgets()
        # Answer buttons: after the last one; anything else: the field itself.
        self.anchor = widgets[-1] if isinstance(widgets[0], QAbstractButton) else widgets[0]
        super().__init__(text or _t("Conflict"), self.anchor.parentWidget())
        self.binding = binding
        self.look = look
        self.setObjectName(look.name)
        self.setAccessibleName(accessible_name or _t("Sync conflict"))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self.message = ""
        self._originals = {w: (w.toolTip(), w.accessibleDescription()) for w in widgets}
        self.anchor.installEventFilter(self)
        self.hide()

    @property
    def inline(self) -> bool:
        """True where the badge is the tick box's icon rather than a label beside it."""
        return isinstance(self.anchor, QCheckBox)

    @property
    def shown(self) -> bool:
        """Whether the field is marked now."""
        if isinstance(self.anchor, QCheckBox):  # inline
            return not self.anchor.icon().isNull()
        return not self.isHidden()

    def show_message(self, message: str) -> None:
        self.message = message
        self.setToolTip(message)
        self.setAccessibleDescription(message)
        for widget in self._originals:
            widget.setToolTip(message)
            widget.setAccessibleDescription(message)
            _mark(widget, self.look.outline, True)
        if isinstance(self.anchor, QCheckBox):
            pixmap = _pill(self.text(), self.anchor, self.look.pill)
            self.anchor.setIcon(QIcon(pixmap))
            ratio = pixmap.devicePixelRatio() or 1.0
            self.anchor.setIconSize(
                QSize(round(pixmap.width() / ratio), round(pixmap.height() / ratio))
            )
            self.hide()
            return
        self.adjustSize()
        self._place()

    def clear(self) -> None:
        self.message = ""
        for widget, (tip, description) in self._originals.items():
            widget.setToolTip(tip)
            widget.setAccessibleDescription(description)
            _mark(widget, self.look.outline, False)
        if isinstance(self.anchor, QCheckBox):
            self.anchor.setIcon(QIcon())
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.anchor and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self._place()
        return False

    def _place(self) -> None:
        anchor = self.anchor
        if self.inline:
            return
        if not self.message or anchor.isHidden():
            self.hide()
            return
        frame = anchor.geometry()
        if isinstance(anchor, QAbstractButton):  # just after its text
            x = frame.x() + min(frame.width(), anchor.sizeHint().width()) + 6
            y = frame.y() + (frame.height() - self.height()) // 2
        elif isinstance(anchor, QPlainTextEdit):  # inside its bottom-right corner: a box's
            # first line and the label above it both stay readable
            x = frame.right() - self.width() - 6
            y = frame.bottom() - self.height() - 4
        else:  # on the top-right corner
            x = frame.right() - self.width() - 6
            y = frame.y() - self.height() // 2
        parent = self.parentWidget()
        if parent is not None:
            x = max(0, min(x, parent.width() - self.width()))
            y = max(0, min(y, parent.height() - self.height()))
        self.move(x, y)
        self.show()
        self.raise_()


def _mark(widget: QWidget, outline: str, on: bool) -> None:
    """The field's outline (the stylesheet draws it for ``conflict="true"`` and the like)."""
    if widget.property(outline) == on:
        return
    widget.setProperty(outline, on)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def _pill(text: str, like: QWidget, colours: tuple[str, str, str]) -> QPixmap:
    """The badge drawn as a picture (a tick box's icon), in the badge's colours."""
    font = QFont(like.font())
    font.setBold(True)
    font.setPointSizeF(max(font.pointSizeF() - 1, 7.0))
    metrics = QFontMetrics(font)
    width, height = metrics.horizontalAdvance(text) + 12, metrics.height() + 2
    ratio = like.devicePixelRatioF()
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    outline, fill, ink = colours
    painter.setPen(QPen(QColor(outline), 1))
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(QRectF(0.5, 0.5, width - 1, height - 1), height / 2, height / 2)
    painter.setFont(font)
    painter.setPen(QColor(ink))
    painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap
