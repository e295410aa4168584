"""Help > Keyboard shortcuts (ui/widgets/shortcuts.py: read from the window's own actions and
shortcuts, so the list cannot drift from the keys), Help > Guide for your role and Help >
What's new."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from qa_desktop.ui.shell.help_content import GUIDES, guide_text, whats_new_text
from qa_desktop.ui.widgets.buddy import buddy_label
from qa_desktop.ui.widgets.fit import FittedDialog
from qa_desktop.ui.widgets.shortcuts import ShortcutsDialog, close_buttons

__all__ = ["GuideWindow", "ShortcutsDialog", "WhatsNewWindow"]


class _TextWindow(FittedDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setObjectName("helpText")
        self.resize(640, 520)


class GuideWindow(_TextWindow):
    def __init__(self, role_guide: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guide for your role"))
        self.text.setAccessibleName(self.tr("Guide"))
        self.choice = QComboBox()
        self.choice.setObjectName("guideRole")
        for key, title in GUIDES:
            self.choice.addItem(QCoreApplication.translate("Guides", title), key)
        self.choice.currentIndexChanged.connect(self._show)
        top = QHBoxLayout()
        top.addWidget(buddy_label(self.tr("&Guide for:"), self.choice))
        top.addWidget(self.choice, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(close_buttons(self))
        self.choice.setCurrentIndex(max(0, self.choice.findData(role_guide)))
        self._show()

    def _show(self) -> None:
        self.text.setMarkdown(guide_text(str(self.choice.currentData())))


class WhatsNewWindow(_TextWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("What's new"))
        self.text.setAccessibleName(self.tr("What's new"))
        self.text.setMarkdown(whats_new_text())
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(close_buttons(self))
