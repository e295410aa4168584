"""Filters that fold away on a short screen, so that a list keeps room for its rows.

A 1366x768 laptop at 200% has 384 pixels of height for everything: nine filters in three rows
left the Audits list two rows, and the Reports slice boxes the whole screen. Below
:data:`SHORT` pixels of screen height the filters start folded behind one button (beside the
Audits search box, beside the Reports title); the button says how many are in use and, on
hover and to a screen reader, which. The person's own click decides from then on.

Folded, each filter's mnemonic still works: it opens the filters and moves to that box (a
hidden label's mnemonic would do nothing). Open, the labels' own mnemonics work, and the
fold's stand aside, so that no key is claimed twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QScreen, QShortcut, QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QToolButton, QWidget

SHORT = 600  # screen height (device-independent pixels) below which filters start folded


def starts_folded(screen: QScreen | None) -> bool:
    return screen is not None and screen.availableGeometry().height() < SHORT


class FilterFold(QToolButton):
    """Shows and hides ``parts``, which hold ``rows`` (each a filter's label and its box);
    ``owner`` is the screen the filters are on; ``refit`` is called after they are shown or
    hidden (a WrapGrid lays its items out again)."""

    def __init__(
        self,
        rows: Sequence[tuple[QLabel, QComboBox]],
        parts: Sequence[QWidget],
        owner: QWidget,
        refit: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(owner)
        self._rows = tuple(rows)
        self._parts = tuple(parts)
        self._refit = refit
        self._chosen = False  # the person has opened or folded the filters themselves
        self.setCheckable(True)
        self.setChecked(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setArrowType(Qt.ArrowType.DownArrow)
        self._keys: list[QShortcut] = []
        for label, box in self._rows:
            key = QKeySequence.mnemonic(label.text())
            if key.isEmpty():
                continue
            shortcut = QShortcut(key, owner)  # active while ``owner`` is the screen in sight
            shortcut.setEnabled(False)
            shortcut.activated.connect(lambda box=box: self._reach(box))
            self._keys.append(shortcut)
            box.currentIndexChanged.connect(self._describe)
        self.toggled.connect(self._show_rows)
        self.clicked.connect(self._chose)
        self._describe()

    @property
    def is_open(self) -> bool:
        return self.isChecked()

    def in_use(self) -> list[str]:
        """Each filter narrowing the list, as "Team: Central Family Safeguarding B"."""
        return [
            f"{label.text().replace('&', '').rstrip(':')}: {box.currentText()}"
            for label, box in self._rows
            if box.currentIndex() > 0
        ]

    def showEvent(self, event: QShowEvent) -> None:
        if not self._chosen:
            self.setChecked(not starts_folded(QWidget.screen(self)))
        super().showEvent(event)

    def _chose(self) -> None:
        self._chosen = True

    def _reach(self, box: QComboBox) -> None:
        self._chosen = True
        self.setChecked(True)
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_rows(self, shown: bool) -> None:
        for part in self._parts:
            part.setVisible(shown)
        if self._refit is not None:
            self._refit()
        for shortcut in self._keys:
            shortcut.setEnabled(not shown)
        self.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self._describe()

    def _describe(self) -> None:
        used = self.in_use()
        if used:
            self.setText(self.tr("F&ilters ({count} in use)").format(count=len(used)))
            said = self.tr("Filters in use: {filters}").format(filters="; ".join(used))
        else:
            self.setText(self.tr("F&ilters"))
            said = self.tr("No filters in use")
        verb = self.tr("Hide the filters") if self.is_open else self.tr("Show the filters")
        self.setToolTip(f"{verb}. {said}")
        self.setAccessibleDescription(said)
