"""Bindings between one editable field of an audit and the widget that shows it.

A binding reports the person's edits (``edited``, with the field, so that one slot serves
every binding) and lets the workspace set the value back
(undo, redo, reload) without that counting as an edit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from qa_desktop.services.audit.workspace_data import FieldRef, Value


class Binding(QObject):
    """The interface every binding gives: ``value``, ``_apply`` and ``widgets`` are abstract.
    Each concrete binding below (text, choice, combo, check) implements all three; they raise
    NotImplementedError here rather than use ``abc.abstractmethod`` because Qt's metaclass
    cannot be combined with ``ABCMeta``."""

    edited = Signal(object, object)  # FieldRef, Value

    def __init__(self, ref: FieldRef, immediate: bool) -> None:
        super().__init__()
        self.ref = ref
        # Choices save at once; typing saves after a short pause (and on leaving the field).
        self.immediate = immediate
        self._quiet = False
        self.read_only_reason = ""  # why the field cannot be changed now ("" while it can)
        self._said_why = ""  # the reason last put on the widgets, and only that is taken off

    def value(self) -> Value:
        raise NotImplementedError

    def set_value(self, value: Value) -> None:
        self._quiet = True
        try:
            self._apply(value)
        finally:
            self._quiet = False

    def _apply(self, value: Value) -> None:
        raise NotImplementedError

    def widgets(self) -> list[QWidget]:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self.widgets()[0]

    def set_editable(self, editable: bool, why: str = "") -> None:
        """Editable or not; a field that cannot be changed says why (tooltip and accessible
        description), so that typing into it is never silently dropped."""
        self.read_only_reason = "" if editable else why
        for widget in self.widgets():
            widget.setEnabled(editable)
        self._say_why()

    def _say_why(self) -> None:
        """The reason on the widgets; made editable, the reason said before is taken off,
        and nothing else: a badge's "Changed by ..." on the same widget stays."""
        for widget in self.widgets():
            if self.read_only_reason:
                widget.setToolTip(self.read_only_reason)
                widget.setAccessibleDescription(self.read_only_reason)
            elif self._said_why and widget.accessibleDescription() == self._said_why:
                widget.setToolTip("")
                widget.setAccessibleDescription("")
        self._said_why = self.read_only_reason

    def _changed(self, *_args: object) -> None:
        if not self._quiet:
            self.edited.emit(self.ref, self.value())


class TextBinding(Binding):
    def __init__(self, ref: FieldRef, widget: QPlainTextEdit | QLineEdit) -> None:
        super().__init__(ref, immediate=False)
        self.widget = widget
        if isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._changed)
        else:
            widget.textEdited.connect(self._changed)

    def value(self) -> Value:
        w = self.widget
        return w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()

    def _apply(self, value: Value) -> None:
        text = "" if value is None else str(value)
        if text == self.value():
            return
        if isinstance(self.widget, QPlainTextEdit):
            self.widget.setPlainText(text)
        else:
            self.widget.setText(text)

    def widgets(self) -> list[QWidget]:
        return [self.widget]

    def set_editable(self, editable: bool, why: str = "") -> None:
        # Read-only text can still be focused, read and copied (and its history opened).
        self.read_only_reason = "" if editable else why
        self.widget.setReadOnly(not editable)
        self._say_why()


class ChoiceBinding(Binding):
    """Radio buttons, each standing for a value (an answer)."""

    def __init__(self, ref: FieldRef, buttons: dict[str, QAbstractButton]) -> None:
        super().__init__(ref, immediate=True)
        self.buttons = buttons
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        for button in buttons.values():
            self.group.addButton(button)
        self.group.buttonToggled.connect(self._toggled)

    def _toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._changed()

    def value(self) -> Value:
        for value, button in self.buttons.items():
            if button.isChecked():
                return value
        return None

    def choose(self, value: str) -> None:
        """Pick a value as the person would (it counts as an edit)."""
        button = self.buttons.get(value)
        if button is not None and button.isEnabled():
            button.setChecked(True)
            button.setFocus()

    def _apply(self, value: Value) -> None:
        if value is None or value not in self.buttons:
            self.group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[str(value)].setChecked(True)

    def widgets(self) -> list[QWidget]:
        return list(self.buttons.values())

    def focus_widget(self) -> QWidget:
        checked = self.group.checkedButton()
        return checked or next(iter(self.buttons.values()))


class ComboBinding(Binding):
    """A combo box whose items carry values (``None`` for "not chosen")."""

    def __init__(self, ref: FieldRef, combo: QComboBox) -> None:
        super().__init__(ref, immediate=True)
        self.combo = combo
        combo.currentIndexChanged.connect(self._changed)

    def value(self) -> Value:
        data = self.combo.currentData()
        return None if data in (None, "") else str(data)

    def _apply(self, value: Value) -> None:
        index = self.combo.findData(value if value is not None else "")
        self.combo.setCurrentIndex(max(index, 0))

    def widgets(self) -> list[QWidget]:
        return [self.combo]


class CheckBinding(Binding):
    def __init__(self, ref: FieldRef, box: QCheckBox) -> None:
        super().__init__(ref, immediate=True)
        self.box = box
        box.toggled.connect(self._changed)

    def value(self) -> Value:
        return self.box.isChecked()

    def _apply(self, value: Value) -> None:
        self.box.setChecked(bool(value))

    def widgets(self) -> list[QWidget]:
        return [self.box]
