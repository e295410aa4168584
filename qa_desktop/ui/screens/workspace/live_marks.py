"""What the workspace shows of a change another laptop made while it is open (the state is
plain: ``EditBuffer.choices`` and ``live_model.ChangedBy``; this is only its look).

- A field open on screen, not being typed in, that another laptop changed carries a small
  "Changed by … just now" badge (the conflict badge in blue), said to assistive technology.
- A field being typed in here that another laptop changed is a choice: the bar under the
  header says "Also changed by …: “their text”" with Use theirs and Keep mine, and the field
  carries an "Also changed" badge (the conflict badge's orange) saying the same.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from qa_desktop.services.audit.workspace_data import FieldRef
from qa_desktop.ui.announce import StatusLabel
from qa_desktop.ui.screens.workspace.conflict_badge import CONFLICT, BadgeLook

CHANGED = BadgeLook("changedBadge", "changed", ("#1d4f91", "#e8f0fb", "#10233f"))
ALSO_CHANGED = CONFLICT


def _t(text: str) -> str:
    return QCoreApplication.translate("LiveMarks", text)


def changed_text(person: str) -> str:
    return _t("Changed by {person} just now").format(person=person or _t("someone else"))


def choice_text(person: str, theirs: str, field: str) -> str:
    return _t(
        "Also changed by {person}: “{theirs}”, in {field}. What you typed stays in the box "
        "and is not saved until you choose."
    ).format(person=person or _t("someone else"), theirs=theirs, field=field)


class ChoiceRow(QWidget):
    """One field's choice: what the other laptop saved, and the two ways on."""

    def __init__(self, ref: FieldRef, text: str, field: str) -> None:
        super().__init__()
        self.ref = ref
        self.label = StatusLabel(text)
        self.label.setObjectName("alsoChanged")
        self.label.setWordWrap(True)
        self.use = QPushButton(_t("Use theirs"))
        self.use.setAccessibleName(_t("Use theirs in {field}").format(field=field))
        self.keep = QPushButton(_t("Keep mine"))
        self.keep.setAccessibleName(_t("Keep mine in {field}").format(field=field))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.use)
        row.addWidget(self.keep)


class ChoiceBar(QFrame):
    """Every open choice of the window, one row each; hidden while there is none."""

    use_theirs = Signal(object)  # FieldRef
    keep_mine = Signal(object)  # FieldRef

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choiceBar")
        self.setAccessibleName(_t("Changed on another laptop too"))
        self.rows: dict[FieldRef, ChoiceRow] = {}
        self._shown: list[tuple[FieldRef, str]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self.hide()

    def show_choices(self, choices: list[tuple[FieldRef, str, str]]) -> None:
        """(field, what the row says, the field's name) for each open choice."""
        wanted = [(ref, text) for ref, text, _field in choices]
        if wanted == self._shown:
            return
        self._shown = wanted
        for row in self.rows.values():
            row.deleteLater()
        self.rows = {}
        for ref, text, field in choices:
            row = self.rows[ref] = ChoiceRow(ref, text, field)
            row.use.clicked.connect(lambda _on=False, r=ref: self.use_theirs.emit(r))
            row.keep.clicked.connect(lambda _on=False, r=ref: self.keep_mine.emit(r))
            self._layout.addWidget(row)
        self.setVisible(bool(choices))
